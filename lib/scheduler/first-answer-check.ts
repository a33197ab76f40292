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
// for the student, shrunk toward 0, and a topic's own deviation from it,
// shrunk toward 0, each prior worth POOLING_ATTEMPTS first answers. Their
// standard errors stand for the ability's uncertainty in the interval: the
// overall one moves every topic together.
import { POOLING_ATTEMPTS, logit, sigmoid } from "./ability";
import type { CandidateValues } from "./candidate-value";

/** A question's first answer by the student: right or wrong, whatever the confidence. */
export interface FirstAnswer {
  questionId: string;
  correct: boolean;
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
 * the candidates (retired, another subject) are ignored.
 */
export function checkFirstAnswers(values: CandidateValues, questionIds: readonly string[], firstAnswers: readonly FirstAnswer[]): FirstAnswerCheck {
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
  let overall = 0;
  let infoAll = prior;
  for (let round = 0; round < ROUNDS; round++) {
    // The overall shift, topics' deviations held...
    let score = -prior * overall;
    let info = prior;
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
