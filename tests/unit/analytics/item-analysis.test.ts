import { describe, expect, it } from "vitest";
import {
  analyseVersion,
  DEAD_DISTRACTOR_MIN_ATTEMPTS,
  discriminativeEfficiency,
  examSumsFromMatrix,
  facilityChangeZ,
  facilityIndex,
  flagsFor,
  howOthersAnswered,
  itemRestCorrelation,
  itemStandardDeviation,
  MIN_ATTEMPTS_FOR_FLAGS,
  randomGuessScore,
  sumsFromMatrix,
  type MatrixResponse,
  type OptionSums,
  type VersionOption,
  type VersionSums,
} from "@/lib/analytics/item-analysis";

/**
 * A response matrix of first attempts, 5 students x 3 items, plus S6 who
 * answered only I1 (so has no ability estimate). Every item has options A, B
 * (the key), C, D; a wrong answer names the option chosen; nobody chose D.
 *
 *        I1  I2  I3   total correct (of 3)
 *   S1    1   1   1   3
 *   S2    1   1   0A  2
 *   S3    1   0A  0A  1
 *   S4    1   0C  0C  1
 *   S5    0A  1   1   2
 *   S6    0C  -   -   (one attempt only)
 *
 * Rest score r of a student at an item = (their total - x) / (3 - 1).
 */
const MATRIX: Array<[string, string, string, boolean, ("GUESSED" | undefined)?]> = [
  ["S1", "I1", "B", true],
  ["S1", "I2", "B", true],
  ["S1", "I3", "B", true],
  ["S2", "I1", "B", true],
  ["S2", "I2", "B", true],
  ["S2", "I3", "A", false],
  ["S3", "I1", "B", true],
  ["S3", "I2", "A", false, "GUESSED"],
  ["S3", "I3", "A", false],
  ["S4", "I1", "B", true],
  ["S4", "I2", "C", false],
  ["S4", "I3", "C", false],
  ["S5", "I1", "A", false, "GUESSED"],
  ["S5", "I2", "B", true],
  ["S5", "I3", "B", true],
  ["S6", "I1", "C", false],
];

const responses: MatrixResponse[] = MATRIX.map(([student, item, option, correct, confidence]) => ({
  student,
  item,
  option: `${item}-${option}`,
  correct,
  ...(confidence ? { confidence } : {}),
}));

function optionsOf(item: string): VersionOption[] {
  return ["A", "B", "C", "D"].map((letter, position) => ({ id: `${item}-${letter}`, position, correct: letter === "B" }));
}

