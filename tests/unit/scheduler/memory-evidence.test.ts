import { describe, expect, it } from "vitest";
import { InvalidNumberError } from "@/lib/scheduler/errors";
import { shiftLogit } from "@/lib/scheduler/ability";
import { getFsrsModel, retrievabilityAfter } from "@/lib/scheduler/fsrs-model";
import {
  BIN_COUNT,
  EVIDENCE_ROWS,
  PRIOR_LOG_SD,
  PRIOR_PRACTICE_SD,
  addEvidence,
  addMemoryObservation,
  createMemoryEvidence,
  firstAnswerOffsetFor,
  firstRecalled,
  subtractEvidence,
  fitMemoryEvidence,
  isBoundaryFit,
  recallOffsetFor,
  parseMemoryEvidence,
  practiceBand,
  withPopulationEvidence,
} from "@/lib/scheduler/memory-evidence";
import type { MemoryEvidence } from "@/lib/scheduler/memory-evidence";
import { createMemoryFit, updateMemoryFit } from "@/lib/scheduler/memory-fit";
import { createRng } from "@/lib/scheduler/rng";
import type { MemoryFit } from "@/lib/scheduler/types";

/**
 * ACT-R-like later reviews: recall flat in elapsed time, from a third of the
 * FSRS stability to about 400 times it. Review k comes after
 * `practicesOf(k)` practices and is right with chance `rightOf(practices)`
 * (0.31 by default: recall about 8% with 4 options).
 */
function flatReviews(count: number, seed: number, practicesOf: (k: number) => number = () => 1, rightOf: (practices: number) => number = () => 0.31) {
  const rng = createRng(seed);
  let evidence = createMemoryEvidence();
  const reviews: { elapsedDays: number; stability: number; correct: boolean; practices: number }[] = [];
  for (let k = 0; k < count; k++) {
    const practices = practicesOf(k);
    const stability = 0.1 + 0.3 * rng.next();
    const review = { elapsedDays: stability * Math.exp(-1 + 7 * rng.next()), stability, correct: rng.next() < rightOf(practices), practices };
    reviews.push(review);
    evidence = addMemoryObservation(evidence, { ...review, confidence: "SURE", optionCount: 4 });
  }
  return { evidence, reviews };
}

/** Later reviews of a student whose memory is exponential with half FSRS's stability (faster forgetting). */
function fastForgetter(count: number, seed = 3): MemoryEvidence {
  const rng = createRng(seed);
  let evidence = createMemoryEvidence();
  for (let k = 0; k < count; k++) {
    const stability = 1 + 20 * rng.next();
    const elapsed = stability * (0.5 + 2 * rng.next());
    const recall = Math.pow(0.9, elapsed / (0.5 * stability));
    const correct = rng.next() < recall || rng.next() < 0.25;
    evidence = addMemoryObservation(evidence, { elapsedDays: elapsed, stability, correct, confidence: "SURE", optionCount: 4 });
  }
  return evidence;
}

const recallAt = (fit: MemoryFit | undefined, days: number, stability: number): number =>
  retrievabilityAfter(getFsrsModel(undefined, fit), days, stability);
const trueRecall = (days: number, stability: number): number => Math.pow(0.9, days / (0.5 * stability));

