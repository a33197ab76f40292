// The student's forgetting curve fitted from everything they have answered,
// not one gradient step per review. A later review is a Bernoulli
// observation P(correct) = c + (1 - c) R(t / S), and R depends on the review
// only through the ratio x = elapsed days / FSRS stability (memory-fit.ts) and
// the item's practices n before the review (every answer, right or wrong), so
// the reviews are kept as counts in bins of ln x by bands of n (1, 2, 3-4,
// 5-8, 9+): a small fixed-size, JSON-serialisable value (5 x 16 bins x 5
// numbers) that grows no larger with use. The curve is
// R = (1 + f x / (scale n^gamma))^-decay: FSRS's stability summarises the
// history by successes (a lapse shrinks it), while under ACT-R's accumulation
// every practice adds a trace, failed or not; gamma lets the evidence say how
// much the count of practices adds beyond S (docs/decisions/0004, fifth
// pass). From the bins a few Fisher-scoring steps find the maximum
// a-posteriori (log stability scale, log decay, gamma) under a weak prior
// centred on FSRS-6's default curve (each log parameter uncertain by 2:
// exponential-like forgetting, decay near 1, must not be ruled out a priori)
// and on gamma = 0 (sd 1), and the information there (expected Fisher
// information plus the prior's) gives the fit's standard errors, which
// readiness.ts turns into the width of its interval. Gamma is fitted only once
// the evidence holds a review after a second practice; before that it is 0
// and the fit is the two-parameter one. A student with few later
// reviews borrows the curve other students of the bank showed
// (withPopulationEvidence: the same bins summed over students). Where the
// fit sits on a bound of the family (isBoundaryFit: under ACT-R, recall
// that grows with practices and hardly with time), no curve of it matches
// even the level of the student's reviews; a shift of logit R per practice
// band is then fitted beside it (recallOffset), which readiness applies.
//
// One curve describes the items the student knew before meeting them and
// the items they learnt here equally badly: with prior knowledge, readiness
// read the items first answered wrong 14 to 18 points too high on exam
// morning and those first answered right 5 to 7 too low (HLR and ACT-R
// truth, bench/learning/readiness-parts.ts). So the reviews are also kept
// by the item's first answer (version 3), and each group gets a shift of
// logit R beside any fit (firstAnswerOffset), which readiness applies to
// the items by their own first answer (decision 0004, tenth pass); a right
// first answer the student marked "I guessed" goes with the wrong ones
// (firstRecalled; fifteenth pass).
//
// The outcome is the answer's correctness, whatever the confidence: a
// correct answer is recall or a lucky guess among the options, which is what
// the likelihood says. (memory-fit.ts counted a correct "I guessed" as a
// lapse, which biases the fitted recall low when students say "guessed"
// about answers they did know.)
import { FSRS6_DEFAULT_DECAY } from "ts-fsrs";
import { logit, sigmoid } from "./ability";
import { InvalidNumberError, assertFiniteNumber } from "./errors";
import type { ReviewObservation } from "./memory-fit";
import type { MemoryFit, MemoryFitUncertainty } from "./types";

/** Bins of ln(elapsed / stability): BIN_COUNT of width BIN_WIDTH from BIN_LOW; the ends take everything beyond. */
export const BIN_COUNT = 16;
const BIN_LOW = -5;
const BIN_WIDTH = 0.75;
/** Bands of the practices before the review: 1, 2, 3-4, 5-8, 9 or more. */
export const PRACTICE_BAND_COUNT = 5;
/** Rows of the evidence: band b, bin i at row b * BIN_COUNT + i. */
export const EVIDENCE_ROWS = BIN_COUNT * PRACTICE_BAND_COUNT;
/** Each row: [observations, correct, sum of ln x, sum of guess rate c, sum of ln practices]. */
const ROW_FIELDS = 5;
/** Version 1 kept BIN_COUNT rows of the first four fields, without practices. */
const V1_FIELDS = 4;
/** Tables of a MemoryEvidence, each EVIDENCE_ROWS rows. */
type Table = "bins" | "firstRight" | "firstWrong";

/**
 * What the fit keeps per student (meant for one JSON column on the User row).
 * `reviews` counts every later review, including same-minute repeats, which
 * say nothing about forgetting and stay out of the bins.
 */
export interface MemoryEvidence {
  version: 3;
  reviews: number;
  /** EVIDENCE_ROWS rows of [n, correct, sum ln x, sum c, sum ln practices]. */
  bins: number[][];
  /**
   * The reviews of `bins` again, of the items whose first answer was right
   * (`firstRight`) or wrong (`firstWrong`), in rows of the same shape; a
   * right first answer marked "I guessed" counts as wrong here (firstRecalled;
   * reviews filed before that rule, in December 2026, stay where they were
   * filed). A review whose first answer is not known (kept before version 3)
   * is in neither.
   */
  firstRight: number[][];
  firstWrong: number[][];
}

