import { describe, expect, it } from "vitest";
import { InvalidNumberError, InvalidTimeError, UnknownItemError, SchedulerInputError } from "@/lib/scheduler/errors";
import { reviewMemory } from "@/lib/scheduler/memory";
import { pickNextQuestion, planSession } from "@/lib/scheduler/pick-next";
import type { PickInput } from "@/lib/scheduler/pick-next";
import { createRng } from "@/lib/scheduler/rng";
import type { Candidate, MemoryState } from "@/lib/scheduler/types";
import { MOCK_NOW, TWO_TOPICS, daysFrom, memoryFromHistory, unseen } from "./helpers";

function baseInput(candidates: Candidate[], overrides: Partial<PickInput> = {}): PickInput {
  return {
    now: MOCK_NOW,
    candidates,
    topics: TWO_TOPICS,
    abilities: {},
    plan: { examDate: daysFrom(MOCK_NOW, 30), dailyGoal: 20 },
    rng: createRng(1),
    ...overrides,
  };
}

function randomBank(seed: number, size: number): Candidate[] {
  const rng = createRng(seed);
  return Array.from({ length: size }, (_, i) => {
    const seen = rng.next() < 0.6;
    const daysAgo = 1 + 40 * rng.next();
    const memory: MemoryState | null = seen
      ? memoryFromHistory([
          { daysAgo: daysAgo + 5 * rng.next() + 1, correct: rng.next() < 0.6 },
          { daysAgo, correct: rng.next() < 0.7 },
        ])
      : null;
    return { questionId: `q${String(i)}`, topicId: rng.next() < 0.5 ? "grief" : "disputes", optionCount: 4, itemRating: 2 * rng.next() - 1, memory };
  });
}

