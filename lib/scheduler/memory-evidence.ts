// The student's forgetting curve fitted from everything they have answered,
// not one gradient step per review. A later review is a Bernoulli
// observation P(correct) = c + (1 - c) R(t / S), and R depends on the review
// only through the ratio x = elapsed days / FSRS stability (memory-fit.ts), so
// the reviews are kept as counts in bins of ln x: a small fixed-size,
// JSON-serialisable value (16 bins x 4 numbers) that grows no larger with
// use. From it a few Newton steps find the maximum a-posteriori (log
// stability scale, log decay) under a weak prior centred on FSRS-6's default
// curve (each log parameter uncertain by 2: exponential-like forgetting, decay
// near 1, must not be ruled out a priori), and the curvature there (observed
// Fisher information plus the prior's) gives the fit's standard errors, which
// readiness.ts turns into the width of its interval. A student with few later
// reviews borrows the curve other students of the bank showed
// (withPopulationEvidence: the same bins summed over students).
//
// The outcome is the answer's correctness, whatever the confidence: a
// correct answer is recall or a lucky guess among the options, which is what
// the likelihood says. (memory-fit.ts counted a correct "I guessed" as a
// lapse, which biases the fitted recall low when students say "guessed"
// about answers they did know.)
import { FSRS6_DEFAULT_DECAY } from "ts-fsrs";
import { InvalidNumberError, assertFiniteNumber } from "./errors";
import type { ReviewObservation } from "./memory-fit";
import type { MemoryFit } from "./types";

/** Bins of ln(elapsed / stability): BIN_COUNT of width BIN_WIDTH from BIN_LOW; the ends take everything beyond. */
export const BIN_COUNT = 16;
const BIN_LOW = -5;
const BIN_WIDTH = 0.75;
/** Each bin: [observations, correct, sum of ln x, sum of guess rate c]. */
const BIN_FIELDS = 4;

/**
 * What the fit keeps per student (meant for one JSON column on the User row).
 * `reviews` counts every later review, including same-minute repeats, which
 * say nothing about forgetting and stay out of the bins.
 */
export interface MemoryEvidence {
  version: 1;
  reviews: number;
  /** BIN_COUNT rows of [n, correct, sum ln x, sum c]. */
  bins: number[][];
}

const MIN_LOG_SCALE = Math.log(0.02);
const MAX_LOG_SCALE = Math.log(50);
const MIN_LOG_DECAY = Math.log(0.1);
const MAX_LOG_DECAY = Math.log(8);
const PRIOR_LOG_DECAY = Math.log(FSRS6_DEFAULT_DECAY);
/**
 * Prior standard deviation of log scale and log decay (a 95% range of x/÷ e^4
 * before any evidence). At 1 (memory-fit.ts's pull) twenty reviews that all
 * failed a week after a meeting could not move the decay far enough from
 * FSRS's power-law tail: readiness ran 12 points high for HLR and ACT-R
 * novices (docs/decisions/0004, third pass).
 */
export const PRIOR_LOG_SD = 2;

export interface MemoryPrior {
  logScaleSd: number;
  logDecaySd: number;
}
const DEFAULT_PRIOR: MemoryPrior = { logScaleSd: PRIOR_LOG_SD, logDecaySd: PRIOR_LOG_SD };

export function createMemoryEvidence(): MemoryEvidence {
  return { version: 1, reviews: 0, bins: Array.from({ length: BIN_COUNT }, () => [0, 0, 0, 0]) };
}

function binOf(lnX: number): number {
  return Math.min(BIN_COUNT - 1, Math.max(0, Math.floor((lnX - BIN_LOW) / BIN_WIDTH)));
}

/** Adds one later review (not a first encounter). Pure: returns a new value. */
export function addMemoryObservation(evidence: MemoryEvidence, obs: ReviewObservation): MemoryEvidence {
  assertFiniteNumber("elapsedDays", obs.elapsedDays, 0);
  assertFiniteNumber("stability", obs.stability, 1e-6);
  if (!Number.isInteger(obs.optionCount) || obs.optionCount < 2) {
    throw new InvalidNumberError("optionCount", obs.optionCount, "an integer >= 2");
  }
  const next: MemoryEvidence = { version: 1, reviews: evidence.reviews + 1, bins: evidence.bins.map((bin) => [...bin]) };
  // A same-minute repeat says nothing about forgetting.
  if (obs.elapsedDays < 0.01) return next;
  const lnX = Math.log(obs.elapsedDays / obs.stability);
  const bin = next.bins[binOf(lnX)] as number[];
  bin[0] = (bin[0] ?? 0) + 1;
  bin[1] = (bin[1] ?? 0) + (obs.correct ? 1 : 0);
  bin[2] = (bin[2] ?? 0) + lnX;
  bin[3] = (bin[3] ?? 0) + 1 / obs.optionCount;
  return next;
}