describe("sums from a response matrix", () => {
  const { items, options } = sumsFromMatrix(responses);

  it("builds per-item sums with rest scores over the student's other items", () => {
    // I1: all six count for facility: n 6, correct 4 (S1-S4), guessed 1 (S5).
    // Rest (S1-S5; S6 has one attempt): x = 1,1,1,1,0; r = (3-1)/2, (2-1)/2, (1-1)/2, (1-1)/2, (2-0)/2 = 1, .5, 0, 0, 1
    // Σx = 4, Σr = 2.5, Σr² = 1 + .25 + 0 + 0 + 1 = 2.25, Σxr = 1 + .5 + 0 + 0 + 0 = 1.5
    expect(items.get("I1")).toEqual({ n: 6, correct: 4, guessed: 1, rest: { n: 5, sumX: 4, sumR: 2.5, sumR2: 2.25, sumXR: 1.5 } });
    // I2: x = 1,1,0,0,1; r = (3-1)/2, (2-1)/2, (1-0)/2, (1-0)/2, (2-1)/2 = 1, .5, .5, .5, .5
    // Σx = 3, Σr = 3, Σr² = 1 + 4 x .25 = 2, Σxr = 1 + .5 + .5 = 2
    expect(items.get("I2")).toEqual({ n: 5, correct: 3, guessed: 1, rest: { n: 5, sumX: 3, sumR: 3, sumR2: 2, sumXR: 2 } });
    // I3: x = 1,0,0,0,1; r = (3-1)/2, (2-0)/2, (1-0)/2, (1-0)/2, (2-1)/2 = 1, 1, .5, .5, .5
    // Σx = 2, Σr = 3.5, Σr² = 1 + 1 + 3 x .25 = 2.75, Σxr = 1 + .5 = 1.5
    expect(items.get("I3")).toEqual({ n: 5, correct: 2, guessed: 0, rest: { n: 5, sumX: 2, sumR: 3.5, sumR2: 2.75, sumXR: 1.5 } });
  });

  it("builds per-option counts and ability sums", () => {
    // I1-B: S1-S4 with r = 1, .5, 0, 0. I1-A: S5 with r = 1. I1-C: S6, no estimate.
    expect(options.get("I1-B")).toEqual({ count: 4, restN: 4, sumR: 1.5 });
    expect(options.get("I1-A")).toEqual({ count: 1, restN: 1, sumR: 1 });
    expect(options.get("I1-C")).toEqual({ count: 1, restN: 0, sumR: 0 });
    expect(options.get("I1-D")).toBeUndefined();
    // I3-A: S2 (r = 1) and S3 (r = .5).
    expect(options.get("I3-A")).toEqual({ count: 2, restN: 2, sumR: 1.5 });
  });

  it("gives facility, SD and discrimination computed by hand", () => {
    const stats = (item: string) => analyseVersion({ sums: items.get(item)!, options: optionsOf(item), optionSums: options });
    const i1 = stats("I1");
    // Facility 4/6. SD: sqrt((Σx - (Σx)²/n) / (n - 1)) = sqrt((4 - 16/6) / 5) = sqrt(4/15) = 0.516398.
    expect(i1.facility).toBeCloseTo(4 / 6, 12);
    expect(i1.standardDeviation).toBeCloseTo(0.516398, 6);
    // Sxr = 1.5 - 4 x 2.5 / 5 = -0.5; Sxx = 4 - 16/5 = 0.8; Srr = 2.25 - 2.5²/5 = 1.
    // r = -0.5 / sqrt(0.8 x 1) = -0.559017.
    expect(i1.discrimination).toBeCloseTo(-0.559017, 6);
    expect(i1.discriminationN).toBe(5);
    expect(i1.randomGuessScore).toBe(0.25);
    expect(i1.guessedShare).toBeCloseTo(1 / 6, 12);

    const i2 = stats("I2");
    // Facility 3/5; SD sqrt((3 - 9/5) / 4) = sqrt(0.3) = 0.547723.
    // Sxr = 2 - 3 x 3 / 5 = 0.2; Sxx = 3 - 9/5 = 1.2; Srr = 2 - 9/5 = 0.2; r = 0.2 / sqrt(0.24) = 0.408248.
    expect(i2.facility).toBe(0.6);
    expect(i2.standardDeviation).toBeCloseTo(0.547723, 6);
    expect(i2.discrimination).toBeCloseTo(0.408248, 6);

    const i3 = stats("I3");
    // Sxr = 1.5 - 2 x 3.5 / 5 = 0.1; Sxx = 2 - 4/5 = 1.2; Srr = 2.75 - 3.5²/5 = 0.3; r = 0.1 / sqrt(0.36) = 0.166667.
    expect(i3.facility).toBe(0.4);
    expect(i3.discrimination).toBeCloseTo(0.166667, 6);
  });

  it("gives each option's count, share and mean ability", () => {
    const i1 = analyseVersion({ sums: items.get("I1")!, options: optionsOf("I1"), optionSums: options });
    expect(i1.options.map((o) => [o.letter, o.correct, o.count])).toEqual([
      ["A", false, 1],
      ["B", true, 4],
      ["C", false, 1],
      ["D", false, 0],
    ]);
    // Shares of 6 attempts; mean ability: B (1 + .5 + 0 + 0) / 4 = .375, A 1, C none (S6 has no estimate), D none.
    expect(i1.options.map((o) => o.share)).toEqual([1 / 6, 4 / 6, 1 / 6, 0]);
    expect(i1.options.map((o) => o.meanAbility)).toEqual([1, 0.375, null, null]);
  });

  it("agrees with the correlation computed directly from the vectors", () => {
    // A second path: Pearson's r of (x, r) pairs built without any sums.
    const totals = new Map<string, { k: number; t: number }>();
    for (const r of responses) {
      const t = totals.get(r.student) ?? { k: 0, t: 0 };
      totals.set(r.student, { k: t.k + 1, t: t.t + (r.correct ? 1 : 0) });
    }
    for (const item of ["I1", "I2", "I3"]) {
      const pairs = responses
        .filter((r) => r.item === item && totals.get(r.student)!.k > 1)
        .map((r) => {
          const x = r.correct ? 1 : 0;
          const t = totals.get(r.student)!;
          return [x, (t.t - x) / (t.k - 1)] as [number, number];
        });
      const mean = (values: number[]) => values.reduce((a, b) => a + b, 0) / values.length;
      const xs = pairs.map((p) => p[0]);
      const rs = pairs.map((p) => p[1]);
      const mx = mean(xs);
      const mr = mean(rs);
      const cov = pairs.reduce((a, [x, r]) => a + (x - mx) * (r - mr), 0);
      const direct = cov / Math.sqrt(xs.reduce((a, x) => a + (x - mx) ** 2, 0) * rs.reduce((a, r) => a + (r - mr) ** 2, 0));
      expect(itemRestCorrelation(sumsFromMatrix(responses).items.get(item)!.rest)).toBeCloseTo(direct, 12);
    }
  });
});

