import { describe, expect, it } from "vitest";
import { formatCalendarDate, formatCalendarDay, formatUtcDateTime } from "@/components/ui/format-date";

describe("dates as words", () => {
  it("names a calendar day the same whatever the process's time zone", () => {
    expect(formatCalendarDay("2026-03-09")).toBe("9 Mar");
    expect(formatCalendarDay("2026-03-09", true)).toBe("Mon 9 Mar");
    // UTC midnight stays on its own day: no zone moves it back to the 31st.
    expect(formatCalendarDay("2027-01-01", true)).toBe("Fri 1 Jan");
  });

  it("names a stored date in medium and long style, and none as a dash", () => {
    const date = new Date("2026-06-15T00:00:00Z");
    expect(formatCalendarDate(date)).toBe("15 Jun 2026");
    expect(formatCalendarDate(date, "long")).toBe("15 June 2026");
    expect(formatCalendarDate(null)).toBe("—");
  });

  it("names a moment in UTC, and says so", () => {
    expect(formatUtcDateTime(new Date("2026-12-03T09:05:00Z"))).toBe("3 Dec 2026, 09:05 UTC");
  });
});
