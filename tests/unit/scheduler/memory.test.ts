import { describe, expect, it } from "vitest";
import { InvalidNumberError, InvalidTimeError, SchedulerInputError } from "@/lib/scheduler/errors";
import { createMemoryState, probabilityCorrect, recallPosterior, retrievability, reviewMemory } from "@/lib/scheduler/memory";
import { createRng } from "@/lib/scheduler/rng";
import type { AnswerEvidence, MemoryState } from "@/lib/scheduler/types";
import { DAY, MOCK_NOW, daysFrom, memoryFromHistory } from "./helpers";

const SURE_RIGHT: AnswerEvidence = { correct: true, confidence: "SURE", optionCount: 4 };
const WRONG: AnswerEvidence = { correct: false, confidence: "SURE", optionCount: 4 };

function randomHistory(seed: number): MemoryState {
  const rng = createRng(seed);
  const answers: { daysAgo: number; correct: boolean }[] = [];
  let daysAgo = 60 * rng.next() + 1;
  const count = 1 + Math.floor(rng.next() * 6);
  for (let k = 0; k < count && daysAgo > 0; k++) {
    answers.push({ daysAgo, correct: rng.next() < 0.7 });
    daysAgo -= 1 + 15 * rng.next();
  }
  return memoryFromHistory(answers);
}

describe("retrievability", () => {
  it("stays in [0, 1] and never increases with time (property, 200 random memories)", () => {
    for (let seed = 1; seed <= 200; seed++) {
      const memory = randomHistory(seed);
      let previous = Infinity;
      for (const days of [0, 0.5, 1, 3, 10, 30, 100, 1000]) {
        const r = retrievability(memory, daysFrom(memory.lastReview ?? MOCK_NOW, days));
        expect(r).toBeGreaterThanOrEqual(0);
        expect(r).toBeLessThanOrEqual(1);
        expect(r).toBeLessThanOrEqual(previous);
        previous = r;
      }
      expect(retrievability(memory, daysFrom(memory.lastReview ?? MOCK_NOW, 30))).toBeLessThan(
        retrievability(memory, daysFrom(memory.lastReview ?? MOCK_NOW, 1)),
      );
    }
  });
  it("is 0 for an item never studied", () => {
    expect(retrievability(null, MOCK_NOW)).toBe(0);
    expect(retrievability(createMemoryState(MOCK_NOW), MOCK_NOW)).toBe(0);
  });
  it("with a fitted practice exponent, counts the item's practices: more answers, right or wrong, last longer", () => {
    const memory = memoryFromHistory([{ daysAgo: 10, correct: false }, { daysAgo: 5, correct: false }]);
    const practised = { ...memory, reps: 8 };
    const at = daysFrom(memory.lastReview ?? MOCK_NOW, 3);
    const fit = { stabilityScale: 1, decay: 0.5, reviews: 100 };
    // Without the term (today's curve) the count does not matter.
    expect(retrievability(practised, at, { memoryFit: fit })).toBe(retrievability(memory, at, { memoryFit: fit }));
    const withPractice = { memoryFit: { ...fit, practiceExponent: 1 } };
    // n^1 on stability: the 8-times-practised item recalls as one of 4 times the stability practised twice.
    expect(retrievability(practised, at, withPractice)).toBeCloseTo(retrievability({ ...memory, stability: memory.stability * 4 }, at, withPractice), 9);
    expect(retrievability(practised, at, withPractice)).toBeGreaterThan(retrievability(memory, at, withPractice) + 0.1);
    // The next due date follows the same curve.
    const next = (m: MemoryState) => reviewMemory({ memory: m, answer: SURE_RIGHT, now: at, params: withPractice }).intervalDays;
    expect(next(practised)).toBeGreaterThan(next(memory));
  });
});

describe("guess-aware evidence", () => {
  it("P(correct) = R + (1 - R) / options", () => {
    expect(probabilityCorrect(0, 4)).toBeCloseTo(0.25);
    expect(probabilityCorrect(0.6, 4)).toBeCloseTo(0.7);
    expect(recallPosterior(0.5, 4)).toBeCloseTo(0.5 / 0.625);
  });
  it("a correct answer is weaker evidence when guessing is easier (2 options vs 5)", () => {
    const base = memoryFromHistory([{ daysAgo: 10, correct: true }]);
    const two = reviewMemory({ memory: base, answer: { correct: true, confidence: "SURE", optionCount: 2 }, now: MOCK_NOW });
    const five = reviewMemory({ memory: base, answer: { correct: true, confidence: "SURE", optionCount: 5 }, now: MOCK_NOW });
    expect(two.recallEvidence).toBeLessThan(five.recallEvidence);
    expect(two.memory.stability).toBeLessThan(five.memory.stability);
  });
  it("a correct answer after a long gap (likely a guess) counts for less than after a short one", () => {
    const history = [{ daysAgo: 400, correct: true }];
    const memory = memoryFromHistory(history);
    const late = reviewMemory({ memory, answer: SURE_RIGHT, now: MOCK_NOW });
    const early = reviewMemory({ memory, answer: SURE_RIGHT, now: daysFrom(memory.lastReview ?? MOCK_NOW, 1) });
    expect(late.recallEvidence).toBeLessThan(early.recallEvidence);
  });
  it('"I guessed" counts as a lapse even when correct', () => {
    const memory = memoryFromHistory([{ daysAgo: 8, correct: true }]);
    const guessed = reviewMemory({ memory, answer: { correct: true, confidence: "GUESSED", optionCount: 4 }, now: MOCK_NOW });
    const wrong = reviewMemory({ memory, answer: WRONG, now: MOCK_NOW });
    const right = reviewMemory({ memory, answer: SURE_RIGHT, now: MOCK_NOW });
    expect(guessed.memory.stability).toBeCloseTo(wrong.memory.stability, 9);
    expect(guessed.recallEvidence).toBe(0);
    expect(right.memory.stability).toBeGreaterThan(wrong.memory.stability);
  });
});