/** Every table of the evidence built by `build`. */
function mapTables(build: (table: Table) => number[][]): Pick<MemoryEvidence, Table> {
  return { bins: build("bins"), firstRight: build("firstRight"), firstWrong: build("firstWrong") };
}

const MIN_LOG_SCALE = Math.log(0.02);
const MAX_LOG_SCALE = Math.log(50);
const MIN_LOG_DECAY = Math.log(0.1);
const MAX_LOG_DECAY = Math.log(8);
const MIN_PRACTICE_EXPONENT = -2;
const MAX_PRACTICE_EXPONENT = 4;
const PRIOR_LOG_DECAY = Math.log(FSRS6_DEFAULT_DECAY);
const LN_09 = Math.log(0.9);
/**
 * Prior standard deviation of log scale and log decay (a 95% range of x/÷ e^4
 * before any evidence). At 1 (memory-fit.ts's pull) twenty reviews that all
 * failed a week after a meeting could not move the decay far enough from
 * FSRS's power-law tail: readiness ran 12 points high for HLR and ACT-R
 * novices (docs/decisions/0004, third pass).
 */
export const PRIOR_LOG_SD = 2;
/**
 * Prior standard deviation of the practice exponent around 0 (FSRS's
 * stability alone): gamma = 2, a ninth practice worth 81 times the
 * stability, is two standard deviations out and needs evidence to get there.
 */
export const PRIOR_PRACTICE_SD = 1;

export interface MemoryPrior {
  logScaleSd: number;
  logDecaySd: number;
  /** Prior sd of the practice exponent; PRIOR_PRACTICE_SD when absent, 0 fixes it at 0. */
  practiceSd?: number;
}
const DEFAULT_PRIOR: MemoryPrior = { logScaleSd: PRIOR_LOG_SD, logDecaySd: PRIOR_LOG_SD, practiceSd: PRIOR_PRACTICE_SD };

const emptyRow = (): number[] => [0, 0, 0, 0, 0];

const emptyTable = (): number[][] => Array.from({ length: EVIDENCE_ROWS }, emptyRow);

export function createMemoryEvidence(): MemoryEvidence {
  return { version: 3, reviews: 0, ...mapTables(emptyTable) };
}

function binOf(lnX: number): number {
  return Math.min(BIN_COUNT - 1, Math.max(0, Math.floor((lnX - BIN_LOW) / BIN_WIDTH)));
}

/** Band of a practice count: 1 -> 0, 2 -> 1, 3-4 -> 2, 5-8 -> 3, 9+ -> 4. */
export function practiceBand(practices: number): number {
  if (!(practices > 1)) return 0;
  return Math.min(PRACTICE_BAND_COUNT - 1, Math.ceil(Math.log2(practices)));
}

/**
 * Adds one later review (not a first encounter). `obs.practices` is the
 * item's answers before this one (MemoryState.reps); without it the review
 * counts as after one practice, which leaves gamma to the other reviews.
 * Pure: returns a new value.
 */
export function addMemoryObservation(evidence: MemoryEvidence, obs: ReviewObservation): MemoryEvidence {
  assertFiniteNumber("elapsedDays", obs.elapsedDays, 0);
  assertFiniteNumber("stability", obs.stability, 1e-6);
  if (!Number.isInteger(obs.optionCount) || obs.optionCount < 2) {
    throw new InvalidNumberError("optionCount", obs.optionCount, "an integer >= 2");
  }
  const practices = obs.practices ?? 1;
  if (!Number.isInteger(practices) || practices < 1) throw new InvalidNumberError("practices", practices, "an integer >= 1");
  const next: MemoryEvidence = { version: 3, reviews: evidence.reviews + 1, ...mapTables((table) => evidence[table].map((bin) => [...bin])) };
  // A same-minute repeat says nothing about forgetting.
  if (obs.elapsedDays < 0.01) return next;
  const lnX = Math.log(obs.elapsedDays / obs.stability);
  const row = practiceBand(practices) * BIN_COUNT + binOf(lnX);
  const tables: Table[] = obs.firstRecalled === undefined ? ["bins"] : ["bins", obs.firstRecalled ? "firstRight" : "firstWrong"];
  for (const table of tables) {
    const bin = next[table][row] as number[];
    bin[0] = (bin[0] ?? 0) + 1;
    bin[1] = (bin[1] ?? 0) + (obs.correct ? 1 : 0);
    bin[2] = (bin[2] ?? 0) + lnX;
    bin[3] = (bin[3] ?? 0) + 1 / obs.optionCount;
    bin[4] = (bin[4] ?? 0) + Math.log(practices);
  }
  return next;
}