describe("published worked examples", () => {
  it("matches SciPy's point-biserial example: x = 0,0,0,1,1,1,1 against y = 0..6 gives r = 0.8660254037844386", () => {
    // docs.scipy.org, scipy.stats.pointbiserialr, Examples. Sums: n 7, Σx 4, Σy 21, Σy² 91, Σxy 3+4+5+6 = 18.
    expect(itemRestCorrelation({ n: 7, sumX: 4, sumR: 21, sumR2: 91, sumXR: 18 })).toBeCloseTo(0.8660254037844386, 12);
  });

  it("matches Moodle's quiz statistics test fixture (qstats00.csv, slot 4, a true/false item of 25 attempts)", () => {
    // mod/quiz/report/statistics/tests/fixtures: 17 of the 25 attempts in steps00.csv answer slot 4 correctly;
    // Moodle's expected facility 0.68 and sd 0.4760952286.
    expect(facilityIndex(25, 17)).toBe(0.68);
    expect(itemStandardDeviation(25, 17)).toBeCloseTo(0.4760952286, 9);
    // Moodle's covariance -0.0833888893, othermarkvariance 0.5990111128, covariancemax 0.2652222232 (each over n - 1)
    // become sums with the rest scores centred on zero: Σr = 0, Σr² = 24 x var, Σxr = 24 x cov, top-17 Σr = 24 x covmax.
    const sums = { n: 25, sumX: 17, sumR: 0, sumR2: 24 * 0.5990111128, sumXR: 24 * -0.0833888893 };
    // Moodle's discrimination index -22.6306444113 and discriminative efficiency -31.4411395613 (both x 100).
    expect(itemRestCorrelation(sums)! * 100).toBeCloseTo(-22.6306444113, 6);
    expect(discriminativeEfficiency({ ...sums, topR: 24 * 0.2652222232 })! * 100).toBeCloseTo(-31.4411395613, 6);
  });
});

