// The ability model checked against the student's own first answers, for the
// part of readiness it extrapolates: the items the student has not met.
//
// An item not met is scored at P = c + (1 - c) k, k = sigmoid(a - b), with a
// the topic's Elo rating and b the item's calibrated difficulty (ability.ts).
// The Elo rating can sit well off the student: its shrinking steps stall near
// the guessing floor (a student who knows nothing stays near k = 0.15), and a
// right answer marked "I guessed" scores y = c in the Elo step, which pulls
// honest students down. Both show as first answers the model, as it stands
// now, mispredicts. So the ability is refitted to them: the shift d of the
// rating that makes sum(y - P(a + d - b)) over the items met balance a
// prior, with y = 1 for every right answer (P already counts lucky guesses,
// so this is unbiased whatever the student says about guessing).
//
// The shift is hierarchical, as the ability's pooling is: an overall shift
// for the student and a topic's own deviation from it, shrunk toward 0 and
// worth POOLING_ATTEMPTS first answers. Their standard errors stand for the
// ability's uncertainty in the interval: the overall one moves every topic
// together.
//
// Where the class has answered the student's items too (classLevel), the
// student's overall level is instead one draw from the class: the prior is
// the class's level on those items, with the students' spread about it.
// A week into a 14-day exam, the first answers alone spread the predictions
// of a class of novices over 7.6 points while their true scores differed by
// 1.3 (bench/learning/readiness-spread.ts): a lucky run of guesses read as
// knowledge. Read against the class, such a run moves a student only as far
// as its weight against the class's warrants (decision 0004, thirteenth pass).
import { POOLING_ATTEMPTS, logit, sigmoid } from "./ability";
import type { CandidateValues } from "./candidate-value";
import type { Candidate, Confidence } from "./types";

/**
 * A question's first answer by the student. The check reads it right or
 * wrong, whatever the confidence; readiness also reads the confidence, to
 * file the item under the first-answer offsets (firstRecalled,
 * memory-evidence.ts). Without it the answer counts as not marked "I guessed".
 */
export interface FirstAnswer {
  questionId: string;
  correct: boolean;
  confidence?: Confidence;
}

export interface FirstAnswerCheck {
  /** Per topic index: the shift of the ability (logits) that fits the first answers. */
  readonly shift: Float64Array;
  /** Standard error of the overall shift, shared by every topic (logits); NaN without first answers in reach. */
  readonly overallSe: number;
  /** Per topic index: standard error of the topic's own deviation from it (logits); NaN without first answers. */
  readonly deviationSe: Float64Array;
  /** First answers the check rests on. */
  readonly answers: number;
}

/**
 * Where the class's students stand on the student's items (ability on the
 * items' scale, logits; classLevel), and how far a student may stand from
 * it: the prior of the student's own level.
 */
export interface PopulationLevel {
  level: number;
  sd: number;
}

/**
 * The spread of students' levels about the class's (logits): the standard
 * normal prior of item response theory, on a scale whose unit is the
 * logistic slope of one answer. Not fitted: one class's first answers to
 * its items tell its mean level, not how far its students differ.
 */
export const CLASS_LEVEL_SD = 1;

/**
 * The class's level before its answers: N(0, 2^2) on the items' scale,
 * whose 0 is the average student the labels were written for. Weak (a
 * class two students' spreads from it is unremarkable), but it keeps the
 * level finite where the class's answers alone would send it to infinity:
 * a class at or below chance on the items, or right on every one.
 */
const CLASS_LEVEL_PRIOR_SD = 2;

/** First answers of others the class's level needs in all before it counts. */
const CLASS_LEVEL_MIN_ANSWERS = 30;

/**
 * Where the class's level is looked for, +-40 logits: beyond it the prior's
 * pull (40 / 2^2 = 10 answers' worth of score) outweighs anything the
 * answers can say about a level so far from every item.
 */
const CLASS_LEVEL_BOUND = 40;

