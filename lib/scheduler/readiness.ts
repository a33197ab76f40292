// Readiness: the expected exam score now and on the exam date, topic by topic,
// from the same memory (FSRS) and ability (Elo) states the picker uses.
// Exam score = sum over topics of weight * mean P(correct) of the topic's
// items, with P = c + (1 - c) * recall (unseen items: prior knowledge).
// The exam-day projection plays the plan forward: the planned reviews are
// spread over the days left, picked by planSession exactly as the student
// will get them, answered right with the model's own P(correct) (one seeded
// path), applied with reviewMemory, and the bank is scored on exam morning.
// (A first version added the best single-review gains greedily; in the
// simulator it over-promised the last week by about 3 points.)
// Items not met are scored by the ability model corrected by its residuals on
// the student's own first answers (first-answer-check.ts), in the now, the
// projected and the stop-studying scores alike; where the class has answered
// the same items, the student's level is read against the class's there. Every item stands at its
// expected difficulty on the class's scale (ratingsOnClassScale, ability.ts):
// one nobody has answered where the class's rated items of its label have
// gone, a rated one between there and its Elo rating by its first answers,
// and the check fits the met items on the same ratings.
// Items met are scored by the memory curve, moved by the fit's recall offset
// where the fit sits on a bound of its family (memory-evidence.ts), in all
// three as well.
import { evaluateCandidates } from "./candidate-value";
import type { CandidateValues } from "./candidate-value";
import { assertFiniteNumber, assertValidDate } from "./errors";
import { CLASS_LEVEL_SD, checkFirstAnswers, classLevel } from "./first-answer-check";
import type { FirstAnswer, FirstAnswerCheck } from "./first-answer-check";
import { daysUntilExam } from "./pacing";
import { resolveParams } from "./params";
import { ratingsOnClassScale, shiftLogit, sigmoid } from "./ability";
import { DAY_MS } from "./fsrs-model";
import { isUnseen, retrievability, reviewMemory } from "./memory";
import { firstAnswerOffsetFor, firstRecalled, recallOffsetFor } from "./memory-evidence";
import { planSession } from "./pick-next";
import type { Candidate, MemoryFit, MemoryFitUncertainty, Rng, SchedulerParams, StudyPlan, TopicAbility, TopicWeight } from "./types";

export interface ScoreEstimate {
  /** Expected exam score as a fraction 0-1. */
  score: number;
  /** 95% interval (sampling of exam questions plus model uncertainty). */
  low: number;
  high: number;
}

export interface TopicReadiness {
  topicId: string;
  weight: number;
  now: number;
  examDay: number | null;
}

export interface Readiness {
  now: ScoreEstimate;
  /** Projected exam-day score if the student keeps the plan; null without an upcoming exam. */
  examDay: ScoreEstimate | null;
  /** Exam-day score if the student stopped studying today. */
  examDayWithoutStudy: ScoreEstimate | null;
  /** Reviews the projection assumes are still to come. */
  plannedReviews: number;
  topics: TopicReadiness[];
}

export interface ReadinessInput {
  now: Date;
  /** Every question of the exam's bank, seen or not. */
  candidates: readonly Candidate[];
  topics: readonly TopicWeight[];
  abilities: Readonly<Record<string, TopicAbility>>;
  plan: StudyPlan;
  /** Reviews still to come before the exam; default dailyGoal * days left * studyDayShare. */
  plannedReviews?: number;
  /**
   * The student's first answer to each question met, right or wrong, with
   * its confidence: the ability model is checked against every one of them
   * (right whatever the confidence), and each met item takes the first-answer
   * offset of its group (firstRecalled: right and not marked "I guessed").
   * Without them the items not met are scored by the ability model alone,
   * and met items take no first-answer offset.
   */
  firstAnswers?: readonly FirstAnswer[];
  /** Seeded source for the projected answers (the projection is one simulated path). */
  rng: Rng;
  /** Questions on the real exam, for the sampling part of the interval. */
  examLength?: number;
  params?: Partial<SchedulerParams>;
}

