// New items: Elo with guessing (a one-parameter IRT model with a guessing
// floor). P(correct) = c + (1 - c) * sigmoid(ability - difficulty), with
// c = 1 / options. Ability is per (user, topic); item difficulty is shared and
// calibrated online from everyone's first attempts (later attempts are
// contaminated by memory). K factors shrink with evidence: K = a / (1 + b n).
import { InvalidNumberError, assertFiniteNumber } from "./errors";
import type { AnswerEvidence, Candidate, DifficultyLabel, QuestionCalibration, TopicAbility } from "./types";

/** Starting difficulty from the bank's label (logits; 0 = average student at 50% knowledge). */
export const LABEL_RATINGS: Readonly<Record<DifficultyLabel, number>> = Object.freeze({
  easy: -1,
  medium: 0,
  hard: 1,
});

/** K-factor schedules: a / (1 + b * attempts). */
export const ABILITY_K = Object.freeze({ a: 0.8, b: 0.15 });
export const ITEM_K = Object.freeze({ a: 0.4, b: 0.075 });

export function kFactor(attempts: number, schedule: { a: number; b: number }): number {
  return schedule.a / (1 + schedule.b * Math.max(0, attempts));
}

/** Initial item rating for a new question with the given bank label. */
export function initialItemRating(label: DifficultyLabel): number {
  const rating = LABEL_RATINGS[label] as number | undefined;
  if (rating === undefined) throw new InvalidNumberError("difficulty label", NaN, "easy, medium or hard");
  return rating;
}

/**
 * Items' worth of weight the labels' starting ratings keep in a label's place
 * on the class's scale (ratingsOnClassScale).
 */
export const LABEL_DRIFT_PRIOR_ITEMS = 8;

/**
 * The spread of items' difficulties within one label, as a standard
 * deviation (logits): half the spacing of the labels' starting ratings,
 * which are 1 logit apart, so a label places an item to about +-0.5.
 */
export const WITHIN_LABEL_SD = 0.5;

/**
 * Fisher information about an item's difficulty in one first answer at even
 * odds of knowing it, with four options (the bank's form; with three it is
 * 0.125, with five 0.167, so one constant serves): P = c + (1 - c) k, k = 1/2, c = 1/4,
 * information (dP/db)^2 / (P (1 - P)) with dP/db = (1 - c) k (1 - k).
 */
const FIRST_ANSWER_INFORMATION = ((0.75 * 0.25) ** 2) / (0.625 * 0.375);

/**
 * First answers' worth of weight an item's label keeps in its place on the
 * class's scale: the label's information (1 / WITHIN_LABEL_SD^2) over one
 * answer's, about 27. An item the class has answered n times is placed
 * n / (n + RATING_PRIOR_ANSWERS) of the way from its label's place to its
 * own Elo rating: the rating's expected difficulty given its label and
 * those answers.
 */
export const RATING_PRIOR_ANSWERS = 1 / (WITHIN_LABEL_SD ** 2 * FIRST_ANSWER_INFORMATION);

/**
 * Each candidate's rating on the class's current scale, as readiness scores
 * it. Elo's scale has no fixed origin: as first answers come in, the items
 * the class has answered and the students' abilities move apart (a class of
 * novices rates the items it meets hard and itself low), while an item
 * nobody has answered stays at its label's starting rating, off that scale.
 * A label's place on the class's scale is where its rated items have gone
 * on average (itemRating - labelRating), shrunk toward its starting rating
 * as if LABEL_DRIFT_PRIOR_ITEMS unmoved items were among them; an item
 * nobody has answered sits there.
 *
 * A rated item with its count of answers (calibrationAnswers) is placed
 * between its label's place and its own rating, by RATING_PRIOR_ANSWERS. An
 * Elo rating from a few answers is noisy, and the pick meets first the items
 * whose ratings look hardest for the student, so the items met are, on
 * average, easier than their ratings say and those left harder: fitted to
 * the first answers on raw ratings, readiness credited the student with the
 * items' error and over-scored the items not met (decision 0004, eleventh
 * pass). An expected difficulty is free of that selection. A rated item
 * without a count keeps its rating, as does an item whose rating is no
 * label's.
 */
export function ratingsOnClassScale(candidates: readonly Candidate[]): Float64Array {
  const labels = Object.values(LABEL_RATINGS);
  const moved = new Float64Array(labels.length);
  const rated = new Float64Array(labels.length);
  for (const candidate of candidates) {
    if (candidate.labelRating === undefined) continue;
    const label = labels.indexOf(candidate.labelRating);
    if (label < 0) continue;
    moved[label] = (moved[label] ?? 0) + candidate.itemRating - candidate.labelRating;
    rated[label] = (rated[label] ?? 0) + 1;
  }
  const place = (label: number): number => (labels[label] ?? 0) + (moved[label] ?? 0) / ((rated[label] ?? 0) + LABEL_DRIFT_PRIOR_ITEMS);
  return Float64Array.from(candidates, (candidate) => {
    if (candidate.labelRating !== undefined) {
      const label = labels.indexOf(candidate.labelRating);
      const answers = candidate.calibrationAnswers;
      if (label < 0 || answers === undefined) return candidate.itemRating;
      assertFiniteNumber("calibrationAnswers", answers, 0);
      const centre = place(label);
      return centre + (answers / (answers + RATING_PRIOR_ANSWERS)) * (candidate.itemRating - centre);
    }
    const label = labels.indexOf(candidate.itemRating);
    if (label < 0) return candidate.itemRating;
    return place(label);
  });
}

