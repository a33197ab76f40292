import { describe, expect, it } from "vitest";
import { InvalidNumberError } from "@/lib/scheduler/errors";
import { getFsrsModel, retrievabilityAfter } from "@/lib/scheduler/fsrs-model";
import { createMemoryFit, updateMemoryFit } from "@/lib/scheduler/memory-fit";
import { createRng } from "@/lib/scheduler/rng";

describe("updateMemoryFit", () => {
  it("learns that a student forgets faster than FSRS predicts", () => {
    const rng = createRng(3);
    let fit = createMemoryFit();
    for (let k = 0; k < 400; k++) {
      const stability = 1 + 20 * rng.next();
      const elapsed = stability * (0.5 + 2 * rng.next());
      // True forgetting: exponential with half the stability.
      const recall = Math.pow(0.9, elapsed / (0.5 * stability));
      const correct = rng.next() < recall || rng.next() < 0.25;
      fit = updateMemoryFit(fit, { elapsedDays: elapsed, stability, correct, confidence: "SURE", optionCount: 4 });
    }
    const fitted = getFsrsModel(undefined, fit);
    const population = getFsrsModel();
    expect(fit.reviews).toBe(400);
    expect(retrievabilityAfter(fitted, 20, 10)).toBeLessThan(retrievabilityAfter(population, 20, 10));
    expect(Math.abs(retrievabilityAfter(fitted, 20, 10) - Math.pow(0.9, 20 / 5))).toBeLessThan(0.12);
  });
  it("moves toward longer memory when answers keep being right", () => {
    let fit = createMemoryFit();
    for (let k = 0; k < 50; k++) {
      fit = updateMemoryFit(fit, { elapsedDays: 30, stability: 3, correct: true, confidence: "SURE", optionCount: 4 });
    }
    expect(fit.stabilityScale).toBeGreaterThan(1);
  });
  it("rejects negative time and NaN", () => {
    const fit = createMemoryFit();
    expect(() => updateMemoryFit(fit, { elapsedDays: -1, stability: 3, correct: true, confidence: "SURE", optionCount: 4 })).toThrow(InvalidNumberError);
    expect(() => updateMemoryFit(fit, { elapsedDays: 1, stability: NaN, correct: true, confidence: "SURE", optionCount: 4 })).toThrow(InvalidNumberError);
  });
});