/** Two students' evidence summed field by field (a population is such a sum). Pure. */
export function addEvidence(a: MemoryEvidence, b: MemoryEvidence): MemoryEvidence {
  return {
    version: 3,
    reviews: a.reviews + b.reviews,
    ...mapTables((table) => a[table].map((bin, i) => bin.map((x, f) => x + (b[table][i]?.[f] ?? 0)))),
  };
}

/** A sum without one of its parts (a population without the student being fitted); never below zero. Pure. */
export function subtractEvidence(total: MemoryEvidence, part: MemoryEvidence): MemoryEvidence {
  return {
    version: 3,
    reviews: Math.max(0, total.reviews - part.reviews),
    ...mapTables((table) =>
      total[table].map((bin, i) => {
        const taken = part[table][i];
        const count = Math.max(0, (bin[0] ?? 0) - (taken?.[0] ?? 0));
        // An emptied bin is exactly empty, whatever rounding left in its sums.
        return count === 0 ? bin.map(() => 0) : bin.map((x, f) => (f === 2 ? x - (taken?.[f] ?? 0) : Math.max(0, x - (taken?.[f] ?? 0))));
      }),
    ),
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
    version: 3,
    reviews: evidence.reviews,
    ...mapTables((table) => evidence[table].map((bin, b) => bin.map((x, f) => x + share * (population[table][b]?.[f] ?? 0)))),
  };
}

/** More reviews than any student gives: a stored count above it is not evidence (sums of such values would overflow). */
const MAX_STORED_REVIEWS = 1e9;

function validRow(row: unknown, fields: number): row is number[] {
  if (!Array.isArray(row) || row.length !== fields) return false;
  if (!row.every((x) => typeof x === "number" && Number.isFinite(x))) return false;
  const [n = -1, correct = -1, lnX = 0, guess = -1] = row as number[];
  if (n < 0 || n > MAX_STORED_REVIEWS || correct < 0 || correct > n || guess < 0 || guess > n / 2 + 1e-9) return false;
  // Each ln x lies within about +-25 (a minute to decades, over stabilities from 1e-6 days); an empty row sums nothing.
  if (Math.abs(lnX) > 40 * n + 1e-9) return false;
  // ln practices lies between 0 (one practice) and, loosely, ln 1e6 each.
  return fields === V1_FIELDS || ((row[4] as number) >= 0 && (row[4] as number) <= 14 * n + 1e-9);
}

/**
 * Checks a stored value (e.g. parsed from JSON); null when it is missing or
 * not a well-formed MemoryEvidence, so a caller falls back to a fresh one.
 * Version 1 (no practice counts) is read into the first band with ln
 * practices 0: those reviews then say nothing about gamma, only about scale
 * and decay, as they did.
 */
export function parseMemoryEvidence(value: unknown): MemoryEvidence | null {
  if (typeof value !== "object" || value === null) return null;
  const v = value as { version?: unknown; reviews?: unknown; bins?: unknown };
  if (typeof v.reviews !== "number" || !Number.isInteger(v.reviews) || v.reviews < 0 || v.reviews > MAX_STORED_REVIEWS) return null;
  const rows = v.version === 1 ? BIN_COUNT : v.version === 2 || v.version === 3 ? EVIDENCE_ROWS : -1;
  const fields = v.version === 1 ? V1_FIELDS : ROW_FIELDS;
  if (!Array.isArray(v.bins) || v.bins.length !== rows) return null;
  let binned = 0;
  for (const bin of v.bins as unknown[]) {
    if (!validRow(bin, fields)) return null;
    binned += bin[0] ?? 0;
  }
  if (binned > v.reviews) return null;
  const stored = v.bins as number[][];
  if (v.version === 1) {
    const bins = Array.from({ length: EVIDENCE_ROWS }, (_, i) => (i < BIN_COUNT ? [...(stored[i] ?? []), 0] : emptyRow()));
    return { version: 3, reviews: v.reviews, bins, firstRight: emptyTable(), firstWrong: emptyTable() };
  }
  const bins = stored.map((bin) => [...bin]);
  if (v.version === 2) return { version: 3, reviews: v.reviews, bins, firstRight: emptyTable(), firstWrong: emptyTable() };
  // Version 3: each split table well formed, and together no more reviews in a row than the row holds.
  const split = value as { firstRight?: unknown; firstWrong?: unknown };
  const tables: number[][][] = [];
  for (const table of [split.firstRight, split.firstWrong]) {
    if (!Array.isArray(table) || table.length !== EVIDENCE_ROWS || !table.every((row) => validRow(row, ROW_FIELDS))) return null;
    tables.push(table.map((row) => [...row]));
  }
  const [firstRight = emptyTable(), firstWrong = emptyTable()] = tables;
  for (let i = 0; i < EVIDENCE_ROWS; i++) {
    if ((firstRight[i]?.[0] ?? 0) + (firstWrong[i]?.[0] ?? 0) > (bins[i]?.[0] ?? 0) + 1e-9) return null;
  }
  return { version: 3, reviews: v.reviews, bins, firstRight, firstWrong };
}

