import { describe, expect, it } from "vitest";
import { addDays, daysBetween, isValidTimeZone, localDay, parseDay, startOfLocalDay, studyStreak } from "@/lib/analytics/calendar";

describe("the student's calendar", () => {
  it("puts an instant on the student's local day, not the UTC one", () => {
    const instant = new Date("2026-03-01T23:30:00Z");
    expect(localDay(instant, null)).toBe("2026-03-01");
    expect(localDay(instant, "Europe/Berlin")).toBe("2026-03-02");
    expect(localDay(new Date("2026-03-02T03:00:00Z"), "America/Los_Angeles")).toBe("2026-03-01");
  });

  it("finds when a local day starts, across daylight-saving changes", () => {
    expect(startOfLocalDay("2026-03-02", "Europe/Berlin").toISOString()).toBe("2026-03-01T23:00:00.000Z");
    expect(startOfLocalDay("2026-07-02", "Europe/Berlin").toISOString()).toBe("2026-07-01T22:00:00.000Z");
    // New York moves its clocks on 2026-03-08 at 02:00; that day still starts at 05:00 UTC.
    expect(startOfLocalDay("2026-03-08", "America/New_York").toISOString()).toBe("2026-03-08T05:00:00.000Z");
    expect(startOfLocalDay("2026-03-09", "America/New_York").toISOString()).toBe("2026-03-09T04:00:00.000Z");
    expect(startOfLocalDay("2026-03-02", null).toISOString()).toBe("2026-03-02T00:00:00.000Z");
    expect(() => startOfLocalDay("2026-02-30", null)).toThrow(RangeError);
  });

  it("knows real time zones and rejects made-up ones", () => {
    expect(isValidTimeZone("Europe/Berlin")).toBe(true);
    expect(isValidTimeZone("UTC")).toBe(true);
    expect(isValidTimeZone("Mars/Olympus_Mons")).toBe(false);
    expect(isValidTimeZone("")).toBe(false);
  });

  it("does day arithmetic on calendar dates", () => {
    expect(addDays("2026-02-28", 1)).toBe("2026-03-01");
    expect(addDays("2026-01-01", -1)).toBe("2025-12-31");
    expect(daysBetween("2026-01-01", "2026-03-01")).toBe(59);
    expect(parseDay("2026-13-01")).toBeNull();
  });

  it("counts a streak of consecutive days, still alive until today is over", () => {
    expect(studyStreak([], "2026-03-10")).toBe(0);
    expect(studyStreak(["2026-03-10", "2026-03-09", "2026-03-08"], "2026-03-10")).toBe(3);
    expect(studyStreak(["2026-03-09", "2026-03-08"], "2026-03-10")).toBe(2);
    expect(studyStreak(["2026-03-10", "2026-03-08"], "2026-03-10")).toBe(1);
    expect(studyStreak(["2026-03-07"], "2026-03-10")).toBe(0);
  });
});
