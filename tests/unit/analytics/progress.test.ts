import { describe, expect, it } from "vitest";
import {
  activityHeatmap,
  masteryLevel,
  nextStep,
  paceVerdict,
  recentPace,
  reviewsDueByDay,
  weeklyAccuracy,
  type NextStepInput,
} from "@/lib/analytics/progress";

describe("mastery levels", () => {
  it("needs both coverage and expected score for each level", () => {
    expect(masteryLevel({ met: 0, total: 20, expected: 0.9 })).toBe("not-started");
    expect(masteryLevel({ met: 3, total: 20, expected: 0.9 })).toBe("attempted"); // 15% met: too little seen
    expect(masteryLevel({ met: 10, total: 20, expected: 0.45 })).toBe("attempted");
    expect(masteryLevel({ met: 5, total: 20, expected: 0.5 })).toBe("familiar");
    expect(masteryLevel({ met: 12, total: 20, expected: 0.7 })).toBe("proficient");
    expect(masteryLevel({ met: 11, total: 20, expected: 0.95 })).toBe("familiar"); // 55% met caps it
    expect(masteryLevel({ met: 18, total: 20, expected: 0.85 })).toBe("mastered");
    expect(masteryLevel({ met: 20, total: 20, expected: 0.84 })).toBe("proficient");
  });

  it("treats an empty topic as not started", () => {
    expect(masteryLevel({ met: 0, total: 0, expected: 0 })).toBe("not-started");
  });
});

describe("the next step", () => {
  const base: NextStepInput = {
    hasExamDate: true,
    daysLeft: 40,
    reviewsDue: 0,
    newToday: 0,
    doneToday: 20,
    dailyGoal: 20,
    weakestTopic: null,
    overallExpected: 0.7,
    daysSinceMock: null,
    unmet: 10,
  };

  it("asks for an exam date first", () => {
    expect(nextStep({ ...base, hasExamDate: false, reviewsDue: 5 }).kind).toBe("set-exam");
  });

  it("puts due reviews before new questions and weak topics", () => {
    const step = nextStep({ ...base, reviewsDue: 12, newToday: 4, doneToday: 0, weakestTopic: { name: "Grief", slug: "grief", expected: 0.3 } });
    expect(step).toMatchObject({ kind: "reviews", text: "12 reviews are due.", href: "/practice" });
    expect(nextStep({ ...base, reviewsDue: 1 }).text).toBe("1 review is due.");
  });

  it("names the weakest topic only when it is clearly below the rest", () => {
    const weak = { name: "Role disputes", slug: "role-disputes", expected: 0.55 };
    expect(nextStep({ ...base, weakestTopic: weak })).toMatchObject({
      kind: "weak-topic",
      text: "Role disputes is your weakest topic.",
      href: "/practice?topic=role-disputes",
    });
    expect(nextStep({ ...base, weakestTopic: { ...weak, expected: 0.65 } }).kind).toBe("done");
  });

  it("suggests a weekly mock exam in the last three weeks", () => {
    expect(nextStep({ ...base, daysLeft: 10 }).kind).toBe("mock");
    expect(nextStep({ ...base, daysLeft: 10, daysSinceMock: 3 }).kind).toBe("done");
    expect(nextStep({ ...base, daysLeft: 30 }).kind).toBe("done");
  });

  it("counts what is left of today's goal", () => {
    expect(nextStep({ ...base, doneToday: 15 })).toMatchObject({ kind: "new", text: "5 questions to reach today's goal." });
  });
});

describe("pace", () => {
  it("is on track when the recent pace keeps the goal and meets every question in time", () => {
    expect(paceVerdict({ recentPerDay: 19, dailyGoal: 20, unmet: 100, daysLeft: 30 })).toEqual({ verdict: "on-track", daysToMeetAll: 6 });
    expect(paceVerdict({ recentPerDay: 10, dailyGoal: 20, unmet: 100, daysLeft: 30 }).verdict).toBe("behind");
    expect(paceVerdict({ recentPerDay: 20, dailyGoal: 20, unmet: 700, daysLeft: 30 })).toEqual({ verdict: "behind", daysToMeetAll: 35 });
    expect(paceVerdict({ recentPerDay: 0, dailyGoal: 20, unmet: 10, daysLeft: 30 }).verdict).toBe("no-activity");
  });

  it("averages the days before today over the window", () => {
    const days = [
      { day: "2026-03-10", answered: 50, correct: 0 }, // today: not counted
      { day: "2026-03-09", answered: 10, correct: 0 },
      { day: "2026-02-25", answered: 18, correct: 0 }, // 13 days ago
      { day: "2026-02-20", answered: 99, correct: 0 }, // outside 14 days
    ];
    expect(recentPace(days, "2026-03-10", 14)).toBeCloseTo(28 / 14);
  });
});

describe("activity series", () => {
  it("lays the heatmap out in Monday-started weeks ending with today's", () => {
    // 2026-03-11 is a Wednesday.
    const grid = activityHeatmap(
      [
        { day: "2026-03-09", answered: 20, correct: 15 },
        { day: "2026-03-10", answered: 4, correct: 4 },
        { day: "2026-03-01", answered: 11, correct: 4 },
      ],
      "2026-03-11",
      2,
      20,
    );
    expect(grid).toHaveLength(2);
    expect(grid[0]?.[0]?.day).toBe("2026-03-02");
    expect(grid[1]?.[0]).toMatchObject({ day: "2026-03-09", answered: 20, level: 4, future: false });
    expect(grid[1]?.[1]).toMatchObject({ day: "2026-03-10", level: 1 });
    expect(grid[1]?.[2]).toMatchObject({ day: "2026-03-11", level: 0, future: false });
    expect(grid[1]?.[3]).toMatchObject({ day: "2026-03-12", future: true });
    // 2026-03-01 (a Sunday) is before the first column.
    expect(grid.flat().some((c) => c.day === "2026-03-01")).toBe(false);
  });

  it("sums accuracy by week, null in a week without answers", () => {
    const weeks = weeklyAccuracy(
      [
        { day: "2026-03-09", answered: 10, correct: 7 },
        { day: "2026-03-11", answered: 10, correct: 9 },
        { day: "2026-02-24", answered: 4, correct: 1 },
        { day: "2026-03-12", answered: 5, correct: 5 }, // after today: ignored
      ],
      "2026-03-11",
      3,
    );
    expect(weeks.map((w) => w.weekStart)).toEqual(["2026-02-23", "2026-03-02", "2026-03-09"]);
    expect(weeks[0]).toMatchObject({ answered: 4, correct: 1, accuracy: 0.25 });
    expect(weeks[1]?.accuracy).toBeNull();
    expect(weeks[2]).toMatchObject({ answered: 20, correct: 16, accuracy: 0.8 });
  });

  it("counts reviews due per local day, overdue ones today", () => {
    const now = new Date("2026-03-10T22:30:00Z"); // 23:30 in Berlin
    const dues = [
      new Date("2026-03-01T10:00:00Z"), // overdue
      new Date("2026-03-10T22:45:00Z"), // later tonight in Berlin
      new Date("2026-03-10T23:15:00Z"), // 00:15 on the 11th in Berlin
      new Date("2026-03-30T12:00:00Z"), // beyond the window
    ];
    const byDay = reviewsDueByDay(dues, now, "Europe/Berlin", 3);
    expect(byDay).toEqual([
      { day: "2026-03-10", due: 2 },
      { day: "2026-03-11", due: 1 },
      { day: "2026-03-12", due: 0 },
    ]);
  });
});
