// The student's own forgetting curve, fitted online. FSRS's population curve
// can be wrong for a student (or wrong in shape: real forgetting may be closer
// to exponential than FSRS-6's power law). Each later review is a Bernoulli
// observation: P(correct) = c + (1 - c) * R(t; scale * S, decay). We take one
// gradient step on the log-likelihood in (log scale, log decay), with a step
// that shrinks with evidence and a weak pull toward FSRS's defaults.
import { FSRS6_DEFAULT_DECAY } from "ts-fsrs";
import { InvalidNumberError, assertFiniteNumber } from "./errors";
import type { Confidence, MemoryFit } from "./types";

const MIN_LOG_SCALE = Math.log(0.02);
const MAX_LOG_SCALE = Math.log(50);
const MIN_LOG_DECAY = Math.log(0.1);
const MAX_LOG_DECAY = Math.log(8);
/**
 * First step size. Tried 0.7 so that the plan's measuring reviews (about one
 * a day, pick-next.ts) move the fit faster: readiness a week out improved for
 * novices under HLR and ACT-R truth (MAE 12.4 -> 6.5) but the exam score fell
 * by 1 point under ACT-R at 90 days x 40 and readiness worsened under FSRS
 * truth, so it stays 0.4 (docs/decisions/0004).
 */
const LEARNING_RATE = 0.4;
const PRIOR_PULL = 0.002;
const EPS = 1e-4;

/** FSRS-6's default curve, before any evidence. */
export function createMemoryFit(): MemoryFit {
  return { stabilityScale: 1, decay: FSRS6_DEFAULT_DECAY, reviews: 0 };
}

export interface ReviewObservation {
  /** Days between the previous review and this one. */
  elapsedDays: number;
  /** FSRS stability before this review. */
  stability: number;
  correct: boolean;
  confidence: Confidence;
  optionCount: number;
  /**
   * The item's answers before this one, right or wrong (MemoryState.reps of
   * the state before the review); memory-evidence.ts bands its reviews by
   * it. Absent counts as 1 (no practice term), as before it was kept.
   */
  practices?: number;
  /**
   * Whether the student's first answer to the item was right and not marked
   * "I guessed" (firstRecalled, memory-evidence.ts); absent when not known.
   * memory-evidence.ts keeps the reviews of those items and of the others
   * apart as well, for readiness's first-answer offsets.
   */
  firstRecalled?: boolean;
}

function logLikelihood(logScale: number, logDecay: number, obs: ReviewObservation, correct: boolean): number {
  const decay = Math.exp(logDecay);
  const factor = Math.pow(0.9, -1 / decay) - 1;
  const r = Math.pow(1 + (factor * obs.elapsedDays) / (Math.exp(logScale) * obs.stability), -decay);
  const c = 1 / obs.optionCount;
  const p = Math.min(1 - 1e-6, Math.max(1e-6, c + (1 - c) * r));
  return correct ? Math.log(p) : Math.log(1 - p);
}

/** One online update from a later review (not a first encounter). Pure. */
export function updateMemoryFit(fit: MemoryFit, obs: ReviewObservation): MemoryFit {
  assertFiniteNumber("elapsedDays", obs.elapsedDays, 0);
  assertFiniteNumber("stability", obs.stability, 1e-6);
  assertFiniteNumber("memoryFit.stabilityScale", fit.stabilityScale, 1e-6);
  assertFiniteNumber("memoryFit.decay", fit.decay, 1e-6);
  if (!Number.isInteger(obs.optionCount) || obs.optionCount < 2) {
    throw new InvalidNumberError("optionCount", obs.optionCount, "an integer >= 2");
  }
  // A same-minute repeat says nothing about forgetting.
  if (obs.elapsedDays < 0.01) return { ...fit, reviews: fit.reviews + 1 };
  const correct = obs.correct && obs.confidence !== "GUESSED";
  const ls = Math.log(fit.stabilityScale);
  const ld = Math.log(fit.decay);
  const gradScale = (logLikelihood(ls + EPS, ld, obs, correct) - logLikelihood(ls - EPS, ld, obs, correct)) / (2 * EPS);
  const gradDecay = (logLikelihood(ls, ld + EPS, obs, correct) - logLikelihood(ls, ld - EPS, obs, correct)) / (2 * EPS);
  const rate = LEARNING_RATE / Math.sqrt(1 + fit.reviews / 10);
  const nextLs = ls + rate * gradScale - PRIOR_PULL * ls;
  const nextLd = ld + rate * gradDecay - PRIOR_PULL * (ld - Math.log(FSRS6_DEFAULT_DECAY));
  return {
    stabilityScale: Math.exp(Math.min(MAX_LOG_SCALE, Math.max(MIN_LOG_SCALE, nextLs))),
    decay: Math.exp(Math.min(MAX_LOG_DECAY, Math.max(MIN_LOG_DECAY, nextLd))),
    reviews: fit.reviews + 1,
  };
}
