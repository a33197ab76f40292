/**
 * A calendar date (stored at UTC midnight: exam dates, join days) as words,
 * the same on the server and in the browser; "—" for none.
 */
export function formatCalendarDate(date: Date | null, style: "medium" | "long" = "medium"): string {
  return date ? date.toLocaleDateString("en-GB", { dateStyle: style, timeZone: "UTC" }) : "—";
}

/** A calendar day ("2026-03-09") as "9 Mar", or "Mon 9 Mar" with the weekday; the same on server and browser. */
export function formatCalendarDay(day: string, withWeekday = false): string {
  return new Date(`${day}T00:00:00Z`).toLocaleDateString("en-GB", { timeZone: "UTC", day: "numeric", month: "short", ...(withWeekday ? { weekday: "short" } : {}) });
}
