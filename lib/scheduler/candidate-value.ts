// The value of studying each candidate now, shared by pick-next.ts and
// readiness.ts. Every number is in "exam score" units: an item of topic t
// counts weight_t / items_t of the exam, and a correct answer is recall or a
// lucky guess, P = c + (1 - c) * recall.
import { effectiveTopicRatings, sigmoid } from "./ability";
import { SchedulerInputError, UnknownItemError, assertFiniteNumber, assertValidDate } from "./errors";
import {
  DAY_MS,
  getFsrsModel,
  initialStability,
  practiceFactor,
  retrievabilityAfter,
  stabilityAfterLapse,
  stabilityAfterRecall,
} from "./fsrs-model";
import type { FsrsModel } from "./fsrs-model";
import { isMemoryStateValid, isUnseen, validateMemoryState } from "./memory";
import type { Candidate, MemoryState, SchedulerParams, TopicAbility, TopicWeight } from "./types";

/** Per-candidate numbers, in typed arrays so 2,000 candidates cost microseconds. */
export interface CandidateValues {
  readonly count: number;
  readonly unseen: Uint8Array;
  /** Exam-score weight of the item: topic weight / items in the topic. */
  readonly itemWeight: Float64Array;
  /** Blind-guess rate 1 / options. */
  readonly guess: Float64Array;
  /** Knowledge before studying: sigmoid(effective topic ability - difficulty). */
  readonly knowledge: Float64Array;
  /** Retrievability now (0 for unseen items). */
  readonly recallNow: Float64Array;
  /** Days since the last review (NaN for unseen items). */
  readonly elapsedDays: Float64Array;
  /** Expected P(correct) at the horizon if not studied again. */
  readonly correctAtHorizon: Float64Array;
  /** Expected gain in exam score from studying the item now (no later reviews). */
  readonly gain: Float64Array;
  /**
   * Expected gain per review of the best short plan that starts now: this
   * review plus 0-6 later ones at the target retention, the last a day
   * before the horizon. Equals `gain` when no plan retention is given.
   */
  readonly rate: Float64Array;
  /** Index of the item's topic in `topicIds`. */
  readonly topicIndex: Int32Array;
  readonly topicIds: readonly string[];
  readonly topicWeights: Float64Array;
  /** Effective ability per topic (effectiveTopicRatings), by topic index. */
  readonly topicAbility: Float64Array;
  readonly model: FsrsModel;
  readonly horizonDays: number;
}

export interface ValueContext {
  now: Date;
  candidates: readonly Candidate[];
  topics: readonly TopicWeight[];
  abilities: Readonly<Record<string, TopicAbility>>;
  /** Days from now to the moment that counts (exam day, or a knowledge horizon). */
  horizonDays: number;
  /** Days between now and the study event (0 = study right now; readiness projects later). */
  studyDelayDays: number;
  /** Retention later reviews of a plan aim for; null = value single reviews only. */
  planRetention: number | null;

  params: SchedulerParams;
  /** The caller guarantees each questionId appears once (PickInput.uniqueCandidates); otherwise checked. */
  uniqueCandidates?: boolean;
}

