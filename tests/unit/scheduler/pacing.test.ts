import { describe, expect, it } from "vitest";
import { examPhase, newItemQuota, planRetention, targetRetention } from "@/lib/scheduler/pacing";
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
  it("spreads unseen items over the build days and counts what was introduced today", () => {
    const base = { phase: "preparing" as const, unseenCount: 300, daysLeft: 40, introducedToday: 0, dailyGoal: 100, params };
    const buildDays = Math.ceil(40 * params.introduceWithinShare) - params.finalStretchDays;
    expect(newItemQuota(base)).toBe(Math.ceil(300 / buildDays));
    expect(newItemQuota({ ...base, introducedToday: 5 })).toBe(Math.ceil(300 / buildDays) - 5);
    expect(newItemQuota({ ...base, daysLeft: 20 })).toBeGreaterThan(newItemQuota(base));
    expect(newItemQuota({ ...base, dailyGoal: 3 })).toBe(3);
  });
  it("stops new items in the final stretch and uses a fixed pace without an exam", () => {
    expect(newItemQuota({ phase: "final-stretch", unseenCount: 300, daysLeft: 2, introducedToday: 0, dailyGoal: 50, params })).toBe(0);
    expect(newItemQuota({ phase: "no-exam", unseenCount: 300, daysLeft: null, introducedToday: 0, dailyGoal: 50, params })).toBe(params.newPerDayWithoutExam);
  });
});
