import "server-only";
import { formatTopicScores } from "../analytics/class-progress";
import { getDb } from "../server/db";
import { directRead, sqlBool, sqlNumber } from "../server/direct-sql";
import type { FirstAnswer } from "../scheduler/first-answer-check";
import type { Candidate, Confidence } from "../scheduler/types";
import { createRng } from "../scheduler/rng";
import { readinessSteps, type Readiness } from "../scheduler/readiness";
import { runStepwise } from "../server/stepwise";
import { studentPlanning, type StudentPlanning } from "./scheduling";

/**
 * A student's readiness for one subject's exam (lib/scheduler/readiness.ts),
 * from the same planning state the pick uses: the expected score now and on
 * the exam date with 95% intervals, per topic. Projecting the plan to the
 * exam costs tens of milliseconds (more for a far exam), so results are kept
 * per student and subject until something they depend on changes: a review
 * (the count and time of the latest), the plan, the question bank's stamp,
 * or the hour (recall fades as time passes even without practice).
 */

export type SubjectReadiness = { readiness: Readiness; planning: StudentPlanning };

/**
 * The student's first answer to each question they have met, right or wrong,
 * with its confidence: readiness checks its ability model against them
 * (first-answer-check.ts) and gives each met question its first-answer
 * offset by them (readiness.ts). Questions outside the subject are ignored
 * there.
 */
export async function firstAnswersOf(userId: string): Promise<FirstAnswer[]> {
  return (await firstAnswersWithCounts(userId)).answers;
}

/** A question's QuestionCalibration as it stands: its Elo rating and the class's first answers, right ones among them. */
type ClassCounts = { rating: number; answers: number; correct: number };

/**
 * The student's first answers, each with its question's calibration read in
 * the same statement. Every first answer updates the calibration in its own
 * transaction (applyAnswerToLearnerModel), so these counts hold it.
 */
async function firstAnswersWithCounts(userId: string): Promise<{ answers: FirstAnswer[]; counts: Map<string, ClassCounts> }> {
  const rows = await directRead((sql) =>
    sql.all<{ questionId: string; correct: unknown; confidence: Confidence; rating: unknown; firstAttempts: unknown; firstCorrect: unknown }>(
      `SELECT a."questionId", a."correct", a."confidence", c."rating", c."firstAttempts", c."firstCorrect"
       FROM "Answer" a LEFT JOIN "QuestionCalibration" c ON c."questionId" = a."questionId"
       WHERE a."userId" = ? AND a."firstAttempt" = ?`,
      userId,
      true,
    ),
  );
  const counts = new Map<string, ClassCounts>();
  for (const row of rows) {
    const answers = row.firstAttempts === null ? 0 : sqlNumber(row.firstAttempts);
    if (answers > 0) counts.set(row.questionId, { rating: sqlNumber(row.rating), answers, correct: sqlNumber(row.firstCorrect) });
  }
  return { answers: rows.map((row) => ({ questionId: row.questionId, correct: sqlBool(row.correct), confidence: row.confidence })), counts };
}

/**
 * What readiness is handed for the student: the planning's candidates, and
 * the student's first answers. The candidates' class figures come from the
 * bank's ratings copy, up to RATINGS_MAX_AGE_MS old (published-bank.ts),
 * while the first answers are read fresh: a first answer given since the
 * copy was read would be missing from its question's counts, and the
 * first-answer check, which takes the student's own answer out of them to
 * read the class (classLevel), would take out an answer that was never in.
 * So the questions the student has met carry their calibration as read with
 * the answers; every other question keeps the copy's figures.
 */
export async function readinessInputs(userId: string, planning: StudentPlanning): Promise<{ candidates: readonly Candidate[]; firstAnswers: FirstAnswer[] }> {
  const { answers, counts } = await firstAnswersWithCounts(userId);
  const candidates = planning.candidates.map((candidate) => {
    const current = counts.get(candidate.questionId);
    if (current === undefined) return candidate;
    return {
      ...candidate,
      itemRating: current.rating,
      // Absent while nobody had answered the question, when itemRating was its label's starting rating.
      labelRating: candidate.labelRating ?? candidate.itemRating,
      calibrationAnswers: current.answers,
      calibrationCorrect: current.correct,
    };
  });
  return { candidates, firstAnswers: answers };
}

