import { assertFiniteNumber } from "./errors";
import type { SchedulerParams } from "./types";

/** Defaults; see docs/decisions/0002-scheduler.md for why these values. */
export const DEFAULT_SCHEDULER_PARAMS: Readonly<SchedulerParams> = Object.freeze({
  examRetention: 0.9,
  tightBudgetRetention: 0.7,
  normalRetention: 0.9,
  finalStretchDays: 4,
  horizonDaysWithoutExam: 30,
  newPerDayWithoutExam: 10,
  defaultDailyGoal: 20,
  studyDayShare: 0.85,
  maxPlanHorizonDays: 30,
});

/** Fills defaults and rejects out-of-range values with a named error. */
export function resolveParams(overrides?: Partial<SchedulerParams>): SchedulerParams {
  const p: SchedulerParams = { ...DEFAULT_SCHEDULER_PARAMS, ...overrides };
  assertFiniteNumber("examRetention", p.examRetention, 0.5, 0.99);
  assertFiniteNumber("tightBudgetRetention", p.tightBudgetRetention, 0.5, p.examRetention);
  assertFiniteNumber("normalRetention", p.normalRetention, 0.5, 0.99);
  assertFiniteNumber("finalStretchDays", p.finalStretchDays, 0, 60);
  assertFiniteNumber("horizonDaysWithoutExam", p.horizonDaysWithoutExam, 1, 3650);
  assertFiniteNumber("newPerDayWithoutExam", p.newPerDayWithoutExam, 0, 1000);
  assertFiniteNumber("defaultDailyGoal", p.defaultDailyGoal, 1, 1000);
  assertFiniteNumber("studyDayShare", p.studyDayShare, 0, 1);
  assertFiniteNumber("maxPlanHorizonDays", p.maxPlanHorizonDays, 1, 3650);
  return p;
}