const Z95 = 1.959964;
/**
 * The projection's limits, which keep its cost to about a second of picks
 * whatever the plan (the settings allow 500 a day and an exam three years
 * away: 466,000 projected reviews, 40 s of picks and more): an exam further
 * away is projected as if it came after this many days of the same daily
 * study, and the reviews projected stop at this many per question (spread
 * over the days). Either leaves the student less study than the plan, so a
 * limited projection errs low, by little: past them nearly every question is
 * met and kept near the plan's retention.
 */
const MAX_PROJECTED_DAYS = 180;
const MAX_PROJECTED_REVIEWS_PER_ITEM = 20;
/** Relative uncertainty of memory predictions (population parameters, not the student's). */
const MEMORY_MODEL_SD = 0.03;

/** The student's readiness (readinessSteps, run to its end at once). */
export function estimateReadiness(input: ReadinessInput): Readiness {
  const steps = readinessSteps(input);
  for (;;) {
    const step = steps.next();
    if (step.done === true) return step.value;
  }
}

/**
 * The same estimate as a generator that pauses after each projected day of
 * study (some milliseconds of picks each): a server runs it a step at a time
 * and lets requests in between, so a projection of weeks of study never holds
 * its only thread for its whole length (lib/services/readiness.ts). Nothing
 * here waits or reads a clock: the result is the same however it is run.
 */
export function* readinessSteps(input: ReadinessInput): Generator<void, Readiness, void> {
  const { now, candidates, topics, abilities, plan } = input;
  assertValidDate("now", now);
  const params = resolveParams(input.params);
  const examLength = input.examLength ?? 100;
  assertFiniteNumber("examLength", examLength, 1);
  const daysLeft = daysUntilExam(now, plan.examDate);
  const base = { now, candidates, topics, abilities, params };
  const placed = ratingsOnClassScale(candidates);
  const current = onClassScale(evaluateCandidates({ ...base, horizonDays: 0, studyDelayDays: 0, planRetention: null }), placed);
  const check = checkAgainstClass(current, candidates, placed, input.firstAnswers);
  const recalled = firstAnswerOutcomes(input.firstAnswers);
  const offsets = itemOffsets(candidates, params.memoryFit, recalled);
  const nowScores = topicScores(current, check, offsets);
  const nowEstimate = withInterval(current, nowScores, abilities, examLength, check);

  let examDay: ScoreEstimate | null = null;
  let withoutStudy: ScoreEstimate | null = null;
  let plannedReviews = 0;
  let examTopicScores: TopicScoreTable | null = null;
  if (daysLeft !== null && daysLeft > 0) {
    const dailyGoal = plan.dailyGoal ?? params.defaultDailyGoal;
    plannedReviews = input.plannedReviews ?? Math.round(dailyGoal * Math.ceil(daysLeft) * params.studyDayShare);
    assertFiniteNumber("plannedReviews", plannedReviews, 0);
    const later = onClassScale(evaluateCandidates({ ...base, horizonDays: daysLeft, studyDelayDays: 0, planRetention: null }), placed);
    const stopScores = topicScores(later, check, offsets);
    withoutStudy = withInterval(later, stopScores, abilities, examLength, check);
    // The projection's exam: the real one, or MAX_PROJECTED_DAYS away for one further off.
    const projectedDays = Math.min(daysLeft, MAX_PROJECTED_DAYS);
    const examDate = projectedDays < daysLeft ? new Date(now.getTime() + projectedDays * DAY_MS) : (plan.examDate as Date);
    const projectedReviews = Math.min(Math.round((plannedReviews * projectedDays) / daysLeft), MAX_PROJECTED_REVIEWS_PER_ITEM * candidates.length);
    const projectedInput = { ...input, plan: { ...plan, examDate } };
    const project = function* (fitParams: SchedulerParams): Generator<void, { values: CandidateValues; table: TopicScoreTable }, void> {
      const projected = yield* projectStudy({ ...projectedInput, params: { ...input.params, ...fitParams } }, projectedDays, projectedReviews, examDate, check, current, recalled);
      const studied = projected.candidates;
      const values = onClassScale(evaluateCandidates({ ...base, params: fitParams, now: examDate, candidates: studied, horizonDays: 0, studyDelayDays: 0, planRetention: null }), placed);
      return { values, table: topicScores(values, check, itemOffsets(studied, fitParams.memoryFit, projected.recalled)) };
    };
    const central = yield* project(params);
    examTopicScores = central.table;
    // A fit that states its own uncertainty replaces the fixed allowance for the memory model.
    const memorySd = params.memoryFit?.uncertainty === undefined ? MEMORY_MODEL_SD : 0;
    examDay = withInterval(central.values, central.table, abilities, examLength, check, memorySd);
    examDay = yield* withMemoryUncertainty(examDay, params, function* (fit) {
      const corner = yield* project({ ...params, memoryFit: fit });
      return withInterval(corner.values, corner.table, abilities, examLength, check).score;
    });
  }
  const weightSum = activeWeightSum(current);
  return {
    now: nowEstimate,
    examDay,
    examDayWithoutStudy: withoutStudy,
    plannedReviews,
    topics: current.topicIds.map((topicId, t) => ({
      topicId,
      weight: weightSum > 0 ? (current.topicWeights[t] ?? 0) / weightSum : 0,
      now: nowScores.mean[t] ?? 0,
      examDay: examTopicScores === null ? null : (examTopicScores.mean[t] ?? 0),
    })),
  };
}

