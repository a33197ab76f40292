import { describe, expect, it } from "vitest";
import {
  classProgressCsv,
  formatTopicScores,
  parseTopicScores,
  readinessHistogram,
  riskReasons,
  topicHeatTable,
  type MemberProgress,
} from "@/lib/analytics/class-progress";

const member = (overrides: Partial<MemberProgress>): MemberProgress => ({
  userId: "u1",
  name: "Ada",
  email: "ada@example.com",
  joinedAt: new Date("2026-02-01T09:00:00Z"),
  readiness: 0.7,
  projected: 0.8,
  projectedLow: 0.72,
  projectedHigh: 0.88,
  questionsMet: 40,
  topics: {},
  estimatedAt: new Date("2026-03-10T08:00:00Z"),
  lastActiveDay: "2026-03-10",
  answersLast7Days: 30,
  ...overrides,
});

describe("students at risk", () => {
  it("flags low projected readiness, a week without practice, and never having started", () => {
    expect(riskReasons(member({}), "2026-03-10")).toEqual([]);
    expect(riskReasons(member({ projected: 0.55 }), "2026-03-10")).toEqual(["low-readiness"]);
    // Without a projection (no exam date), today's readiness counts.
    expect(riskReasons(member({ projected: null, readiness: 0.5 }), "2026-03-10")).toEqual(["low-readiness"]);
    expect(riskReasons(member({ lastActiveDay: "2026-03-03" }), "2026-03-10")).toEqual(["inactive"]);
    expect(riskReasons(member({ lastActiveDay: "2026-03-04" }), "2026-03-10")).toEqual([]);
    expect(riskReasons(member({ lastActiveDay: "2026-03-01", projected: 0.3 }), "2026-03-10")).toEqual(["inactive", "low-readiness"]);
    expect(riskReasons(member({ lastActiveDay: null, readiness: null, projected: null }), "2026-03-10")).toEqual(["never-started"]);
  });
});

describe("the readiness histogram", () => {
  it("puts scores in ten bins, 100% in the last, ignoring non-numbers", () => {
    const bins = readinessHistogram([0, 0.05, 0.1, 0.59, 0.6, 0.999, 1, Number.NaN]);
    expect(bins.map((b) => b.count)).toEqual([2, 1, 0, 0, 0, 1, 1, 0, 0, 2]);
    expect(bins[6]).toMatchObject({ from: 0.6, to: 0.7 });
  });
});

describe("mastery across the class", () => {
  it("counts members per level per topic, unestimated ones as not started", () => {
    const topics = [{ id: "t1", name: "Grief", total: 10 }];
    const rows = topicHeatTable(
      [
        member({ userId: "a", topics: { t1: { expected: 0.9, met: 10 } } }),
        member({ userId: "b", topics: { t1: { expected: 0.72, met: 7 } } }),
        member({ userId: "c", topics: { t1: { expected: 0.4, met: 2 } } }),
        member({ userId: "d", topics: {} }),
      ],
      topics,
    );
    expect(rows[0]?.levels).toEqual({ "not-started": 1, attempted: 1, familiar: 0, proficient: 1, mastered: 1 });
    expect(rows[0]?.meanExpected).toBeCloseTo((0.9 + 0.72 + 0.4) / 3);
  });

  it("round-trips topic scores and reads malformed text as none", () => {
    const text = formatTopicScores({ t1: { expected: 0.71234, met: 3 } });
    expect(parseTopicScores(text)).toEqual({ t1: { expected: 0.712, met: 3 } });
    expect(parseTopicScores("{not json")).toEqual({});
    expect(parseTopicScores('{"t1": "x", "t2": [0.5, 2]}')).toEqual({ t2: { expected: 0.5, met: 2 } });
    expect(parseTopicScores("[1,2]")).toEqual({});
  });
});

describe("the class CSV", () => {
  it("writes one guarded, quoted row per member with topic columns", () => {
    const csv = classProgressCsv(
      [
        member({ name: '=HYPERLINK("http://evil")', email: "x@example.com", topics: { t1: { expected: 0.5, met: 1 } } }),
        member({ name: "Lin, Bo", lastActiveDay: null, readiness: null, projected: null, projectedLow: null, projectedHigh: null, questionsMet: null }),
      ],
      [{ id: "t1", name: "Grief" }],
      "2026-03-10",
    );
    const lines = csv.split("\r\n");
    expect(lines[0]).toBe(
      "name,email,joined,readiness_now_pct,projected_exam_pct,projected_low_pct,projected_high_pct,questions_met,answers_last_7_days,last_active,at_risk,estimated_at,topic: Grief",
    );
    // A formula becomes text (leading ') and, holding quotes, is quoted with them doubled.
    expect(lines[1]).toBe(`"'=HYPERLINK(""http://evil"")",x@example.com,2026-02-01,70,80,72,88,40,30,2026-03-10,,2026-03-10T08:00:00.000Z,50`);
    expect(lines[2]).toBe(`"Lin, Bo",ada@example.com,2026-02-01,,,,,,30,,has not practised yet,2026-03-10T08:00:00.000Z,`);
    expect(lines[3]).toBe("");
  });
});
