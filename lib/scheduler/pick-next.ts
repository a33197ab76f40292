// Picking the next question. One objective: the expected exam-day score
// (blueprint-weighted; an item counts weight / items of its topic, and is
// answered right with P = c + (1 - c) R) that the remaining study budget can
// buy. An item the student has not met stays at its prior c + (1 - c) k
// whatever else is studied, and only a meeting measures k; meeting it gives a
// student who does not know it (1 - k) of a fresh memory. The plan the budget
// allows: meet every item of a weighted topic that the student does not
// surely know (k above 1/2 even one standard error below their ability),
// spread evenly over the study days
// before the final stretch; review each seen item when its recall falls to
// the budget's retention (0.7 when about one review per item is left, up to
// 0.9 with three or more; pacing.ts). Both steps rest on the student's own
// forgetting curve (memory-evidence.ts: over FSRS's stability and the item's
// practices so far), which only later reviews measure;
// while it has fewer than 30, a day with no later review yet spends one
// review in twenty (one a day at a goal of 20, every other day at 10) on
// measuring it. A fit on a bound of its family describes no curve of it, so
// the plan then uses FSRS-6's default curve instead.
// The pick does today's part of the plan:
//   0. the measuring review, if today has one: the item met longest ago (a
//      day or more) and not seen since;
//   1. today's meetings (those items / study days left before the final
//      stretch, at most the daily goal; a missed day raises it), the one
//      worth most first (weight / items of the topic x (1 - k) x its plan);
//   2. then the reviews due today (recall below the retention, last answered
//      half a day or more ago: the plan's reviews are a day apart), most
//      valuable first;
//   3. then whatever adds the most expected exam-day score per review: a
//      review ahead, or a meeting beyond today's share (worth far more than
//      a review of an item met minutes ago, so a student who keeps going
//      past the day's plan meets new questions).
// "Value" is candidate-value.ts's expected exam-day gain per review of the best
// short plan that starts with this review. Spacing, final-stretch reviews and
// weak topics fall out: recall falls to the retention later the stronger the
// memory, the exam caps every plan, and an unseen item's value carries
// (1 - k), larger in a weak topic. Presentation rules, not objective: the
// last question is never repeated; the last pick's topic counts half, so
// topics interleave; a seeded jitter breaks ties.
import { assertFiniteNumber, assertValidDate } from "./errors";
import { evaluateCandidates, singleReviewGain } from "./candidate-value";
import { FSRS6_DEFAULT_DECAY } from "ts-fsrs";
import { DAY_MS } from "./fsrs-model";
import { isBoundaryFit } from "./memory-evidence";
import { daysUntilExam, examPhase, meetingQuota, planRetention } from "./pacing";
import type { ExamPhase } from "./pacing";
import { resolveParams } from "./params";
import type { Candidate, MemoryState, Rng, SchedulerParams, StudyPlan, TopicAbility, TopicWeight } from "./types";

export type PickReasonCode = "review-due" | "final-review" | "new-planned" | "new-extra" | "review-ahead" | "review-measure";

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
  /**
   * The caller guarantees that no question appears twice among the
   * candidates (a list built from a map of questions): the duplicate check,
   * about a millisecond at 5,000 candidates, is skipped. Absent: checked.
   */
  uniqueCandidates?: boolean;
}

const INTERLEAVE_DAMPING = 0.5;
/**
 * An item answered less than this long ago is not due again (it may still
 * win on value in step 3): the plan's later reviews are a day or more apart
 * (candidate-value.ts), and at day level FSRS gives a same-day success no
 * stability. Without it a fitted curve that forgets fast made items met
 * earlier in the session "due", ahead of every older review, within minutes
 * (under ACT-R truth, 30% of later reviews at 60 d x 40 were same-session
 * repeats). Pushing them below step 3 as well measured worse (decision 0004,
 * fourth pass).
 */
const SAME_DAY_DAYS = 0.5;
/** Later reviews the memory fit needs before the plan stops measuring. */
const MEASURE_REVIEWS = 30;
/** At most one review in this many measures (one a day at a goal of 20, every other day at 10). */
const MEASURE_EVERY = 20;

/** Whether today (counted back from the exam) carries a measuring review: one review in MEASURE_EVERY, at most one a day. */
function measuringDay(daysLeft: number, dailyGoal: number): boolean {
  const day = Math.floor(daysLeft);
  const share = Math.min(1, dailyGoal / MEASURE_EVERY);
  return Math.floor((day + 1) * share) > Math.floor(day * share);
}
/** A measuring review waits at least this long after the meeting. */
const MEASURE_MIN_DAYS = 0.9;