/**
 * The values with each item's knowledge at its rating on the class's scale
 * (`placed`, per candidate, in order; ratingsOnClassScale). Only knowledge
 * changes: readiness scores the items not met by it, and the first-answer
 * check fits the met items' first answers against it, so both sides of that
 * extrapolation stand on the same ratings. The other per-item fields are
 * left as they were.
 */
function onClassScale(values: CandidateValues, placed: Float64Array): CandidateValues {
  if (placed.length !== values.count) throw new Error(`placed ratings for ${String(placed.length)} items, values for ${String(values.count)}`);
  const knowledge = Float64Array.from(values.knowledge, (_, i) => sigmoid((values.topicAbility[values.topicIndex[i] ?? 0] ?? 0) - (placed[i] ?? 0)));
  return { ...values, knowledge };
}

/** The first-answer check on the values (on the `placed` ratings), the student read against the class's level there. */
function checkAgainstClass(
  values: CandidateValues,
  candidates: readonly Candidate[],
  placed: Float64Array,
  firstAnswers: readonly FirstAnswer[] | undefined,
): FirstAnswerCheck {
  const answers = firstAnswers ?? [];
  const questionIds = candidates.map((candidate) => candidate.questionId);
  return checkFirstAnswers(values, questionIds, answers, classLevel(candidates, placed, answers));
}

interface TopicScoreTable {
  mean: Float64Array;
  count: Float64Array;
}

/** Whether each question's first answer was recalled (right, not marked "I guessed": firstRecalled), by question id. */
function firstAnswerOutcomes(firstAnswers: readonly FirstAnswer[] | undefined): ReadonlyMap<string, boolean> {
  return new Map((firstAnswers ?? []).map((answer) => [answer.questionId, firstRecalled(answer.correct, answer.confidence === "GUESSED")]));
}

/** A met item's shift of logit R: its practice band's (a fit on a bound) plus its first answer's (`recalled`: firstAnswerOutcomes). */
function itemOffset(fit: MemoryFit | undefined, candidate: Candidate, recalled: ReadonlyMap<string, boolean>): number {
  return recallOffsetFor(fit, candidate.memory?.reps ?? 0) + firstAnswerOffsetFor(fit, recalled.get(candidate.questionId));
}

