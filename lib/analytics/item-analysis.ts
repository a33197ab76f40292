/**
 * Item analysis of multiple-choice questions, per question version, from
 * students' first attempts only. Pure: no I/O, no clock.
 *
 * The definitions follow Moodle's quiz statistics (docs.moodle.org/dev,
 * "Quiz statistics calculations"), where they apply:
 * - facility index: the mean item score over its maximum; an answer scores 1
 *   or 0, so the share answered correctly;
 * - standard deviation of the item score, with n - 1 in the denominator;
 * - random guess score: 1 / the number of options of a single-answer item;
 * - discrimination index: the correlation between the item score and the
 *   score on the rest of the test (Moodle reports it times 100);
 * - discriminative efficiency: that covariance over the largest covariance
 *   the same item scores and rest scores could have, which is when both are
 *   sorted alike (Moodle's covariancemax).
 *
 * Adaptive practice has no fixed test, so the "rest of the test" of an
 * answer is the student's ability estimate without this item: their share
 * correct among their first attempts at the subject's other questions (the
 * corrected item-rest correlation). A student with no other first attempt has
 * no estimate and is left out of the correlation, not of the facility.
 * Efficiency needs a real rest-of-test score, which only a mock exam gives:
 * the share correct of the exam's other items (an item left unanswered
 * scores 0).
 *
 * Every statistic is computed from sufficient statistics (counts and sums)
 * that a database can aggregate with GROUP BY; `sumsFromMatrix` and
 * `examSumsFromMatrix` build the same sums from a small response matrix.
 */

export type ConfidenceLevel = "GUESSED" | "UNSURE" | "SURE";

/**
 * Sums over attempts of the item score x (1 correct, 0 not) and a rest score
 * r: n, Σx, Σr, Σr², Σxr. The item score is 0 or 1, so Σx² = Σx.
 */
export type PairSums = { n: number; sumX: number; sumR: number; sumR2: number; sumXR: number };

/** Pair sums over one version's first attempts in mock exams, plus the sum of the Σx highest rest scores. */
export type ExamSums = PairSums & { topR: number };

/** What the database aggregates for one version's first attempts. */
export type VersionSums = {
  /** First attempts at this version. */
  n: number;
  /** Of them correct. */
  correct: number;
  /** Of them the student marked as guessed. */
  guessed: number;
  /** The same attempts by students who have an ability estimate, with it as the rest score. */
  rest: PairSums;
};

/** What the database aggregates for one option's first attempts. */
export type OptionSums = {
  /** First attempts that chose this option. */
  count: number;
  /** Of them by students with an ability estimate, and the sum of those estimates. */
  restN: number;
  sumR: number;
};

const EMPTY_PAIRS: PairSums = { n: 0, sumX: 0, sumR: 0, sumR2: 0, sumXR: 0 };

/** Sums of squares this close to zero are rounding, not spread: no correlation is defined. */
const SPREAD_EPSILON = 1e-9;

// ------------------------------------------------------------------ statistics from sums

/** Share of attempts answered correctly; null without attempts. */
export function facilityIndex(n: number, correct: number): number | null {
  return n > 0 ? correct / n : null;
}

/** Sample standard deviation of a 0/1 item score; null below two attempts. */
export function itemStandardDeviation(n: number, correct: number): number | null {
  if (n < 2) return null;
  const sumOfSquares = correct - (correct * correct) / n;
  return Math.sqrt(Math.max(0, sumOfSquares) / (n - 1));
}

/** The facility a student choosing at random would expect: one over the number of options. */
export function randomGuessScore(optionCount: number): number | null {
  return optionCount > 0 ? 1 / optionCount : null;
}

/** Σ(x - x̄)(r - r̄), Σ(x - x̄)² and Σ(r - r̄)² from the sums. */
function centred(sums: PairSums): { sxr: number; sxx: number; srr: number } {
  const { n, sumX, sumR, sumR2, sumXR } = sums;
  return { sxr: sumXR - (sumX * sumR) / n, sxx: sumX - (sumX * sumX) / n, srr: sumR2 - (sumR * sumR) / n };
}

/**
 * Pearson correlation of item score and rest score (the point-biserial
 * correlation); null below two attempts or when either score does not vary
 * (everyone right, everyone wrong, or every rest score equal).
 */
export function itemRestCorrelation(sums: PairSums): number | null {
  if (sums.n < 2) return null;
  const { sxr, sxx, srr } = centred(sums);
  if (sxx <= SPREAD_EPSILON * Math.max(1, sums.sumX) || srr <= SPREAD_EPSILON * Math.max(1, sums.sumR2)) return null;
  return Math.min(1, Math.max(-1, sxr / Math.sqrt(sxx * srr)));
}