/** True when an item met earlier was reviewed again in the last 12 hours. */
function reviewedToday(candidates: readonly Candidate[], now: Date): boolean {
  const since = now.getTime() - DAY_MS / 2;
  for (const candidate of candidates) {
    const memory = candidate.memory;
    if (memory !== null && memory.reps > 1 && memory.lastReview !== null && memory.lastReview.getTime() >= since) return true;
  }
  return false;
}

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
  const params = planningParams(resolveParams(input.params));
  const dailyGoal = plan.dailyGoal ?? params.defaultDailyGoal;
  assertFiniteNumber("dailyGoal", dailyGoal, 1, 10_000);
  const introducedToday = input.introducedToday ?? 0;
  assertFiniteNumber("introducedToday", introducedToday, 0);
  const phase = examPhase(now, plan.examDate, params);
  const daysLeft = daysUntilExam(now, plan.examDate);
  const beforeExam = phase === "preparing" || phase === "final-stretch";
  // Receding horizon: far from the exam, value a plan over the next
  // maxPlanHorizonDays only; the plan is re-made at every pick anyway.
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
    uniqueCandidates: input.uniqueCandidates === true,
  });
  const n = values.count;
  const finalStretchStart =
    phase === "final-stretch" && plan.examDate !== null ? plan.examDate.getTime() - params.finalStretchDays * DAY_MS : -Infinity;

  const score = new Float64Array(n);
  const planned = new Uint8Array(n);
  const due = new Uint8Array(n);
  const eligible = new Uint8Array(n);
  // An unseen item is on the meeting plan unless the student knows it even at
  // the low end of their ability estimate (one standard error down, as in
  // readiness.ts): a few lucky guesses must not take a topic off the plan.
  const sureAbility = values.topicIds.map((topicId, t) => {
    const attempts = input.abilities[topicId]?.attempts ?? 0;
    return (values.topicAbility[t] ?? 0) - 1 / Math.sqrt(1 + 0.15 * attempts);
  });
  let toMeet = 0;
  for (let i = 0; i < n; i++) {
    const candidate = candidates[i] as Candidate;
    eligible[i] = candidate.questionId === input.lastQuestionId ? 0 : 1;
    // A tiny seeded jitter breaks ties reproducibly.
    score[i] = (values.rate[i] ?? 0) * (1 + 1e-9 * rng.next());
    if (values.unseen[i] === 0 && (values.recallNow[i] ?? 0) < retention && (values.elapsedDays[i] ?? 0) >= SAME_DAY_DAYS) due[i] = 1;
    const t = values.topicIndex[i] ?? 0;
    // A topic the blueprint gives no weight is not on the exam: nothing of it is planned.
    if (values.unseen[i] === 1 && (values.topicWeights[t] ?? 0) > 0 && (sureAbility[t] ?? 0) < candidate.itemRating) {
      planned[i] = 1;
      toMeet++;
    }
  }
  let quota = meetingQuota({ phase, toMeet, daysLeft, introducedToday, dailyGoal, params });
  // Measuring the forgetting curve: while the student's fit has seen fewer
  // than MEASURE_REVIEWS later reviews, one review a day of the item met
  // longest ago and not seen since comes first.
  const fitReviews = params.memoryFit?.reviews ?? Infinity;
  let measure =
    phase === "preparing" && daysLeft !== null && fitReviews < MEASURE_REVIEWS && measuringDay(daysLeft, dailyGoal) && !reviewedToday(candidates, now) ? 1 : 0;
  let measureItem = -1;
  if (measure > 0) {
    let oldest = Infinity;
    for (let i = 0; i < n; i++) {
      const memory = (candidates[i] as Candidate).memory;
      if (eligible[i] === 0 || values.unseen[i] === 1 || memory === null || memory.reps > 1 || memory.lastReview === null) continue;
      const at = memory.lastReview.getTime();
      if (now.getTime() - at >= MEASURE_MIN_DAYS * DAY_MS && at < oldest) {
        oldest = at;
        measureItem = i;
      }
    }
    if (measureItem < 0) measure = 0;
  }

  const picks: Pick[] = [];
  let lastTopic = input.lastTopicId ?? null;
  for (let k = 0; k < count; k++) {
    const lastTopicIndex = lastTopic === null ? -1 : values.topicIds.indexOf(lastTopic);
    let best = -1;
    let bestTier = 3;
    let bestScore = -Infinity;
    if (measure > 0 && eligible[measureItem] === 1) {
      best = measureItem;
      bestTier = -1;
      measure = 0;
    }
    for (let i = 0; i < n && bestTier >= 0; i++) {
      if (eligible[i] === 0) continue;
      // Today's meetings, then due reviews, then the most valuable of the
      // rest: a review ahead, or a meeting beyond today's share (planned or
      // surely known).
      const itemTier = planned[i] === 1 && quota > 0 ? 0 : due[i] === 1 ? 1 : 2;
      if (itemTier > bestTier) continue;
      let itemScore = score[i] ?? 0;
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
    const withinPlan = bestTier === 0;
    if (values.unseen[best] === 1) quota--;
    lastTopic = candidate.topicId;
    const reason = explain(values, best, candidate.memory, withinPlan, retention, finalStretchStart, phase);
    if (bestTier < 0) {
      reason.code = "review-measure";
      reason.message = `Check-in: you met this ${reason.daysSinceLastReview === 1 ? "yesterday" : `${String(reason.daysSinceLastReview)} days ago`}; how well you remember it tells the plan how fast you forget`;
    }
    picks.push({ questionId: candidate.questionId, topicId: candidate.topicId, reason });
  }
  return picks;
}

