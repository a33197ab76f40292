import "server-only";
import { listMistakes, MISTAKE_WINDOW_DAYS, type Mistake } from "../analytics/mistakes";
import { getDb, type DbTx } from "../server/db";

/**
 * Review mistakes: the student's questions whose latest answer was wrong,
 * recently, the ones missed most often first (lib/analytics/mistakes.ts).
 */

const DAY_MS = 86_400_000;

/** The mistakes of one student among the questions still served (published), in review order. */
export async function mistakesOf(db: DbTx, userId: string, now: Date): Promise<Mistake[]> {
  // Only questions answered in the window can have their latest answer in it.
  const recent = await db.answer.findMany({
    where: { userId, createdAt: { gte: new Date(now.getTime() - MISTAKE_WINDOW_DAYS * DAY_MS) }, question: { status: "PUBLISHED" } },
    select: { questionId: true },
    distinct: ["questionId"],
  });
  if (recent.length === 0) return [];
  const answers = await db.answer.findMany({
    where: { userId, questionId: { in: recent.map((r) => r.questionId) } },
    select: { questionId: true, correct: true, createdAt: true },
  });
  return listMistakes(answers, now);
}

export type MistakeRow = Mistake & { stem: string; topicName: string };

/** The review-mistakes page: each mistake with the start of its current wording and its topic. */
export async function mistakeList(userId: string, now = new Date()): Promise<MistakeRow[]> {
  const db = getDb();
  const mistakes = await mistakesOf(db, userId, now);
  const questions = await db.question.findMany({
    where: { id: { in: mistakes.map((m) => m.questionId) } },
    select: { id: true, currentVersion: true, topic: { select: { name: true } }, versions: { select: { version: true, stem: true } } },
  });
  const byId = new Map(questions.map((q) => [q.id, q]));
  return mistakes.flatMap((m) => {
    const question = byId.get(m.questionId);
    const stem = question?.versions.find((v) => v.version === question.currentVersion)?.stem;
    return question && stem !== undefined ? [{ ...m, stem, topicName: question.topic.name }] : [];
  });
}