describe("reviewMemory", () => {
  it("returns every MemoryState column, with dates as Date objects", () => {
    const { memory } = reviewMemory({ memory: null, answer: SURE_RIGHT, now: MOCK_NOW, priorRecall: 0.5 });
    expect(Object.keys(memory).sort()).toEqual(
      ["difficulty", "due", "lapses", "lastCorrectAt", "lastReview", "learningSteps", "mastered", "reps", "scheduledDays", "stability", "state"].sort(),
    );
    expect(memory.lastReview?.getTime()).toBe(MOCK_NOW.getTime());
    expect(memory.due.getTime()).toBeGreaterThan(MOCK_NOW.getTime());
    expect(Number.isInteger(memory.scheduledDays)).toBe(true);
    expect(memory.reps).toBe(1);
  });
  it("never schedules past the exam date (property, 300 random cases)", () => {
    const rng = createRng(42);
    for (let k = 0; k < 300; k++) {
      const memory = k % 5 === 0 ? null : randomHistory(1000 + k);
      const examDate = daysFrom(MOCK_NOW, 0.2 + 120 * rng.next());
      const answer: AnswerEvidence = { correct: rng.next() < 0.7, confidence: rng.next() < 0.8 ? "SURE" : "UNSURE", optionCount: 4 };
      const { memory: next } = reviewMemory({ memory, answer, now: MOCK_NOW, examDate, priorRecall: rng.next() });
      expect(next.due.getTime()).toBeLessThanOrEqual(examDate.getTime());
      expect(next.due.getTime()).toBeGreaterThan(MOCK_NOW.getTime());
    }
  });
  it("after the exam date, intervals follow normal retention again", () => {
    const memory = memoryFromHistory([{ daysAgo: 20, correct: true }, { daysAgo: 5, correct: true }]);
    const pastExam = reviewMemory({ memory, answer: SURE_RIGHT, now: MOCK_NOW, examDate: daysFrom(MOCK_NOW, -1) });
    const noExam = reviewMemory({ memory, answer: SURE_RIGHT, now: MOCK_NOW });
    expect(pastExam.memory.due.getTime()).toBe(noExam.memory.due.getTime());
  });
  it("mastery needs two confident correct answers at least a day apart; a lapse resets it", () => {
    let memory: MemoryState | null = null;
    memory = reviewMemory({ memory, answer: SURE_RIGHT, now: MOCK_NOW, priorRecall: 0.5 }).memory;
    expect(memory.mastered).toBe(false);
    memory = reviewMemory({ memory, answer: SURE_RIGHT, now: new Date(MOCK_NOW.getTime() + 3_600_000) }).memory;
    expect(memory.mastered).toBe(false);
    memory = reviewMemory({ memory, answer: SURE_RIGHT, now: new Date(MOCK_NOW.getTime() + DAY) }).memory;
    expect(memory.mastered).toBe(true);
    memory = reviewMemory({ memory, answer: WRONG, now: new Date(MOCK_NOW.getTime() + 5 * DAY) }).memory;
    expect(memory.mastered).toBe(false);
    expect(memory.lastCorrectAt).toBeNull();
  });
});

describe("bad input is a named error", () => {
  const memory = memoryFromHistory([{ daysAgo: 3, correct: true }]);
  it("NaN stability", () => {
    expect(() => reviewMemory({ memory: { ...memory, stability: NaN }, answer: SURE_RIGHT, now: MOCK_NOW })).toThrow(InvalidNumberError);
  });
  it("negative elapsed time (last review after now)", () => {
    expect(() => reviewMemory({ memory, answer: SURE_RIGHT, now: daysFrom(MOCK_NOW, -10) })).toThrow(InvalidTimeError);
    expect(() => retrievability(memory, daysFrom(MOCK_NOW, -10))).toThrow(InvalidTimeError);
  });
  it("invalid date", () => {
    expect(() => reviewMemory({ memory, answer: SURE_RIGHT, now: new Date("nope") })).toThrow(InvalidTimeError);
  });
  it("fewer than two options", () => {
    expect(() => reviewMemory({ memory, answer: { ...SURE_RIGHT, optionCount: 1 }, now: MOCK_NOW })).toThrow(SchedulerInputError);
  });
  it("out-of-range parameters", () => {
    expect(() => reviewMemory({ memory, answer: SURE_RIGHT, now: MOCK_NOW, params: { examRetention: 1.5 } })).toThrow(InvalidNumberError);
  });
});