describe("memory evidence (binned reviews) and its fit", () => {
  it("with no evidence is FSRS-6's default curve, as uncertain as the prior", () => {
    const fit = fitMemoryEvidence(createMemoryEvidence());
    const online = createMemoryFit();
    expect(fit.stabilityScale).toBeCloseTo(online.stabilityScale, 6);
    expect(fit.decay).toBeCloseTo(online.decay, 6);
    expect(fit.reviews).toBe(0);
    expect(fit.uncertainty).toEqual({ logScaleSd: PRIOR_LOG_SD, logDecaySd: PRIOR_LOG_SD, correlation: expect.closeTo(0, 6) as number });
  });

  it("finds a faster-forgetting student's curve, closer than the online fit after as many reviews", () => {
    const evidence = fastForgetter(400);
    const fit = fitMemoryEvidence(evidence);
    expect(fit.reviews).toBe(400);
    // The probe the online fit's own test uses: 20 days after a review of stability 10.
    expect(Math.abs(recallAt(fit, 20, 10) - trueRecall(20, 10))).toBeLessThan(0.05);
    expect(recallAt(fit, 20, 10)).toBeLessThan(recallAt(undefined, 20, 10) - 0.15);
    let online = createMemoryFit();
    const rng = createRng(3);
    for (let k = 0; k < 400; k++) {
      const stability = 1 + 20 * rng.next();
      const elapsed = stability * (0.5 + 2 * rng.next());
      const correct = rng.next() < trueRecall(elapsed, stability) || rng.next() < 0.25;
      online = updateMemoryFit(online, { elapsedDays: elapsed, stability, correct, confidence: "SURE", optionCount: 4 });
    }
    expect(Math.abs(recallAt(fit, 20, 10) - trueRecall(20, 10))).toBeLessThan(Math.abs(recallAt(online, 20, 10) - trueRecall(20, 10)));
  });

  it("its standard errors shrink as reviews accrue", () => {
    const sd = (n: number) => fitMemoryEvidence(fastForgetter(n)).uncertainty;
    const few = sd(20);
    const many = sd(400);
    if (few === undefined || many === undefined) throw new Error("no uncertainty");
    expect(few.logScaleSd).toBeLessThan(PRIOR_LOG_SD);
    expect(many.logScaleSd).toBeLessThan(few.logScaleSd / 2);
    expect(many.logDecaySd).toBeLessThan(few.logDecaySd);
  });

  it("stays the same size however many reviews it holds, and survives a JSON round trip unchanged", () => {
    const evidence = addEvidence(fastForgetter(1000), accumulator(1000).evidence);
    for (const table of [evidence.bins, evidence.firstRight, evidence.firstWrong]) expect(table).toHaveLength(EVIDENCE_ROWS);
    const size = JSON.stringify(evidence).length;
    expect(size).toBeLessThan(6000);
    expect(JSON.stringify(addEvidence(evidence, fastForgetter(3000, 11))).length).toBeLessThan(size + 200);
    const restored = parseMemoryEvidence(JSON.parse(JSON.stringify(evidence)));
    expect(restored).toEqual(evidence);
    if (restored === null) throw new Error("not restored");
    expect(fitMemoryEvidence(restored)).toEqual(fitMemoryEvidence(evidence));
  });

  it("counts a same-minute repeat as a review but not as evidence about forgetting", () => {
    const before = fastForgetter(10);
    const after = addMemoryObservation(before, { elapsedDays: 0.001, stability: 2, correct: true, confidence: "SURE", optionCount: 4 });
    expect(after.reviews).toBe(11);
    expect(after.bins).toEqual(before.bins);
    expect(fitMemoryEvidence(after).stabilityScale).toBeCloseTo(fitMemoryEvidence(before).stabilityScale, 9);
  });

  it("is pure: adding an observation leaves the old value as it was", () => {
    const before = fastForgetter(5);
    const copy = JSON.parse(JSON.stringify(before)) as MemoryEvidence;
    addMemoryObservation(before, { elapsedDays: 3, stability: 2, correct: false, confidence: "SURE", optionCount: 4 });
    expect(before).toEqual(copy);
  });

  it("rejects impossible observations and malformed stored values", () => {
    const evidence = createMemoryEvidence();
    expect(() => addMemoryObservation(evidence, { elapsedDays: -1, stability: 3, correct: true, confidence: "SURE", optionCount: 4 })).toThrow(InvalidNumberError);
    expect(() => addMemoryObservation(evidence, { elapsedDays: 1, stability: NaN, correct: true, confidence: "SURE", optionCount: 4 })).toThrow(InvalidNumberError);
    expect(() => addMemoryObservation(evidence, { elapsedDays: 1, stability: 2, correct: true, confidence: "SURE", optionCount: 1 })).toThrow(InvalidNumberError);
    const good = fastForgetter(20);
    expect(parseMemoryEvidence(null)).toBeNull();
    expect(parseMemoryEvidence("{}")).toBeNull();
    expect(parseMemoryEvidence({ ...good, version: 4 })).toBeNull();
    expect(parseMemoryEvidence({ ...good, version: 1 })).toBeNull();
    expect(parseMemoryEvidence({ ...good, bins: good.bins.slice(1) })).toBeNull();
    expect(parseMemoryEvidence({ ...good, reviews: 3 })).toBeNull();
    const badBins = good.bins.map((bin) => [...bin]);
    badBins[5] = [2, 3, 0, 0.5, 0];
    expect(parseMemoryEvidence({ ...good, bins: badBins })).toBeNull();
    badBins[5] = [2, 1, Number.NaN, 0.5, 0];
    expect(parseMemoryEvidence({ ...good, bins: badBins })).toBeNull();
    badBins[5] = [2, 1, 0, 0.5, -1];
    expect(parseMemoryEvidence({ ...good, bins: badBins })).toBeNull();
    badBins[5] = [2, 1, 0, 0.5];
    expect(parseMemoryEvidence({ ...good, bins: badBins })).toBeNull();
    const observe = (practices: number) => ({ elapsedDays: 1, stability: 2, correct: true, confidence: "SURE" as const, optionCount: 4, practices });
    expect(() => addMemoryObservation(evidence, observe(0))).toThrow(InvalidNumberError);
    expect(() => addMemoryObservation(evidence, observe(2.5))).toThrow(InvalidNumberError);
  });

  it("borrows other students' curve through the population's evidence until the student's own reviews take over", () => {
    const population = fastForgetter(2000, 11);
    const few = fastForgetter(5);
    const alone = fitMemoryEvidence(few);
    const borrowed = fitMemoryEvidence(withPopulationEvidence(few, population, 150));
    const error = (fit: MemoryFit) => Math.abs(recallAt(fit, 20, 10) - trueRecall(20, 10));
    expect(error(borrowed)).toBeLessThan(error(alone));
    expect(error(borrowed)).toBeLessThan(0.1);
    // The student's own count of reviews is kept (the pick's measuring rule reads it).
    expect(borrowed.reviews).toBe(5);
    // A weight of 0 or an empty population changes nothing.
    expect(withPopulationEvidence(few, population, 0)).toEqual(few);
    expect(withPopulationEvidence(few, createMemoryEvidence(), 150)).toEqual(few);
    // A student unlike the population: their own reviews move the fit away from it.
    const slowPopulation = createMemoryEvidence();
    let slow = slowPopulation;
    for (let k = 0; k < 500; k++) {
      slow = addMemoryObservation(slow, { elapsedDays: 20, stability: 10, correct: true, confidence: "SURE", optionCount: 4 });
    }
    const fromSlow = fitMemoryEvidence(withPopulationEvidence(createMemoryEvidence(), slow, 150));
    const ownMany = fitMemoryEvidence(withPopulationEvidence(fastForgetter(600), slow, 150));
    expect(recallAt(ownMany, 20, 10)).toBeLessThan(recallAt(fromSlow, 20, 10) - 0.2);
  });

  it("says when the fit sits on a bound of its family (no scale, decay and exponent describe the evidence)", () => {
    // ACT-R-like evidence: recall about 8% whatever the elapsed time, from a
    // third of the FSRS stability to 1,000 times it. The family cannot be
    // flat and low, so the fit runs to a bound.
    expect(isBoundaryFit(fitMemoryEvidence(flatReviews(600, 5).evidence))).toBe(true);
    // A curve of the family, fitted from as many reviews, is not.
    expect(isBoundaryFit(fitMemoryEvidence(fastForgetter(600)))).toBe(false);
    expect(isBoundaryFit(fitMemoryEvidence(createMemoryEvidence()))).toBe(false);
    // The online fit (no uncertainty) is never judged.
    expect(isBoundaryFit({ stabilityScale: 0.02, decay: 2, reviews: 600 })).toBe(false);
    // The practice exponent's bounds count as the others do.
    const inside = fitMemoryEvidence(fastForgetter(600));
    expect(isBoundaryFit({ ...inside, practiceExponent: 3.9 })).toBe(false);
    expect(isBoundaryFit({ ...inside, practiceExponent: 4 })).toBe(true);
    expect(isBoundaryFit({ ...inside, practiceExponent: -2 })).toBe(true);
  });

  it("beside a fit on a bound, fits the shift of logit recall that matches the student's later reviews overall; a fit within its bounds gets none", () => {
    // Recall about 8% whatever the elapsed time (31% right with 4 options):
    // the family cannot be flat and low, so the curve sits on a bound and,
    // left alone, over-predicts these very reviews.
    const { evidence, reviews } = flatReviews(600, 5);
    const fit = fitMemoryEvidence(evidence);
    expect(isBoundaryFit(fit)).toBe(true);
    const offset = fit.recallOffset;
    if (offset === undefined) throw new Error("a fit on a bound has no recall offset");
    const model = getFsrsModel(undefined, fit);
    const meanCorrect = (shift: number): number =>
      reviews.reduce((sum, review) => sum + 0.25 + 0.75 * shiftLogit(retrievabilityAfter(model, review.elapsedDays, review.stability), shift), 0) / reviews.length;
    const observed = reviews.filter((review) => review.correct).length / reviews.length;
    // The curve alone is well off the reviews it was fitted to; with the offset it meets them.
    // (Within 0.02, not exactly: the likelihood weighs each bin's residual by
    // its information, and the bins are scored at their mean ln x.)
    // Every review here came after one practice: the first band's shift is the one they set.
    expect(Math.abs(meanCorrect(0) - observed)).toBeGreaterThan(0.1);
    expect(Math.abs(meanCorrect(recallOffsetFor(fit, 1)) - observed)).toBeLessThan(0.02);
    expect(offset.byBandSd[0]).toBeGreaterThan(0);
    expect(offset.byBandSd[0]).toBeLessThan(1);
    // A band no review has reached keeps the overall shift, and says it knows less.
    expect(offset.byBand[4]).toBeCloseTo(offset.logit, 6);
    expect(offset.byBandSd[4]).toBeGreaterThan(2 * (offset.byBandSd[0] ?? 0));
    // A prior that fixes the practice term at 0 fixes the bands' deviations at 0 too.
    const noBands = fitMemoryEvidence(evidence, { logScaleSd: PRIOR_LOG_SD, logDecaySd: PRIOR_LOG_SD, practiceSd: 0 }).recallOffset;
    expect(Number.isFinite(noBands?.logit)).toBe(true);
    expect(noBands?.byBand).toEqual(Array.from({ length: 5 }, () => noBands?.logit));
    // A curve of the family, and no evidence at all, need no offset.
    expect(fitMemoryEvidence(fastForgetter(600)).recallOffset).toBeUndefined();
    expect(fitMemoryEvidence(createMemoryEvidence()).recallOffset).toBeUndefined();
  });

  it("on a bound, fits the recall offset band by band of practices when recall grows with practice, not with time", () => {
    // ACT-R-like: recall flat in elapsed time (over e^7 of it), about 8% after
    // one practice and about 60% after six (31% and 70% right with 4 options).
    const { evidence, reviews } = flatReviews(
      1200,
      8,
      (k) => (k % 2 === 0 ? 1 : 6),
      (practices) => (practices === 1 ? 0.31 : 0.7),
    );
    const fit = fitMemoryEvidence(evidence);
    expect(isBoundaryFit(fit)).toBe(true);
    const offset = fit.recallOffset;
    if (offset === undefined) throw new Error("a fit on a bound has no recall offset");
    const model = getFsrsModel(undefined, fit);
    for (const practices of [1, 6]) {
      const mine = reviews.filter((review) => review.practices === practices);
      const observed = mine.filter((review) => review.correct).length / mine.length;
      const shift = recallOffsetFor(fit, practices);
      const predicted =
        mine.reduce((sum, review) => sum + 0.25 + 0.75 * shiftLogit(retrievabilityAfter(model, review.elapsedDays, review.stability * Math.pow(review.practices, fit.practiceExponent ?? 0)), shift), 0) / mine.length;
      expect(Math.abs(predicted - observed)).toBeLessThan(0.03);
    }
    expect(recallOffsetFor(fit, 6)).toBeGreaterThan(recallOffsetFor(fit, 1) + 1);
    for (const practices of [1, 6]) expect(offset.byBandSd[practiceBand(practices)]).toBeLessThan(1);
  });

  it("sums students' evidence and takes one student back out exactly", () => {
    const observe = (days: number, correct: boolean) => ({ elapsedDays: days, stability: 4, correct, confidence: "SURE" as const, optionCount: 4 });
    let a = createMemoryEvidence();
    let b = createMemoryEvidence();
    for (let k = 0; k < 7; k++) a = addMemoryObservation(a, observe(1 + k, k % 2 === 0));
    for (let k = 0; k < 5; k++) b = addMemoryObservation(b, observe(30 + k, false));
    const both = addEvidence(a, b);
    expect(both.reviews).toBe(12);
    expect(both.bins.reduce((n, bin) => n + (bin[0] ?? 0), 0)).toBe(12);
    const backToA = subtractEvidence(both, b);
    expect(backToA.reviews).toBe(a.reviews);
    backToA.bins.forEach((bin, i) => bin.forEach((x, f) => expect(x).toBeCloseTo(a.bins[i]![f]!, 9)));
    // Taking out everything leaves exactly nothing, so the fit is the prior's.
    expect(subtractEvidence(both, both)).toEqual(createMemoryEvidence());
    expect(parseMemoryEvidence(JSON.parse(JSON.stringify(both)))).toEqual(both);
  });
});