/**
 * Discriminative efficiency: the item-rest covariance over the covariance the
 * same scores would have if the right answers had gone to the highest rest
 * scores (for a 0/1 item that pairing is the maximum). 1 is as discriminating
 * as the item's facility allows. Null below two attempts or when the maximum
 * is zero. It can fall below -1 when the rest scores are skewed.
 */
export function discriminativeEfficiency(sums: ExamSums): number | null {
  if (sums.n < 2) return null;
  const { sxr } = centred(sums);
  const maximum = sums.topR - (sums.sumX * sums.sumR) / sums.n;
  if (maximum <= SPREAD_EPSILON * Math.max(1, Math.abs(sums.topR))) return null;
  return sxr / maximum;
}

export type OptionStatistics = {
  optionId: string;
  /** A, B, C... by the option's stored position (the editor's order; students see a shuffled order). */
  letter: string;
  correct: boolean;
  count: number;
  /** count / first attempts at the version; null without attempts. */
  share: number | null;
  /** Mean ability estimate of the students who chose it; null when none of them has one. */
  meanAbility: number | null;
};

export type VersionStatistics = {
  n: number;
  correct: number;
  facility: number | null;
  standardDeviation: number | null;
  randomGuessScore: number | null;
  /** Item-rest correlation with the ability estimate; null when not defined. */
  discrimination: number | null;
  /** Attempts the discrimination rests on (students with an ability estimate). */
  discriminationN: number;
  /** From mock exams only; null when there are none or it is not defined. */
  efficiency: number | null;
  efficiencyN: number;
  /** Share of first attempts marked as guessed; null without attempts. */
  guessedShare: number | null;
  options: OptionStatistics[];
};

export type VersionOption = { id: string; position: number; correct: boolean };

export const OPTION_LETTERS = "ABCDEFGHIJ";

export function optionLetter(position: number): string {
  return OPTION_LETTERS[position] ?? String(position + 1);
}

/** Every statistic of one version from its sums; options in stored order, each with its sums or none. */
export function analyseVersion(input: {
  sums: VersionSums;
  options: readonly VersionOption[];
  optionSums: ReadonlyMap<string, OptionSums>;
  exam?: ExamSums | null;
}): VersionStatistics {
  const { sums } = input;
  const ordered = [...input.options].sort((a, b) => a.position - b.position);
  return {
    n: sums.n,
    correct: sums.correct,
    facility: facilityIndex(sums.n, sums.correct),
    standardDeviation: itemStandardDeviation(sums.n, sums.correct),
    randomGuessScore: randomGuessScore(ordered.length),
    discrimination: itemRestCorrelation(sums.rest),
    discriminationN: sums.rest.n,
    efficiency: input.exam ? discriminativeEfficiency(input.exam) : null,
    efficiencyN: input.exam?.n ?? 0,
    guessedShare: sums.n > 0 ? sums.guessed / sums.n : null,
    options: ordered.map((option) => {
      const o = input.optionSums.get(option.id) ?? { count: 0, restN: 0, sumR: 0 };
      return {
        optionId: option.id,
        letter: optionLetter(option.position),
        correct: option.correct,
        count: o.count,
        share: sums.n > 0 ? o.count / sums.n : null,
        meanAbility: o.restN > 0 ? o.sumR / o.restN : null,
      };
    }),
  };
}

// ------------------------------------------------------------------ flags

/**
 * Below this many first attempts no statistical flag is raised: at 20 a
 * facility's standard error is at most 0.11 and a correlation's about 0.23,
 * so a flag is a prompt to look at the item, not a verdict. Fewer would flag
 * mostly noise.
 */
export const MIN_ATTEMPTS_FOR_FLAGS = 20;
/** Nearly everyone gets it right: it tells students apart little and may give itself away. */
export const TOO_EASY_FACILITY = 0.9;
/** Facility within this of the random guess score (or below it) reads like guessing: about one standard error at 20 attempts. */
export const NEAR_GUESS_MARGIN = 0.1;
/** Correlations below this are near zero: the item barely separates stronger from weaker students (0.2 is the usual floor for a good item). */
export const LOW_DISCRIMINATION = 0.1;
/**
 * A distractor nobody chose is dead only after this many attempts: one that
 * draws even 10% of students would have been chosen with probability
 * 1 - 0.9^30 = 96%.
 */