/** Parameters of the fit: ln scale, ln decay and, when fitted, the practice exponent. */
type Theta = number[];

/**
 * The curve's recall for a bin of n > 0 reviews, at its mean ln x and ln
 * practices: R = (1 + f x / (e^a n^g))^-decay, with f = `factor`.
 */
function binRecall(bin: readonly number[], a: number, decay: number, factor: number, g: number): number {
  const n = bin[0] ?? 0;
  const z = factor * Math.exp(((bin[2] ?? 0) - g * (bin[4] ?? 0)) / n - a);
  return Math.exp(-decay * Math.log1p(z));
}

/** Negative log posterior of theta given the binned evidence. */
function negLogPosterior(evidence: MemoryEvidence, theta: Theta, prior: Required<MemoryPrior>): number {
  const [a = 0, b = 0, g = 0] = theta;
  const decay = Math.exp(b);
  const factor = Math.pow(0.9, -1 / decay) - 1;
  let total = 0.5 * (a / prior.logScaleSd) ** 2 + 0.5 * ((b - PRIOR_LOG_DECAY) / prior.logDecaySd) ** 2;
  if (theta.length > 2) total += 0.5 * (g / prior.practiceSd) ** 2;
  for (const bin of evidence.bins) {
    const n = bin[0] ?? 0;
    if (n <= 0) continue;
    const k = bin[1] ?? 0;
    const c = (bin[3] ?? 0) / n;
    const r = binRecall(bin, a, decay, factor, g);
    const p = Math.min(1 - 1e-9, Math.max(1e-9, c + (1 - c) * r));
    total -= k * Math.log(p) + (n - k) * Math.log(1 - p);
  }
  return total;
}

/** Gradient of the negative log posterior and the expected information (Fisher plus the prior's), at theta. */
function scoreAndInformation(evidence: MemoryEvidence, theta: Theta, prior: Required<MemoryPrior>): { gradient: number[]; information: number[][] } {
  const dim = theta.length;
  const [a = 0, b = 0, g = 0] = theta;
  const decay = Math.exp(b);
  const factor = Math.pow(0.9, -1 / decay) - 1;
  // d ln f / d ln decay
  const factorTerm = ((factor + 1) * LN_09) / factor;
  const gradient = new Array<number>(dim).fill(0);
  const information = Array.from({ length: dim }, () => new Array<number>(dim).fill(0));
  const dp = new Array<number>(dim).fill(0);
  for (const bin of evidence.bins) {
    const n = bin[0] ?? 0;
    if (n <= 0) continue;
    const k = bin[1] ?? 0;
    const lnPractices = (bin[4] ?? 0) / n;
    const z = factor * Math.exp((bin[2] ?? 0) / n - g * lnPractices - a);
    const u = Math.log1p(z);
    const q = z / (1 + z);
    const c = (bin[3] ?? 0) / n;
    const r = Math.exp(-decay * u);
    const p = Math.min(1 - 1e-9, Math.max(1e-9, c + (1 - c) * r));
    // dR/da = R decay q; dR/db = -R (decay u + q d ln f / d ln decay); dR/dgamma = R decay q ln n.
    dp[0] = (1 - c) * r * decay * q;
    dp[1] = -(1 - c) * r * (decay * u + q * factorTerm);
    if (dim > 2) dp[2] = (dp[0] ?? 0) * lnPractices;
    const residual = (k - n * p) / (p * (1 - p));
    const weight = n / (p * (1 - p));
    for (let i = 0; i < dim; i++) {
      gradient[i] = (gradient[i] ?? 0) - residual * (dp[i] ?? 0);
      const row = information[i] as number[];
      for (let j = 0; j < dim; j++) row[j] = (row[j] ?? 0) + weight * (dp[i] ?? 0) * (dp[j] ?? 0);
    }
  }
  const centre = [0, PRIOR_LOG_DECAY, 0];
  const sds = [prior.logScaleSd, prior.logDecaySd, prior.practiceSd];
  for (let i = 0; i < dim; i++) {
    const sd = sds[i] ?? 1;
    gradient[i] = (gradient[i] ?? 0) + ((theta[i] ?? 0) - (centre[i] ?? 0)) / (sd * sd);
    const row = information[i] as number[];
    row[i] = (row[i] ?? 0) + 1 / (sd * sd);
  }
  return { gradient, information };
}