const CACHE_LIMIT = 2_000;
const HOUR_MS = 3_600_000;
const held = globalThis as unknown as { readinessCache?: Map<string, Readiness> };
held.readinessCache ??= new Map();
const cache = held.readinessCache;
/** Estimates being projected now, by cache key. */
const inFlight = new Map<string, Promise<Readiness>>();

function cacheKey(userId: string, planning: StudentPlanning, now: Date, plannedReviews: number | undefined): string {
  let reviewed = 0;
  for (const c of planning.candidates) if (c.memory) reviewed += c.memory.reps;
  return [
    userId,
    planning.subjectId ?? "",
    planning.bank.stamp ?? "",
    reviewed,
    planning.last?.at ?? 0,
    planning.plan.examDate?.getTime() ?? "",
    planning.plan.dailyGoal ?? "",
    plannedReviews ?? "",
    Math.floor(now.getTime() / HOUR_MS),
  ].join("|");
}

/**
 * Readiness of the student for the subject's exam. `plannedReviews` projects
 * another pace than the daily goal (the dashboard's "at your recent pace").
 * The projection is one seeded path, the same for the same hour, so a page
 * reloaded shows the same figures. The student's first answers, with their
 * questions' counts (readinessInputs), are read only when the estimate is
 * not cached.
 */
export async function readinessFromPlanning(userId: string, planning: StudentPlanning, now: Date, plannedReviews?: number): Promise<Readiness> {
  const key = cacheKey(userId, planning, now, plannedReviews);
  const known = cache.get(key);
  if (known) return known;
  // A projection runs over many turns of the event loop: a second request for the same estimate meanwhile waits for it.
  const running = inFlight.get(key);
  if (running) return running;
  const estimate = estimateAndCache(key, userId, planning, now, plannedReviews);
  inFlight.set(key, estimate);
  try {
    return await estimate;
  } finally {
    inFlight.delete(key);
  }
}

async function estimateAndCache(key: string, userId: string, planning: StudentPlanning, now: Date, plannedReviews: number | undefined): Promise<Readiness> {
  // Read only on a miss: the first answers change only with a review, which the key counts.
  const { candidates, firstAnswers } = await readinessInputs(userId, planning);
  // A step per projected day, with the event loop's turn between: requests are not held behind the projection.
  const readiness = await runStepwise(
    readinessSteps({
      now,
      candidates,
      topics: planning.topics,
      abilities: planning.abilities,
      plan: planning.plan,
      firstAnswers,
      ...(plannedReviews === undefined ? {} : { plannedReviews }),
      rng: createRng(Math.floor(now.getTime() / HOUR_MS)),
      params: { memoryFit: planning.memoryFit },
    }),
  );
  if (cache.size >= CACHE_LIMIT) {
    // The oldest tenth goes first (a Map iterates in insertion order).
    for (const stale of [...cache.keys()].slice(0, CACHE_LIMIT / 10)) cache.delete(stale);
  }
  cache.set(key, readiness);
  return readiness;
}

/** The student's readiness for one subject, with the planning state it came from. The caller has checked who may see it. */
export async function subjectReadiness(userId: string, subjectId: string, now: Date): Promise<SubjectReadiness> {
  const planning = await studentPlanning(userId, now, { subjectId });
  return { readiness: await readinessFromPlanning(userId, planning, now), planning };
}

/**
 * Stores the estimate on the enrolment (its snapshot columns), where class
 * views read it: a class of 200 cannot wait for 200 projections. The copy is
 * derived, so losing one only means it is recomputed later. Only while the
 * enrolment still has the plan the estimate projected: a student who changed
 * their exam date or goal meanwhile left the snapshot marked stale
 * (settings.ts), and an estimate of the old plan must not unmark it.
 */