/**
 * Later reviews of an ACT-R-like student: every answer adds to the memory
 * whether it succeeded or not, so recall grows with the practices n while
 * FSRS's stability, shrunk by each lapse, does not follow it. True recall
 * (1 + f t / (0.3 S n^1.5))^-0.5; the stability a scheduler would see falls
 * by half at every failed answer and grows x2.5 at every success.
 */
function accumulator(count: number, seed = 7, exponent = 1.5): { evidence: MemoryEvidence; truth: (days: number, stability: number, practices: number) => number; observations: { days: number; stability: number; practices: number; correct: boolean }[] } {
  const truth = (days: number, stability: number, practices: number): number =>
    Math.pow(1 + ((Math.pow(0.9, -1 / 0.5) - 1) * days) / (0.3 * stability * Math.pow(practices, exponent)), -0.5);
  const rng = createRng(seed);
  let evidence = createMemoryEvidence();
  const observations: { days: number; stability: number; practices: number; correct: boolean }[] = [];
  let stability = 1;
  let practices = 1;
  for (let k = 0; k < count; k++) {
    if (practices > 12 || rng.next() < 0.08) {
      stability = 0.2 + rng.next();
      practices = 1;
    }
    const days = 0.5 + 6 * rng.next();
    const correct = rng.next() < truth(days, stability, practices) || rng.next() < 0.25;
    evidence = addMemoryObservation(evidence, { elapsedDays: days, stability, correct, confidence: "SURE", optionCount: 4, practices });
    observations.push({ days, stability, practices, correct });
    stability = correct ? stability * 2.5 : Math.max(0.05, stability / 2);
    practices++;
  }
  return { evidence, truth, observations };
}