/** Solves m x = v for a small symmetric positive definite m (Cholesky); null when m is not. */
function solveSpd(m: number[][], v: number[]): number[] | null {
  const dim = v.length;
  const l = Array.from({ length: dim }, () => new Array<number>(dim).fill(0));
  for (let i = 0; i < dim; i++) {
    for (let j = 0; j <= i; j++) {
      let sum = m[i]?.[j] ?? 0;
      for (let k = 0; k < j; k++) sum -= (l[i]?.[k] ?? 0) * (l[j]?.[k] ?? 0);
      if (i === j) {
        if (!(sum > 0)) return null;
        (l[i] as number[])[i] = Math.sqrt(sum);
      } else {
        (l[i] as number[])[j] = sum / (l[j]?.[j] ?? 1);
      }
    }
  }
  const y = new Array<number>(dim).fill(0);
  for (let i = 0; i < dim; i++) {
    let sum = v[i] ?? 0;
    for (let k = 0; k < i; k++) sum -= (l[i]?.[k] ?? 0) * (y[k] ?? 0);
    y[i] = sum / (l[i]?.[i] ?? 1);
  }
  const x = new Array<number>(dim).fill(0);
  for (let i = dim - 1; i >= 0; i--) {
    let sum = y[i] ?? 0;
    for (let k = i + 1; k < dim; k++) sum -= (l[k]?.[i] ?? 0) * (x[k] ?? 0);
    x[i] = sum / (l[i]?.[i] ?? 1);
  }
  return x;
}

const LOWER = [MIN_LOG_SCALE, MIN_LOG_DECAY, MIN_PRACTICE_EXPONENT];
const UPPER = [MAX_LOG_SCALE, MAX_LOG_DECAY, MAX_PRACTICE_EXPONENT];
const clampTheta = (theta: Theta): Theta => theta.map((x, i) => Math.min(UPPER[i] ?? x, Math.max(LOWER[i] ?? x, x)));

/** True when some review in the evidence came after a second practice: only then can gamma be told from 0. */
function hasRepeatedPractice(evidence: MemoryEvidence): boolean {
  for (let i = BIN_COUNT; i < evidence.bins.length; i++) if ((evidence.bins[i]?.[0] ?? 0) > 0) return true;
  return false;
}

/**
 * True when an evidence fit (one with `uncertainty`) sits on a bound of the
 * family: no stability scale, decay and practice exponent within the bounds
 * describe the evidence, so the curve is not one of this family. Under
 * ACT-R truth after a few hundred mostly failed reviews the two-parameter
 * fit went to scale 0.02 with decay 2, predicting recall near 0 at every
 * review, against an observed 5-15% flat over x from 5 to 700
 * (docs/decisions/0004, fourth pass).
 */
export function isBoundaryFit(fit: MemoryFit): boolean {
  if (fit.uncertainty === undefined) return false;
  const a = Math.log(fit.stabilityScale);
  const b = Math.log(fit.decay);
  const g = fit.practiceExponent ?? 0;
  const near = (x: number, bound: number): boolean => Math.abs(x - bound) < 1e-6;
  return (
    near(a, MIN_LOG_SCALE) ||
    near(a, MAX_LOG_SCALE) ||
    near(b, MIN_LOG_DECAY) ||
    near(b, MAX_LOG_DECAY) ||
    near(g, MIN_PRACTICE_EXPONENT) ||
    near(g, MAX_PRACTICE_EXPONENT)
  );
}

/**
 * The most probable forgetting curve given the evidence, with its standard
 * errors (from the information at that point). Pure and deterministic: the
 * same evidence always gives the same fit. With no evidence it is FSRS-6's
 * default curve with the prior's uncertainty.
 */
export function fitMemoryEvidence(evidence: MemoryEvidence, priorIn: MemoryPrior = DEFAULT_PRIOR): MemoryFit {
  return withFirstAnswerOffset(evidence, curveOf(evidence, priorIn));
}

function curveOf(evidence: MemoryEvidence, priorIn: MemoryPrior): MemoryFit {
  const prior: Required<MemoryPrior> = { ...priorIn, practiceSd: priorIn.practiceSd ?? PRIOR_PRACTICE_SD };
  if (!(prior.practiceSd > 0 && hasRepeatedPractice(evidence))) return withRecallOffset(evidence, fitWith(evidence, prior, false), prior);
  const full = fitWith(evidence, prior, true);
  // A practice exponent fitted beside a scale or decay held at its bound (or
  // itself at one) is the fit making up for the bound, not a measure of
  // practice: under ACT-R's massed practice it went to 2.4 beside the scale's
  // floor and over-promised exam-morning recall by 13 points (decision 0004,
  // sixth pass). The two-parameter curve is then the one to trust.
  return isBoundaryFit(full) ? withRecallOffset(evidence, fitWith(evidence, prior, false), prior) : full;
}

/** A fit's recall offset for an item answered `practices` times so far (logits; 0 for a fit without one). */
export function recallOffsetFor(fit: MemoryFit | undefined, practices: number): number {
  const offset = fit?.recallOffset;
  return offset === undefined ? 0 : (offset.byBand[practiceBand(practices)] ?? offset.logit);
}