describe("discriminative efficiency from mock exams", () => {
  /**
   * Five sittings of a four-item exam; E1's rest score is the share correct of
   * the other three items (unanswered = 0):
   *   S1: E1 1, others 1 1 0    -> rest 2/3
   *   S2: E1 1, others 0 0 0    -> rest 0
   *   S3: E1 0, others 1 1 1    -> rest 1
   *   S4: E1 0, others 0 1 -    -> rest 1/3
   *   S5: E1 1, others 1 0 -    -> rest 1/3
   *   S6: E1 1 but not a first attempt: left out.
   */
  const sitting = (e1: boolean, others: Array<boolean | null>, firstAttempt = true) => ({
    items: [{ item: "E1", correct: e1, firstAttempt }, ...others.map((correct, i) => ({ item: `E${i + 2}`, correct, firstAttempt: true }))],
  });
  const sums = examSumsFromMatrix([
    sitting(true, [true, true, false]),
    sitting(true, [false, false, false]),
    sitting(false, [true, true, true]),
    sitting(false, [false, true, null]),
    sitting(true, [true, false, null]),
    sitting(true, [true, true, true], false),
  ]).get("E1")!;

  it("builds the sums with the top rest scores", () => {
    // n 5, Σx 3, Σr = 2/3 + 0 + 1 + 1/3 + 1/3 = 7/3, Σr² = 4/9 + 0 + 1 + 1/9 + 1/9 = 5/3, Σxr = 2/3 + 0 + 1/3 = 1.
    // The 3 highest rest scores: 1 + 2/3 + 1/3 = 2.
    expect(sums.n).toBe(5);
    expect(sums.sumX).toBe(3);
    expect(sums.sumR).toBeCloseTo(7 / 3, 12);
    expect(sums.sumR2).toBeCloseTo(5 / 3, 12);
    expect(sums.sumXR).toBeCloseTo(1, 12);
    expect(sums.topR).toBeCloseTo(2, 12);
  });

  it("divides the covariance by its maximum", () => {
    // Sxr = 1 - 3 x (7/3) / 5 = -0.4; the maximum: 2 - 3 x (7/3) / 5 = 0.6; efficiency = -0.4 / 0.6 = -2/3.
    expect(discriminativeEfficiency(sums)).toBeCloseTo(-2 / 3, 12);
    // A perfectly ordered item reaches 1: the right answers hold the highest rest scores.
    const perfect = examSumsFromMatrix([sitting(true, [true, true, true]), sitting(true, [true, true, false]), sitting(false, [false, false, false])]).get("E1")!;
    expect(discriminativeEfficiency(perfect)).toBeCloseTo(1, 12);
  });

  it("is undefined when every answer is right or every rest score is equal", () => {
    const allRight = examSumsFromMatrix([sitting(true, [true, false, false]), sitting(true, [false, false, false])]).get("E1")!;
    expect(discriminativeEfficiency(allRight)).toBeNull();
    expect(discriminativeEfficiency({ n: 1, sumX: 1, sumR: 0.5, sumR2: 0.25, sumXR: 0.5, topR: 0.5 })).toBeNull();
  });
});

describe("edge cases of the statistics", () => {
  it("has no facility, SD or correlation without enough data", () => {
    expect(facilityIndex(0, 0)).toBeNull();
    expect(itemStandardDeviation(1, 1)).toBeNull();
    expect(itemStandardDeviation(4, 4)).toBe(0);
    expect(itemRestCorrelation({ n: 1, sumX: 1, sumR: 0.5, sumR2: 0.25, sumXR: 0.5 })).toBeNull();
    // Everyone right: the item score does not vary.
    expect(itemRestCorrelation({ n: 3, sumX: 3, sumR: 1.5, sumR2: 1.25, sumXR: 1.5 })).toBeNull();
    // Every rest score equal.
    expect(itemRestCorrelation({ n: 4, sumX: 2, sumR: 2, sumR2: 1, sumXR: 1 })).toBeNull();
    expect(randomGuessScore(5)).toBe(0.2);
    expect(randomGuessScore(0)).toBeNull();
  });
});

/** A version's statistics from counts: `chosen` per option A-D (B the key), the rest sums given. */
function version(chosen: [number, number, number, number], extra: { guessed?: number; rest?: VersionSums["rest"] } = {}) {
  const n = chosen.reduce((a, b) => a + b, 0);
  const options = optionsOf("V");
  const optionSums = new Map<string, OptionSums>(options.map((o, i) => [o.id, { count: chosen[i]!, restN: 0, sumR: 0 }]));
  const sums: VersionSums = { n, correct: chosen[1], guessed: extra.guessed ?? 0, rest: extra.rest ?? { n: 0, sumX: 0, sumR: 0, sumR2: 0, sumXR: 0 } };
  return analyseVersion({ sums, options, optionSums });
}

const codes = (stats: ReturnType<typeof version>, previous: Parameters<typeof flagsFor>[1] = null) => flagsFor(stats, previous).map((f) => f.code);