export const DEAD_DISTRACTOR_MIN_ATTEMPTS = 30;
/** One student in three or more saying they guessed: the item may not let a prepared student decide. */
export const MANY_GUESSED_SHARE = 0.3;
/** A facility change between versions beyond chance: two-proportion z-test at the 1% level (two-sided). */
export const VERSION_CHANGE_Z = 2.58;
/** ...and large enough to matter: with thousands of attempts tiny changes are "significant". */
export const VERSION_CHANGE_MIN_DIFFERENCE = 0.1;

export type FlagCode =
  | "too-easy"
  | "near-guess"
  | "negative-discrimination"
  | "low-discrimination"
  | "distractor-beats-key"
  | "dead-distractor"
  | "many-guessed"
  | "changed-from-previous";

export type ItemFlag = {
  code: FlagCode;
  /** A badge's words, e.g. "Dead distractor C". */
  label: string;
  /** One sentence with the numbers behind it. */
  detail: string;
};

const percent = (value: number) => `${Math.round(value * 100)}%`;

/**
 * The two-proportion z statistic for a change of facility between two
 * versions (pooled proportion); 0 when the pooled proportion is 0 or 1.
 */
export function facilityChangeZ(before: { n: number; correct: number }, after: { n: number; correct: number }): number {
  if (before.n === 0 || after.n === 0) return 0;
  const pooled = (before.correct + after.correct) / (before.n + after.n);
  const variance = pooled * (1 - pooled) * (1 / before.n + 1 / after.n);
  if (variance <= 0) return 0;
  return (after.correct / after.n - before.correct / before.n) / Math.sqrt(variance);
}

/**
 * The flags of one version. `previous` is the statistics of the version
 * before it that has data (null for the first), for the version-change flag.
 */
export function flagsFor(stats: VersionStatistics, previous: { version: number; stats: VersionStatistics } | null = null): ItemFlag[] {
  const flags: ItemFlag[] = [];
  if (stats.n < MIN_ATTEMPTS_FOR_FLAGS || stats.facility === null) return flags;
  const facility = stats.facility;
  if (facility > TOO_EASY_FACILITY) {
    flags.push({ code: "too-easy", label: "Too easy", detail: `${percent(facility)} of ${stats.n} students answered it correctly first time.` });
  } else if (stats.randomGuessScore !== null && facility <= stats.randomGuessScore + NEAR_GUESS_MARGIN) {
    flags.push({
      code: "near-guess",
      label: "Near the guess score",
      detail: `Facility ${percent(facility)} is close to the ${percent(stats.randomGuessScore)} a random guess would get.`,
    });
  }
  if (stats.discrimination !== null && stats.discriminationN >= MIN_ATTEMPTS_FOR_FLAGS) {
    const r = stats.discrimination.toFixed(2);
    if (stats.discrimination < 0) {
      flags.push({ code: "negative-discrimination", label: "Negative discrimination", detail: `Stronger students got it wrong more often than weaker ones (r = ${r}).` });
    } else if (stats.discrimination < LOW_DISCRIMINATION) {
      flags.push({ code: "low-discrimination", label: "Near-zero discrimination", detail: `It barely separates stronger from weaker students (r = ${r}).` });
    }
  }
  const key = stats.options.find((o) => o.correct);
  for (const option of stats.options) {
    if (option.correct) continue;
    if (key && option.count > key.count) {
      flags.push({
        code: "distractor-beats-key",
        label: `Distractor ${option.letter} beats the key`,
        detail: `${option.count} chose ${option.letter}, ${key.count} chose the key ${key.letter}: check the key and the wording.`,
      });
    }
    if (option.count === 0 && stats.n >= DEAD_DISTRACTOR_MIN_ATTEMPTS) {
      flags.push({ code: "dead-distractor", label: `Dead distractor ${option.letter}`, detail: `Nobody chose ${option.letter} in ${stats.n} first attempts.` });
    }
  }
  if (stats.guessedShare !== null && stats.guessedShare >= MANY_GUESSED_SHARE) {
    flags.push({ code: "many-guessed", label: "Many guesses", detail: `${percent(stats.guessedShare)} of students said they guessed.` });
  }
  if (previous && previous.stats.n >= MIN_ATTEMPTS_FOR_FLAGS && previous.stats.facility !== null) {
    const z = facilityChangeZ(previous.stats, stats);
    const difference = facility - previous.stats.facility;
    if (Math.abs(z) > VERSION_CHANGE_Z && Math.abs(difference) >= VERSION_CHANGE_MIN_DIFFERENCE) {
      flags.push({
        code: "changed-from-previous",
        label: `Changed since version ${previous.version}`,
        detail: `Facility went from ${percent(previous.stats.facility)} to ${percent(facility)} (z = ${z.toFixed(1)}), more than chance explains.`,
      });
    }
  }
  return flags;
}

// ------------------------------------------------------------------ "how others answered"

