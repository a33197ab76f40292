import "server-only";
import type { PracticeMode } from "../generated/prisma/client";
import { getDb, type DbTx } from "../server/db";
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
 * (given), or the drilled topic's size.
 */
export async function sessionProgressOf(db: DbTx, userId: string, presentation: SessionAnchor, dailyGoal: number | null): Promise<SessionProgress> {
  const before = presentation.sessionId
    ? await db.presentation.count({
        where: {
          userId,
          sessionId: presentation.sessionId,
          mode: presentation.mode,
          topicId: presentation.topicId,
          answerId: { not: null },
          issuedAt: { lt: presentation.issuedAt },
        },
      })
    : 0;
  if (presentation.mode === "TOPIC_DRILL" && presentation.topicId) {
    const total = await db.question.count({ where: { topicId: presentation.topicId, status: "PUBLISHED" } });
    return { position: before + 1, target: Math.max(1, total), targetLabel: "questions in this topic" };
  }
  return { position: before + 1, target: dailyGoal ?? resolveParams().defaultDailyGoal, targetLabel: "your daily goal" };
}

/** sessionProgressOf for a presentation id: null for another user's or an unknown one. */
export async function sessionProgress(userId: string, presentationId: string): Promise<SessionProgress | null> {
  const db = getDb();
  const presentation = await db.presentation.findUnique({
    where: { id: presentationId },
    select: { userId: true, sessionId: true, mode: true, topicId: true, issuedAt: true, questionId: true },
  });
  if (!presentation || presentation.userId !== userId) return null;
  // The goal of the enrolment in the question's subject.
  const question = await db.question.findUnique({ where: { id: presentation.questionId }, select: { topic: { select: { subjectId: true } } } });
  const subjectId = question?.topic.subjectId ?? "";
  const enrolment = await db.enrolment.findUnique({ where: { userId_subjectId: { userId, subjectId } }, select: { dailyGoal: true } });
  return sessionProgressOf(db, userId, presentation, enrolment?.dailyGoal ?? null);
}