/**
 * The class's level on the items the student has answered (their first
 * answers), as the prior of the student's own level: the most likely level
 * a of the class given its other first answers to those items
 * (calibrationAnswers and calibrationCorrect, less the student's own), each
 * item at P = c + (1 - c) sigmoid(a - b) averaged over students spread
 * CLASS_LEVEL_SD about a, with b its rating on the class's scale (`placed`,
 * per candidate, in order; ratingsOnClassScale), under the weak prior
 * CLASS_LEVEL_PRIOR_SD. On the same items as the student, so the items'
 * selection (the pick meets first those that look hardest) and any error in
 * their ratings fall on both alike. `sd` is a student's spread about the
 * class, CLASS_LEVEL_SD, widened by the level's own standard error: a class
 * whose answers say little about where it stands (few of them, or all at
 * chance) holds a student only loosely. Undefined when the others have
 * given fewer than CLASS_LEVEL_MIN_ANSWERS first answers to the student's
 * items.
 */
export function classLevel(candidates: readonly Candidate[], placed: Float64Array, firstAnswers: readonly FirstAnswer[]): PopulationLevel | undefined {
  const own = new Map<string, boolean>();
  for (const answer of firstAnswers) own.set(answer.questionId, answer.correct);
  const rows: { n: number; k: number; c: number; b: number }[] = [];
  let total = 0;
  candidates.forEach((candidate, i) => {
    const mine = own.get(candidate.questionId);
    if (mine === undefined) return;
    const k = (candidate.calibrationCorrect ?? NaN) - (mine ? 1 : 0);
    const n = (candidate.calibrationAnswers ?? 0) - 1;
    if (!(n > 0) || !(k >= 0 && k <= n)) return;
    rows.push({ n, k, c: 1 / candidate.optionCount, b: placed[i] ?? 0 });
    total += n;
  });
  if (total < CLASS_LEVEL_MIN_ANSWERS) return undefined;
  const spread = Math.sqrt(1 + (Math.PI * CLASS_LEVEL_SD * CLASS_LEVEL_SD) / 8);
  const priorPrecision = 1 / (CLASS_LEVEL_PRIOR_SD * CLASS_LEVEL_PRIOR_SD);
  // The log posterior's gradient and expected information at a level.
  const at = (level: number): { score: number; info: number } => {
    let score = -priorPrecision * level;
    let info = priorPrecision;
    for (const row of rows) {
      // Averaged over the class's students, N(level, CLASS_LEVEL_SD^2): E sigmoid(x) ~ sigmoid(m / spread).
      const k = sigmoid((level - row.b) / spread);
      const p = Math.min(1 - 1e-12, Math.max(1e-12, row.c + (1 - row.c) * k));
      const slope = ((1 - row.c) * k * (1 - k)) / spread;
      score += ((row.k - row.n * p) * slope) / (p * (1 - p));
      info += (row.n * slope * slope) / (p * (1 - p));
    }
    return { score, info };
  };
  // The gradient falls from positive to negative across any level the data
  // could support (the prior's pull outweighs them by CLASS_LEVEL_BOUND),
  // so bisection finds where it crosses zero, however flat the likelihood.
  let low = -CLASS_LEVEL_BOUND;
  let high = CLASS_LEVEL_BOUND;
  if (!(at(low).score > 0 && at(high).score < 0)) return undefined;
  for (let round = 0; round < 60; round++) {
    const mid = (low + high) / 2;
    if (at(mid).score > 0) low = mid;
    else high = mid;
  }
  const level = (low + high) / 2;
  const se = 1 / Math.sqrt(at(level).info);
  return { level, sd: Math.sqrt(CLASS_LEVEL_SD * CLASS_LEVEL_SD + se * se) };
}

/** No first answers: no correction. */
export function noFirstAnswerCheck(topics: number): FirstAnswerCheck {
  return { shift: new Float64Array(topics), overallSe: NaN, deviationSe: new Float64Array(topics).fill(NaN), answers: 0 };
}

/** Newton rounds at most, each step at most MAX_STEP logits; they stop once every step is below 1e-6. */
const ROUNDS = 100;
const MAX_STEP = 4;

/**
 * The shift of the ability that fits the student's first answers.
 * `values` must be evaluateCandidates over the same candidates, in order;
 * `questionIds[i]` is candidate i's id. First answers to questions not among
 * the candidates (retired, another subject) are ignored. `population`, the
 * prior of the student's overall level (classLevel), must stand on the same
 * ratings as `values`' knowledge.
 */
