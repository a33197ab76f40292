import { describe, expect, it } from "vitest";
import { listMistakes, type AnswerRecord } from "@/lib/analytics/mistakes";

const NOW = new Date("2026-12-02T12:00:00Z");
const daysAgo = (d: number) => new Date(NOW.getTime() - d * 86_400_000);
const answer = (questionId: string, correct: boolean, days: number): AnswerRecord => ({ questionId, correct, createdAt: daysAgo(days) });

describe("listMistakes", () => {
  it("lists exactly the questions whose latest answer is wrong", () => {
    const list = listMistakes([answer("fixed", false, 3), answer("fixed", true, 1), answer("wrong", true, 3), answer("wrong", false, 1), answer("right", true, 1)], NOW);
    expect(list.map((m) => m.questionId)).toEqual(["wrong"]);
  });

  it("puts the ones missed repeatedly first, then the most recent", () => {
    const list = listMistakes(
      [answer("once-old", false, 5), answer("once-new", false, 1), answer("twice", false, 9), answer("twice", false, 8), answer("twice", true, 7), answer("twice", false, 6)],
      NOW,
    );
    expect(list.map((m) => [m.questionId, m.timesMissed])).toEqual([
      ["twice", 3],
      ["once-new", 1],
      ["once-old", 1],
    ]);
    expect(list[0]!.lastMissedAt).toEqual(daysAgo(6));
  });

  it("leaves out mistakes older than 30 days", () => {
    const list = listMistakes([answer("recent", false, 29), answer("stale", false, 31)], NOW);
    expect(list.map((m) => m.questionId)).toEqual(["recent"]);
  });

  it("does not depend on the order the answers come in", () => {
    const answers = [answer("a", false, 2), answer("a", true, 1), answer("b", true, 2), answer("b", false, 1)];
    expect(listMistakes([...answers].reverse(), NOW)).toEqual(listMistakes(answers, NOW));
    expect(listMistakes(answers, NOW).map((m) => m.questionId)).toEqual(["b"]);
  });
});