/** A fresh calibration row for a question. */
export function createQuestionCalibration(label: DifficultyLabel): QuestionCalibration {
  return { rating: initialItemRating(label), firstAttempts: 0, firstCorrect: 0, attempts: 0, correct: 0 };
}

/**
 * Attempts' worth of weight the student's overall level keeps in a topic's
 * estimate. Per-topic Elo starts every topic at 0; after a few dozen first
 * attempts spread over ten topics each estimate is still mostly that prior.
 * The simulator showed pooling halves the error in the unseen part of the
 * readiness score (docs/decisions/0002-scheduler.md).
 */
export const POOLING_ATTEMPTS = 8;

/**
 * Effective ability per topic: the topic's own Elo rating plus the share of
 * the student's overall rating (attempt-weighted mean over topics) that the
 * topic's own evidence has not yet replaced, n0 / (n0 + attempts). A topic
 * never tried starts at the student's overall level instead of at 0.
 */
export function effectiveTopicRatings(topicIds: readonly string[], abilities: Readonly<Record<string, TopicAbility>>): Float64Array {
  let weighted = 0;
  let attempts = 0;
  for (const ability of Object.values(abilities)) {
    assertFiniteNumber("ability.rating", ability.rating, -20, 20);
    assertFiniteNumber("ability.attempts", ability.attempts, 0);
    weighted += ability.rating * ability.attempts;
    attempts += ability.attempts;
  }
  const overall = attempts > 0 ? weighted / attempts : 0;
  return Float64Array.from(topicIds, (topicId) => {
    const own = abilities[topicId] ?? { rating: 0, attempts: 0 };
    return own.rating + (POOLING_ATTEMPTS / (POOLING_ATTEMPTS + own.attempts)) * overall;
  });
}

export function sigmoid(x: number): number {
  return 1 / (1 + Math.exp(-x));
}

/** ln(p / (1 - p)), with p kept within 1e-9 of 0 and 1. */
export function logit(p: number): number {
  const q = Math.min(1 - 1e-9, Math.max(1e-9, p));
  return Math.log(q / (1 - q));
}

/** Probability `p` moved by `shift` on the logit scale (unchanged at 0). */
export function shiftLogit(p: number, shift: number): number {
  return shift === 0 ? p : sigmoid(logit(p) + shift);
}

/** Probability the student already knows the item (no guessing): sigmoid(ability - difficulty). */
export function knowledgeProbability(abilityRating: number, itemRating: number): number {
  assertFiniteNumber("abilityRating", abilityRating);
  assertFiniteNumber("itemRating", itemRating);
  return sigmoid(abilityRating - itemRating);
}

/** Predicted chance of a correct first attempt, including a lucky guess. */
export function predictFirstAttemptSuccess(abilityRating: number, itemRating: number, optionCount: number): number {
  if (!Number.isInteger(optionCount) || optionCount < 2) {
    throw new InvalidNumberError("optionCount", optionCount, "an integer >= 2");
  }
  const c = 1 / optionCount;
  return c + (1 - c) * knowledgeProbability(abilityRating, itemRating);
}

export interface UpdateAbilityInput {
  ability: TopicAbility;
  calibration: QuestionCalibration;
  answer: AnswerEvidence;
  /** Whether this is the student's first answer to this question. */
  firstAttempt: boolean;
}

export interface UpdateAbilityResult {
  ability: TopicAbility;
  calibration: QuestionCalibration;
  /** Predicted success before the answer (for logging calibration). */
  predicted: number;
}

/**
 * Elo step on a first attempt: ability moves by K_user * (y - P) and item
 * difficulty by -K_item * (y - P). A correct answer marked "I guessed" scores
 * y = c, the value of a blind guess, so it never raises ability. Later
 * attempts only update the counters.
 */
export function updateAbility(input: UpdateAbilityInput): UpdateAbilityResult {
  const { ability, calibration, answer, firstAttempt } = input;
  assertFiniteNumber("ability.rating", ability.rating, -20, 20);
  assertFiniteNumber("ability.attempts", ability.attempts, 0);
  assertFiniteNumber("calibration.rating", calibration.rating, -20, 20);
  assertFiniteNumber("calibration.firstAttempts", calibration.firstAttempts, 0);
  const predicted = predictFirstAttemptSuccess(ability.rating, calibration.rating, answer.optionCount);
  const counted = answer.correct ? 1 : 0;
  const nextCalibration: QuestionCalibration = {
    ...calibration,
    attempts: calibration.attempts + 1,
    correct: calibration.correct + counted,
  };
  if (!firstAttempt) return { ability: { ...ability }, calibration: nextCalibration, predicted };
  const c = 1 / answer.optionCount;
  const y = answer.correct ? (answer.confidence === "GUESSED" ? c : 1) : 0;
  const error = y - predicted;
  return {
    ability: { rating: ability.rating + kFactor(ability.attempts, ABILITY_K) * error, attempts: ability.attempts + 1 },
    calibration: {
      ...nextCalibration,
      rating: calibration.rating - kFactor(calibration.firstAttempts, ITEM_K) * error,
      firstAttempts: calibration.firstAttempts + 1,
      firstCorrect: calibration.firstCorrect + counted,
    },
    predicted,
  };
}
