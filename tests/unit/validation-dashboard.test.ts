import { describe, expect, it } from "vitest";
import { dashboardIdSchema, dateRangeSchema } from "@/lib/validation/dashboard";

const message = (input: unknown) => {
  const parsed = dateRangeSchema.safeParse(input);
  return parsed.success ? null : parsed.error.issues[0]?.message;
};

describe("dashboard addresses", () => {
  it("accepts a real range of at most a year, earlier date first", () => {
    expect(dateRangeSchema.parse({ from: "2026-01-01", to: "2026-12-31" })).toEqual({ from: "2026-01-01", to: "2026-12-31" });
    expect(message({ from: "2026-03-10", to: "2026-03-10" })).toBeNull();
  });

  it("explains what is wrong with a bad range", () => {
    expect(message({ from: "2026-03-10", to: "2026-03-01" })).toBe("The range starts after it ends: put the earlier date first.");
    expect(message({ from: "2020-01-01", to: "2026-01-01" })).toBe("Choose a range of at most 366 days.");
    expect(message({ from: "2026-02-30", to: "2026-03-01" })).toBe("One of the dates does not exist.");
    expect(message({ from: "yesterday", to: "2026-03-01" })).toBe("Give dates as YYYY-MM-DD.");
    expect(message({ from: "2026-03-01" })).not.toBeNull();
  });

  it("takes only database ids", () => {
    expect(dashboardIdSchema.safeParse("cm1abc2def3ghi4jkl").success).toBe(true);
    for (const bad of ["", "../etc", "x".repeat(60), "ABC' OR 1=1"]) expect(dashboardIdSchema.safeParse(bad).success).toBe(false);
  });
});