/** Validates input and computes every candidate's value. O(candidates). */
export function evaluateCandidates(ctx: ValueContext): CandidateValues {
  const { now, candidates, topics, abilities, horizonDays, studyDelayDays, params } = ctx;

  assertValidDate("now", now);
  assertFiniteNumber("horizonDays", horizonDays, 0);
  const model = getFsrsModel(params.fsrsWeights, params.memoryFit);
  const topicPos = new Map<string, number>();
  const topicWeights = new Float64Array(topics.length);
  topics.forEach((topic, index) => {
    assertFiniteNumber(`topic ${topic.topicId} weight`, topic.weight, 0, 1);
    topicPos.set(topic.topicId, index);
    topicWeights[index] = topic.weight;
  });
  const n = candidates.length;
  const topicIndex = new Int32Array(n);
  const topicCounts = new Float64Array(topics.length);
  const seenIds = ctx.uniqueCandidates === true ? null : new Set<string>();
  for (let i = 0; i < n; i++) {
    const candidate = candidates[i] as Candidate;
    if (seenIds !== null) {
      if (seenIds.has(candidate.questionId)) {
        throw new SchedulerInputError("INVALID_INPUT", `question "${candidate.questionId}" is listed twice`);
      }
      seenIds.add(candidate.questionId);
    }
    const t = topicPos.get(candidate.topicId);
    if (t === undefined) throw new UnknownItemError("topic", candidate.topicId);
    topicIndex[i] = t;
    topicCounts[t] = (topicCounts[t] ?? 0) + 1;
  }
  const topicAbility = effectiveTopicRatings(
    topics.map((topic) => topic.topicId),
    abilities,
  );
  const values: CandidateValues = {
    count: n,
    unseen: new Uint8Array(n),
    itemWeight: new Float64Array(n),
    guess: new Float64Array(n),
    knowledge: new Float64Array(n),
    recallNow: new Float64Array(n),
    elapsedDays: new Float64Array(n),
    correctAtHorizon: new Float64Array(n),
    gain: new Float64Array(n),
    rate: new Float64Array(n),
    topicIndex,
    topicIds: topics.map((topic) => topic.topicId),
    topicWeights,
    topicAbility,
    model,
    horizonDays,
  };
  const nowMs = now.getTime();
  const s0 = initialStability(model, 1);
  const learnedFromScratch = retrievabilityAfter(model, horizonDays - studyDelayDays, s0);
  const rho = ctx.planRetention;
  const plan = rho === null ? null : planConstants(model, horizonDays, rho);
  const d0 = Math.min(10, Math.max(1, model.w[4] ?? 5));
  // After a meeting the item has one practice: no practice term yet.
  const newRate = plan === null ? learnedFromScratch : bestPlanRate(plan, d0, s0, 0, 1);
  const w9 = model.w[9] ?? 0;
  const w10 = model.w[10] ?? 0;
  const w11 = model.w[11] ?? 0;
  const w12 = model.w[12] ?? 0;
  const w13 = model.w[13] ?? 0;
  const w14 = model.w[14] ?? 0;
  for (let i = 0; i < n; i++) {
    const candidate = candidates[i] as Candidate;
    const t = topicIndex[i] ?? 0;
    if (!Number.isInteger(candidate.optionCount) || candidate.optionCount < 2) {
      assertFiniteNumber(`optionCount of ${candidate.questionId}`, NaN);
    }
    const rating = candidate.itemRating;
    if (!(Number.isFinite(rating) && rating >= -20 && rating <= 20)) {
      assertFiniteNumber(`itemRating of ${candidate.questionId}`, rating, -20, 20);
    }
    const c = 1 / candidate.optionCount;
    const k = sigmoid((topicAbility[t] ?? 0) - candidate.itemRating);
    const itemWeight = (topicWeights[t] ?? 0) / (topicCounts[t] ?? 1);
    values.guess[i] = c;
    values.knowledge[i] = k;
    values.itemWeight[i] = itemWeight;
    const memory = candidate.memory;
    if (memory === null || isUnseen(memory)) {
      values.unseen[i] = 1;
      values.elapsedDays[i] = NaN;
      values.correctAtHorizon[i] = c + (1 - c) * k;
      // What the student did not know becomes a fresh memory from the explanation.
      values.gain[i] = itemWeight * (1 - c) * (1 - k) * learnedFromScratch;
      values.rate[i] = itemWeight * (1 - c) * (1 - k) * newRate;
      continue;
    }
    if (!isMemoryStateValid(memory, nowMs)) validateMemoryState(memory, now, `memory of ${candidate.questionId}`);
    const elapsed = (nowMs - (memory.lastReview as Date).getTime()) / DAY_MS;
    values.elapsedDays[i] = elapsed;
    const s = memory.stability;
    const d = Math.max(1, memory.difficulty);
    // Recall now rests on the practices so far; after this review there is one more.
    const sNow = s * practiceFactor(model, memory.reps);
    const r = retrievabilityAfter(model, elapsed, sNow);
    values.recallNow[i] = r;
    const withoutStudy = retrievabilityAfter(model, elapsed + horizonDays, sNow);
    values.correctAtHorizon[i] = c + (1 - c) * withoutStudy;
    if (studyDelayDays !== 0) {
      values.gain[i] = itemWeight * (1 - c) * (reviewedRecall(model, d, s, memory.reps, elapsed + studyDelayDays, horizonDays - studyDelayDays) - withoutStudy);
      values.rate[i] = values.gain[i] ?? 0;
      continue;
    }
    if (plan === null) {
      const after = practiceFactor(model, memory.reps + 1);
      const afterRecall = stabilityAfterRecall(model, d, s, r) * after;
      const afterLapse = stabilityAfterLapse(model, d, s, r) * after;
      const reviewed = r * retrievabilityAfter(model, horizonDays, afterRecall) + (1 - r) * retrievabilityAfter(model, horizonDays, afterLapse);
      values.gain[i] = itemWeight * (1 - c) * (reviewed - withoutStudy);
      values.rate[i] = values.gain[i] ?? 0;
      continue;
    }
    // The hot path of picking: the two outcomes of a review now with
    // fsrs-model.ts's formulas written out (same expressions, same results),
    // blended geometrically by r, then the best short plan from there.
    // Picking ranks by rate only; the single-review gain of the chosen item
    // is computed on demand (singleReviewGain).
    const lapseD = w11 * Math.exp(-w12 * Math.log(d));
    const logS = Math.log(s);
    const afterRecall = Math.min(Math.max(s * (1 + model.expW8 * (11 - d) * Math.exp(-w9 * logS) * (Math.exp((1 - r) * w10) - 1)), 0.001), 36500);
    const afterLapse = Math.min(Math.max(lapseD * (Math.exp(w13 * Math.log(s + 1)) - 1) * Math.exp((1 - r) * w14), 0.001), s);
    const afterNow = Math.exp(r * Math.log(afterRecall) + (1 - r) * Math.log(afterLapse));
    values.gain[i] = NaN;
    values.rate[i] = itemWeight * (1 - c) * bestPlanRate(plan, d, afterNow, withoutStudy, memory.reps + 1);
  }
  return values;
}

