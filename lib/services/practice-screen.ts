import "server-only";
import { localDay } from "../analytics/calendar";
import { resolveParams } from "../scheduler/params";
import { getDb } from "../server/db";
import type { PracticeQuestionView } from "./practice";
import { sessionProgressOf, type SessionProgress } from "./practice-modes";
import { publishedBank } from "./published-bank";

/**
 * Everything the practice screen shows around one question: today's goal, the
 * session's "Question x of n", whether the question is bookmarked and whether
 * the student has reported it. The page renders it; the answer action returns
 * the next question's screen with the result, so "Next question" needs no
 * second request (decision 0008). Today's count and the goal are those of the
 * question's subject (the enrolment), which is the subject studied now.
 */
export type PracticeScreen = {
  question: PracticeQuestionView;
  today: { done: number; goal: number };
  session: SessionProgress | null;
  bookmarked: boolean;
  reported: boolean;
};

/**
 * The screen of one of the student's own presentations (another user's gets
 * empty progress and nothing else). Seven indexed reads: the presentation,
 * the bank's stamp (the question's subject comes from the bank in memory),
 * the student's time zone, the enrolment, the answered count of the session
 * before it, the bookmark and today's study day; a drill adds its topic's size.
 */
export async function practiceScreen(userId: string, question: PracticeQuestionView, options: { reported?: boolean } = {}): Promise<PracticeScreen> {
  const db = getDb();
  const params = resolveParams();
  const presentation = await db.presentation.findUnique({
    where: { id: question.presentationId },
    select: {
      userId: true,
      sessionId: true,
      mode: true,
      topicId: true,
      issuedAt: true,
      questionId: true,
      questionVersionId: true,
    },
  });
  if (!presentation || presentation.userId !== userId) {
    return { question, today: { done: 0, goal: params.defaultDailyGoal }, session: null, bookmarked: false, reported: false };
  }
  // The question's subject from the bank in memory; a question no longer published is read.
  const published = (await publishedBank(db)).questions.get(presentation.questionId);
  const subjectId =
    published?.subjectId ??
    (await db.question.findUnique({ where: { id: presentation.questionId }, select: { topic: { select: { subjectId: true } } } }))?.topic.subjectId ??
    "";
  const [user, enrolment, bookmark, report] = [
    await db.user.findUniqueOrThrow({ where: { id: userId }, select: { timeZone: true } }),
    await db.enrolment.findUnique({ where: { userId_subjectId: { userId, subjectId } }, select: { dailyGoal: true } }),
    await db.bookmark.findUnique({ where: { userId_questionId: { userId, questionId: presentation.questionId } }, select: { userId: true } }),
    options.reported === true
      ? await db.problemReport.findFirst({ where: { userId, questionVersionId: presentation.questionVersionId }, select: { id: true } })
      : null,
  ];
  const session = await sessionProgressOf(db, userId, presentation, enrolment?.dailyGoal ?? null);
  const day = await db.studyDay.findUnique({
    where: { userId_subjectId_day: { userId, subjectId, day: localDay(new Date(), user.timeZone) } },
    select: { answered: true },
  });
  const goal = enrolment?.dailyGoal ?? params.defaultDailyGoal;
  return { question, today: { done: day?.answered ?? 0, goal }, session, bookmarked: bookmark !== null, reported: report !== null };
}