export async function saveReadinessSnapshot(userId: string, subjectId: string, readiness: Readiness, planning: StudentPlanning, now: Date): Promise<void> {
  const met = new Map<string, number>();
  for (const c of planning.candidates) if (c.memory?.lastReview) met.set(c.topicId, (met.get(c.topicId) ?? 0) + 1);
  const topics = Object.fromEntries(readiness.topics.map((t) => [t.topicId, { expected: t.now, met: met.get(t.topicId) ?? 0 }]));
  await getDb().enrolment.updateMany({
    where: { userId, subjectId, examDate: planning.plan.examDate, dailyGoal: planning.plan.dailyGoal },
    data: {
      readinessScore: readiness.now.score,
      readinessLow: readiness.now.low,
      readinessHigh: readiness.now.high,
      readinessExamScore: readiness.examDay?.score ?? null,
      readinessExamLow: readiness.examDay?.low ?? null,
      readinessExamHigh: readiness.examDay?.high ?? null,
      readinessIdleScore: readiness.examDayWithoutStudy?.score ?? null,
      questionsMet: [...met.values()].reduce((sum, n) => sum + n, 0),
      topicScores: formatTopicScores(topics),
      readinessAt: now,
    },
  });
}

/** Estimates the student's readiness for the subject now and stores it on their enrolment. */
export async function refreshReadinessSnapshot(userId: string, subjectId: string, now = new Date()): Promise<void> {
  const { readiness, planning } = await subjectReadiness(userId, subjectId, now);
  await saveReadinessSnapshot(userId, subjectId, readiness, planning, now);
}

/**
 * Snapshots waiting to be refreshed in this process, one at a time so a
 * burst never competes with requests for long. After answers a student's is
 * refreshed once they pause (QUIET_MS), or at the latest MAX_WAIT_MS after
 * the first answer of a run; a class view queues members whose snapshot is
 * older than their last study day. A process that stops loses only the queue.
 */
const QUIET_MS = 20_000;
const MAX_WAIT_MS = 120_000;
type Pending = { userId: string; subjectId: string; firstAt: number; dueAt: number };
const queue = globalThis as unknown as {
  readinessQueue?: Map<string, Pending>;
  readinessTimer?: ReturnType<typeof setTimeout> | null;
  readinessBusy?: boolean;
  /** The running drain, settled when its last refresh has finished. */
  readinessDrain?: Promise<void> | null;
};
queue.readinessQueue ??= new Map();
const pending = queue.readinessQueue;

/** Asks for the student's snapshot to be refreshed after a pause (or `delayMs`), without waiting for it. */
export function queueReadinessRefresh(userId: string, subjectId: string, delayMs = QUIET_MS): void {
  const key = `${userId}|${subjectId}`;
  const now = Date.now();
  const known = pending.get(key);
  const firstAt = known?.firstAt ?? now;
  pending.set(key, { userId, subjectId, firstAt, dueAt: Math.min(now + delayMs, firstAt + MAX_WAIT_MS) });
  armTimer();
}

/**
 * Drops every queued refresh and waits for the one running, if any (a test's
 * database is about to be emptied or closed: a refresh still writing would
 * meet the emptying, a deadlock on PostgreSQL).
 */
export async function cancelQueuedReadinessRefreshes(): Promise<void> {
  pending.clear();
  if (queue.readinessTimer) clearTimeout(queue.readinessTimer);
  queue.readinessTimer = null;
  await queue.readinessDrain;
}

function armTimer(): void {
  if (queue.readinessTimer || queue.readinessBusy || pending.size === 0) return;
  let next = Infinity;
  for (const p of pending.values()) next = Math.min(next, p.dueAt);
  queue.readinessTimer = setTimeout(() => {
    queue.readinessDrain = drain();
  }, Math.max(0, next - Date.now()));
  queue.readinessTimer.unref?.();
}

async function drain(): Promise<void> {
  queue.readinessTimer = null;
  queue.readinessBusy = true;
  try {
    for (;;) {
      const now = Date.now();
      const due = [...pending.entries()].find(([, p]) => p.dueAt <= now);
      if (!due) break;
      pending.delete(due[0]);
      try {
        await refreshReadinessSnapshot(due[1].userId, due[1].subjectId);
      } catch (error) {
        // A deleted student or enrolment, or a database hiccup: the next answer or view asks again.
        console.error("[readiness] snapshot refresh failed", error);
      }
      // Let requests in between two projections.
      await new Promise((resolve) => setImmediate(resolve));
    }
  } finally {
    queue.readinessBusy = false;
    queue.readinessDrain = null;
    armTimer();
  }
}
