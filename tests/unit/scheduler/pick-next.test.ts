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
  it("meets new questions, not the few just met, once today's planned meetings are done (exam far away)", () => {
    for (const days of [730, 90, 60]) {
      const candidates = Array.from({ length: 278 }, (_, i) => unseen(`q${String(i)}`, i % 2 === 0 ? "grief" : "disputes"));
      const shown: string[] = [];
      let last: string | null = null;
      let lastTopic: string | null = null;
      let introducedToday = 0;
      for (let k = 0; k < 20; k++) {
        const now = new Date(MOCK_NOW.getTime() + k * 60_000);
        const pick = pickNextQuestion(
          baseInput(candidates, { now, plan: { examDate: daysFrom(MOCK_NOW, days), dailyGoal: 20 }, lastQuestionId: last, lastTopicId: lastTopic, introducedToday, rng: createRng(k) }),
        );
        if (pick === null) throw new Error("no pick");
        const i = candidates.findIndex((c) => c.questionId === pick.questionId);
        const candidate = candidates[i]!;
        if (candidate.memory === null) introducedToday++;
        candidates[i] = { ...candidate, memory: reviewMemory({ memory: candidate.memory, answer: { correct: false, confidence: "SURE", optionCount: 4 }, now, priorRecall: 0.25 }).memory };
        shown.push(pick.questionId);
        last = pick.questionId;
        lastTopic = pick.topicId;
      }
      expect({ days, distinct: new Set(shown).size }).toEqual({ days, distinct: 20 });
    }
  });
  it("plans no meeting for a topic the blueprint gives no weight: its questions are not on the exam", () => {
    const candidates = [...Array.from({ length: 3 }, (_, i) => unseen(`g${String(i)}`, "grief")), ...Array.from({ length: 12 }, (_, i) => unseen(`x${String(i)}`, "extra"))];
    const topics = [
      { topicId: "grief", weight: 1 },
      { topicId: "extra", weight: 0 },
    ];
    const picks = planSession(baseInput(candidates, { topics, plan: { examDate: daysFrom(MOCK_NOW, 8), dailyGoal: 20 } }), 10);
    expect(picks.slice(0, 3).every((p) => p.topicId === "grief")).toBe(true);
    expect(picks.filter((p) => p.topicId === "extra" && p.reason.code === "new-planned")).toEqual([]);
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
  it("explains a new item that is part of today's meetings", () => {
    // ability 0 vs rating -0.3: knowledge sigmoid(0.3) = 0.57, success 0.25 + 0.75 * 0.57 = 0.68
    const pick = pickNextQuestion(baseInput([unseen("n1", "grief", -0.3), unseen("n2", "grief", -0.3)]));
    expect(pick?.reason.code).toBe("new-planned");
    expect(pick?.reason.message).toMatch(/^New: part of today's plan to meet every question/);
    expect(pick?.reason.message).toContain("about 57% chance you know it");
    expect(pick?.reason.predictedSuccess).toBeCloseTo(0.25 + 0.75 / (1 + Math.exp(-0.3)), 6);
  });
  it("meets first the new item the student is least likely to know (gain x (1 - knowledge))", () => {
    // The old level-matching boost preferred "matched" (68% predicted success);
    // for exam score an item the student cannot answer yet is worth more.
    // Exam in 5 days: both items the student may not know are met today; the
    // one they surely know (rating -4) is off the plan and comes last.
    const candidates = [unseen("too-easy", "grief", -4), unseen("matched", "grief", -0.3), unseen("too-hard", "grief", 3)];
    const session = planSession(baseInput(candidates, { plan: { examDate: daysFrom(MOCK_NOW, 5), dailyGoal: 20 } }), 3);
    expect(session.map((p) => p.questionId)).toEqual(["too-hard", "matched", "too-easy"]);
    expect(session.map((p) => p.reason.code)).toEqual(["new-planned", "new-planned", "new-extra"]);
  });
  it("meets today's quota of new items first, then the due reviews; planned meetings beyond today wait", () => {
    // 40 unseen items, 30 days, 4 a day: 40 / ((30 - 4) x 0.85) -> 2 meetings today.
    const faded = memoryFromHistory([{ daysAgo: 9, correct: true }, { daysAgo: 6, correct: false }]);
    const candidates: Candidate[] = [
      ...Array.from({ length: 40 }, (_, i) => unseen(`n${String(i)}`, i % 2 === 0 ? "grief" : "disputes", 3)),
      { questionId: "faded", topicId: "grief", optionCount: 4, itemRating: 0, memory: faded },
    ];
    const session = planSession(baseInput(candidates, { plan: { examDate: daysFrom(MOCK_NOW, 30), dailyGoal: 4 } }), 3);
    expect(session.slice(0, 2).map((p) => p.reason.code)).toEqual(["new-planned", "new-planned"]);
    // Then the due review; the other planned meetings wait for their day.
    expect(session[2]?.questionId).toBe("faded");
    expect(session[2]?.reason.code).toBe("review-due");
    // With the quota already met today, nothing is "planned".
    const later = planSession(baseInput(candidates, { plan: { examDate: daysFrom(MOCK_NOW, 30), dailyGoal: 4 }, introducedToday: 2 }), 1);
    expect(later[0]?.reason.code).not.toBe("new-planned");
  });
  it("measures the forgetting curve: with little fit evidence, one review a day of the item met longest ago comes before the meetings", () => {
    // 60 unseen items and three met once (3, 2 and 0.2 days ago), 20 a day:
    // today's quota would be all meetings, but the fit has seen no later review.
    const metOnce = (daysAgo: number) => memoryFromHistory([{ daysAgo, correct: false }]);
    const candidates: Candidate[] = [
      ...Array.from({ length: 60 }, (_, i) => unseen(`n${String(i)}`, i % 2 === 0 ? "grief" : "disputes", 3)),
      { questionId: "met2", topicId: "grief", optionCount: 4, itemRating: 0, memory: metOnce(2) },
      { questionId: "met3", topicId: "disputes", optionCount: 4, itemRating: 0, memory: metOnce(3) },
      { questionId: "metToday", topicId: "grief", optionCount: 4, itemRating: 0, memory: metOnce(0.2) },
    ];
    const plan = { examDate: daysFrom(MOCK_NOW, 30), dailyGoal: 20 };
    const fresh = { stabilityScale: 1, decay: 0.1542, reviews: 0 };
    const session = planSession(baseInput(candidates, { plan, params: { memoryFit: fresh } }), 4);
    expect(session[0]?.questionId).toBe("met3");
    expect(session[0]?.reason.code).toBe("review-measure");
    expect(session[0]?.reason.message).toContain("3 days ago");
    // One a day: the rest of today's session is meetings.
    expect(session.slice(1).map((p) => p.reason.code)).toEqual(["new-planned", "new-planned", "new-planned"]);
    // Once the fit has evidence, or without a fit, there is no measuring review.
    for (const params of [{ memoryFit: { ...fresh, reviews: 30 } }, {}]) {
      expect(planSession(baseInput(candidates, { plan, params }), 1)[0]?.reason.code).toBe("new-planned");
    }
    // Nor on a day that already had a later review (an item met earlier, reviewed an hour ago).
    const reviewedNow = memoryFromHistory([{ daysAgo: 4, correct: false }, { daysAgo: 0.04, correct: true }]);
    const withReview = [...candidates, { questionId: "reviewed", topicId: "disputes", optionCount: 4, itemRating: 0, memory: reviewedNow }];
    expect(planSession(baseInput(withReview, { plan, params: { memoryFit: fresh } }), 1)[0]?.reason.code).toBe("new-planned");
  });
  it("does not make an item answered earlier today due again, however fast the fitted curve forgets", () => {
    // A curve that forgets within minutes (fitted under ACT-R-like truth):
    // items met 20 minutes ago already recall below the retention (0.87 <
    // 0.9) and, by value per review, would outrank the faded items (5.6 vs
    // 4.5 x 1e-3). The plan's later reviews are a day or more apart, so the
    // faded items are today's due reviews, before any same-session repeat.
    const fast = { stabilityScale: 0.05, decay: 1.5, reviews: 200 };
    const metNow = (id: string): Candidate => ({ questionId: id, topicId: "grief", optionCount: 4, itemRating: 0, memory: memoryFromHistory([{ daysAgo: 0.014, correct: false }]) });
    const faded = (id: string): Candidate => ({
      questionId: id,
      topicId: "disputes",
      optionCount: 4,
      itemRating: 0,
      memory: memoryFromHistory([{ daysAgo: 9, correct: true }, { daysAgo: 6, correct: false }]),
    });
    const candidates: Candidate[] = [metNow("now1"), metNow("now2"), faded("old1"), faded("old2")];
    const input = baseInput(candidates, { params: { memoryFit: fast }, plan: { examDate: daysFrom(MOCK_NOW, 30), dailyGoal: 20 } });
    const session = planSession(input, 2);
    expect(session.map((p) => p.questionId).sort()).toEqual(["old1", "old2"]);
    expect(session.map((p) => p.reason.code)).toEqual(["review-due", "review-due"]);
    // A day later the same memories are due like any other.
    const tomorrow = planSession({ ...input, now: daysFrom(MOCK_NOW, 1), candidates: candidates.slice(0, 2) }, 1);
    expect(tomorrow[0]?.reason.code).toBe("review-due");
  });
  it("plans with FSRS-6's default curve when the fit sits on a bound of its family", () => {
    // A fit at the smallest stability scale predicts every seen item
    // forgotten at once (every review worth about nothing, so their order is
    // arbitrary); the plan then uses the fit's prior centre, keeping its count
    // of reviews. An in-range fit is used as it is.
    const candidates = randomBank(11, 80);
    const plan = { examDate: daysFrom(MOCK_NOW, 60), dailyGoal: 40 };
    const uncertainty = { logScaleSd: 0.1, logDecaySd: 0.1, correlation: 0 };
    const atBound = { stabilityScale: 0.02, decay: 2.1, reviews: 500, uncertainty };
    const picks = (memoryFit: { stabilityScale: number; decay: number; reviews: number }) =>
      planSession(baseInput(candidates, { plan, params: { memoryFit }, rng: createRng(4) }), 30).map((p) => p.questionId);
    expect(picks(atBound)).toEqual(picks({ stabilityScale: 1, decay: 0.1542, reviews: 500 }));
    const inRange = { ...atBound, stabilityScale: 0.03 };
    // The practice exponent's bounds count too.
    expect(picks({ ...inRange, practiceExponent: 4 } as typeof inRange)).toEqual(picks({ stabilityScale: 1, decay: 0.1542, reviews: 500 }));
    expect(picks(inRange)).not.toEqual(picks({ stabilityScale: 1, decay: 0.1542, reviews: 500 }));
  });
  it("weights topics by the exam blueprint", () => {
    const topics = [
      { topicId: "grief", weight: 0.9 },
      { topicId: "disputes", weight: 0.1 },
    ];
    const candidates = [unseen("d1", "disputes"), unseen("g1", "grief"), unseen("d2", "disputes"), unseen("g2", "grief")];
    expect(pickNextQuestion(baseInput(candidates, { topics }))?.topicId).toBe("grief");
  });
  it("puts a weak topic first: its new items are less likely known, so meeting them gains more", () => {
    const candidates = [unseen("strong", "grief", 0), unseen("weak", "disputes", 0)];
    const abilities = { grief: { rating: 0.3, attempts: 20 }, disputes: { rating: -1.5, attempts: 20 } };
    expect(pickNextQuestion(baseInput(candidates, { abilities }))?.questionId).toBe("weak");
  });
  it("interleaves topics in a session when both have similar items", () => {
    const candidates = Array.from({ length: 10 }, (_, i) => unseen(`q${String(i)}`, i % 2 === 0 ? "grief" : "disputes"));
    const topics = planSession(baseInput(candidates), 8).map((p) => p.topicId);
    for (let k = 1; k < topics.length; k++) expect(topics[k]).not.toBe(topics[k - 1]);
  });
  it("in the final stretch plans no meetings and gives a faded item its final review", () => {
    const examDate = daysFrom(MOCK_NOW, 2);
    const faded = memoryFromHistory([{ daysAgo: 12, correct: false }]);
    const pick = pickNextQuestion(
      baseInput([unseen("known", "grief", -3), { questionId: "old", topicId: "disputes", optionCount: 4, itemRating: 0, memory: faded }], {
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
    // Also with uniqueCandidates left out or false: only a caller that says so skips the check.
    expect(() => pickNextQuestion(baseInput([unseen("a", "grief"), unseen("a", "grief")], { uniqueCandidates: false }))).toThrow(SchedulerInputError);
  });
  it("an invalid clock", () => {
    expect(() => pickNextQuestion(baseInput([unseen("a", "grief")], { now: new Date(Number.NaN) }))).toThrow(InvalidTimeError);
  });

  it("picks exactly the same with uniqueCandidates, which only skips the duplicate check (40 random banks)", () => {
    for (let seed = 1; seed <= 40; seed++) {
      const candidates = randomBank(seed, 30 + seed);
      const checked = planSession(baseInput(candidates, { rng: createRng(seed) }), 5);
      const trusted = planSession(baseInput(candidates, { rng: createRng(seed), uniqueCandidates: true }), 5);
      expect(trusted).toEqual(checked);
    }
  });
});
