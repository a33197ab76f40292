import "server-only";
import { createRng } from "../scheduler/rng";
import { estimateReadiness, type Readiness } from "../scheduler/readiness";
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

const CACHE_LIMIT = 2_000;
const HOUR_MS = 3_600_000;
const held = globalThis as unknown as { readinessCache?: Map<string, Readiness> };
held.readinessCache ??= new Map();
const cache = held.readinessCache;

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
 * reloaded shows the same figures.
 */
export function readinessFromPlanning(userId: string, planning: StudentPlanning, now: Date, plannedReviews?: number): Readiness {
  const key = cacheKey(userId, planning, now, plannedReviews);
  const known = cache.get(key);
  if (known) return known;
  const readiness = estimateReadiness({
    now,
    candidates: planning.candidates,
    topics: planning.topics,
    abilities: planning.abilities,
    plan: planning.plan,
    ...(plannedReviews === undefined ? {} : { plannedReviews }),
    rng: createRng(Math.floor(now.getTime() / HOUR_MS)),
    params: { memoryFit: planning.memoryFit },
  });
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
  return { readiness: readinessFromPlanning(userId, planning, now), planning };
}