describe("pickNextQuestion", () => {
  it("never shows the same question twice in a row (property, 100 random banks and sessions)", () => {
    for (let seed = 1; seed <= 100; seed++) {
      const candidates = randomBank(seed, 2 + (seed % 7));
      let last: string | null = null;
      let lastTopic: string | null = null;
      for (let step = 0; step < 5; step++) {
        const pick = pickNextQuestion(baseInput(candidates, { lastQuestionId: last, lastTopicId: lastTopic, rng: createRng(seed * 10 + step) }));
        expect(pick).not.toBeNull();
        expect(pick?.questionId).not.toBe(last);
        last = pick?.questionId ?? null;
        lastTopic = pick?.topicId ?? null;
      }
    }
  });
  it("returns null when the only candidate is the question just shown", () => {
    expect(pickNextQuestion(baseInput([unseen("a", "grief")], { lastQuestionId: "a" }))).toBeNull();
  });
  it("gives the same picks for the same seed", () => {
    const candidates = randomBank(5, 60);
    const first = planSession(baseInput(candidates, { rng: createRng(99) }), 15).map((p) => p.questionId);
    const second = planSession(baseInput(candidates, { rng: createRng(99) }), 15).map((p) => p.questionId);
    expect(first).toEqual(second);
    expect(new Set(first).size).toBe(15);
  });
  it("picks an overdue review and explains it in days", () => {
    const forgotten = memoryFromHistory([{ daysAgo: 9, correct: true }, { daysAgo: 6, correct: false }]);
    const fresh = memoryFromHistory([{ daysAgo: 2, correct: true }, { daysAgo: 0.01, correct: true }]);
    const pick = pickNextQuestion(
      baseInput([
        { questionId: "forgotten", topicId: "grief", optionCount: 4, itemRating: 0, memory: forgotten },
        { questionId: "fresh", topicId: "disputes", optionCount: 4, itemRating: 0, memory: fresh },
      ]),
    );
    expect(pick?.questionId).toBe("forgotten");
    expect(pick?.reason.code).toBe("review-due");
    expect(pick?.reason.message).toBe("Review: you last saw this 6 days ago");
    expect(pick?.reason.daysSinceLastReview).toBe(6);
    expect(pick?.reason.expectedGain).toBeGreaterThan(0);
    expect(pick?.reason.retrievability).toBeLessThan(0.9);
  });
  it("explains a new item matched to the student's level", () => {
    // ability 0 vs rating -0.3: 0.25 + 0.75 * sigmoid(0.3) = 0.68
    const pick = pickNextQuestion(baseInput([unseen("n1", "grief", -0.3), unseen("n2", "grief", -0.3)]));
    expect(pick?.reason.code).toBe("new-matched");
    expect(pick?.reason.message).toMatch(/^New: matched to your level/);
    expect(pick?.reason.predictedSuccess).toBeGreaterThan(0.65);
    expect(pick?.reason.predictedSuccess).toBeLessThan(0.7);
  });
  it("prefers new items near 65-70% predicted success over equally valuable far-off ones", () => {
    const params = { levelMatchWeight: 1 };
    const candidates = [unseen("too-hard", "grief", 3), unseen("matched", "grief", -0.3), unseen("too-easy", "grief", -4)];
    expect(pickNextQuestion(baseInput(candidates, { params }))?.questionId).toBe("matched");
  });
  it("weights topics by the exam blueprint", () => {
    const topics = [
      { topicId: "grief", weight: 0.9 },
      { topicId: "disputes", weight: 0.1 },
    ];
    const candidates = [unseen("d1", "disputes"), unseen("g1", "grief"), unseen("d2", "disputes"), unseen("g2", "grief")];
    expect(pickNextQuestion(baseInput(candidates, { topics }))?.topicId).toBe("grief");
  });
  it("boosts a weak topic over an equally weighted strong one", () => {
    const candidates = [unseen("strong", "grief", 0), unseen("weak", "disputes", 0)];
    const abilities = { grief: { rating: 0.3, attempts: 20 }, disputes: { rating: -1.5, attempts: 20 } };
    expect(pickNextQuestion(baseInput(candidates, { abilities, params: { levelMatchWeight: 0 } }))?.questionId).toBe("weak");
  });
  it("interleaves topics in a session when both have similar items", () => {
    const candidates = Array.from({ length: 10 }, (_, i) => unseen(`q${String(i)}`, i % 2 === 0 ? "grief" : "disputes"));
    const topics = planSession(baseInput(candidates), 8).map((p) => p.topicId);
    for (let k = 1; k < topics.length; k++) expect(topics[k]).not.toBe(topics[k - 1]);
  });
  it("in the final stretch gives seen items a last review before new ones", () => {
    const examDate = daysFrom(MOCK_NOW, 2);
    const seen = memoryFromHistory([{ daysAgo: 12, correct: true }, { daysAgo: 7, correct: true }]);
    const pick = pickNextQuestion(
      baseInput([unseen("new", "grief"), { questionId: "old", topicId: "disputes", optionCount: 4, itemRating: 0, memory: seen }], {
        plan: { examDate, dailyGoal: 20 },
      }),
    );
    expect(pick?.questionId).toBe("old");
    expect(pick?.reason.code).toBe("final-review");
    expect(pick?.reason.phase).toBe("final-stretch");
  });
  it("after the exam date it schedules for normal retention", () => {
    const pick = pickNextQuestion(baseInput(randomBank(3, 20), { plan: { examDate: daysFrom(MOCK_NOW, -3), dailyGoal: 20 } }));
    expect(pick?.reason.phase).toBe("after-exam");
  });
  it("picks among 2,000 candidates and returns a reason for each of a session", () => {
    const candidates = randomBank(11, 2000);
    const session = planSession(baseInput(candidates), 20);
    expect(session).toHaveLength(20);
    for (const pick of session) expect(pick.reason.message.length).toBeGreaterThan(5);
  });
});

describe("bad input is a named error", () => {
  it("unknown topic", () => {
    expect(() => pickNextQuestion(baseInput([unseen("a", "nowhere"), unseen("b", "grief")]))).toThrow(UnknownItemError);
  });
  it("NaN item rating", () => {
    expect(() => pickNextQuestion(baseInput([unseen("a", "grief", NaN), unseen("b", "grief")]))).toThrow(InvalidNumberError);
  });
  it("a memory whose last review is in the future (negative elapsed time)", () => {
    const future = reviewMemory({ memory: null, answer: { correct: true, confidence: "SURE", optionCount: 4 }, now: daysFrom(MOCK_NOW, 3), priorRecall: 0.5 }).memory;
    expect(() =>
      pickNextQuestion(baseInput([{ questionId: "a", topicId: "grief", optionCount: 4, itemRating: 0, memory: future }, unseen("b", "grief")])),
    ).toThrow(InvalidTimeError);
  });
  it("a duplicated question id", () => {
    expect(() => pickNextQuestion(baseInput([unseen("a", "grief"), unseen("a", "grief")]))).toThrow(SchedulerInputError);
  });
  it("an invalid clock", () => {
    expect(() => pickNextQuestion(baseInput([unseen("a", "grief")], { now: new Date(Number.NaN) }))).toThrow(InvalidTimeError);
  });
});