/**
 * Whether a first answer files its item's reviews under "right"
 * (`firstRight`, the offset's `right`): right, and not marked "I guessed".
 * A right answer the student says they guessed is filed with the wrong ones:
 * the student did not know the item, and, as after a wrong answer, what they
 * know of it now is what its feedback taught them. Filed with the known
 * items, such lucky guesses (every fourth wrong answer turned right on a
 * four-option item) drag that group's curve down and stay over-predicted
 * themselves: under ACT-R truth with prior knowledge, readiness read them
 * 68.9 against 26.8 true a week before a 14-day exam (decision 0004,
 * fifteenth pass). The student's word is the evidence that tells them apart;
 * a lucky guess not admitted stays with the right answers.
 */
export function firstRecalled(correct: boolean, markedGuessed: boolean): boolean {
  return correct && !markedGuessed;
}

/** A fit's first-answer offset for an item whose first answer was recalled (firstRecalled), not, or is not known (logits; 0 without one). */
export function firstAnswerOffsetFor(fit: MemoryFit | undefined, recalled: boolean | undefined): number {
  const offset = fit?.firstAnswerOffset;
  if (offset === undefined || recalled === undefined) return 0;
  return recalled ? offset.right : offset.wrong;
}

/**
 * Prior sd of a first-answer group's shift: a subgroup's deviation from the
 * student's curve, as a practice band's deviation is (PRIOR_PRACTICE_SD),
 * not a new knob.
 */
const FIRST_ANSWER_OFFSET_SD = PRIOR_PRACTICE_SD;

/**
 * The fit with, beside it, a shift of logit R for the reviews of items whose
 * first answer was recalled (firstRecalled: right, not marked "I guessed")
 * and one for the others (wrong, or a guess): each the maximum a
 * posteriori of P = c + (1 - c) sigmoid(logit R + band shift + d) over that
 * group's reviews, the curve (and its recall offset) held, under a normal
 * prior of sd FIRST_ANSWER_OFFSET_SD; its standard error from the
 * information there. The two groups share no review, so each is a
 * one-dimensional fit. Without reviews kept by first answer, the fit is
 * returned as it was.
 */
function withFirstAnswerOffset(evidence: MemoryEvidence, fit: MemoryFit): MemoryFit {
  const decay = fit.decay;
  const factor = Math.pow(0.9, -1 / decay) - 1;
  const g = fit.practiceExponent ?? 0;
  const logScale = Math.log(fit.stabilityScale);
  const rowsOf = (table: number[][]) =>
    table.flatMap((bin, row) => {
      const n = bin[0] ?? 0;
      if (n <= 0) return [];
      const band = Math.floor(row / BIN_COUNT);
      const shift = fit.recallOffset === undefined ? 0 : (fit.recallOffset.byBand[band] ?? fit.recallOffset.logit);
      return [{ n, k: bin[1] ?? 0, c: (bin[3] ?? 0) / n, logitR: logit(binRecall(bin, logScale, decay, factor, g)) + shift }];
    });
  const right = rowsOf(evidence.firstRight);
  const wrong = rowsOf(evidence.firstWrong);
  if (right.length === 0 && wrong.length === 0) return fit;
  // A group without reviews keeps no shift, and adds no width: as a student without any has none.
  const none = { shift: 0, sd: 0 };
  const a = right.length === 0 ? none : groupShift(right);
  const b = wrong.length === 0 ? none : groupShift(wrong);
  return { ...fit, firstAnswerOffset: { right: a.shift, rightSd: a.sd, wrong: b.shift, wrongSd: b.sd } };
}

/** One group's shift d and its standard error (see withFirstAnswerOffset): Fisher scoring with step halving. */
/** A bin of reviews for a shift of logit R: n reviews, k right, mean guess rate c, the curve's logit R at the bin. */
type ShiftBin = { n: number; k: number; c: number; logitR: number };

/**
 * A bin's log-likelihood under P = c + (1 - c) sigmoid(logit R + shift), and
 * its score and expected Fisher information in the shift.
 */
function shiftedBin(row: ShiftBin, shift: number): { logLikelihood: number; score: number; information: number } {
  const r = sigmoid(row.logitR + shift);
  const p = Math.min(1 - 1e-9, Math.max(1e-9, row.c + (1 - row.c) * r));
  const slope = (1 - row.c) * r * (1 - r);
  return {
    logLikelihood: row.k * Math.log(p) + (row.n - row.k) * Math.log(1 - p),
    score: ((row.k - row.n * p) / (p * (1 - p))) * slope,
    information: (row.n * slope * slope) / (p * (1 - p)),
  };
}

