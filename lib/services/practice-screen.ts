import "server-only";
import { isBookmarked } from "./bookmarks";
import type { PracticeQuestionView } from "./practice";
import { sessionProgress, type SessionProgress } from "./practice-modes";
import { alreadyReported } from "./problem-reports";
import { todayProgress } from "./today";

/**
 * Everything the practice screen shows around one question: today's goal, the
 * session's "Question x of n", whether the question is bookmarked and whether
 * the student has reported it. The page renders it; the answer action returns
 * the next question's screen with the result, so "Next question" needs no
 * second request.
 */
export type PracticeScreen = {
  question: PracticeQuestionView;
  today: { done: number; goal: number };
  session: SessionProgress | null;
  bookmarked: boolean;
  reported: boolean;
};

/** The screen of one of the student's own presentations; every part checks it is theirs. */
export async function practiceScreen(userId: string, question: PracticeQuestionView, options: { reported?: boolean } = {}): Promise<PracticeScreen> {
  const [today, session, bookmarked, reported] = [
    await todayProgress(userId),
    await sessionProgress(userId, question.presentationId),
    await isBookmarked(userId, question.presentationId),
    options.reported === true && (await alreadyReported(userId, question.presentationId)),
  ];
  return { question, today, session, bookmarked, reported };
}