/**
 * The curve the plan uses: the student's fit, unless it sits on a bound of
 * its family (memory-evidence.ts isBoundaryFit). Such a fit predicts every
 * seen item forgotten at once, so every review is worth about nothing and
 * the order of reviews is arbitrary; the plan then uses FSRS-6's default
 * curve (the fit's prior centre), keeping the count of reviews the fit has
 * seen for the measuring rule. Readiness still predicts with the fit.
 */
function planningParams(params: SchedulerParams): SchedulerParams {
  const fit = params.memoryFit;
  if (fit === undefined || !isBoundaryFit(fit)) return params;
  return { ...params, memoryFit: { stabilityScale: 1, decay: FSRS6_DEFAULT_DECAY, reviews: fit.reviews } };
}

/**
 * Items the remaining budget must still serve: the unseen ones and those
 * whose (fitted) stability is shorter than the time left to the exam. A
 * memory that already outlasts the exam needs at most a last review.
 */
function itemsNeedingWork(candidates: readonly Candidate[], daysLeft: number | null, params: SchedulerParams): number {
  if (daysLeft === null) return candidates.length;
  const scale = params.memoryFit?.stabilityScale ?? 1;
  const exponent = params.memoryFit?.practiceExponent ?? 0;
  let count = 0;
  for (const candidate of candidates) {
    const memory = candidate.memory;
    if (memory === null || memory.lastReview === null || memory.state === "NEW") {
      count++;
      continue;
    }
    const practices = exponent === 0 || memory.reps <= 1 ? 1 : Math.pow(memory.reps, exponent);
    if (memory.stability * scale * practices < daysLeft) count++;
  }
  return count;
}

function explain(
  values: ReturnType<typeof evaluateCandidates>,
  i: number,
  memory: MemoryState | null,
  withinPlan: boolean,
  retention: number,
  finalStretchStart: number,
  phase: ExamPhase,
): PickReason {
  const c = values.guess[i] ?? 0.25;
  const expectedGain = memory === null || values.unseen[i] === 1 ? (values.gain[i] ?? 0) : singleReviewGain(values, i, memory);
  if (values.unseen[i] === 1) {
    const known = values.knowledge[i] ?? 0;
    const percent = Math.round(known * 100);
    return {
      code: withinPlan ? "new-planned" : "new-extra",
      message: withinPlan
        ? `New: part of today's plan to meet every question before your exam (about ${String(percent)}% chance you know it)`
        : `New: worth more now than any review (about ${String(percent)}% chance you know it)`,
      daysSinceLastReview: null,
      retrievability: 0,
      predictedSuccess: c + (1 - c) * known,
      expectedGain,
      phase,
    };
  }
  const r = values.recallNow[i] ?? 0;
  const days = Math.floor(values.elapsedDays[i] ?? 0);
  const ago = days <= 0 ? "earlier today" : days === 1 ? "yesterday" : `${String(days)} days ago`;
  const lastReviewMs = memory?.lastReview?.getTime() ?? 0;
  const code: PickReasonCode = lastReviewMs < finalStretchStart ? "final-review" : r < retention ? "review-due" : "review-ahead";
  const message =
    code === "final-review"
      ? `Final review before your exam: you last saw this ${ago}`
      : code === "review-due"
        ? `Review: you last saw this ${ago}`
        : `Review ahead: you last saw this ${ago}; a refresh now pays off most`;
  return { code, message, daysSinceLastReview: days, retrievability: r, predictedSuccess: r + (1 - r) * c, expectedGain, phase };
}
