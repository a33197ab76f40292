import "server-only";
import { localDay } from "../analytics/calendar";
import { resolveParams } from "../scheduler/params";
import type { PracticeMode } from "../generated/prisma/client";
import { getDb } from "../server/db";
import { directRead, sqlDate, sqlNumberOrNull } from "../server/direct-sql";
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
 * empty progress and nothing else). Plain SQL on the process's connection
 * (lib/server/direct-sql.ts), in two snapshots around the bank in memory:
 * the presentation with the bank's stamp; then, by key, the student's time
 * zone and the enrolment's goal (one statement), the bookmark, the report
 * when asked, the session's answered count (a drill adds its topic's size)
 * and today's study day.
 */
export async function practiceScreen(userId: string, question: PracticeQuestionView, options: { reported?: boolean } = {}): Promise<PracticeScreen> {
  const params = resolveParams();
  const presentation = await directRead((sql) =>
    sql.one<{ userId: string; sessionId: string | null; mode: PracticeMode; topicId: string | null; issuedAt: unknown; questionId: string; questionVersionId: string; stamp: unknown }>(
      `SELECT p."userId", p."sessionId", p."mode", p."topicId", p."issuedAt", p."questionId", p."questionVersionId",
              (SELECT r."stamp" FROM "BankRevision" r WHERE r."id" = 1) AS "stamp"
       FROM "Presentation" p WHERE p."id" = ?`,
      question.presentationId,
    ),
  );
  if (!presentation || presentation.userId !== userId) {
    return { question, today: { done: 0, goal: params.defaultDailyGoal }, session: null, bookmarked: false, reported: false };
  }
  // The question's subject from the bank in memory; a question no longer published is read.
  const published = (await publishedBank(getDb(), sqlNumberOrNull(presentation.stamp))).questions.get(presentation.questionId);
  const anchor = { sessionId: presentation.sessionId, mode: presentation.mode, topicId: presentation.topicId, issuedAt: sqlDate(presentation.issuedAt)! };

  return directRead(async (sql) => {
    const subjectId =
      published?.subjectId ??
      (
        await sql.one<{ subjectId: string }>(
          `SELECT t."subjectId" FROM "Question" q JOIN "Topic" t ON t."id" = q."topicId" WHERE q."id" = ?`,
          presentation.questionId,
        )
      )?.subjectId ??
      "";
    const student = await sql.one<{ timeZone: string | null; dailyGoal: unknown }>(
      `SELECT u."timeZone", e."dailyGoal" FROM "User" u LEFT JOIN "Enrolment" e ON e."userId" = u."id" AND e."subjectId" = ? WHERE u."id" = ?`,
      subjectId,
      userId,
    );
    const bookmark = await sql.one(`SELECT 1 AS "x" FROM "Bookmark" WHERE "userId" = ? AND "questionId" = ?`, userId, presentation.questionId);
    const report =
      options.reported === true
        ? await sql.one(`SELECT 1 AS "x" FROM "ProblemReport" WHERE "userId" = ? AND "questionVersionId" = ? LIMIT 1`, userId, presentation.questionVersionId)
        : undefined;
    const dailyGoal = sqlNumberOrNull(student?.dailyGoal);
    const session = await sessionProgressOf(sql, userId, anchor, dailyGoal);
    const day = await sql.one<{ answered: unknown }>(
      `SELECT "answered" FROM "StudyDay" WHERE "userId" = ? AND "subjectId" = ? AND "day" = ?`,
      userId,
      subjectId,
      localDay(new Date(), student?.timeZone ?? null),
    );
    const goal = dailyGoal ?? params.defaultDailyGoal;
    return {
      question,
      today: { done: sqlNumberOrNull(day?.answered) ?? 0, goal },
      session,
      bookmarked: bookmark !== undefined,
      reported: report !== undefined,
    };
  });
}