export function checkFirstAnswers(
  values: CandidateValues,
  questionIds: readonly string[],
  firstAnswers: readonly FirstAnswer[],
  population?: PopulationLevel,
): FirstAnswerCheck {
  const topics = values.topicIds.length;
  if (firstAnswers.length === 0) return noFirstAnswerCheck(topics);
  const outcome = new Map<string, boolean>();
  for (const answer of firstAnswers) outcome.set(answer.questionId, answer.correct);
  const items: number[] = [];
  const y: number[] = [];
  for (let i = 0; i < values.count; i++) {
    const correct = outcome.get(questionIds[i] ?? "");
    if (correct === undefined) continue;
    items.push(i);
    y.push(correct ? 1 : 0);
  }
  if (items.length === 0) return noFirstAnswerCheck(topics);
  const base = items.map((i) => logit(values.knowledge[i] ?? 0));
  const guess = items.map((i) => values.guess[i] ?? 0);
  const topic = items.map((i) => values.topicIndex[i] ?? 0);
  // Score (y - P) and slope dP/dshift of each answer at a given shift.
  const residual = (j: number, shift: number): { r: number; slope: number } => {
    const k = sigmoid((base[j] ?? 0) + shift);
    const c = guess[j] ?? 0;
    return { r: (y[j] ?? 0) - (c + (1 - c) * k), slope: (1 - c) * k * (1 - k) };
  };
  // A prior worth POOLING_ATTEMPTS of these answers, each of the information
  // an answer has at no shift (as the ability's pooling counts attempts).
  let slopeAll = 0;
  for (let j = 0; j < items.length; j++) slopeAll += residual(j, 0).slope;
  const prior = (POOLING_ATTEMPTS * slopeAll) / items.length;
  // Answers that carry no information (predicted at 0 or 1 exactly) move nothing.
  const step = (score: number, info: number): number => (info > 0 ? Math.max(-MAX_STEP, Math.min(MAX_STEP, score / info)) : 0);
  const deviation = new Float64Array(topics);
  const infoTopic = new Float64Array(topics).fill(prior);
  const scores = new Float64Array(topics);
  // With the class's level known, the student's own level (their Elo
  // ratings where they answered, plus the overall shift) is one draw from
  // the class: the overall shift's prior is centred where that level meets
  // the class's, with the class's spread. Without it, the shift is shrunk
  // toward the Elo ratings, worth POOLING_ATTEMPTS answers.
  let overallCentre = 0;
  let overallPrior = prior;
  if (population !== undefined && population.sd > 0 && Number.isFinite(population.level)) {
    let elo = 0;
    for (let j = 0; j < items.length; j++) elo += values.topicAbility[topic[j] ?? 0] ?? 0;
    overallCentre = population.level - elo / items.length;
    overallPrior = 1 / (population.sd * population.sd);
  }
  let overall = overallCentre;
  let infoAll = overallPrior;
  for (let round = 0; round < ROUNDS; round++) {
    // The overall shift, topics' deviations held...
    let score = -overallPrior * (overall - overallCentre);
    let info = overallPrior;
    for (let j = 0; j < items.length; j++) {
      const { r, slope } = residual(j, overall + (deviation[topic[j] ?? 0] ?? 0));
      score += r;
      info += slope;
    }
    const overallStep = step(score, info);
    overall += overallStep;
    infoAll = info;
    // ...then each topic's deviation, the overall shift held.
    infoTopic.fill(prior);
    for (let t = 0; t < topics; t++) scores[t] = -prior * (deviation[t] ?? 0);
    for (let j = 0; j < items.length; j++) {
      const t = topic[j] ?? 0;
      const { r, slope } = residual(j, overall + (deviation[t] ?? 0));
      scores[t] = (scores[t] ?? 0) + r;
      infoTopic[t] = (infoTopic[t] ?? 0) + slope;
    }
    let largest = Math.abs(overallStep);
    for (let t = 0; t < topics; t++) {
      const topicStep = step(scores[t] ?? 0, infoTopic[t] ?? prior);
      deviation[t] = (deviation[t] ?? 0) + topicStep;
      largest = Math.max(largest, Math.abs(topicStep));
    }
    if (largest < 1e-6) break;
  }
  const shift = new Float64Array(topics);
  const deviationSe = new Float64Array(topics);
  for (let t = 0; t < topics; t++) {
    shift[t] = overall + (deviation[t] ?? 0);
    deviationSe[t] = Math.sqrt(1 / (infoTopic[t] ?? prior));
  }
  return { shift, overallSe: Math.sqrt(1 / infoAll), deviationSe, answers: items.length };
}