function groupShift(rows: readonly ShiftBin[]): { shift: number; sd: number } {
  const precision = 1 / FIRST_ANSWER_OFFSET_SD ** 2;
  const at = (d: number) => {
    let value = -0.5 * precision * d * d;
    let gradient = -precision * d;
    let information = precision;
    for (const row of rows) {
      const terms = shiftedBin(row, d);
      value += terms.logLikelihood;
      gradient += terms.score;
      information += terms.information;
    }
    return { value, gradient, information };
  };
  let d = 0;
  let here = at(d);
  for (let round = 0; round < OFFSET_ROUNDS; round++) {
    const full = here.gradient / here.information;
    let size = Math.abs(full) > MAX_OFFSET_STEP ? MAX_OFFSET_STEP / Math.abs(full) : 1;
    let moved = false;
    for (let tries = 0; tries < 30 && !moved; tries++, size /= 2) {
      const next = at(d + size * full);
      if (next.value >= here.value - 1e-12) {
        d += size * full;
        here = next;
        moved = true;
      }
    }
    if (!moved || Math.abs(full * size) < 1e-9) break;
  }
  return { shift: d, sd: 1 / Math.sqrt(here.information) };
}

/** Scoring rounds at most for the recall offset; each moves no shift by more than MAX_OFFSET_STEP logits. */
const OFFSET_ROUNDS = 100;
const MAX_OFFSET_STEP = 2;

/**
 * A fit on a bound with, beside it, shifts of logit R that make the curve's
 * predictions P = c + (1 - c) sigmoid(logit R + o + d_b) best match the
 * evidence, the curve's own parameters held: an overall shift o, under the
 * prior's sd of the log stability scale (the curve's level), and each
 * practice band's own deviation d_b, under the prior's sd of the practice
 * exponent it stands in for (0 holds them at 0). Maximum a posteriori by
 * joint Fisher scoring, each step halved until the posterior improves, until
 * the steps settle; the standard errors of o and of each band's shift o + d_b
 * come from the information there. Off a bound the stability scale and the
 * practice exponent already set the curve's level, so a fit within its
 * bounds gets none.
 */
function withRecallOffset(evidence: MemoryEvidence, fit: MemoryFit, prior: Required<MemoryPrior>): MemoryFit {
  if (!isBoundaryFit(fit)) return fit;
  const decay = fit.decay;
  const factor = Math.pow(0.9, -1 / decay) - 1;
  const g = fit.practiceExponent ?? 0;
  const rows: (ShiftBin & { band: number })[] = [];
  evidence.bins.forEach((bin, row) => {
    const n = bin[0] ?? 0;
    if (n <= 0) return;
    const logitR = logit(binRecall(bin, Math.log(fit.stabilityScale), decay, factor, g));
    rows.push({ band: Math.floor(row / BIN_COUNT), n, k: bin[1] ?? 0, c: (bin[3] ?? 0) / n, logitR });
  });
  // Parameters: [o] alone when the bands are held at 0, else [o, d_0 .. d_4].
  const withBands = prior.practiceSd > 0;
  const dim = withBands ? 1 + PRACTICE_BAND_COUNT : 1;
  const precision = [1 / prior.logScaleSd ** 2, ...new Array<number>(dim - 1).fill(withBands ? 1 / prior.practiceSd ** 2 : 0)];
  const shiftOf = (theta: number[], band: number): number => (theta[0] ?? 0) + (withBands ? (theta[1 + band] ?? 0) : 0);
  const logPosterior = (theta: number[]): number => {
    let total = 0;
    for (let i = 0; i < dim; i++) total -= 0.5 * (precision[i] ?? 0) * (theta[i] ?? 0) ** 2;
    for (const row of rows) {
      total += shiftedBin(row, shiftOf(theta, row.band)).logLikelihood;
    }
    return total;
  };
  const scoring = (theta: number[]): { gradient: number[]; information: number[][] } => {
    const gradient = theta.map((x, i) => -(precision[i] ?? 0) * x);
    const information = Array.from({ length: dim }, (_, i) => Array.from({ length: dim }, (_, j) => (i === j ? (precision[i] ?? 0) : 0)));
    for (const row of rows) {
      const { score, information: info } = shiftedBin(row, shiftOf(theta, row.band));
      const touched = withBands ? [0, 1 + row.band] : [0];
      for (const i of touched) {
        gradient[i] = (gradient[i] ?? 0) + score;
        for (const j of touched) (information[i] as number[])[j] = (information[i]?.[j] ?? 0) + info;
      }
    }
    return { gradient, information };
  };
  let theta = new Array<number>(dim).fill(0);
  let value = logPosterior(theta);
  let step = scoring(theta);
  for (let round = 0; round < OFFSET_ROUNDS; round++) {
    const delta = solveSpd(step.information, step.gradient);
    if (delta === null) break;
    const largest = delta.reduce((m, x) => Math.max(m, Math.abs(x)), 0);
    let size = largest > MAX_OFFSET_STEP ? MAX_OFFSET_STEP / largest : 1;
    let moved = false;
    for (let tries = 0; tries < 30 && !moved; tries++, size /= 2) {
      const next = theta.map((x, i) => x + size * (delta[i] ?? 0));
      const nextValue = logPosterior(next);
      if (nextValue >= value - 1e-12) {
        theta = next;
        value = nextValue;
        moved = true;
      }
    }
    step = scoring(theta);
    if (!moved || largest * size < 1e-9) break;
  }
  // Covariance of the shifts: the inverse information at the maximum.
  const covariance = Array.from({ length: dim }, (_, j) => solveSpd(step.information, Array.from({ length: dim }, (_, i) => (i === j ? 1 : 0))) ?? new Array<number>(dim).fill(0));
  const cov = (i: number, j: number): number => covariance[j]?.[i] ?? 0;
  const bands = Array.from({ length: PRACTICE_BAND_COUNT }, (_, b) => b);
  return {
    ...fit,
    recallOffset: {
      logit: theta[0] ?? 0,
      sd: Math.sqrt(Math.max(0, cov(0, 0))),
      byBand: bands.map((b) => shiftOf(theta, b)),
      byBandSd: bands.map((b) => Math.sqrt(Math.max(0, withBands ? cov(0, 0) + cov(1 + b, 1 + b) + 2 * cov(0, 1 + b) : cov(0, 0)))),
    },
  };
}

