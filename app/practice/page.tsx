import type { Metadata } from "next";
import { QuestionCard } from "@/components/practice/question-card";
import { requireUser } from "@/lib/server/access";
import { nextPracticeQuestion } from "@/lib/services/practice";
import { submitAnswerAction } from "./actions";

export const metadata: Metadata = { title: "Practice" };

export default async function PracticePage() {
  const user = await requireUser("/practice");
  const question = await nextPracticeQuestion(user.id);
  return (
    <main className="mx-auto max-w-3xl px-6 py-10">
      {question ? (
        <QuestionCard key={question.questionVersionId} question={question} submit={submitAnswerAction} />
      ) : (
        <div className="rounded-xl border border-slate-200 bg-white p-8 text-center">
          <h1 className="text-xl font-semibold">No questions yet</h1>
          <p className="mt-2 text-slate-600">There are no published questions to practise. Ask your instructor to publish some.</p>
        </div>
      )}
    </main>
  );
}