describe("memory evidence by practices (ACT-R's accumulation)", () => {
  it("bands the practices before a review as 1, 2, 3-4, 5-8, 9+", () => {
    expect([1, 2, 3, 4, 5, 8, 9, 40].map(practiceBand)).toEqual([0, 1, 2, 2, 3, 3, 4, 4]);
  });

  it("keeps the two-parameter fit while no review came after a second practice", () => {
    const fit = fitMemoryEvidence(fastForgetter(400));
    expect(fit.practiceExponent).toBeUndefined();
    expect(fit.uncertainty?.practice).toBeUndefined();
    const empty = fitMemoryEvidence(createMemoryEvidence());
    expect(empty.practiceExponent).toBeUndefined();
  });

  it("finds the practice term when recall grows with practices beyond FSRS's stability, and predicts by practices better", () => {
    const { evidence, truth, observations } = accumulator(3000);
    const fit = fitMemoryEvidence(evidence);
    expect(fit.practiceExponent).toBeGreaterThan(0.7);
    expect(isBoundaryFit(fit)).toBe(false);
    // The same reviews without their practice counts: today's two-parameter curve.
    let blind = createMemoryEvidence();
    for (const o of observations) blind = addMemoryObservation(blind, { elapsedDays: o.days, stability: o.stability, correct: o.correct, confidence: "SURE", optionCount: 4 });
    const twoParameter = fitMemoryEvidence(blind);
    expect(twoParameter.practiceExponent).toBeUndefined();
    // Calibration by practices: mean |predicted - true recall| over the reviews.
    const error = (model: MemoryFit): number => {
      const engine = getFsrsModel(undefined, model);
      let sum = 0;
      for (const o of observations) {
        const factor = Math.pow(o.practices, model.practiceExponent ?? 0);
        sum += Math.abs(retrievabilityAfter(engine, o.days, o.stability * factor) - truth(o.days, o.stability, o.practices));
      }
      return sum / observations.length;
    };
    expect(error(fit)).toBeLessThan(0.06);
    expect(error(fit)).toBeLessThan(error(twoParameter) / 2);
  });

  it("leaves the exponent near 0 when FSRS's stability already explains recall, however many practices", () => {
    const { evidence } = accumulator(3000, 9, 0);
    const fit = fitMemoryEvidence(evidence);
    expect(Math.abs(fit.practiceExponent ?? NaN)).toBeLessThan(0.15);
    const sd = fit.uncertainty?.practice?.sd ?? NaN;
    expect(sd).toBeLessThan(PRIOR_PRACTICE_SD / 4);
  });

  it("falls back to the two-parameter curve when the practice term only makes up for a bound", () => {
    // Almost nothing recalled after one practice (the scale wants to go below
    // its floor), almost everything after twelve: with a practice term the
    // scale sits on its floor and the exponent stretches to cover the rest.
    let evidence = createMemoryEvidence();
    for (let i = 0; i < 200; i++) evidence = addMemoryObservation(evidence, { elapsedDays: 20, stability: 20, correct: i % 4 === 0, confidence: "SURE", optionCount: 4, practices: 1 });
    for (let i = 0; i < 200; i++) evidence = addMemoryObservation(evidence, { elapsedDays: 20, stability: 20, correct: i % 10 !== 0, confidence: "SURE", optionCount: 4, practices: 12 });
    const fit = fitMemoryEvidence(evidence);
    expect(fit.practiceExponent).toBeUndefined();
    expect(fit.uncertainty?.practice).toBeUndefined();
    expect(isBoundaryFit(fit)).toBe(false);
  });

  it("reads a version-1 value (no practices) as reviews after one practice, with the same fit", () => {
    const v2 = fastForgetter(300);
    const v1 = { version: 1, reviews: v2.reviews, bins: v2.bins.slice(0, BIN_COUNT).map((bin) => bin.slice(0, 4)) };
    const restored = parseMemoryEvidence(JSON.parse(JSON.stringify(v1)));
    expect(restored).toEqual(v2);
    if (restored === null) throw new Error("not restored");
    expect(fitMemoryEvidence(restored)).toEqual(fitMemoryEvidence(v2));
    // A version-1 value with a malformed row is still refused.
    const bad = { ...v1, bins: v1.bins.map((bin, i) => (i === 3 ? [1, 2, 0, 0.25] : bin)) };
    expect(parseMemoryEvidence(bad)).toBeNull();
  });
});