/** Expected exam-score gain of one review of seen item `i` now (no later reviews). */
export function singleReviewGain(values: CandidateValues, i: number, memory: MemoryState): number {
  const known = values.gain[i] ?? NaN;
  if (!Number.isNaN(known)) return known;
  const { model, horizonDays } = values;
  const c = values.guess[i] ?? 0.25;
  const r = values.recallNow[i] ?? 0;
  const d = Math.max(1, memory.difficulty);
  const withoutStudy = ((values.correctAtHorizon[i] ?? c) - c) / (1 - c);
  const after = practiceFactor(model, memory.reps + 1);
  const reviewed =
    r * retrievabilityAfter(model, horizonDays, stabilityAfterRecall(model, d, memory.stability, r) * after) +
    (1 - r) * retrievabilityAfter(model, horizonDays, stabilityAfterLapse(model, d, memory.stability, r) * after);
  return (values.itemWeight[i] ?? 0) * (1 - c) * (reviewed - withoutStudy);
}

const MAX_LATER_REVIEWS = 6;

/** What bestPlanRate needs that is the same for every candidate of one evaluation. */
interface PlanConstants {
  factor: number;
  scale: number;
  decay: number;
  horizon: number;
  retention: number;
  /** Reviews end a day before the horizon (less on a short horizon). */
  lead: number;
  /** (retention ^ (1 / decay) - 1): the wait until R falls to retention, per unit of scaled stability / factor. */
  retentionTerm: number;
  w9: number;
  w10: number;
  w13: number;
  w14: number;
  expW8: number;
  /** exp((1 - retention) * w10) - 1 and exp((1 - retention) * w14): a review at R = retention. */
  recallAtTarget: number;
  lapseAtTarget: number;
  w11: number;
  w12: number;
  /** n ^ practiceExponent by practice count n (fsrs-model.ts), null without a practice term. */
  practiceFactors: Float64Array | null;
  practiceExponent: number;
}

function planConstants(model: FsrsModel, horizon: number, retention: number): PlanConstants {
  const w = (index: number): number => model.w[index] ?? 0;
  return {
    factor: model.factor,
    scale: model.scale,
    decay: model.decay,
    horizon,
    retention,
    lead: Math.min(1, horizon / 4),
    retentionTerm: Math.pow(retention, 1 / model.decay) - 1,
    w9: w(9),
    w10: w(10),
    w13: w(13),
    w14: w(14),
    expW8: model.expW8,
    recallAtTarget: Math.exp((1 - retention) * w(10)) - 1,
    lapseAtTarget: Math.exp((1 - retention) * w(14)),
    w11: w(11),
    w12: w(12),
    practiceFactors: model.practiceFactors,
    practiceExponent: model.practiceExponent,
  };
}

