// Pacing toward the exam date: which phase the student is in, what retention
// reviews aim for, and how many new items may enter today.
import { assertValidDate } from "./errors";
import { DAY_MS } from "./fsrs-model";
import type { SchedulerParams } from "./types";

export type ExamPhase = "no-exam" | "preparing" | "final-stretch" | "after-exam";

/** Fractional days from now to the exam (negative after it), or null without an exam. */
export function daysUntilExam(now: Date, examDate: Date | null): number | null {
  assertValidDate("now", now);
  if (examDate === null) return null;
  assertValidDate("examDate", examDate);
  return (examDate.getTime() - now.getTime()) / DAY_MS;
}

export function examPhase(now: Date, examDate: Date | null, params: SchedulerParams): ExamPhase {
  const days = daysUntilExam(now, examDate);
  if (days === null) return "no-exam";
  if (days <= 0) return "after-exam";
  return days <= params.finalStretchDays ? "final-stretch" : "preparing";
}

/** Retention a review aims for: the exam retention while preparing, 0.9 otherwise. */
export function targetRetention(phase: ExamPhase, params: SchedulerParams): number {
  return phase === "preparing" || phase === "final-stretch" ? params.examRetention : params.normalRetention;
}

export interface NewItemQuotaInput {
  phase: ExamPhase;
  /** Items the student has never answered. */
  unseenCount: number;
  /** Days until the exam (ignored without one). */
  daysLeft: number | null;
  /** New items already introduced today. */
  introducedToday: number;
  dailyGoal: number;
  params: SchedulerParams;
}

/**
 * New items still allowed today. Before an exam: the unseen items spread over
 * the first `introduceWithinShare` of the days left, minus the final-stretch
 * buffer (so every item is met early enough to be reviewed), capped by the
 * daily goal. None in the final stretch.
 * Without an exam, or after it, a fixed daily number.
 */
export function newItemQuota(input: NewItemQuotaInput): number {
  const { phase, unseenCount, daysLeft, introducedToday, dailyGoal, params } = input;
  let perDay: number;
  if (phase === "preparing" && daysLeft !== null) {
    const buildDays = Math.max(1, Math.ceil(daysLeft * params.introduceWithinShare) - params.finalStretchDays);
    perDay = Math.ceil(unseenCount / buildDays);
  } else if (phase === "final-stretch") {
    perDay = 0;
  } else {
    perDay = params.newPerDayWithoutExam;
  }
  return Math.max(0, Math.min(perDay, dailyGoal, unseenCount) - introducedToday);
}
