import { describe, expect, it } from "vitest";
import {
  ABILITY_K,
  createQuestionCalibration,
  initialItemRating,
  kFactor,
  predictFirstAttemptSuccess,
  updateAbility,
} from "@/lib/scheduler/ability";
import { InvalidNumberError } from "@/lib/scheduler/errors";
import { createRng } from "@/lib/scheduler/rng";
import type { QuestionCalibration, TopicAbility } from "@/lib/scheduler/types";

describe("predictFirstAttemptSuccess", () => {
  it("lies between the guess rate and 1 and rises with ability", () => {
    let previous = 0;
    for (let ability = -6; ability <= 6; ability += 0.5) {
      const p = predictFirstAttemptSuccess(ability, 0, 4);
      expect(p).toBeGreaterThan(0.25);
      expect(p).toBeLessThan(1);
      expect(p).toBeGreaterThan(previous);
      previous = p;
    }
    expect(predictFirstAttemptSuccess(0, 0, 4)).toBeCloseTo(0.25 + 0.75 * 0.5);
  });
  it("rejects NaN and bad option counts with named errors", () => {
    expect(() => predictFirstAttemptSuccess(NaN, 0, 4)).toThrow(InvalidNumberError);
    expect(() => predictFirstAttemptSuccess(0, 0, 1)).toThrow(InvalidNumberError);
  });
});

describe("initialItemRating", () => {
  it("orders the bank labels easy < medium < hard", () => {
    expect(initialItemRating("easy")).toBeLessThan(initialItemRating("medium"));
    expect(initialItemRating("medium")).toBeLessThan(initialItemRating("hard"));
  });
});

describe("updateAbility", () => {
  const ability: TopicAbility = { rating: 0, attempts: 0 };
  const calibration = createQuestionCalibration("medium");
  it("a correct first attempt raises ability and makes the item look easier; a wrong one the reverse", () => {
    const right = updateAbility({ ability, calibration, answer: { correct: true, confidence: "SURE", optionCount: 4 }, firstAttempt: true });
    const wrong = updateAbility({ ability, calibration, answer: { correct: false, confidence: "SURE", optionCount: 4 }, firstAttempt: true });
    expect(right.ability.rating).toBeGreaterThan(0);
    expect(right.calibration.rating).toBeLessThan(calibration.rating);
    expect(wrong.ability.rating).toBeLessThan(0);
    expect(wrong.calibration.rating).toBeGreaterThan(calibration.rating);
    expect(right.calibration.firstAttempts).toBe(1);
    expect(right.calibration.firstCorrect).toBe(1);
    expect(wrong.calibration.firstCorrect).toBe(0);
  });
  it('a correct answer marked "I guessed" does not raise ability', () => {
    const guessed = updateAbility({ ability, calibration, answer: { correct: true, confidence: "GUESSED", optionCount: 4 }, firstAttempt: true });
    expect(guessed.ability.rating).toBeLessThan(0);
  });
  it("later attempts only count, they do not move ratings", () => {
    const later = updateAbility({ ability, calibration, answer: { correct: true, confidence: "SURE", optionCount: 4 }, firstAttempt: false });
    expect(later.ability.rating).toBe(0);
    expect(later.calibration.rating).toBe(calibration.rating);
    expect(later.calibration.attempts).toBe(1);
    expect(later.calibration.firstAttempts).toBe(0);
  });
  it("the K factor shrinks with attempts", () => {
    expect(kFactor(0, ABILITY_K)).toBeGreaterThan(kFactor(10, ABILITY_K));
    expect(kFactor(10, ABILITY_K)).toBeGreaterThan(kFactor(100, ABILITY_K));
  });
  it("online calibration recovers a hard item's difficulty from first attempts (within 0.35)", () => {
    const rng = createRng(7);
    const trueDifficulty = 1.2;
    let item: QuestionCalibration = createQuestionCalibration("medium");
    for (let student = 0; student < 3000; student++) {
      const theta = 2 * (rng.next() - 0.5) * 1.5;
      const known = rng.next() < 1 / (1 + Math.exp(-(theta - trueDifficulty)));
      const correct = known || rng.next() < 0.25;
      item = updateAbility({
        ability: { rating: theta, attempts: 1000 },
        calibration: item,
        answer: { correct, confidence: "SURE", optionCount: 4 },
        firstAttempt: true,
      }).calibration;
    }
    expect(Math.abs(item.rating - trueDifficulty)).toBeLessThan(0.35);
  });
});