describe("memory evidence by the item's first answer (version 3)", () => {
  /** Reviews at x = 1 after one practice: `right` of `count` recalled, of items whose first answer was recalled as `firstRecalled` says. */
  function reviewsOf(evidence: MemoryEvidence, count: number, right: number, firstRecalled: boolean | undefined): MemoryEvidence {
    let next = evidence;
    for (let k = 0; k < count; k++) {
      next = addMemoryObservation(next, { elapsedDays: 5, stability: 5, correct: k < right, confidence: "SURE", optionCount: 4, practices: 1, ...(firstRecalled === undefined ? {} : { firstRecalled }) });
    }
    return next;
  }
  const counted = (table: number[][]) => table.reduce((sum, row) => sum + (row[0] ?? 0), 0);

  it("keeps a later review under its item's first answer as well as in the whole; one whose first answer is unknown only in the whole", () => {
    let evidence = reviewsOf(createMemoryEvidence(), 3, 2, true);
    evidence = reviewsOf(evidence, 2, 0, false);
    evidence = reviewsOf(evidence, 4, 1, undefined);
    expect(evidence.version).toBe(3);
    expect([counted(evidence.bins), counted(evidence.firstRight), counted(evidence.firstWrong)]).toEqual([9, 3, 2]);
    // Same row as in the whole: same x, same practices.
    const row = evidence.firstRight.findIndex((r) => (r[0] ?? 0) > 0);
    expect(evidence.firstRight[row]?.slice(0, 2)).toEqual([3, 2]);
    expect(evidence.bins[row]?.[0]).toBe(9);
  });

  it("files a first answer as recalled when it was right and not marked \"I guessed\"", () => {
    expect(firstRecalled(true, false)).toBe(true);
    expect(firstRecalled(true, true)).toBe(false);
    expect(firstRecalled(false, false)).toBe(false);
    expect(firstRecalled(false, true)).toBe(false);
  });

  it("fits a shift of recall for each first answer: down for items first answered wrong, up for those first answered right, each with its standard error", () => {
    // Same x and practices: 90% right on items known before, 30% on items learnt here.
    let evidence = reviewsOf(createMemoryEvidence(), 120, 108, true);
    evidence = reviewsOf(evidence, 120, 36, false);
    const fit = fitMemoryEvidence(evidence);
    const offset = fit.firstAnswerOffset;
    if (offset === undefined) throw new Error("no first-answer offset");
    expect(offset.right).toBeGreaterThan(0.5);
    expect(offset.wrong).toBeLessThan(-0.5);
    expect(offset.rightSd).toBeGreaterThan(0);
    expect(offset.rightSd).toBeLessThan(PRIOR_PRACTICE_SD);
    expect(offset.wrongSd).toBeLessThan(PRIOR_PRACTICE_SD);
    // Each group's predicted chance of a right answer, with its shift, comes near what the group did.
    const predicted = (shift: number) => 0.25 + 0.75 * shiftLogit(recallAt(fit, 5, 5), shift);
    expect(predicted(offset.right)).toBeCloseTo(0.9, 1);
    expect(predicted(offset.wrong)).toBeCloseTo(0.3, 1);
    expect(firstAnswerOffsetFor(fit, true)).toBe(offset.right);
    expect(firstAnswerOffsetFor(fit, false)).toBe(offset.wrong);
    expect(firstAnswerOffsetFor(fit, undefined)).toBe(0);
    // The same reviews without their first answers: one curve, no shifts.
    const untagged = fitMemoryEvidence(reviewsOf(reviewsOf(createMemoryEvidence(), 120, 108, undefined), 120, 36, undefined));
    expect(untagged.firstAnswerOffset).toBeUndefined();
    expect(untagged.stabilityScale).toBeCloseTo(fit.stabilityScale, 9);
    expect(firstAnswerOffsetFor(untagged, false)).toBe(0);
  });

  it("gives a group without reviews no shift and no standard error (it adds no width), as a student with no reviews by first answer", () => {
    const offset = fitMemoryEvidence(reviewsOf(createMemoryEvidence(), 50, 45, true)).firstAnswerOffset;
    // The curve itself is fitted on these reviews alone, so their group needs hardly a shift; it is fitted, with its error.
    expect(Math.abs(offset?.right ?? 9)).toBeLessThan(0.2);
    expect(offset?.rightSd).toBeGreaterThan(0);
    expect(offset?.wrong).toBe(0);
    expect(offset?.wrongSd).toBe(0);
  });

  it("refuses stored counts no student gives, whose sums would overflow (a population of them would be infinite)", () => {
    const huge = reviewsOf(createMemoryEvidence(), 3, 2, true);
    const row = huge.bins.findIndex((r) => (r[0] ?? 0) > 0);
    const bins = huge.bins.map((r) => [...r]);
    bins[row] = [1e308, 1e308, 0, 2.5e307, 0];
    expect(parseMemoryEvidence({ ...huge, reviews: 1e308, bins })).toBeNull();
    // An empty row that sums ln x is not one a review made.
    const stray = huge.bins.map((r) => [...r]);
    stray[row === 0 ? 1 : 0] = [0, 0, 5, 0, 0];
    expect(parseMemoryEvidence({ ...huge, bins: stray })).toBeNull();
  });

  it("leaves both shifts near 0 when the two groups are recalled alike", () => {
    let evidence = reviewsOf(createMemoryEvidence(), 100, 70, true);
    evidence = reviewsOf(evidence, 100, 70, false);
    const offset = fitMemoryEvidence(evidence).firstAnswerOffset;
    expect(Math.abs(offset?.right ?? 9)).toBeLessThan(0.1);
    expect(Math.abs(offset?.wrong ?? 9)).toBeLessThan(0.1);
  });

  it("reads version 2 with empty first-answer tables, round-trips version 3, and refuses a split that holds more reviews than the whole", () => {
    const tagged = reviewsOf(reviewsOf(createMemoryEvidence(), 5, 3, true), 4, 1, false);
    expect(parseMemoryEvidence(JSON.parse(JSON.stringify(tagged)))).toEqual(tagged);
    const v2 = { version: 2, reviews: tagged.reviews, bins: tagged.bins };
    const read = parseMemoryEvidence(JSON.parse(JSON.stringify(v2)));
    expect(read?.version).toBe(3);
    expect(read?.bins).toEqual(tagged.bins);
    expect(counted(read?.firstRight ?? [[1]])).toBe(0);
    expect(counted(read?.firstWrong ?? [[1]])).toBe(0);
    const row = tagged.firstRight.findIndex((r) => (r[0] ?? 0) > 0);
    const tooMany = JSON.parse(JSON.stringify(tagged)) as MemoryEvidence;
    tooMany.firstWrong[row] = [...(tooMany.firstRight[row] ?? [])];
    expect(parseMemoryEvidence(tooMany)).toBeNull();
    const missing = { ...JSON.parse(JSON.stringify(tagged)), firstWrong: undefined } as unknown;
    expect(parseMemoryEvidence(missing)).toBeNull();
  });

  it("sums, weighs and subtracts the first-answer tables with the rest", () => {
    const a = reviewsOf(createMemoryEvidence(), 6, 5, true);
    const b = reviewsOf(createMemoryEvidence(), 4, 1, false);
    const both = addEvidence(a, b);
    expect([counted(both.firstRight), counted(both.firstWrong)]).toEqual([6, 4]);
    expect(subtractEvidence(both, b)).toEqual(a);
    const borrowed = withPopulationEvidence(createMemoryEvidence(), both, 5);
    expect(counted(borrowed.firstRight)).toBeCloseTo(3, 9);
    expect(counted(borrowed.firstWrong)).toBeCloseTo(2, 9);
  });
});
