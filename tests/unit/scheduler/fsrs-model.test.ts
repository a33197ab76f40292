import { describe, expect, it } from "vitest";
import { forgetting_curve } from "ts-fsrs";
import {
  getFsrsModel,
  intervalForRetention,
  practiceFactor,
  retrievabilityAfter,
  stabilityAfterLapse,
  stabilityAfterRecall,
} from "@/lib/scheduler/fsrs-model";
import { InvalidNumberError } from "@/lib/scheduler/errors";

describe("fast FSRS formulas agree with ts-fsrs", () => {
  const model = getFsrsModel();
  const cases = [
    { t: 1, s: 0.5, d: 3 },
    { t: 3, s: 2.3, d: 5.5 },
    { t: 20, s: 8.3, d: 7 },
    { t: 90, s: 40, d: 9.5 },
  ];
  it.each(cases)("retrievability t=$t s=$s", ({ t, s }) => {
    expect(retrievabilityAfter(model, t, s)).toBeCloseTo(forgetting_curve(model.w, t, s), 6);
  });
  it.each(cases)("stability after recall and lapse d=$d s=$s", ({ t, s, d }) => {
    const r = retrievabilityAfter(model, t, s);
    expect(stabilityAfterRecall(model, d, s, r)).toBeCloseTo(model.engine.next_recall_stability(d, s, r, 3), 6);
    expect(stabilityAfterLapse(model, d, s, r)).toBeCloseTo(Math.min(s, model.engine.next_forget_stability(d, s, r)), 6);
  });
  it("interval for a retention is the inverse of the forgetting curve", () => {
    for (const s of [0.3, 2, 15, 100]) {
      for (const target of [0.7, 0.85, 0.9, 0.95]) {
        expect(retrievabilityAfter(model, intervalForRetention(model, s, target), s)).toBeCloseTo(target, 9);
      }
    }
  });
  it("a fitted curve scales stability and changes the decay", () => {
    const fitted = getFsrsModel(undefined, { stabilityScale: 0.5, decay: 0.6, reviews: 10 });
    expect(retrievabilityAfter(fitted, 5, 10)).toBeLessThan(retrievabilityAfter(model, 5, 10));
    expect(retrievabilityAfter(fitted, 0.5 * 10, 10)).toBeCloseTo(0.9, 9);
  });
  it("a practice exponent multiplies stability by practices ^ exponent (1 at one practice or none)", () => {
    expect(practiceFactor(model, 9)).toBe(1);
    const fitted = getFsrsModel(undefined, { stabilityScale: 1, decay: 0.5, reviews: 10, practiceExponent: 1.5 });
    expect(practiceFactor(fitted, 0)).toBe(1);
    expect(practiceFactor(fitted, 1)).toBe(1);
    expect(practiceFactor(fitted, 4)).toBeCloseTo(8, 12);
    expect(practiceFactor(fitted, 100)).toBeCloseTo(1000, 9);
    expect(() => getFsrsModel(undefined, { stabilityScale: 1, decay: 0.5, reviews: 10, practiceExponent: Number.NaN })).toThrow(InvalidNumberError);
  });
  it("rejects a malformed weight vector with a named error", () => {
    expect(() => getFsrsModel([1, 2, 3])).toThrow(InvalidNumberError);
  });
});
