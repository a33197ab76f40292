import { describe, expect, it } from "vitest";
import { examPhase, meetingQuota, planRetention, targetRetention } from "@/lib/scheduler/pacing";
import { resolveParams } from "@/lib/scheduler/params";
import { MOCK_NOW, daysFrom } from "./helpers";

const params = resolveParams();

describe("pacing", () => {
  it("names the phase from the exam date", () => {
    expect(examPhase(MOCK_NOW, null, params)).toBe("no-exam");
    expect(examPhase(MOCK_NOW, daysFrom(MOCK_NOW, 30), params)).toBe("preparing");
    expect(examPhase(MOCK_NOW, daysFrom(MOCK_NOW, params.finalStretchDays - 0.5), params)).toBe("final-stretch");
    expect(examPhase(MOCK_NOW, daysFrom(MOCK_NOW, -1), params)).toBe("after-exam");
  });
  it("falls back to normal retention (0.9) without an exam or after it", () => {
    expect(targetRetention("after-exam", params)).toBe(0.9);
    expect(targetRetention("no-exam", params)).toBe(0.9);
    expect(targetRetention("preparing", resolveParams({ examRetention: 0.8 }))).toBe(0.8);
  });
  it("aims lower when the budget is tight and at examRetention when it is ample", () => {
    const tight = planRetention("preparing", params, { dailyGoal: 10, daysLeft: 14, itemCount: 600 });
    const ample = planRetention("preparing", params, { dailyGoal: 40, daysLeft: 90, itemCount: 600 });
    const middle = planRetention("preparing", params, { dailyGoal: 20, daysLeft: 60, itemCount: 600 });
    expect(tight).toBe(params.tightBudgetRetention);
    expect(ample).toBe(params.examRetention);
    expect(middle).toBeGreaterThan(tight);
    expect(middle).toBeLessThan(ample);
    // Fewer items still needing work leave more budget per item.
    expect(planRetention("preparing", params, { dailyGoal: 20, daysLeft: 60, itemCount: 200 })).toBeGreaterThan(middle);
  });
  it("uses the phase's retention without an exam or after it, whatever the budget", () => {
    const budget = { dailyGoal: 5, daysLeft: null, itemCount: 600 };
    expect(planRetention("no-exam", params, budget)).toBe(params.normalRetention);
    expect(planRetention("after-exam", params, { ...budget, daysLeft: -3 })).toBe(params.normalRetention);
  });
  it("rejects a tight-budget retention above the exam retention", () => {
    expect(() => resolveParams({ examRetention: 0.8, tightBudgetRetention: 0.85 })).toThrow(/tightBudgetRetention/);
  });
  it("spreads the meetings over the study days before the final stretch and counts today's", () => {
    const base = { phase: "preparing" as const, toMeet: 300, daysLeft: 40, introducedToday: 0, dailyGoal: 100, params };
    const studyDays = (40 - params.finalStretchDays) * params.studyDayShare;
    expect(meetingQuota(base)).toBe(Math.ceil(300 / studyDays));
    // Today's meetings left toMeet when they were made: the day's share is of both together.
    expect(meetingQuota({ ...base, toMeet: 295, introducedToday: 5 })).toBe(Math.ceil(300 / studyDays) - 5);
    // Fewer days left (e.g. after missed days): more meetings a day.
    expect(meetingQuota({ ...base, daysLeft: 20 })).toBeGreaterThan(meetingQuota(base));
    expect(meetingQuota({ ...base, dailyGoal: 3 })).toBe(3);
    expect(meetingQuota({ ...base, toMeet: 2 })).toBe(1);
    expect(meetingQuota({ ...base, toMeet: 0 })).toBe(0);
  });
  it("meets a whole day's share whether it is asked for once or one meeting at a time", () => {
    const base = { phase: "preparing" as const, daysLeft: 4.5 + params.finalStretchDays, dailyGoal: 20, params };
    const atOnce = meetingQuota({ ...base, toMeet: 12, introducedToday: 0 });
    let met = 0;
    while (meetingQuota({ ...base, toMeet: 12 - met, introducedToday: met }) > 0) met++;
    expect(met).toBe(atOnce);
  });
  it("plans no meetings in the final stretch and uses a fixed pace without an exam", () => {
    expect(meetingQuota({ phase: "final-stretch", toMeet: 300, daysLeft: 2, introducedToday: 0, dailyGoal: 50, params })).toBe(0);
    expect(meetingQuota({ phase: "no-exam", toMeet: 300, daysLeft: null, introducedToday: 0, dailyGoal: 50, params })).toBe(params.newPerDayWithoutExam);
  });
});
