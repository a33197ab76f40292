"use client";

import { useCallback, useState } from "react";
import type { BookmarkFormState, ReportFormState } from "@/app/practice/actions";
import type { AnswerFormState, PracticeQuestionView } from "@/lib/services/practice";
import type { PracticeScreen } from "@/lib/services/practice-screen";
import { BookmarkToggle } from "./bookmark-toggle";
import { QuestionCard } from "./question-card";
import { ReportProblem } from "./report-problem";

type PracticeRunnerProps = {
  initial: PracticeScreen;
  submitAction: (previous: AnswerFormState, form: FormData) => Promise<AnswerFormState>;
  bookmarkAction: (previous: BookmarkFormState, form: FormData) => Promise<BookmarkFormState>;
  reportAction: (previous: ReportFormState, form: FormData) => Promise<ReportFormState>;
};

/** Where "Next question" goes without JavaScript: the same mode (and drill topic) as the question on screen. */
export function nextQueryOf(question: PracticeQuestionView): Record<string, string> {
  if (question.mode === "TOPIC_DRILL" && question.drillTopicSlug) return { topic: question.drillTopicSlug };
  if (question.mode === "MISTAKES") return { mode: "mistakes" };
  if (question.mode === "BOOKMARKS") return { mode: "bookmarks" };
  return {};
}

/**
 * The practice screen: progress, the question and its tools. The answer's
 * response carries the next question's screen, so "Next question" swaps it in
 * here without another request (and moves focus to it); the server page
 * renders the first one, and without JavaScript every step is a page.
 */
export function PracticeRunner({ initial, submitAction, bookmarkAction, reportAction }: PracticeRunnerProps) {
  const [screen, setScreen] = useState(initial);
  const [swapped, setSwapped] = useState(false);
  const { question, today, session } = screen;
  // Today's count moves as soon as an answer is stored, before "Next question".
  const onProgress = useCallback((now: PracticeScreen["today"]) => setScreen((current) => ({ ...current, today: now })), []);
  return (
    <>
      <PracticeProgress today={today} session={session} />
      <QuestionCard
        key={question.presentationId}
        question={question}
        action={submitAction}
        nextQuery={nextQueryOf(question)}
        swappedIn={swapped}
        onProgress={onProgress}
        onNext={(next) => {
          setScreen(next);
          setSwapped(true);
          // A page opened on one presentation (?p=) now shows another: the address follows the scope instead.
          if (new URLSearchParams(window.location.search).has("p")) {
            const query = new URLSearchParams(nextQueryOf(next.question)).toString();
            window.history.replaceState(null, "", query ? `/practice?${query}` : "/practice");
          }
        }}
        tools={
          <>
            <BookmarkToggle key={`b-${question.presentationId}`} presentationId={question.presentationId} bookmarked={screen.bookmarked} action={bookmarkAction} />
            <ReportProblem key={`r-${question.presentationId}`} presentationId={question.presentationId} action={reportAction} sent={screen.reported} />
          </>
        }
      />
    </>
  );
}

/** Today's goal and, with a question, the session's "Question x of n". */
export function PracticeProgress({ today, session }: Pick<PracticeScreen, "today" | "session">) {
  return (
    <div className="mb-4 grid gap-2 text-sm text-slate-600 sm:grid-cols-2 sm:gap-6 dark:text-slate-300">
      {session ? (
        <div className="flex items-center gap-3" data-testid="session-progress">
          <label htmlFor="session-progress-bar" className="shrink-0">
            Question {session.position} of {session.target}
          </label>
          <progress id="session-progress-bar" className="h-2 min-w-0 flex-1" max={session.target} value={Math.min(session.position, session.target)}>
            Question {session.position} of {session.target}
          </progress>
          <span className="sr-only">Target: {session.targetLabel}</span>
        </div>
      ) : null}
      <div className="flex items-center gap-3" data-testid="goal-progress">
        <label htmlFor="practice-goal" className="shrink-0">
          Today&apos;s goal
        </label>
        <progress id="practice-goal" className="h-2 min-w-0 flex-1" max={today.goal} value={Math.min(today.done, today.goal)}>
          {today.done} of {today.goal}
        </progress>
        <span className="shrink-0">
          {today.done} of {today.goal}
        </span>
      </div>
    </div>
  );
}