/** Per candidate (in order), the fit's offsets for the item (itemOffset); null when the fit has none. */
function itemOffsets(candidates: readonly Candidate[], fit: MemoryFit | undefined, recalled: ReadonlyMap<string, boolean>): Float64Array | null {
  if (fit?.recallOffset === undefined && fit?.firstAnswerOffset === undefined) return null;
  return Float64Array.from(candidates, (candidate) => itemOffset(fit, candidate, recalled));
}

/**
 * Each item's expected P(correct) at the values' horizon: items not met by
 * the ability corrected by the first-answer check, items met by the memory
 * curve with its recall offset (`offsets`, per item; null for none).
 */
function scoredCorrect(values: CandidateValues, check: FirstAnswerCheck, offsets: Float64Array | null): Float64Array {
  const scored = new Float64Array(values.count);
  for (let i = 0; i < values.count; i++) {
    const c = values.guess[i] ?? 0;
    if (values.unseen[i] === 1) {
      scored[i] = c + (1 - c) * shiftLogit(values.knowledge[i] ?? 0, check.shift[values.topicIndex[i] ?? 0] ?? 0);
    } else {
      const correct = Math.min(1, values.correctAtHorizon[i] ?? 0);
      const offset = offsets?.[i] ?? 0;
      scored[i] = offset === 0 ? correct : c + (1 - c) * shiftLogit((correct - c) / (1 - c), offset);
    }
  }
  return scored;
}

/**
 * What readiness expects of each item now: its chance of a correct answer
 * (as the "now" score counts it) and whether the student has met it.
 */
export function expectedCorrectNow(input: Pick<ReadinessInput, "now" | "candidates" | "topics" | "abilities" | "firstAnswers" | "params">): {
  correct: Float64Array;
  unseen: Uint8Array;
} {
  const params = resolveParams(input.params);
  const placed = ratingsOnClassScale(input.candidates);
  const values = onClassScale(evaluateCandidates({ ...input, params, horizonDays: 0, studyDelayDays: 0, planRetention: null }), placed);
  const check = checkAgainstClass(values, input.candidates, placed, input.firstAnswers);
  return { correct: scoredCorrect(values, check, itemOffsets(input.candidates, params.memoryFit, firstAnswerOutcomes(input.firstAnswers))), unseen: values.unseen };
}

function topicScores(values: CandidateValues, check: FirstAnswerCheck, offsets: Float64Array | null): TopicScoreTable {
  const topics = values.topicIds.length;
  const sum = new Float64Array(topics);
  const count = new Float64Array(topics);
  const scored = scoredCorrect(values, check, offsets);
  for (let i = 0; i < values.count; i++) {
    const t = values.topicIndex[i] ?? 0;
    sum[t] = (sum[t] ?? 0) + (scored[i] ?? 0);
    count[t] = (count[t] ?? 0) + 1;
  }
  const mean = new Float64Array(topics);
  for (let t = 0; t < topics; t++) {
    const c = count[t] ?? 0;
    mean[t] = c > 0 ? (sum[t] ?? 0) / c : 0;
  }
  return { mean, count };
}

function activeWeightSum(values: CandidateValues): number {
  const present = new Uint8Array(values.topicIds.length);
  for (let i = 0; i < values.count; i++) present[values.topicIndex[i] ?? 0] = 1;
  let sum = 0;
  values.topicWeights.forEach((w, t) => {
    if (present[t] === 1) sum += w;
  });
  return sum;
}