/** Other students' answers are shown only once this many have answered the version (their first attempts). */
export const MIN_STUDENTS_FOR_OTHERS = 20;

export type OthersAnswered = {
  /** Students whose first attempt was at this version. */
  students: number;
  /** Share of them who answered correctly. */
  facility: number;
  /** Share of them who chose each option, by option id. */
  shares: Record<string, number>;
};

/** Each option's share of a version's first attempts and its facility, or null below MIN_STUDENTS_FOR_OTHERS. */
export function howOthersAnswered(
  counts: ReadonlyArray<{ optionId: string; count: number }>,
  keyOptionIds: ReadonlySet<string>,
  minStudents: number = MIN_STUDENTS_FOR_OTHERS,
): OthersAnswered | null {
  const students = counts.reduce((total, c) => total + c.count, 0);
  if (students < minStudents || students === 0) return null;
  const shares: Record<string, number> = {};
  let correct = 0;
  for (const c of counts) {
    shares[c.optionId] = c.count / students;
    if (keyOptionIds.has(c.optionId)) correct += c.count;
  }
  return { students, facility: correct / students, shares };
}

// ------------------------------------------------------------------ sums from a response matrix

/** One student's first attempt at one item (a version). */
export type MatrixResponse = { student: string; item: string; option: string; correct: boolean; confidence?: ConfidenceLevel };

/**
 * The sums the database aggregates, from a response matrix of first
 * attempts: per item and per option. A student's rest score for an item is
 * their share correct over their other items; a student with one response
 * has none.
 */
export function sumsFromMatrix(responses: readonly MatrixResponse[]): { items: Map<string, VersionSums>; options: Map<string, OptionSums> } {
  const totals = new Map<string, { k: number; t: number }>();
  for (const r of responses) {
    const total = totals.get(r.student) ?? { k: 0, t: 0 };
    total.k += 1;
    total.t += r.correct ? 1 : 0;
    totals.set(r.student, total);
  }
  const items = new Map<string, VersionSums>();
  const options = new Map<string, OptionSums>();
  for (const r of responses) {
    const x = r.correct ? 1 : 0;
    const total = totals.get(r.student)!;
    const rest = total.k > 1 ? (total.t - x) / (total.k - 1) : null;
    const item = items.get(r.item) ?? { n: 0, correct: 0, guessed: 0, rest: { ...EMPTY_PAIRS } };
    item.n += 1;
    item.correct += x;
    if (r.confidence === "GUESSED") item.guessed += 1;
    const option = options.get(r.option) ?? { count: 0, restN: 0, sumR: 0 };
    option.count += 1;
    if (rest !== null) {
      item.rest.n += 1;
      item.rest.sumX += x;
      item.rest.sumR += rest;
      item.rest.sumR2 += rest * rest;
      item.rest.sumXR += x * rest;
      option.restN += 1;
      option.sumR += rest;
    }
    items.set(r.item, item);
    options.set(r.option, option);
  }
  return { items, options };
}

/**
 * One submitted mock exam: every item it held, with the answer's
 * correctness (null when left unanswered) and whether that answer was the
 * student's first attempt at the question.
 */
export type ExamSitting = { items: ReadonlyArray<{ item: string; correct: boolean | null; firstAttempt: boolean }> };

/**
 * Efficiency sums per item from mock exams: each first-attempt answer's rest
 * score is the share correct of the exam's other items. Exams of one item
 * have no rest.
 */
export function examSumsFromMatrix(sittings: readonly ExamSitting[]): Map<string, ExamSums> {
  const pairs = new Map<string, Array<{ x: number; r: number }>>();
  for (const sitting of sittings) {
    const size = sitting.items.length;
    if (size < 2) continue;
    const score = sitting.items.filter((i) => i.correct === true).length;
    for (const entry of sitting.items) {
      if (entry.correct === null || !entry.firstAttempt) continue;
      const x = entry.correct ? 1 : 0;
      const list = pairs.get(entry.item) ?? [];
      list.push({ x, r: (score - x) / (size - 1) });
      pairs.set(entry.item, list);
    }
  }
  const out = new Map<string, ExamSums>();
  for (const [item, list] of pairs) {
    const sums: ExamSums = { ...EMPTY_PAIRS, topR: 0 };
    for (const { x, r } of list) {
      sums.n += 1;
      sums.sumX += x;
      sums.sumR += r;
      sums.sumR2 += r * r;
      sums.sumXR += x * r;
    }
    const highest = list.map((p) => p.r).sort((a, b) => b - a);
    sums.topR = highest.slice(0, sums.sumX).reduce((a, b) => a + b, 0);
    out.set(item, sums);
  }
  return out;
}
