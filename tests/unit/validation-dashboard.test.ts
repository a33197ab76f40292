import { describe, expect, it } from "vitest";
import { dashboardIdSchema, dateRangeSchema, pageNumber, pageOf } from "@/lib/validation/dashboard";

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

describe("paging a list", () => {
  it("reads a page number, and refuses anything that is not a whole number from 1", () => {
    expect(pageNumber(undefined)).toBe(1);
    expect(pageNumber("3")).toBe(3);
    for (const bad of ["0", "-1", "1.5", "two", "", "03", "9999999", "1e3"]) expect(pageNumber(bad), bad).toBeNull();
  });

  it("slices the page asked for, and clamps one past the end to the last", () => {
    const items = Array.from({ length: 120 }, (_, i) => i);
    expect(pageOf(items, 1, 50)).toMatchObject({ page: 1, pageCount: 3, from: 1, to: 50 });
    const last = pageOf(items, 3, 50);
    expect(last).toMatchObject({ page: 3, from: 101, to: 120 });
    expect(last.items).toEqual(items.slice(100));
    expect(pageOf(items, 99, 50).page).toBe(3);
    expect(pageOf([], 2, 50)).toEqual({ items: [], page: 1, pageCount: 1, from: 0, to: 0 });
  });
});
