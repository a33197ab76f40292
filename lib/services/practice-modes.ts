import "server-only";
import type { PracticeMode } from "../generated/prisma/client";
import { getDb } from "../server/db";
import { directRead, sqlDate, sqlNumber, sqlNumberOrNull, type Sql } from "../server/direct-sql";
import { resolveParams } from "../scheduler/params";

/**
 * What the practice modes need besides issuing questions: the topics a
 * student can drill (with how many of each they have met) and how far along
 * the current practice session is.
 */

export type DrillTopic = { id: string; slug: string; name: string; description: string; met: number; total: number };

/** The subject the student studies now: their chosen one, else the first. */
async function subjectOf(userId: string): Promise<{ id: string; name: string } | null> {
  const db = getDb();
  const user = await db.user.findUniqueOrThrow({ where: { id: userId }, select: { currentSubjectId: true } });
  const where = user.currentSubjectId ? { id: user.currentSubjectId } : {};
  return db.subject.findFirst({ where, orderBy: { createdAt: "asc" }, select: { id: true, name: true } });
}

/** The subject's topics in blueprint order, each with the published questions the student has met / all of them. */
export async function drillTopics(userId: string): Promise<{ subjectName: string; topics: DrillTopic[] }> {
  const db = getDb();
  const subject = await subjectOf(userId);
  if (!subject) return { subjectName: "", topics: [] };
  const topics = await db.topic.findMany({
    where: { subjectId: subject.id },
    orderBy: [{ position: "asc" }, { name: "asc" }],
    select: { id: true, slug: true, name: true, description: true },
  });
  const [totals, met] = [
    await db.question.groupBy({ by: ["topicId"], where: { status: "PUBLISHED", topic: { subjectId: subject.id } }, _count: { _all: true } }),
    await db.memoryState.findMany({
      where: { userId, question: { status: "PUBLISHED", topic: { subjectId: subject.id } } },
      select: { question: { select: { topicId: true } } },
    }),
  ];
  const totalBy = new Map(totals.map((t) => [t.topicId, t._count._all]));
  const metBy = new Map<string, number>();
  for (const m of met) metBy.set(m.question.topicId, (metBy.get(m.question.topicId) ?? 0) + 1);
  return {
    subjectName: subject.name,
    topics: topics.map((t) => ({ ...t, met: metBy.get(t.id) ?? 0, total: totalBy.get(t.id) ?? 0 })),
  };
}

/** A topic to drill, by its slug; null when there is none. */
export async function topicBySlug(slug: string): Promise<{ id: string; slug: string; name: string } | null> {
  return getDb().topic.findUnique({ where: { slug }, select: { id: true, slug: true, name: true } });
}

export type SessionProgress = {
  /** This question's place in the session's run of the same mode (and topic), from 1. */
  position: number;
  /** The daily goal, or for a drill the topic's number of published questions. */
  target: number;
  targetLabel: string;
};

/** What "Question x of n" needs of a presentation already read and known to be the student's. */
export type SessionAnchor = { sessionId: string | null; mode: PracticeMode; topicId: string | null; issuedAt: Date };

/**
 * "Question x of n" for one of the student's presentations: x counts the
 * questions answered before it in the same practice session and mode (and
 * drill topic), plus this one; n is the daily goal of the question's subject
 * (given), or the drilled topic's size. One or two keyed reads, in plain SQL.
 */
export async function sessionProgressOf(sql: Sql, userId: string, presentation: SessionAnchor, dailyGoal: number | null): Promise<SessionProgress> {
  let before = 0;
  if (presentation.sessionId) {
    const topicClause = presentation.topicId === null ? `"topicId" IS NULL` : `"topicId" = ?`;
    const row = await sql.one<{ n: unknown }>(
      `SELECT COUNT(*) AS "n" FROM "Presentation"
       WHERE "sessionId" = ? AND "userId" = ? AND "mode" = ? AND ${topicClause} AND "answerId" IS NOT NULL AND "issuedAt" < ?`,
      ...[presentation.sessionId, userId, presentation.mode, ...(presentation.topicId === null ? [] : [presentation.topicId]), presentation.issuedAt],
    );
    before = sqlNumber(row?.n ?? 0);
  }
  if (presentation.mode === "TOPIC_DRILL" && presentation.topicId) {
    const row = await sql.one<{ n: unknown }>(`SELECT COUNT(*) AS "n" FROM "Question" WHERE "topicId" = ? AND "status" = 'PUBLISHED'`, presentation.topicId);
    return { position: before + 1, target: Math.max(1, sqlNumber(row?.n ?? 0)), targetLabel: "questions in this topic" };
  }
  return { position: before + 1, target: dailyGoal ?? resolveParams().defaultDailyGoal, targetLabel: "your daily goal" };
}

/** sessionProgressOf for a presentation id: null for another user's or an unknown one. */
export async function sessionProgress(userId: string, presentationId: string): Promise<SessionProgress | null> {
  return directRead(async (sql) => {
    const row = await sql.one<{ userId: string; sessionId: string | null; mode: PracticeMode; topicId: string | null; issuedAt: unknown; dailyGoal: unknown }>(
      `SELECT p."userId", p."sessionId", p."mode", p."topicId", p."issuedAt", e."dailyGoal"
       FROM "Presentation" p
       JOIN "Question" q ON q."id" = p."questionId"
       JOIN "Topic" t ON t."id" = q."topicId"
       LEFT JOIN "Enrolment" e ON e."userId" = p."userId" AND e."subjectId" = t."subjectId"
       WHERE p."id" = ?`,
      presentationId,
    );
    if (!row || row.userId !== userId) return null;
    // The goal of the enrolment in the question's subject.
    const anchor = { sessionId: row.sessionId, mode: row.mode, topicId: row.topicId, issuedAt: sqlDate(row.issuedAt)! };
    return sessionProgressOf(sql, userId, anchor, sqlNumberOrNull(row.dailyGoal));
  });
}