/** Two students' evidence summed field by field (a population is such a sum). Pure. */
export function addEvidence(a: MemoryEvidence, b: MemoryEvidence): MemoryEvidence {
  return {
    version: 1,
    reviews: a.reviews + b.reviews,
    bins: a.bins.map((bin, i) => bin.map((x, f) => x + (b.bins[i]?.[f] ?? 0))),
  };
}

/** A sum without one of its parts (a population without the student being fitted); never below zero. Pure. */
export function subtractEvidence(total: MemoryEvidence, part: MemoryEvidence): MemoryEvidence {
  return {
    version: 1,
    reviews: Math.max(0, total.reviews - part.reviews),
    bins: total.bins.map((bin, i) => {
      const count = Math.max(0, (bin[0] ?? 0) - (part.bins[i]?.[0] ?? 0));
      // An emptied bin is exactly empty, whatever rounding left in its sums.
      return count === 0 ? bin.map(() => 0) : bin.map((x, f) => (f === 2 ? x - (part.bins[i]?.[f] ?? 0) : Math.max(0, x - (part.bins[i]?.[f] ?? 0))));
    }),
  };
}

/**
 * Weight, in reviews, of the population's evidence in a student's fit. About
 * the evidence at which a student's own fit is as precise (ln scale to about
 * +-0.3) as students differ from one another; measured in bench/learning at
 * 20, 60 and 150 (docs/decisions/0004, third pass).
 */
export const POPULATION_EVIDENCE_WEIGHT = 150;

/**
 * The student's evidence with a population's (every student's reviews of the
 * same bank, summed the same way) added at a total weight of `weight` reviews:
 * an empirical prior for the shape of the curve, so a student with few later
 * reviews borrows the curve other students showed and their own reviews take
 * over as they accrue. Pure.
 */
export function withPopulationEvidence(evidence: MemoryEvidence, population: MemoryEvidence, weight: number): MemoryEvidence {
  assertFiniteNumber("population weight", weight, 0);
  let total = 0;
  for (const bin of population.bins) total += bin[0] ?? 0;
  if (total <= 0 || weight === 0) return evidence;
  const share = weight / total;
  return {
    version: 1,
    reviews: evidence.reviews,
    bins: evidence.bins.map((bin, b) => bin.map((x, f) => x + share * (population.bins[b]?.[f] ?? 0))),
  };
}

/**
 * Checks a stored value (e.g. parsed from JSON); null when it is missing or
 * not a well-formed MemoryEvidence, so a caller falls back to a fresh one.
 */
export function parseMemoryEvidence(value: unknown): MemoryEvidence | null {
  if (typeof value !== "object" || value === null) return null;
  const v = value as Partial<MemoryEvidence>;
  if (v.version !== 1 || typeof v.reviews !== "number" || !Number.isInteger(v.reviews) || v.reviews < 0) return null;
  if (!Array.isArray(v.bins) || v.bins.length !== BIN_COUNT) return null;
  let binned = 0;
  for (const bin of v.bins as unknown[]) {
    if (!Array.isArray(bin) || bin.length !== BIN_FIELDS) return null;
    if (!bin.every((x) => typeof x === "number" && Number.isFinite(x))) return null;
    const [n, correct, , guess] = bin as number[];
    if ((n ?? -1) < 0 || (correct ?? -1) < 0 || (correct ?? 0) > (n ?? 0) || (guess ?? -1) < 0 || (guess ?? 0) > (n ?? 0) / 2 + 1e-9) return null;
    binned += n ?? 0;
  }
  if (binned > v.reviews) return null;
  return { version: 1, reviews: v.reviews, bins: v.bins.map((bin) => [...bin]) };
}

/** Negative log posterior of (log scale, log decay) given the binned evidence. */
function negLogPosterior(evidence: MemoryEvidence, a: number, b: number, prior: MemoryPrior): number {
  const decay = Math.exp(b);
  const scale = Math.exp(a);
  const factor = Math.pow(0.9, -1 / decay) - 1;
  let total = 0.5 * (a / prior.logScaleSd) ** 2 + 0.5 * ((b - PRIOR_LOG_DECAY) / prior.logDecaySd) ** 2;
  for (const bin of evidence.bins) {
    const n = bin[0] ?? 0;
    if (n <= 0) continue;
    const k = bin[1] ?? 0;
    const x = Math.exp((bin[2] ?? 0) / n);
    const c = (bin[3] ?? 0) / n;
    const r = Math.exp(-decay * Math.log(1 + (factor * x) / scale));
    const p = Math.min(1 - 1e-9, Math.max(1e-9, c + (1 - c) * r));
    total -= k * Math.log(p) + (n - k) * Math.log(1 - p);
  }
  return total;
}

