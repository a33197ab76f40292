/**
 * A calendar date (stored at UTC midnight: exam dates, join days) as words,
 * the same on the server and in the browser; "—" for none.
 */
export function formatCalendarDate(date: Date | null, style: "medium" | "long" = "medium"): string {
  return date ? date.toLocaleDateString("en-GB", { dateStyle: style, timeZone: "UTC" }) : "—";
}
