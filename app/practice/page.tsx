import type { Metadata } from "next";
import Link from "next/link";
import { notFound, redirect } from "next/navigation";
import { PracticeModeNav } from "@/components/practice/practice-mode-nav";
import { PracticeProgress, PracticeRunner } from "@/components/practice/practice-runner";
import { RunningExamNotice } from "@/components/practice/running-exam-notice";
import { requireUser } from "@/lib/server/access";
import { currentPresentation, presentationForStudent, type PracticeQuestionView, type PracticeScope } from "@/lib/services/practice";
import { topicBySlug } from "@/lib/services/practice-modes";
import { practiceScreen } from "@/lib/services/practice-screen";
import { currentEnrolment } from "@/lib/services/enrolment";
import { runningMockExams } from "@/lib/services/mock-exam";
import { todayProgress } from "@/lib/services/today";
import { presentationIdSchema } from "@/lib/validation/practice";
import { practiceQuerySchema, singleParam } from "@/lib/validation/practice-modes";
import { reportProblemAction, submitAnswerAction, toggleBookmarkAction } from "./actions";

export const metadata: Metadata = { title: "Practice" };

type PracticePageProps = { searchParams: Promise<Record<string, string | string[] | undefined>> };

type Heading = { title: string; empty: { title: string; body: string; link?: { href: string; label: string } } };

const ADAPTIVE_HEADING: Heading = {
  title: "Adaptive practice",
  empty: { title: "No questions yet", body: "There are no published questions to practise. Ask your instructor to publish some." },
};

/** The scope a query asks for, and how the page names it; not found for an unknown mode or topic. */
async function scopeOf(params: Record<string, string | string[] | undefined>): Promise<{ scope: PracticeScope; heading: Heading }> {
  const mode = singleParam(params.mode);
  const topic = singleParam(params.topic);
  if (mode === null || topic === null) notFound();
  const query = practiceQuerySchema.safeParse({ mode, topic });
  if (!query.success) notFound();
  if (query.data.topic !== undefined) {
    const found = await topicBySlug(query.data.topic);
    if (!found) notFound();
    return {
      scope: { mode: "TOPIC_DRILL", topicId: found.id },
      heading: {
        title: `Topic drill: ${found.name}`,
        empty: {
          title: "No questions in this topic yet",
          body: "This topic has no published questions to drill.",
          link: { href: "/practice/topics", label: "Choose another topic" },
        },
      },
    };
  }
  if (query.data.mode === "mistakes") {
    return {
      scope: { mode: "MISTAKES" },
      heading: {
        title: "Review mistakes",
        empty: {
          title: "No mistakes to review",
          body: "Questions whose last answer was wrong in the past 30 days come back here. Keep practising.",
          link: { href: "/practice", label: "Back to adaptive practice" },
        },
      },
    };
  }
  if (query.data.mode === "bookmarks") {
    return {
      scope: { mode: "BOOKMARKS" },
      heading: {
        title: "Practise bookmarks",
        empty: {
          title: "No bookmarks to practise",
          body: "Bookmark a question while you practise to come back to it here.",
          link: { href: "/practice", label: "Back to adaptive practice" },
        },
      },
    };
  }
  return { scope: { mode: "ADAPTIVE" }, heading: ADAPTIVE_HEADING };
}

const HEADING_OF_MODE: Record<PracticeQuestionView["mode"], string> = {
  ADAPTIVE: "Adaptive practice",
  TOPIC_DRILL: "Topic drill",
  MISTAKES: "Review mistakes",
  BOOKMARKS: "Practise bookmarks",
  MOCK_EXAM: "Mock exam question",
};

/**
 * /practice shows the student's current question (issuing a new presentation
 * when the last one was answered): adaptive, ?topic=<slug> drills one topic,
 * ?mode=mistakes reviews recent mistakes, ?mode=bookmarks the bookmarked
 * questions. /practice?p=<id> shows one of their own presentations, with its
 * result once answered.
 */
export default async function PracticePage({ searchParams }: PracticePageProps) {
  const user = await requireUser("/practice");
  // Several subjects and none chosen yet: the student chooses first.
  const enrolment = await currentEnrolment(user.id);
  if (!enrolment) redirect("/subjects");
  const params = await searchParams;
  let question: PracticeQuestionView | null;
  let heading: Heading;
  const p = singleParam(params.p);
  if (p !== undefined) {
    const id = presentationIdSchema.safeParse(p);
    if (!id.success) notFound();
    question = await presentationForStudent(user.id, id.data);
    if (!question) notFound();
    heading = { ...ADAPTIVE_HEADING, title: HEADING_OF_MODE[question.mode] };
  } else {
    const scoped = await scopeOf(params);
    heading = scoped.heading;
    question = await currentPresentation(user.id, scoped.scope);
  }
  const screen = question ? await practiceScreen(user.id, question, { reported: params.reported === "1" }) : null;
  // Practice never serves a question of a running mock exam (decision 0006): the page says so.
  const running = await runningMockExams(user.id, enrolment.subjectId);
  return (
    <main className="mx-auto max-w-3xl px-4 py-8 sm:px-6 sm:py-10">
      <div className="mb-4 flex flex-wrap items-center justify-between gap-2">
        <p className="text-sm font-semibold text-slate-800 dark:text-slate-100" data-testid="practice-mode">
          {heading.title}
        </p>
        <PracticeModeNav />
      </div>
      <RunningExamNotice exams={running} />
      {screen ? (
        <PracticeRunner initial={screen} submitAction={submitAnswerAction} bookmarkAction={toggleBookmarkAction} reportAction={reportProblemAction} />
      ) : (
        <>
          <PracticeProgress today={await todayProgress(user.id)} session={null} />
          <div className="rounded-xl border border-slate-200 bg-white p-8 text-center dark:border-slate-700 dark:bg-slate-900">
            <h1 className="text-xl font-semibold text-slate-900 dark:text-slate-100">{heading.empty.title}</h1>
            <p className="mt-2 text-slate-600 dark:text-slate-300">
              {heading.empty.body}
              {running.length > 0 ? " Questions of your running mock exam are left out until you submit it." : null}
            </p>
            {heading.empty.link ? (
              <Link href={heading.empty.link.href} className="mt-4 inline-block font-medium text-brand-700 underline dark:text-brand-300">
                {heading.empty.link.label}
              </Link>
            ) : null}
          </div>
        </>
      )}
    </main>
  );
}