const H = 1e-3;

function derivatives(evidence: MemoryEvidence, a: number, b: number, prior: MemoryPrior) {
  const f = (x: number, y: number): number => negLogPosterior(evidence, x, y, prior);
  const f0 = f(a, b);
  const fa1 = f(a + H, b);
  const fa0 = f(a - H, b);
  const fb1 = f(a, b + H);
  const fb0 = f(a, b - H);
  const gA = (fa1 - fa0) / (2 * H);
  const gB = (fb1 - fb0) / (2 * H);
  const hAA = (fa1 - 2 * f0 + fa0) / (H * H);
  const hBB = (fb1 - 2 * f0 + fb0) / (H * H);
  const hAB = (f(a + H, b + H) - f(a + H, b - H) - f(a - H, b + H) + f(a - H, b - H)) / (4 * H * H);
  return { f0, gA, gB, hAA, hBB, hAB };
}

const clampA = (a: number): number => Math.min(MAX_LOG_SCALE, Math.max(MIN_LOG_SCALE, a));
const clampB = (b: number): number => Math.min(MAX_LOG_DECAY, Math.max(MIN_LOG_DECAY, b));

/**
 * True when an evidence fit (one with `uncertainty`) sits on a bound of the
 * family: no stability scale and decay within the bounds describe the
 * evidence, so the curve is not one of this family. Under ACT-R truth after
 * a few hundred mostly failed reviews the fit went to scale 0.02 with decay
 * 2, predicting recall near 0 at every review, against an observed 5-15%
 * flat over x from 5 to 700 (docs/decisions/0004, fourth pass).
 */
export function isBoundaryFit(fit: MemoryFit): boolean {
  if (fit.uncertainty === undefined) return false;
  const a = Math.log(fit.stabilityScale);
  const b = Math.log(fit.decay);
  const near = (x: number, bound: number): boolean => Math.abs(x - bound) < 1e-6;
  return near(a, MIN_LOG_SCALE) || near(a, MAX_LOG_SCALE) || near(b, MIN_LOG_DECAY) || near(b, MAX_LOG_DECAY);
}

/**
 * The most probable forgetting curve given the evidence, with its standard
 * errors (from the curvature of the log posterior at that point). Pure and
 * deterministic: the same evidence always gives the same fit. With no
 * evidence it is FSRS-6's default curve with the prior's uncertainty.
 */
export function fitMemoryEvidence(evidence: MemoryEvidence, prior: MemoryPrior = DEFAULT_PRIOR): MemoryFit {
  let a = 0;
  let b = PRIOR_LOG_DECAY;
  let d = derivatives(evidence, a, b, prior);
  for (let iter = 0; iter < 30; iter++) {
    // Newton step on the 2x2 system, damped (Levenberg) until it descends.
    let lambda = 0;
    let moved = false;
    for (let tries = 0; tries < 12; tries++) {
      const hAA = d.hAA + lambda;
      const hBB = d.hBB + lambda;
      const det = hAA * hBB - d.hAB * d.hAB;
      if (hAA > 0 && det > 0) {
        const stepA = -(hBB * d.gA - d.hAB * d.gB) / det;
        const stepB = -(hAA * d.gB - d.hAB * d.gA) / det;
        const nextA = clampA(a + stepA);
        const nextB = clampB(b + stepB);
        if (negLogPosterior(evidence, nextA, nextB, prior) <= d.f0 + 1e-12) {
          moved = Math.abs(nextA - a) + Math.abs(nextB - b) > 1e-7;
          a = nextA;
          b = nextB;
          break;
        }
      }
      lambda = lambda === 0 ? 1e-3 + Math.abs(d.hAA) + Math.abs(d.hBB) : lambda * 4;
    }
    if (!moved) break;
    d = derivatives(evidence, a, b, prior);
  }
  // Covariance = inverse curvature; where the fit sits on a bound or the
  // curvature is not positive, fall back to the prior's spread.
  const det = d.hAA * d.hBB - d.hAB * d.hAB;
  let logScaleSd = prior.logScaleSd;
  let logDecaySd = prior.logDecaySd;
  let correlation = 0;
  if (d.hAA > 0 && d.hBB > 0 && det > 0) {
    logScaleSd = Math.min(prior.logScaleSd, Math.sqrt(d.hBB / det));
    logDecaySd = Math.min(prior.logDecaySd, Math.sqrt(d.hAA / det));
    correlation = Math.max(-1, Math.min(1, -d.hAB / Math.sqrt(d.hAA * d.hBB)));
  }
  return {
    stabilityScale: Math.exp(a),
    decay: Math.exp(b),
    reviews: evidence.reviews,
    uncertainty: { logScaleSd, logDecaySd, correlation },
  };
}