function withInterval(
  values: CandidateValues,
  table: TopicScoreTable,
  abilities: Readonly<Record<string, TopicAbility>>,
  examLength: number,
  check: FirstAnswerCheck,
  memorySd = MEMORY_MODEL_SD,
): ScoreEstimate {
  const weightSum = activeWeightSum(values);
  if (weightSum <= 0) return { score: 0, low: 0, high: 0 };
  let score = 0;
  let samplingVar = 0;
  let modelVar = 0;
  let seenShare = 0;
  let sharedSlope = 0;
  const topics = values.topicIds.length;
  const unseenSlope = new Float64Array(topics);
  for (let i = 0; i < values.count; i++) {
    const t = values.topicIndex[i] ?? 0;
    if (values.unseen[i] === 1) {
      const k = shiftLogit(values.knowledge[i] ?? 0, check.shift[t] ?? 0);
      unseenSlope[t] = (unseenSlope[t] ?? 0) + (1 - (values.guess[i] ?? 0)) * k * (1 - k);
    } else {
      seenShare += (values.itemWeight[i] ?? 0) / weightSum;
    }
  }
  for (let t = 0; t < topics; t++) {
    const count = table.count[t] ?? 0;
    if (count === 0) continue;
    const w = (values.topicWeights[t] ?? 0) / weightSum;
    const m = table.mean[t] ?? 0;
    score += w * m;
    // A blueprint exam asks w x examLength questions of topic t, each a random
    // item of the topic, so Bernoulli(m) whatever the spread of the items' P:
    // variance w^2 m (1 - m) / (w examLength).
    samplingVar += (w * m * (1 - m)) / examLength;
    // The ability's uncertainty: the first-answer fit's (a topic's own part
    // here, the part shared by every topic below), or without first answers
    // in reach a rule of thumb from the Elo step schedule.
    const attempts = abilities[values.topicIds[t] ?? ""]?.attempts ?? 0;
    const fitted = check.deviationSe[t] ?? NaN;
    const abilitySe = Number.isFinite(fitted) ? fitted : 1 / Math.sqrt(1 + 0.15 * attempts);
    const slope = (unseenSlope[t] ?? 0) / count;
    modelVar += (w * slope * abilitySe) ** 2;
    sharedSlope += w * slope;
  }
  if (Number.isFinite(check.overallSe)) {
    modelVar += (sharedSlope * check.overallSe) ** 2;
  } else if (seenShare === 0 && values.topicIds.every((topicId) => (abilities[topicId]?.attempts ?? 0) === 0)) {
    // Nothing answered yet: where the student stands is one unknown that
    // every topic shares, as spread as students are about their class.
    modelVar += (sharedSlope * CLASS_LEVEL_SD) ** 2;
  }
  modelVar += (memorySd * seenShare) ** 2;
  const half = Z95 * Math.sqrt(samplingVar + modelVar);
  return { score, low: Math.max(0, score - half), high: Math.min(1, score + half) };
}

/**
 * Uncertainty about the student's own forgetting curve. The fit (memory-fit.ts)
 * is a point estimate of log stability scale and log decay; with n later
 * reviews behind it we take each as uncertain by FIT_LOG_SD / sqrt(1 + n / 10)
 * (the fit's own step-size schedule), so with no evidence a 95% range of
 * x/÷ e^2 (a single exposure may last hours or weeks). The exam-day score is
 * projected again at the pessimistic corner (shorter stabilities, steeper
 * decay) and the optimistic one, and the interval's two sides widen by those
 * distances, added in quadrature to the rest of the interval.
 */
const FIT_LOG_SD = 1;

/** The exam-day score projected with another memory fit (a generator: each projection pauses after every day). */
type ScoreWith = (fit: MemoryFit) => Generator<void, number, void>;

function* withMemoryUncertainty(estimate: ScoreEstimate, params: SchedulerParams, scoreWith: ScoreWith): Generator<void, ScoreEstimate, void> {
  const fit = params.memoryFit;
  if (fit === undefined) return estimate;
  if (fit.uncertainty !== undefined) return yield* withFittedUncertainty(estimate, fit, fit.uncertainty, scoreWith);
  const spread = Z95 * (FIT_LOG_SD / Math.sqrt(1 + fit.reviews / 10));
  const down = Math.max(0, estimate.score - (yield* scoreWith(shiftedFit(fit, -spread, spread))));
  const up = Math.max(0, (yield* scoreWith(shiftedFit(fit, spread, -spread))) - estimate.score);
  return widened(estimate, down, up);
}