function fitWith(evidence: MemoryEvidence, prior: Required<MemoryPrior>, withPractice: boolean): MemoryFit {
  let theta: Theta = withPractice ? [0, PRIOR_LOG_DECAY, 0] : [0, PRIOR_LOG_DECAY];
  let value = negLogPosterior(evidence, theta, prior);
  let step = scoreAndInformation(evidence, theta, prior);
  for (let iter = 0; iter < 40; iter++) {
    // Fisher scoring, damped (Levenberg) until it descends.
    let lambda = 0;
    let moved = false;
    for (let tries = 0; tries < 12; tries++) {
      const damped = step.information.map((row, i) => row.map((x, j) => (i === j ? x * (1 + lambda) + lambda : x)));
      const delta = solveSpd(damped, step.gradient);
      if (delta !== null) {
        const next = clampTheta(theta.map((x, i) => x - (delta[i] ?? 0)));
        const nextValue = negLogPosterior(evidence, next, prior);
        if (nextValue <= value + 1e-12) {
          moved = next.reduce((sum, x, i) => sum + Math.abs(x - (theta[i] ?? 0)), 0) > 1e-7;
          theta = next;
          value = nextValue;
          break;
        }
      }
      lambda = lambda === 0 ? 1e-3 : lambda * 4;
    }
    if (!moved) break;
    step = scoreAndInformation(evidence, theta, prior);
  }
  const [a = 0, b = 0, g = 0] = theta;
  return {
    stabilityScale: Math.exp(a),
    decay: Math.exp(b),
    ...(withPractice ? { practiceExponent: g } : {}),
    reviews: evidence.reviews,
    uncertainty: uncertaintyOf(step.information, prior, withPractice),
  };
}

/** Standard errors and correlations from the inverse information, each sd no wider than the prior's. */
function uncertaintyOf(information: number[][], prior: Required<MemoryPrior>, withPractice: boolean): MemoryFitUncertainty {
  const dim = information.length;
  const covariance: number[][] = [];
  for (let j = 0; j < dim; j++) {
    const unit = new Array<number>(dim).fill(0);
    unit[j] = 1;
    const column = solveSpd(information, unit);
    if (column === null) {
      return {
        logScaleSd: prior.logScaleSd,
        logDecaySd: prior.logDecaySd,
        correlation: 0,
        ...(withPractice ? { practice: { sd: prior.practiceSd, correlationScale: 0, correlationDecay: 0 } } : {}),
      };
    }
    covariance.push(column);
  }
  const sd = (i: number): number => Math.sqrt(Math.max(0, covariance[i]?.[i] ?? 0));
  const corr = (i: number, j: number): number => {
    const denominator = sd(i) * sd(j);
    return denominator > 0 ? Math.max(-1, Math.min(1, (covariance[i]?.[j] ?? 0) / denominator)) : 0;
  };
  const result: MemoryFitUncertainty = {
    logScaleSd: Math.min(prior.logScaleSd, sd(0)),
    logDecaySd: Math.min(prior.logDecaySd, sd(1)),
    correlation: corr(0, 1),
  };
  if (withPractice) result.practice = { sd: Math.min(prior.practiceSd, sd(2)), correlationScale: corr(0, 2), correlationDecay: corr(1, 2) };
  return result;
}
