import { describe, expect, it } from "vitest";
import { estimateReadiness, expectedCorrectNow, readinessSteps } from "@/lib/scheduler/readiness";
import type { ReadinessInput } from "@/lib/scheduler/readiness";
import { createRng } from "@/lib/scheduler/rng";
import type { Candidate, MemoryFit } from "@/lib/scheduler/types";
import { MOCK_NOW, TWO_TOPICS, daysFrom, memoryFromHistory, unseen } from "./helpers";

function bank(reviewedDaysAgo: number | null): Candidate[] {
  return Array.from({ length: 40 }, (_, i) => ({
    questionId: `q${String(i)}`,
    topicId: i % 2 === 0 ? "grief" : "disputes",
    optionCount: 4,
    itemRating: 0,
    memory:
      reviewedDaysAgo !== null && i < 30
        ? memoryFromHistory([
            { daysAgo: reviewedDaysAgo + 4, correct: true },
            { daysAgo: reviewedDaysAgo, correct: true },
          ])
        : null,
  }));
}

function input(candidates: Candidate[], examInDays: number | null): ReadinessInput {
  return {
    now: MOCK_NOW,
    candidates,
    topics: TWO_TOPICS,
    abilities: {},
    plan: { examDate: examInDays === null ? null : daysFrom(MOCK_NOW, examInDays), dailyGoal: 10 },
    rng: createRng(5),
  };
}