/** The fit moved by the given steps in log scale and log decay, kept within the fit's bounds. */
function shiftedFit(fit: MemoryFit, dLogScale: number, dLogDecay: number, dPractice = 0): MemoryFit {
  const shifted: MemoryFit = {
    stabilityScale: Math.min(1e3, Math.max(1e-3, fit.stabilityScale * Math.exp(dLogScale))),
    decay: Math.min(20, Math.max(0.01, fit.decay * Math.exp(dLogDecay))),
    reviews: fit.reviews,
  };
  const exponent = (fit.practiceExponent ?? 0) + dPractice;
  if (exponent !== 0) shifted.practiceExponent = Math.min(5, Math.max(-5, exponent));
  if (fit.recallOffset !== undefined) shifted.recallOffset = fit.recallOffset;
  if (fit.firstAnswerOffset !== undefined) shifted.firstAnswerOffset = fit.firstAnswerOffset;
  return shifted;
}

/** The interval's sides widened by `down` and `up`, in quadrature, within 0-1. */
function widened(estimate: ScoreEstimate, down: number, up: number): ScoreEstimate {
  const lowHalf = estimate.score - estimate.low;
  const highHalf = estimate.high - estimate.score;
  return {
    score: estimate.score,
    low: Math.max(0, estimate.score - Math.sqrt(lowHalf * lowHalf + down * down)),
    high: Math.min(1, estimate.score + Math.sqrt(highHalf * highHalf + up * up)),
  };
}

/**
 * With standard errors from the fit's curvature (memory-evidence.ts): the
 * exam-day score is projected again one standard error up in log scale and,
 * separately, one up in log decay (and in the practice exponent when it was
 * fitted, and in the recall and first-answer offsets when the fit has them); those differences
 * are the score's sensitivities, and its variance is g' Cov g. The
 * interval's sides widen by 1.96 of that, in quadrature. Two to six
 * projections.
 */
function* withFittedUncertainty(estimate: ScoreEstimate, fit: MemoryFit, sd: MemoryFitUncertainty, scoreWith: ScoreWith): Generator<void, ScoreEstimate, void> {
  const byScale = (yield* scoreWith(shiftedFit(fit, sd.logScaleSd, 0))) - estimate.score;
  const byDecay = (yield* scoreWith(shiftedFit(fit, 0, sd.logDecaySd))) - estimate.score;
  let variance = byScale * byScale + byDecay * byDecay + 2 * sd.correlation * byScale * byDecay;
  // A fitted practice exponent is a third direction (a third projection).
  const practice = sd.practice;
  if (practice !== undefined) {
    const byPractice = (yield* scoreWith(shiftedFit(fit, 0, 0, practice.sd))) - estimate.score;
    variance += byPractice * byPractice + 2 * byPractice * (practice.correlationScale * byScale + practice.correlationDecay * byDecay);
  }
  // A recall offset (a fit on a bound) is one more direction: every band's
  // shift one of its standard errors up. Taken as independent of the curve's
  // own directions, although the offset would partly undo a move of the
  // scale: that counts the level's uncertainty somewhat twice, which widens
  // the interval rather than narrowing it.
  const offset = fit.recallOffset;
  if (offset !== undefined) {
    const up = { ...offset, logit: offset.logit + offset.sd, byBand: offset.byBand.map((x, b) => x + (offset.byBandSd[b] ?? offset.sd)) };
    const byOffset = (yield* scoreWith({ ...fit, recallOffset: up })) - estimate.score;
    variance += byOffset * byOffset;
  }
  // The first-answer offsets are two more, independent (fitted on reviews of different items):
  // each group's shift one of its standard errors up.
  const first = fit.firstAnswerOffset;
  if (first !== undefined) {
    const byRight = (yield* scoreWith({ ...fit, firstAnswerOffset: { ...first, right: first.right + first.rightSd } })) - estimate.score;
    const byWrong = (yield* scoreWith({ ...fit, firstAnswerOffset: { ...first, wrong: first.wrong + first.wrongSd } })) - estimate.score;
    variance += byRight * byRight + byWrong * byWrong;
  }
  variance = Math.max(0, variance);
  const spread = Z95 * Math.sqrt(variance);
  return widened(estimate, spread, spread);
}

