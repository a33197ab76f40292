import { describe, expect, it } from "vitest";
import {
  POOLING_ATTEMPTS,
  effectiveTopicRatings,
  ABILITY_K,
  createQuestionCalibration,
  initialItemRating,
  kFactor,
  predictFirstAttemptSuccess,
  RATING_PRIOR_ANSWERS,
  ratingsOnClassScale,
  updateAbility,
} from "@/lib/scheduler/ability";
import { InvalidNumberError } from "@/lib/scheduler/errors";
import { createRng } from "@/lib/scheduler/rng";
import type { Candidate, QuestionCalibration, TopicAbility } from "@/lib/scheduler/types";

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

describe("effectiveTopicRatings", () => {
  it("starts an untried topic at the student's overall level, not at 0", () => {
    const abilities = { grief: { rating: 1.2, attempts: 30 }, disputes: { rating: 0.8, attempts: 10 } };
    const [untried] = effectiveTopicRatings(["transitions"], abilities);
    expect(untried).toBeCloseTo((1.2 * 30 + 0.8 * 10) / 40, 9);
  });

  it("lets a topic's own evidence replace the overall level as attempts grow", () => {
    const overallHigh = { other: { rating: 2, attempts: 100 } };
    const few = effectiveTopicRatings(["t"], { ...overallHigh, t: { rating: 0, attempts: 2 } })[0]!;
    const many = effectiveTopicRatings(["t"], { ...overallHigh, t: { rating: 0, attempts: 200 } })[0]!;
    expect(few).toBeGreaterThan(many);
    expect(many).toBeLessThan(0.1);
    expect(many).toBeGreaterThan(0);
    expect(POOLING_ATTEMPTS).toBeGreaterThan(0);
  });

  it("is 0 everywhere for a student with no first attempts", () => {
    expect(Array.from(effectiveTopicRatings(["a", "b"], {}))).toEqual([0, 0]);
  });

  it("rejects a non-finite rating with a named error", () => {
    expect(() => effectiveTopicRatings(["a"], { a: { rating: Number.NaN, attempts: 1 } })).toThrow(InvalidNumberError);
  });
});

describe("ratingsOnClassScale", () => {
  const item = (itemRating: number, labelRating?: number): Candidate => ({
    questionId: `q${String(itemRating)}-${String(labelRating)}`,
    topicId: "grief",
    optionCount: 4,
    itemRating,
    ...(labelRating === undefined ? {} : { labelRating }),
    memory: null,
  });

  it("moves an item nobody has answered by the mean move of its label's rated items, shrunk by eight unmoved items' worth", () => {
    const rated = [...Array.from({ length: 8 }, () => item(1, 0)), item(1.9, 1)];
    const unrated = [item(0), item(1), item(-1), item(0.3)];
    const placed = ratingsOnClassScale([...rated, ...unrated]);
    // Rated items keep their own ratings.
    for (let i = 0; i < rated.length; i++) expect(placed[i]).toBe(rated[i]?.itemRating);
    // Medium: 8 items moved by 1 each, over 8 + 8; hard: one item moved by 0.9, over 1 + 8.
    expect(placed[9]).toBeCloseTo(0.5, 12);
    expect(placed[10]).toBeCloseTo(1.1, 12);
    // No easy item rated yet, and 0.3 is no label's starting rating: both stay.
    expect(placed[11]).toBe(-1);
    expect(placed[12]).toBe(0.3);
  });

  it("places a rated item that carries its count of answers between its label's place and its own rating, by the answers", () => {
    const counted = (itemRating: number, answers: number): Candidate => ({ ...item(itemRating, 0), calibrationAnswers: answers });
    const candidates = [counted(2, 10), counted(-1, 10), counted(0.5, 1e7), item(1, 0), counted(3, 0), item(0)];
    const placed = ratingsOnClassScale(candidates);
    // A label's information over one first answer's at even odds: 1 / (0.5^2 * 0.15).
    expect(RATING_PRIOR_ANSWERS).toBeCloseTo(80 / 3, 12);
    // The medium label's place: its five rated items moved 2 - 1 + 0.5 + 1 + 3 = 5.5, over 5 + 8.
    const centre = 5.5 / 13;
    expect(placed[0]).toBeCloseTo(centre + (10 / (10 + 80 / 3)) * (2 - centre), 12);
    expect(placed[1]).toBeCloseTo(centre + (10 / (10 + 80 / 3)) * (-1 - centre), 12);
    // Ten million answers: the rating stands; none: the label's place; no count: the rating as it is.
    expect(placed[2]).toBeCloseTo(0.5, 5);
    expect(placed[3]).toBe(1);
    expect(placed[4]).toBeCloseTo(centre, 12);
    // An item nobody has answered sits at the same place.
    expect(placed[5]).toBeCloseTo(centre, 12);
  });

  it("refuses a count of answers that is not a finite number of at least 0", () => {
    expect(() => ratingsOnClassScale([{ ...item(1, 0), calibrationAnswers: -1 }])).toThrow(InvalidNumberError);
    expect(() => ratingsOnClassScale([{ ...item(1, 0), calibrationAnswers: Number.NaN }])).toThrow(InvalidNumberError);
  });

  it("leaves every rating as it is while nobody has answered anything", () => {
    const candidates = [item(-1), item(0), item(1)];
    expect([...ratingsOnClassScale(candidates)]).toEqual([-1, 0, 1]);
  });
});