describe("estimateReadiness", () => {
  it("as steps, pauses after every projected day (a server runs each between requests) and ends with the same estimate", () => {
    const steps = readinessSteps(input(bank(2), 20));
    let pauses = 0;
    let step = steps.next();
    for (; step.done !== true; step = steps.next()) pauses += 1;
    // Twenty days, projected once for the estimate and again for each side of the memory fit's interval.
    expect(pauses).toBeGreaterThanOrEqual(20);
    expect(step.value).toEqual(estimateReadiness(input(bank(2), 20)));
  });

  it("projects an exam years away as if it came after 180 days of the same study: a bounded cost, and still above stopping now", () => {
    const run = (days: number) => {
      const steps = readinessSteps({ ...input(bank(2), days), plan: { examDate: daysFrom(MOCK_NOW, days), dailyGoal: 500 } });
      let pauses = 0;
      let step = steps.next();
      for (; step.done !== true; step = steps.next()) pauses += 1;
      return { pauses, r: step.value };
    };
    const { pauses, r } = run(1098);
    // A pause per projected day: as many as for an exam 180 days away.
    expect(pauses).toBe(run(180).pauses);
    expect(pauses).toBeGreaterThanOrEqual(180);
    expect(r.plannedReviews).toBe(Math.round(500 * 1098 * 0.85));
    if (r.examDay === null || r.examDayWithoutStudy === null) throw new Error("no exam-day estimate");
    expect(r.examDay.score).toBeGreaterThan(r.examDayWithoutStudy.score);
    expect(r.examDay.score).toBeGreaterThan(r.now.score);
  });
  it("says how little it knows of a student with no answers: a wide interval however many topics the bank has", () => {
    for (const topicCount of [1, 2, 13, 40]) {
      const topics = Array.from({ length: topicCount }, (_, t) => ({ topicId: `t${String(t)}`, weight: 1 / topicCount }));
      const candidates = Array.from({ length: 280 }, (_, i) => unseen(`q${String(i)}`, `t${String(i % topicCount)}`));
      const r = estimateReadiness({ ...input(candidates, 30), topics });
      // The student's level is one unknown shared by every topic: a student a standard deviation either side of the average differs by this much.
      expect({ topicCount, width: r.now.high - r.now.low > 0.5 }).toEqual({ topicCount, width: true });
      expect(r.now.low).toBeLessThan(0.45);
    }
  });
  it("gives scores in [0, 1] inside their intervals, per topic and overall", () => {
    const r = estimateReadiness(input(bank(2), 20));
    for (const estimate of [r.now, r.examDay, r.examDayWithoutStudy]) {
      expect(estimate).not.toBeNull();
      if (estimate === null) continue;
      expect(estimate.low).toBeLessThanOrEqual(estimate.score);
      expect(estimate.high).toBeGreaterThanOrEqual(estimate.score);
      expect(estimate.low).toBeGreaterThanOrEqual(0);
      expect(estimate.high).toBeLessThanOrEqual(1);
      expect(estimate.high - estimate.low).toBeGreaterThan(0);
    }
    expect(r.topics.map((t) => t.topicId)).toEqual(["grief", "disputes"]);
    expect(r.topics.reduce((sum, t) => sum + t.weight, 0)).toBeCloseTo(1);
  });
  it("widens the exam-day interval by what the student's forgetting curve does not yet tell: wide with no later reviews, narrower with many", () => {
    const at = (reviews: number) =>
      estimateReadiness({ ...input(bank(2), 20), plannedReviews: 0, params: { memoryFit: { stabilityScale: 1, decay: 0.1542, reviews } } }).examDay;
    const unknown = at(0);
    const some = at(10);
    const known = at(400);
    const noFit = estimateReadiness({ ...input(bank(2), 20), plannedReviews: 0 }).examDay;
    if (unknown === null || some === null || known === null || noFit === null) throw new Error("no exam-day estimate");
    // Same point estimate (same curve), different honesty about it.
    expect(unknown.score).toBeCloseTo(known.score, 6);
    // With no evidence the low end allows for memories that last far shorter than FSRS's default.
    expect(unknown.low).toBeLessThan(known.low - 0.1);
    expect(unknown.high - unknown.low).toBeGreaterThan(some.high - some.low);
    expect(some.high - some.low).toBeGreaterThan(known.high - known.low);
    // Without a fitted curve (a caller that does not fit one) the interval is as before, the narrowest.
    expect(noFit.high - noFit.low).toBeLessThanOrEqual(known.high - known.low + 1e-9);
  });
  it("with a fit that states its standard errors (memory-evidence.ts), the interval widens by them: wider when they are larger, same point estimate", () => {
    const at = (sd: number) =>
      estimateReadiness({
        ...input(bank(2), 20),
        plannedReviews: 0,
        params: { memoryFit: { stabilityScale: 1, decay: 0.1542, reviews: 50, uncertainty: { logScaleSd: sd, logDecaySd: sd, correlation: 0.3 } } },
      }).examDay;
    const vague = at(1);
    const sharp = at(0.05);
    const exact = at(0);
    if (vague === null || sharp === null || exact === null) throw new Error("no exam-day estimate");
    expect(vague.score).toBeCloseTo(sharp.score, 6);
    expect(vague.high - vague.low).toBeGreaterThan(sharp.high - sharp.low + 0.02);
    expect(sharp.high - sharp.low).toBeGreaterThanOrEqual(exact.high - exact.low - 1e-9);
    // A shorter or faster-fading memory lowers the score more than a longer one raises it near the ceiling; the low side moves.
    expect(vague.low).toBeLessThan(sharp.low - 0.01);
  });
  it("scores met items with the fit's recall offset (a fit on a bound), now and on exam day; items not met keep their score", () => {
    const fit = { stabilityScale: 0.02, decay: 0.1, reviews: 600, uncertainty: { logScaleSd: 0.1, logDecaySd: 0.1, correlation: 0 } };
    // The fit alone (null), or with the same shift in every practice band.
    const fitWith = (offset: number | null): MemoryFit =>
      offset === null ? fit : { ...fit, recallOffset: { logit: offset, sd: 0.1, byBand: [offset, offset, offset, offset, offset], byBandSd: [0.1, 0.1, 0.1, 0.1, 0.1] } };
    const at = (offset: number | null) => estimateReadiness({ ...input(bank(2), 20), params: { memoryFit: fitWith(offset) } });
    const plain = at(null);
    const lower = at(-2);
    const none = at(0);
    if (plain.examDay === null || lower.examDay === null || none.examDay === null) throw new Error("no exam-day estimate");
    // 30 of the 40 items are met: their recall falls, now, on exam day and without study.
    expect(lower.now.score).toBeLessThan(plain.now.score - 0.05);
    expect(lower.examDay.score).toBeLessThan(plain.examDay.score - 0.05);
    expect(lower.examDayWithoutStudy?.score).toBeLessThan((plain.examDayWithoutStudy?.score ?? 0) - 0.05);
    expect(none.now.score).toBeCloseTo(plain.now.score, 9);
    // Item by item: the 10 not met keep their score, every met one loses.
    const items = (offset: number | null) => expectedCorrectNow({ ...input(bank(2), 20), params: { memoryFit: fitWith(offset) } });
    const before = items(null);
    const after = items(-2);
    for (let i = 0; i < 40; i++) {
      if (before.unseen[i] === 1) expect(after.correct[i]).toBe(before.correct[i]);
      else expect(after.correct[i]).toBeLessThan((before.correct[i] ?? 0) - 0.01);
    }
    expect(Array.from(before.unseen).filter((u) => u === 1)).toHaveLength(10);
    const unstudied = estimateReadiness({ ...input(bank(null), 20), params: { memoryFit: fitWith(-2) } });
    expect(unstudied.now.score).toBeCloseTo(0.25 + 0.75 * 0.5, 9);
  });
  it("scores met items by their first answer with the fit's first-answer offsets, now and on exam day; items not met and a fit without them keep their score", () => {
    const fit: MemoryFit = { stabilityScale: 1, decay: 0.1542, reviews: 300, uncertainty: { logScaleSd: 0.1, logDecaySd: 0.1, correlation: 0 } };
    const withOffsets: MemoryFit = { ...fit, firstAnswerOffset: { right: 1, rightSd: 0.1, wrong: -3, wrongSd: 0.1 } };
    // The 30 met items: q0-q14 first answered right, q15-q29 wrong.
    const firstAnswers = Array.from({ length: 30 }, (_, i) => ({ questionId: `q${String(i)}`, correct: i < 15 }));
    const items = (memoryFit: MemoryFit) => expectedCorrectNow({ ...input(bank(2), 20), firstAnswers, params: { memoryFit } });
    const plain = items(fit);
    const shifted = items(withOffsets);
    for (let i = 0; i < 40; i++) {
      if (i >= 30) expect(shifted.correct[i]).toBe(plain.correct[i]);
      else if (i < 15) expect(shifted.correct[i]).toBeGreaterThan((plain.correct[i] ?? 0) + 0.005);
      else expect(shifted.correct[i]).toBeLessThan((plain.correct[i] ?? 0) - 0.02);
    }
    // Same memory, opposite first answers: the one first answered wrong now scores lower.
    expect(shifted.correct[20]).toBeLessThan((shifted.correct[5] ?? 0) - 0.03);
    const at = (memoryFit: MemoryFit) => estimateReadiness({ ...input(bank(2), 20), firstAnswers, plannedReviews: 0, params: { memoryFit } });
    const before = at(fit);
    const after = at(withOffsets);
    expect(after.now.score).toBeLessThan(before.now.score - 0.02);
    expect(after.examDay?.score ?? 1).toBeLessThan((before.examDay?.score ?? 0) - 0.02);
    // The offsets' standard errors widen the exam-day interval.
    const sharp = at({ ...withOffsets, firstAnswerOffset: { right: 1, rightSd: 0, wrong: -3, wrongSd: 0 } }).examDay;
    const vague = at({ ...withOffsets, firstAnswerOffset: { right: 1, rightSd: 0.8, wrong: -3, wrongSd: 0.8 } }).examDay;
    if (sharp === null || vague === null) throw new Error("no exam-day estimate");
    expect(vague.high - vague.low).toBeGreaterThan(sharp.high - sharp.low + 0.01);
    // The curve's own corners (one standard error in scale, in decay) keep the offsets: the interval is not widened by the offsets' whole effect.
    const plainWidth = (before.examDay?.high ?? 0) - (before.examDay?.low ?? 0);
    expect(Math.abs(sharp.high - sharp.low - plainWidth)).toBeLessThan(0.03);
  });
  it("scores a met item first answered right but marked \"I guessed\" with the items first answered wrong; right and sure or unsure with the right ones", () => {
    const fit: MemoryFit = {
      stabilityScale: 1,
      decay: 0.1542,
      reviews: 300,
      uncertainty: { logScaleSd: 0.1, logDecaySd: 0.1, correlation: 0 },
      firstAnswerOffset: { right: 1, rightSd: 0.1, wrong: -3, wrongSd: 0.1 },
    };
    // Same memory for every met item: q0 right and sure, q1 right and unsure, q2 right but guessed, q3 wrong and guessed, q4 wrong.
    const firstAnswers = [
      { questionId: "q0", correct: true, confidence: "SURE" as const },
      { questionId: "q1", correct: true, confidence: "UNSURE" as const },
      { questionId: "q2", correct: true, confidence: "GUESSED" as const },
      { questionId: "q3", correct: false, confidence: "GUESSED" as const },
      { questionId: "q4", correct: false, confidence: "SURE" as const },
      // Without a confidence (a caller that does not read it): as not marked "I guessed".
      { questionId: "q5", correct: true },
    ];
    const scored = expectedCorrectNow({ ...input(bank(2), 20), firstAnswers, params: { memoryFit: fit } }).correct;
    expect(scored[1]).toBeCloseTo(scored[0] ?? 0, 12);
    expect(scored[5]).toBeCloseTo(scored[0] ?? 0, 12);
    expect(scored[2]).toBeCloseTo(scored[4] ?? 0, 12);
    expect(scored[3]).toBeCloseTo(scored[4] ?? 0, 12);
    expect(scored[2]).toBeLessThan((scored[0] ?? 0) - 0.1);
  });
  it("scores the items first met in the projected study by their simulated first answers", () => {
    const fit: MemoryFit = { stabilityScale: 1, decay: 0.1542, reviews: 300, uncertainty: { logScaleSd: 0, logDecaySd: 0, correlation: 0 } };
    // Every met item was first answered right (offset 0): only items first met in the projection can be first answered wrong.
    const firstAnswers = Array.from({ length: 30 }, (_, i) => ({ questionId: `q${String(i)}`, correct: true }));
    const at = (wrong: number, seed: number) =>
      estimateReadiness({
        ...input(bank(2), 20),
        rng: createRng(seed),
        firstAnswers,
        plannedReviews: 60,
        params: { memoryFit: { ...fit, firstAnswerOffset: { right: 0, rightSd: 0, wrong, wrongSd: 0 } } },
      });
    // Thirty right first answers make a wrong one in the projection rare: over several simulated paths.
    let lowered = 0;
    for (let seed = 1; seed <= 8; seed++) {
      const plain = at(0, seed);
      const lower = at(-4, seed);
      expect(lower.now.score).toBeCloseTo(plain.now.score, 9);
      const drop = (plain.examDay?.score ?? 0) - (lower.examDay?.score ?? 1);
      expect(drop).toBeGreaterThanOrEqual(0);
      lowered += drop / 8;
    }
    expect(lowered).toBeGreaterThan(0.01);
  });
  it("files an item first met in the projection as recalled only when the student knew it, not when a guess came out right", () => {
    const fit: MemoryFit = { stabilityScale: 1, decay: 0.1542, reviews: 300, uncertainty: { logScaleSd: 0, logDecaySd: 0, correlation: 0 } };
    // A student who knows almost nothing: about a quarter of the projected first answers are right, nearly all by luck.
    const abilities = { grief: { rating: -6, attempts: 40 }, disputes: { rating: -6, attempts: 40 } };
    const at = (right: number) =>
      estimateReadiness({ ...input(bank(null), 20), abilities, plannedReviews: 60, params: { memoryFit: { ...fit, firstAnswerOffset: { right, rightSd: 0, wrong: 0, wrongSd: 0 } } } });
    const plain = at(0);
    const boosted = at(4);
    if (plain.examDay === null || boosted.examDay === null) throw new Error("no exam-day estimate");
    // Filed by correctness, the lucky guesses would take the +4 and lift the exam day by several points.
    expect(Math.abs(boosted.examDay.score - plain.examDay.score)).toBeLessThan(0.005);
    // The offset does act on items whose first answer was recalled: a student who knows nearly everything.
    const strong = { grief: { rating: 6, attempts: 40 }, disputes: { rating: 6, attempts: 40 } };
    const knownAt = (right: number) =>
      estimateReadiness({ ...input(bank(null), 20), abilities: strong, plannedReviews: 60, params: { memoryFit: { ...fit, firstAnswerOffset: { right, rightSd: 0, wrong: 0, wrongSd: 0 } } } });
    const known = knownAt(-4);
    const knownPlain = knownAt(0);
    expect(known.examDay?.score ?? 1).toBeLessThan((knownPlain.examDay?.score ?? 0) - 0.02);
  });
  it("an unstudied bank scores the guess-aware prior: 0.25 + 0.75 * 0.5 at average ability", () => {
    const r = estimateReadiness(input(bank(null), null));
    expect(r.now.score).toBeCloseTo(0.625, 6);
    expect(r.examDay).toBeNull();
  });
  it("recent study scores higher than old study, and the exam-day score decays without study", () => {
    const recent = estimateReadiness(input(bank(1), 30));
    const old = estimateReadiness(input(bank(40), 30));
    expect(recent.now.score).toBeGreaterThan(old.now.score);
    expect(recent.examDayWithoutStudy?.score ?? 1).toBeLessThan(recent.now.score);
  });
  it("projects planned reviews: more planned reviews, higher exam-day score", () => {
    const candidates = bank(5);
    const none = estimateReadiness({ ...input(candidates, 14), plannedReviews: 0 });
    const some = estimateReadiness({ ...input(candidates, 14), plannedReviews: 60 });
    expect(none.examDay?.score).toBeCloseTo(none.examDayWithoutStudy?.score ?? -1, 9);
    expect(some.examDay?.score ?? 0).toBeGreaterThan(none.examDay?.score ?? 1);
  });
  it("a stronger student in a topic reads as readier in that topic", () => {
    const candidates = [unseen("a", "grief"), unseen("b", "disputes")];
    const r = estimateReadiness({ ...input(candidates, null), abilities: { grief: { rating: 2, attempts: 30 } } });
    expect(r.topics[0]?.now ?? 0).toBeGreaterThan(r.topics[1]?.now ?? 1);
  });
  it("sizes the exam-sampling part of the interval by each topic's mean score, however spread its items are", () => {
    // Per topic: 15 items just studied (P near 1) and 5 unseen (P = 0.625), so
    // the items' own P(1 - P) averages far below mean x (1 - mean).
    const candidates = bank(1);
    const half = (examLength: number): number => {
      const r = estimateReadiness({ ...input(candidates, null), examLength });
      return (r.now.high - r.now.low) / 2;
    };
    const r = estimateReadiness(input(candidates, null));
    const bernoulli = r.topics.reduce((sum, t) => sum + t.weight * t.now * (1 - t.now), 0);
    const z = 1.959964;
    // Only the sampling part depends on the exam's length.
    const samplingDifference = (half(100) ** 2 - half(1_000_000) ** 2) / z ** 2;
    expect(samplingDifference).toBeCloseTo(bernoulli * (1 / 100 - 1 / 1_000_000), 6);
  });
});