/**
 * One simulated path of the planned study until the exam, pausing after each
 * day's session; returns the projected candidates. The picks see the candidates as the pick does; the
 * simulated answers, the knowledge readiness scores now (`current`, every
 * item on the class's scale), shifted by the first-answer check.
 */
function* projectStudy(
  input: ReadinessInput,
  daysLeft: number,
  plannedReviews: number,
  examDate: Date,
  check: FirstAnswerCheck,
  current: CandidateValues,
  recalledNow: ReadonlyMap<string, boolean>,
): Generator<void, { candidates: Candidate[]; recalled: ReadonlyMap<string, boolean> }, void> {
  const { now, topics, abilities, plan, rng } = input;
  const studied = input.candidates.map((candidate) => ({ ...candidate }));
  // The simulated first answers join the real ones (recalled or not): their items are scored by them on exam day.
  const recalled = new Map(recalledNow);
  const position = new Map(studied.map((candidate, i) => [candidate.questionId, i]));
  const days = Math.max(1, Math.ceil(daysLeft));
  const examMs = examDate.getTime();
  let lastQuestionId: string | null = null;
  let lastTopicId: string | null = null;
  for (let day = 0; day < days; day++) {
    const dayStart = now.getTime() + day * DAY_MS;
    if (dayStart >= examMs) break;
    const count = Math.round((plannedReviews * (day + 1)) / days) - Math.round((plannedReviews * day) / days);
    if (count <= 0) continue;
    const picks = planSession(
      {
        now: new Date(dayStart),
        candidates: studied,
        topics,
        abilities,
        plan,
        lastQuestionId,
        lastTopicId,
        introducedToday: 0,
        rng,
        ...(input.params === undefined ? {} : { params: input.params }),
      },
      count,
    );
    picks.forEach((pick, k) => {
      const i = position.get(pick.questionId) ?? -1;
      const candidate = studied[i];
      if (candidate === undefined) return;
      const at = new Date(Math.min(dayStart + k * 60_000, examMs));
      const c = 1 / candidate.optionCount;
      const knowledge = shiftLogit(current.knowledge[i] ?? 0, check.shift[current.topicIndex[i] ?? 0] ?? 0);
      const met = candidate.memory !== null && !isUnseen(candidate.memory) ? candidate.memory : null;
      const recall = met === null ? knowledge : shiftLogit(retrievability(met, at, input.params), itemOffset(input.params?.memoryFit, candidate, recalled));
      // Below recall: recalled; up to recall + (1 - recall) c: a lucky guess,
      // which a first answer files with the wrong ones (firstRecalled).
      const u = rng.next();
      const correct = u < recall + (1 - recall) * c;
      if (met === null && !recalled.has(candidate.questionId)) recalled.set(candidate.questionId, u < recall);
      candidate.memory = reviewMemory({
        memory: candidate.memory,
        answer: { correct, confidence: "SURE", optionCount: candidate.optionCount },
        now: at,
        examDate,
        priorRecall: knowledge,
        ...(input.params === undefined ? {} : { params: input.params }),
      }).memory;
      lastQuestionId = pick.questionId;
      lastTopicId = pick.topicId;
    });
    yield;
  }
  return { candidates: studied, recalled };
}
