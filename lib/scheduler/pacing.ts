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

/** Reviews per item at which the retention reaches `examRetention`. */
const AMPLE_REVIEWS_PER_ITEM = 3;

/**
 * Retention a plan aims for before an exam, set by the study budget left:
 * reviews per item = daily goal x study-day share x days left / items in the
 * bank. With about one review per item or fewer it is `tightBudgetRetention`
 * (0.7), rising linearly to `examRetention` (0.9) at five or more. Spending a
 * tight budget on frequent top-ups leaves much of the bank never learnt; in the
 * simulator 0.7 beat 0.9 by 0.4-1.3 points in every budget-limited cell under
 * both truth models, and lost 1.6 points where the budget was ample (90-day
 * exam, 40 a day), hence the slope. Outside exam preparation: the phase's
 * targetRetention.
 */
export function planRetention(
  phase: ExamPhase,
  params: SchedulerParams,
  budget: { dailyGoal: number; daysLeft: number | null; itemCount: number },
): number {
  const target = targetRetention(phase, params);
  if ((phase !== "preparing" && phase !== "final-stretch") || budget.daysLeft === null || budget.itemCount <= 0) return target;
  const reviewsPerItem = (budget.dailyGoal * params.studyDayShare * Math.max(0, budget.daysLeft)) / budget.itemCount;
  const share = Math.min(1, Math.max(0, (reviewsPerItem - 1) / (AMPLE_REVIEWS_PER_ITEM - 1)));
  return params.tightBudgetRetention + share * (target - params.tightBudgetRetention);
}

export interface MeetingQuotaInput {
  phase: ExamPhase;
  /** Unseen items the plan means to meet (the ones the student probably does not know). */
  toMeet: number;
  /** Days until the exam (ignored without one). */
  daysLeft: number | null;
  /** New items already met today (no longer among toMeet). */
  introducedToday: number;
  dailyGoal: number;
  params: SchedulerParams;
}

/**
 * Meetings still planned for today. Before an exam: the items to meet spread
 * evenly over the study days left before the final stretch (days x
 * studyDayShare), so every item is met early enough to be reviewed, and
 * recomputed every day, so a missed day raises the next days' share; at most
 * the daily goal. None in the final stretch (its budget is for reviews).
 * Without an exam, or after it, a fixed daily number.
 */
export function meetingQuota(input: MeetingQuotaInput): number {
  const { phase, toMeet, daysLeft, introducedToday, dailyGoal, params } = input;
  let perDay: number;
  if (phase === "preparing" && daysLeft !== null) {
    const studyDays = Math.max(1, (daysLeft - params.finalStretchDays) * params.studyDayShare);
    // Today's share is of what was left to meet this morning: the items met
    // today have already left toMeet.
    perDay = Math.ceil((toMeet + introducedToday) / studyDays);
  } else if (phase === "final-stretch") {
    perDay = 0;
  } else {
    perDay = params.newPerDayWithoutExam;
  }
  return Math.max(0, Math.min(Math.min(perDay, dailyGoal) - introducedToday, toMeet));
}
