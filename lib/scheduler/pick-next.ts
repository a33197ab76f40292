// Picking the next question: every candidate is ranked by its expected gain
// in exam-day score from one review now (knowledge at a horizon without an
// exam date; see candidate-value.ts), multiplied by priority boosts:
//   - reviews whose retrievability fell below the target retention (due),
//   - in the final stretch, seen items not reviewed since it began,
//   - new items within today's pace (unseen / days left minus a buffer),
//     steered toward the target success rate (0.65-0.70).
// Boosts, not strict tiers: the simulator showed strict "due first" spends
// the budget on low-value reviews (docs/decisions/0002-scheduler.md).
// Topics are weighted by the blueprint (each item carries weight / items),
// weak topics are boosted, the last pick's topic is damped so topics
// interleave, and the last question is never repeated.
import { FSRS6_DEFAULT_DECAY } from "ts-fsrs";
import { assertFiniteNumber, assertValidDate } from "./errors";
import { evaluateCandidates, singleReviewGain } from "./candidate-value";
import { DAY_MS } from "./fsrs-model";
import { daysUntilExam, examPhase, newItemQuota, planRetention } from "./pacing";
import type { ExamPhase } from "./pacing";
import { resolveParams } from "./params";
import type { Candidate, MemoryState, Rng, SchedulerParams, StudyPlan, TopicAbility, TopicWeight } from "./types";

export type PickReasonCode = "review-due" | "final-review" | "new-matched" | "new-extra" | "review-ahead";

export interface PickReason {
  code: PickReasonCode;
  /** A sentence for the student, e.g. "Review: you last saw this 6 days ago". */
  message: string;
  /** Whole days since the last review; null for a new item. */
  daysSinceLastReview: number | null;
  /** Recall probability now (0 for a new item). */
  retrievability: number;
  /** Predicted chance of answering correctly now (recall or guess). */
  predictedSuccess: number;
  /** Expected gain in exam (or horizon) score from this review, in score fraction. */
  expectedGain: number;
  phase: ExamPhase;
}

export interface Pick {
  questionId: string;
  topicId: string;
  reason: PickReason;
}

export interface PickInput {
  now: Date;
  candidates: readonly Candidate[];
  topics: readonly TopicWeight[];
  /** TopicAbility rows by topic id; a missing topic counts as rating 0. */
  abilities: Readonly<Record<string, TopicAbility>>;
  plan: StudyPlan;
  /** The question shown last; it is never picked again right away. */
  lastQuestionId?: string | null;
  /** Topic of the last question shown, for interleaving. */
  lastTopicId?: string | null;
  /** New items the student has already started today. */
  introducedToday?: number;
  rng: Rng;
  params?: Partial<SchedulerParams>;
}

const INTERLEAVE_DAMPING = 0.5;
const KIND_DUE = 0;
const KIND_FINAL = 1;
const KIND_AHEAD = 2;
const KIND_NEW = 3;
const MATCH_WIDTH = 0.2;

/** The single best next question, or null when no candidate other than the last one exists. */
export function pickNextQuestion(input: PickInput): Pick | null {
  return planSession(input, 1)[0] ?? null;
}

/**
 * The next `count` questions in order, as pickNextQuestion would choose them
 * one after another if the answers changed nothing but "already shown". A
 * service can prefetch a short session; re-plan after answers to adapt.
 */