/**
 * Best (recall at the horizon - baseline) / reviews over plans of 1 + j
 * reviews (j = 0..6): the one now, which left stability `s` and `practices`
 * answers in all, then one each time R falls to the plan's retention (at
 * least a day apart), the last no later than a day before the horizon. Each
 * later review is an expected recall/lapse mix (geometric mean of the two
 * stabilities) and one more practice.
 */
function bestPlanRate(plan: PlanConstants, d: number, s: number, baseline: number, practices: number): number {
  // Powers are written exp(y * log(x)): about twice as fast as Math.pow in V8.
  const { factor, decay, retention, retentionTerm, w9, w13, practiceFactors } = plan;
  let scale = practiceFactors === null ? plan.scale : plan.scale * practiceFactorAt(practiceFactors, plan.practiceExponent, practices);
  let stability = s;
  let remaining = plan.horizon;
  let best = Math.exp(decay * Math.log(1 + (factor * remaining) / (scale * stability))) - baseline;
  const recallK = plan.expW8 * (11 - d);
  const lapseK = plan.w11 * Math.exp(-plan.w12 * Math.log(d));
  for (let j = 1; j <= MAX_LATER_REVIEWS; j++) {
    // Recall is at most 1, so a plan of j + 1 reviews is worth at most
    // (1 - baseline) / (j + 1): once the best so far reaches that, stop.
    if (best >= (1 - baseline) / (j + 1)) break;
    const planned = ((scale * stability) / factor) * retentionTerm;
    const wait = Math.min(Math.max(1, planned), remaining - plan.lead);
    if (wait <= 0) break;
    // At the planned moment R equals the retention, so the R-dependent
    // factors are the plan's constants; a clamped wait needs R computed.
    let r = retention;
    let recallGrowth = plan.recallAtTarget;
    let lapseGrowth = plan.lapseAtTarget;
    if (wait !== planned) {
      r = Math.exp(decay * Math.log(1 + (factor * wait) / (scale * stability)));
      recallGrowth = Math.exp((1 - r) * plan.w10) - 1;
      lapseGrowth = Math.exp((1 - r) * plan.w14);
    }
    const recalled = Math.min(Math.max(stability * (1 + recallK * Math.exp(-w9 * Math.log(stability)) * recallGrowth), 0.001), 36500);
    const lapsed = Math.min(Math.max(lapseK * (Math.exp(w13 * Math.log(stability + 1)) - 1) * lapseGrowth, 0.001), stability);
    stability = Math.exp(r * Math.log(recalled) + (1 - r) * Math.log(lapsed));
    if (practiceFactors !== null) scale = plan.scale * practiceFactorAt(practiceFactors, plan.practiceExponent, practices + j);
    remaining -= wait;
    const value = (Math.exp(decay * Math.log(1 + (factor * remaining) / (scale * stability))) - baseline) / (j + 1);
    if (value > best) best = value;
  }
  return best;
}

/** n ^ exponent from the model's table (n below 1 counts as 1). */
function practiceFactorAt(table: Float64Array, exponent: number, n: number): number {
  if (n <= 1) return 1;
  return n < table.length ? (table[n] ?? 1) : Math.pow(n, exponent);
}

/** Expected retrievability at the horizon if the item, practised `practices` times, is reviewed after `elapsed` days. */
function reviewedRecall(model: FsrsModel, d: number, s: number, practices: number, elapsed: number, remaining: number): number {
  const r = retrievabilityAfter(model, elapsed, s * practiceFactor(model, practices));
  const after = practiceFactor(model, practices + 1);
  const afterRecall = stabilityAfterRecall(model, d, s, r) * after;
  const afterLapse = stabilityAfterLapse(model, d, s, r) * after;
  return r * retrievabilityAfter(model, remaining, afterRecall) + (1 - r) * retrievabilityAfter(model, remaining, afterLapse);
}
