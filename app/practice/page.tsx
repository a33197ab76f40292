import type { Metadata } from "next";
import { notFound } from "next/navigation";
import { QuestionCard } from "@/components/practice/question-card";
import { requireUser } from "@/lib/server/access";
import { currentPresentation, presentationForStudent } from "@/lib/services/practice";
import { todayProgress } from "@/lib/services/today";
import { presentationIdSchema } from "@/lib/validation/practice";
import { submitAnswerAction } from "./actions";

export const metadata: Metadata = { title: "Practice" };

type PracticePageProps = { searchParams: Promise<Record<string, string | string[] | undefined>> };

/**
 * /practice shows the student's current question (issuing a new presentation
 * when the last one was answered); /practice?p=<id> shows one of their own
 * presentations, with its result once answered.
 */
export default async function PracticePage({ searchParams }: PracticePageProps) {
  const user = await requireUser("/practice");
  const { p } = await searchParams;
  let question;
  if (p !== undefined) {
    const id = presentationIdSchema.safeParse(p);
    if (!id.success) notFound();
    question = await presentationForStudent(user.id, id.data);
    if (!question) notFound();
  } else {
    question = await currentPresentation(user.id);
  }
  const progress = await todayProgress(user.id);
  return (
    <main className="mx-auto max-w-3xl px-4 py-8 sm:px-6 sm:py-10">
      <div className="mb-4 flex items-center gap-3 text-sm text-slate-600" data-testid="goal-progress">
        <label htmlFor="practice-goal">Today&apos;s goal</label>
        <progress id="practice-goal" className="h-2 min-w-0 flex-1" max={progress.goal} value={Math.min(progress.done, progress.goal)}>
          {progress.done} of {progress.goal}
        </progress>
        <span>
          {progress.done} of {progress.goal}
        </span>
      </div>
      {question ? (
        <QuestionCard key={question.presentationId} question={question} action={submitAnswerAction} />
      ) : (
        <div className="rounded-xl border border-slate-200 bg-white p-8 text-center">
          <h1 className="text-xl font-semibold">No questions yet</h1>
          <p className="mt-2 text-slate-600">There are no published questions to practise. Ask your instructor to publish some.</p>
        </div>
      )}
    </main>
  );
}