export function planSession(input: PickInput, count: number): Pick[] {
  const { now, candidates, plan, rng } = input;
  assertValidDate("now", now);
  assertFiniteNumber("count", count, 0, 100_000);
  const params = resolveParams(input.params);
  const dailyGoal = plan.dailyGoal ?? params.defaultDailyGoal;
  assertFiniteNumber("dailyGoal", dailyGoal, 1, 10_000);
  const introducedToday = input.introducedToday ?? 0;
  assertFiniteNumber("introducedToday", introducedToday, 0);
  const phase = examPhase(now, plan.examDate, params);
  const daysLeft = daysUntilExam(now, plan.examDate);
  const beforeExam = phase === "preparing" || phase === "final-stretch";
  // Receding horizon: far from the exam, value a plan over the next
  // maxPlanHorizonDays only; the plan is re-made every pick anyway.
  const horizonDays = Math.min(beforeExam && daysLeft !== null ? daysLeft : params.horizonDaysWithoutExam, params.maxPlanHorizonDays);
  const retention = planRetention(phase, params, { dailyGoal, daysLeft, itemCount: itemsNeedingWork(candidates, daysLeft, params) });
  const values = evaluateCandidates({
    now,
    candidates,
    topics: input.topics,
    abilities: input.abilities,
    horizonDays,
    studyDelayDays: 0,
    planRetention: retention,
    params,
  });
  const n = values.count;
  // Outside the final stretch no item needs a "last review" (-Infinity).
  const finalStretchStart =
    phase === "final-stretch" && plan.examDate !== null ? plan.examDate.getTime() - params.finalStretchDays * DAY_MS : -Infinity;

  const topicBoost = Array.from(values.topicAbility, (rating) => 1 + 0.25 * Math.min(2, Math.max(0, -rating)));
  let unseenCount = 0;
  const kind = new Uint8Array(n);
  const score = new Float64Array(n);
  const eligible = new Uint8Array(n);
  const mw = params.levelMatchWeight;
  // The myopic exam-day gain ignores the later reviews a review makes
  // possible; that matters more the faster this student forgets, so the due
  // boost grows with the fitted decay (FSRS-6 default 0.1542; exponential-like
  // forgetting fits 0.4-0.6).
  const decayRatio = Math.min(4, Math.max(1, (params.memoryFit?.decay ?? FSRS6_DEFAULT_DECAY) / FSRS6_DEFAULT_DECAY));
  const dueBoost = 1 + (params.dueReviewBoost - 1) * decayRatio;
  for (let i = 0; i < n; i++) {
    const candidate = candidates[i] as Candidate;
    eligible[i] = candidate.questionId === input.lastQuestionId ? 0 : 1;
    const boost = topicBoost[values.topicIndex[i] ?? 0] ?? 1;
    // A tiny seeded jitter breaks ties reproducibly.
    const gain = (values.rate[i] ?? 0) * boost * (1 + 1e-9 * rng.next());
    if (values.unseen[i] === 1) {
      unseenCount++;
      const c = values.guess[i] ?? 0.25;
      const success = c + (1 - c) * (values.knowledge[i] ?? 0);
      const mismatch = (success - params.targetSuccess) / MATCH_WIDTH;
      kind[i] = KIND_NEW;
      score[i] = gain * (1 - mw + mw * Math.exp(-mismatch * mismatch));
      continue;
    }
    const memory = candidate.memory;
    const lastReviewMs = memory?.lastReview?.getTime() ?? 0;
    if (lastReviewMs < finalStretchStart) {
      kind[i] = KIND_FINAL;
      score[i] = gain;
    } else if ((values.recallNow[i] ?? 0) < retention) {
      // Due by this student's fitted curve and the budget's retention (the
      // stored `due` assumes the default curve at examRetention).
      kind[i] = KIND_DUE;
      score[i] = gain * dueBoost;
    } else {
      kind[i] = KIND_AHEAD;
      score[i] = gain;
    }
  }
  let quota = newItemQuota({ phase, unseenCount, daysLeft, introducedToday, dailyGoal, params });

  const picks: Pick[] = [];
  let lastTopic = input.lastTopicId ?? null;
  for (let k = 0; k < count; k++) {
    const lastTopicIndex = lastTopic === null ? -1 : values.topicIds.indexOf(lastTopic);
    let best = -1;
    let bestTier = 2;
    let bestScore = -Infinity;
    const newBoost = quota > 0 ? params.paceBoost : 1;
    for (let i = 0; i < n; i++) {
      if (eligible[i] === 0) continue;
      // Last reviews of the final stretch come before everything else.
      const itemTier = kind[i] === KIND_FINAL ? 0 : 1;
      if (itemTier > bestTier) continue;
      let itemScore = score[i] ?? 0;
      if (kind[i] === KIND_NEW) itemScore *= newBoost;
      if (values.topicIndex[i] === lastTopicIndex) itemScore *= INTERLEAVE_DAMPING;
      if (itemTier < bestTier || itemScore > bestScore) {
        best = i;
        bestTier = itemTier;
        bestScore = itemScore;
      }
    }
    if (best < 0) break;
    eligible[best] = 0;
    const candidate = candidates[best] as Candidate;
    const withinPace = kind[best] === KIND_NEW && quota > 0;
    if (kind[best] === KIND_NEW) quota--;
    lastTopic = candidate.topicId;
    picks.push({ questionId: candidate.questionId, topicId: candidate.topicId, reason: explain(values, best, candidate.memory, kind[best] ?? KIND_AHEAD, withinPace, phase, params) });
  }
  return picks;
}

/**
 * Items the remaining budget must still serve: the unseen ones and those
 * whose (fitted) stability is shorter than the time left to the exam. A
 * memory that already outlasts the exam needs at most a last review.
 */
function itemsNeedingWork(candidates: readonly Candidate[], daysLeft: number | null, params: SchedulerParams): number {
  if (daysLeft === null) return candidates.length;
  const scale = params.memoryFit?.stabilityScale ?? 1;
  let count = 0;
  for (const candidate of candidates) {
    const memory = candidate.memory;
    if (memory === null || memory.lastReview === null || memory.state === "NEW" || memory.stability * scale < daysLeft) count++;
  }
  return count;
}

function explain(
  values: ReturnType<typeof evaluateCandidates>,
  i: number,
  memory: MemoryState | null,
  itemKind: number,
  withinPace: boolean,
  phase: ExamPhase,
  params: SchedulerParams,
): PickReason {
  const c = values.guess[i] ?? 0.25;
  const expectedGain = memory === null || values.unseen[i] === 1 ? (values.gain[i] ?? 0) : singleReviewGain(values, i, memory);
  if (values.unseen[i] === 1) {
    const predictedSuccess = c + (1 - c) * (values.knowledge[i] ?? 0);
    const matched = withinPace;
    const percent = Math.round(predictedSuccess * 100);
    return {
      code: matched ? "new-matched" : "new-extra",
      message: matched
        ? Math.abs(predictedSuccess - params.targetSuccess) <= 0.1
          ? `New: matched to your level (about ${String(percent)}% chance you know it)`
          : `New: next up for this topic (about ${String(percent)}% chance you know it)`
        : `New: extra question beyond today's pace`,
      daysSinceLastReview: null,
      retrievability: 0,
      predictedSuccess,
      expectedGain,
      phase,
    };
  }
  const r = values.recallNow[i] ?? 0;
  const days = Math.floor(values.elapsedDays[i] ?? 0);
  const ago = days <= 0 ? "earlier today" : days === 1 ? "yesterday" : `${String(days)} days ago`;
  const code: PickReasonCode = itemKind === KIND_FINAL ? "final-review" : itemKind === KIND_DUE ? "review-due" : "review-ahead";
  const message =
    code === "final-review"
      ? `Final review before your exam: you last saw this ${ago}`
      : code === "review-due"
        ? `Review: you last saw this ${ago}`
        : `Review ahead: you last saw this ${ago}; a refresh now pays off most`;
  return { code, message, daysSinceLastReview: days, retrievability: r, predictedSuccess: r + (1 - r) * c, expectedGain, phase };
}