describe("flags", () => {
  it("raises none below the minimum number of attempts", () => {
    // 19 attempts, 18 right and a distractor unchosen: too early to say.
    expect(MIN_ATTEMPTS_FOR_FLAGS).toBe(20);
    expect(codes(version([1, 18, 0, 0]))).toEqual([]);
  });

  it("flags an item nearly everyone gets right, and one near the guess score", () => {
    expect(codes(version([0, 19, 1, 0]))).toContain("too-easy");
    // Exactly 0.9 is not "above 0.9".
    expect(codes(version([1, 18, 1, 0]))).not.toContain("too-easy");
    // Guess score 0.25: facility 0.35 is within the margin, 0.4 is not.
    expect(codes(version([5, 7, 4, 4]))).toContain("near-guess");
    expect(codes(version([4, 8, 4, 4]))).not.toContain("near-guess");
  });

  it("flags negative and near-zero discrimination, only with enough students who have an estimate", () => {
    // 20 attempts, facility .5: rest sums giving r = -0.2, 0.05 and 0.3.
    const rest = (sxr: number) => ({ n: 20, sumX: 10, sumR: 10, sumR2: 7.5, sumXR: 5 + sxr });
    // Sxx = 10 - 100/20 = 5; Srr = (2.5 + 5) - 100/20 = 2.5; r = Sxr / sqrt(12.5).
    const withR = (r: number) => version([4, 10, 3, 3], { rest: rest(r * Math.sqrt(12.5)) });
    expect(withR(-0.2).discrimination).toBeCloseTo(-0.2, 12);
    expect(codes(withR(-0.2))).toContain("negative-discrimination");
    expect(codes(withR(0.05))).toContain("low-discrimination");
    expect(codes(withR(0.3))).not.toContain("low-discrimination");
    expect(codes(withR(0.3))).not.toContain("negative-discrimination");
    // The same correlation from 19 students with an estimate is not flagged.
    const few = version([4, 10, 3, 3], { rest: { n: 19, sumX: 9, sumR: 9.5, sumR2: 7, sumXR: 3 } });
    expect(few.discrimination).toBeLessThan(0);
    expect(codes(few)).not.toContain("negative-discrimination");
  });

  it("flags a distractor chosen more often than the key", () => {
    const flags = flagsFor(version([9, 6, 3, 2]));
    expect(flags.map((f) => f.code)).toContain("distractor-beats-key");
    expect(flags.find((f) => f.code === "distractor-beats-key")!.label).toBe("Distractor A beats the key");
  });

  it("flags a distractor nobody picked only after 30 attempts", () => {
    expect(DEAD_DISTRACTOR_MIN_ATTEMPTS).toBe(30);
    expect(codes(version([5, 15, 9, 0]))).not.toContain("dead-distractor");
    const flags = flagsFor(version([5, 16, 9, 0]));
    expect(flags.filter((f) => f.code === "dead-distractor").map((f) => f.label)).toEqual(["Dead distractor D"]);
  });

  it("flags many guessed answers", () => {
    expect(codes(version([4, 10, 3, 3], { guessed: 6 }))).toContain("many-guessed");
    expect(codes(version([4, 10, 3, 3], { guessed: 5 }))).not.toContain("many-guessed");
  });

  it("flags a version whose facility moved beyond chance from the previous version's", () => {
    // z for 12/40 -> 28/40: pooled .5; sqrt(.25 x (1/40 + 1/40)) = .1118; (.7 - .3) / .1118 = 3.58.
    expect(facilityChangeZ({ n: 40, correct: 12 }, { n: 40, correct: 28 })).toBeCloseTo(3.5777, 3);
    const before = version([10, 12, 10, 8]);
    const after = version([4, 28, 4, 4]);
    expect(codes(after, { version: 1, stats: before })).toContain("changed-from-previous");
    // 12/40 -> 20/40: z = .2 / sqrt(.4 x .6 x .05) = 1.83, within chance.
    expect(codes(version([8, 20, 8, 4]), { version: 1, stats: before })).not.toContain("changed-from-previous");
    // Significant but small: 5,000 attempts each, .50 -> .55 (z = 5) moves less than 0.1.
    const big = (correct: number) => version([5000 - correct, correct, 0, 0]);
    expect(Math.abs(facilityChangeZ({ n: 5000, correct: 2500 }, { n: 5000, correct: 2750 }))).toBeGreaterThan(2.58);
    expect(codes(big(2750), { version: 1, stats: big(2500) })).not.toContain("changed-from-previous");
    // A previous version with too few attempts is no baseline.
    expect(codes(after, { version: 1, stats: version([3, 3, 3, 3]) })).not.toContain("changed-from-previous");
  });
});

describe("how others answered", () => {
  const counts = (n: number) => [
    { optionId: "a", count: n - 5 },
    { optionId: "b", count: 3 },
    { optionId: "c", count: 2 },
  ];

  it("is shown only once 20 students have answered the version", () => {
    expect(howOthersAnswered(counts(19), new Set(["a"]))).toBeNull();
    expect(howOthersAnswered(counts(20), new Set(["a"]))).toEqual({ students: 20, facility: 0.75, shares: { a: 0.75, b: 0.15, c: 0.1 } });
  });
});
