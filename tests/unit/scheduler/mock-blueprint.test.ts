import { describe, expect, it } from "vitest";
import { SchedulerInputError } from "@/lib/scheduler/errors";
import { apportionByWeight, drawMockExam, type MockCandidate } from "@/lib/scheduler/mock-blueprint";
import { createRng } from "@/lib/scheduler/rng";

const asObject = (seats: Map<string, number>) => Object.fromEntries(seats);

describe("apportionByWeight (largest remainder)", () => {
  it("gives each topic its whole quota and the leftover seats to the largest remainders", () => {
    // Quotas 4.5, 3.3, 2.2 -> 4, 3, 2 whole; one seat left goes to the .5 remainder.
    const seats = apportionByWeight(
      [
        { topicId: "a", weight: 0.45 },
        { topicId: "b", weight: 0.33 },
        { topicId: "c", weight: 0.22 },
      ],
      10,
    );
    expect(asObject(seats)).toEqual({ a: 5, b: 3, c: 2 });
  });

  it("always hands out exactly the total, for the IPT blueprint and every size from 5 to 100", () => {
    const weights = [0.07, 0.05, 0.09, 0.08, 0.08, 0.08, 0.07, 0.11, 0.05, 0.1, 0.08, 0.06, 0.08];
    const topics = weights.map((weight, i) => ({ topicId: `t${i}`, weight }));
    for (let n = 5; n <= 100; n += 1) {
      const seats = apportionByWeight(topics, n);
      expect([...seats.values()].reduce((a, b) => a + b, 0)).toBe(n);
      // Never more than one seat away from the exact quota (the quota property).
      topics.forEach((t) => expect(Math.abs(seats.get(t.topicId)! - t.weight * n)).toBeLessThan(1));
    }
  });

  it("normalises weights that do not sum to 1, and shares equally when every weight is zero", () => {
    expect(asObject(apportionByWeight([{ topicId: "a", weight: 3 }, { topicId: "b", weight: 1 }], 8))).toEqual({ a: 6, b: 2 });
    expect(asObject(apportionByWeight([{ topicId: "a", weight: 0 }, { topicId: "b", weight: 0 }], 5))).toEqual({ a: 3, b: 2 });
  });

  it("breaks remainder ties toward the heavier, then the earlier topic", () => {
    expect(asObject(apportionByWeight([{ topicId: "a", weight: 1 }, { topicId: "b", weight: 1 }, { topicId: "c", weight: 1 }], 4))).toEqual({ a: 2, b: 1, c: 1 });
  });

  it("rejects a negative or fractional total, a negative weight and a repeated topic", () => {
    expect(() => apportionByWeight([{ topicId: "a", weight: 1 }], -1)).toThrow(SchedulerInputError);
    expect(() => apportionByWeight([{ topicId: "a", weight: 1 }], 2.5)).toThrow(SchedulerInputError);
    expect(() => apportionByWeight([{ topicId: "a", weight: -0.1 }], 3)).toThrow(SchedulerInputError);
    expect(() => apportionByWeight([{ topicId: "a", weight: 1 }, { topicId: "a", weight: 1 }], 3)).toThrow(SchedulerInputError);
  });
});

function pool(topicId: string, count: number, needed: (i: number) => boolean = () => true): MockCandidate[] {
  return Array.from({ length: count }, (_, i) => ({ questionId: `${topicId}-q${i}`, topicId, needed: needed(i) }));
}

describe("drawMockExam", () => {
  const topics = [
    { topicId: "a", weight: 0.5 },
    { topicId: "b", weight: 0.3 },
    { topicId: "c", weight: 0.2 },
  ];

  it("draws distinct questions matching the apportioned seats per topic", () => {
    const draw = drawMockExam({ topics, candidates: [...pool("a", 10), ...pool("b", 10), ...pool("c", 10)], count: 10, rng: createRng(7) });
    expect(new Set(draw.questionIds).size).toBe(10);
    const perTopic = (t: string) => draw.questionIds.filter((id) => id.startsWith(`${t}-`)).length;
    expect([perTopic("a"), perTopic("b"), perTopic("c")]).toEqual([5, 3, 2]);
  });

  it("takes needed questions (never met or last wrong) before ones the student already knows", () => {
    // Topic a: only q0 and q1 are needed; it has 5 seats, so both are always drawn.
    for (let seed = 1; seed <= 20; seed += 1) {
      const candidates = [...pool("a", 10, (i) => i < 2), ...pool("b", 10, () => false), ...pool("c", 10)];
      const draw = drawMockExam({ topics, candidates, count: 10, rng: createRng(seed) });
      expect(draw.questionIds).toEqual(expect.arrayContaining(["a-q0", "a-q1"]));
    }
    // Topic c has 2 seats and 3 needed questions among 10: every drawn c question is a needed one.
    const draw = drawMockExam({ topics, candidates: [...pool("a", 10), ...pool("b", 10), ...pool("c", 10, (i) => i >= 7)], count: 10, rng: createRng(3) });
    const drawnC = draw.questionIds.filter((id) => id.startsWith("c-"));
    expect(drawnC).toHaveLength(2);
    drawnC.forEach((id) => expect(["c-q7", "c-q8", "c-q9"]).toContain(id));
  });

  it("fills a topic's shortfall from the other topics", () => {
    // Topic a is due 5 seats but has 1 question.
    const draw = drawMockExam({ topics, candidates: [...pool("a", 1), ...pool("b", 10), ...pool("c", 10)], count: 10, rng: createRng(11) });
    expect(draw.questionIds).toHaveLength(10);
    expect(new Set(draw.questionIds).size).toBe(10);
    expect(draw.questionIds).toContain("a-q0");
    expect(draw.planned.get("a")).toBe(5);
  });

  it("is the same for the same seed and mixes topics in the exam order", () => {
    const candidates = [...pool("a", 10), ...pool("b", 10), ...pool("c", 10)];
    const one = drawMockExam({ topics, candidates, count: 10, rng: createRng(5) });
    const two = drawMockExam({ topics, candidates, count: 10, rng: createRng(5) });
    expect(one.questionIds).toEqual(two.questionIds);
    const orders = new Set(Array.from({ length: 10 }, (_, s) => drawMockExam({ topics, candidates, count: 10, rng: createRng(100 + s) }).questionIds.join()));
    expect(orders.size).toBeGreaterThan(1);
  });

  it("refuses more seats than questions, ignores topics outside the blueprint, and rejects a bad count", () => {
    const candidates = [...pool("a", 2), ...pool("b", 2), ...pool("x", 50)];
    expect(() => drawMockExam({ topics, candidates, count: 5, rng: createRng(1) })).toThrow(/only 4 questions/);
    expect(() => drawMockExam({ topics, candidates, count: 0, rng: createRng(1) })).toThrow(SchedulerInputError);
  });
});
