// The student's calendar: which local day an instant falls on in their time
// zone, and when a local day starts. Pure: every function takes the instant.

const DAY_MS = 86_400_000;
const DAY_PATTERN = /^(\d{4})-(\d{2})-(\d{2})$/;

/** True for a time zone name this runtime knows (IANA names such as "Europe/Berlin", or "UTC"). */
export function isValidTimeZone(timeZone: string): boolean {
  if (timeZone.length === 0 || timeZone.length > 64) return false;
  try {
    new Intl.DateTimeFormat("en-US", { timeZone });
    return true;
  } catch {
    return false;
  }
}

const formatters = new Map<string, Intl.DateTimeFormat>();

function formatterFor(timeZone: string): Intl.DateTimeFormat {
  let formatter = formatters.get(timeZone);
  if (!formatter) {
    formatter = new Intl.DateTimeFormat("en-US", {
      timeZone,
      hourCycle: "h23",
      year: "numeric",
      month: "2-digit",
      day: "2-digit",
      hour: "2-digit",
      minute: "2-digit",
      second: "2-digit",
    });
    formatters.set(timeZone, formatter);
  }
  return formatter;
}

/** The wall-clock fields of an instant in a time zone. */
function wallClock(instant: Date, timeZone: string) {
  const parts: Record<string, number> = {};
  for (const part of formatterFor(timeZone).formatToParts(instant)) {
    if (part.type !== "literal") parts[part.type] = Number(part.value);
  }
  return {
    year: parts.year ?? 1970,
    month: parts.month ?? 1,
    day: parts.day ?? 1,
    hour: parts.hour ?? 0,
    minute: parts.minute ?? 0,
    second: parts.second ?? 0,
  };
}

/** Milliseconds the zone's wall clock is ahead of UTC at this instant. */
function zoneOffsetMs(instant: Date, timeZone: string): number {
  const w = wallClock(instant, timeZone);
  const asUtc = Date.UTC(w.year, w.month - 1, w.day, w.hour, w.minute, w.second);
  return asUtc - Math.floor(instant.getTime() / 1000) * 1000;
}

function pad(n: number, width = 2): string {
  return String(n).padStart(width, "0");
}

/** The local date ("YYYY-MM-DD") of an instant in a time zone (null = UTC). */
export function localDay(instant: Date, timeZone: string | null): string {
  const w = wallClock(instant, timeZone ?? "UTC");
  return `${pad(w.year, 4)}-${pad(w.month)}-${pad(w.day)}`;
}

export function parseDay(day: string): { year: number; month: number; day: number } | null {
  const match = DAY_PATTERN.exec(day);
  if (!match) return null;
  const [year, month, date] = [Number(match[1]), Number(match[2]), Number(match[3])];
  const check = new Date(Date.UTC(year, month - 1, date));
  if (check.getUTCFullYear() !== year || check.getUTCMonth() !== month - 1 || check.getUTCDate() !== date) return null;
  return { year, month, day: date };
}

/** The instant a local day begins in a time zone (null = UTC); throws on a malformed day. */
export function startOfLocalDay(day: string, timeZone: string | null): Date {
  const parsed = parseDay(day);
  if (!parsed) throw new RangeError(`Not a calendar day: ${day}`);
  const midnightUtc = Date.UTC(parsed.year, parsed.month - 1, parsed.day);
  const zone = timeZone ?? "UTC";
  // Guess with the offset at UTC midnight, then correct once for a DST change in between.
  let start = midnightUtc - zoneOffsetMs(new Date(midnightUtc), zone);
  const corrected = midnightUtc - zoneOffsetMs(new Date(start), zone);
  if (corrected !== start) start = corrected;
  return new Date(start);
}

/** The day `delta` days after `day` (negative: before). */
export function addDays(day: string, delta: number): string {
  const parsed = parseDay(day);
  if (!parsed) throw new RangeError(`Not a calendar day: ${day}`);
  const shifted = new Date(Date.UTC(parsed.year, parsed.month - 1, parsed.day) + delta * DAY_MS);
  return `${pad(shifted.getUTCFullYear(), 4)}-${pad(shifted.getUTCMonth() + 1)}-${pad(shifted.getUTCDate())}`;
}

/** Whole days from `from` to `to` (both "YYYY-MM-DD"). */
export function daysBetween(from: string, to: string): number {
  const a = parseDay(from);
  const b = parseDay(to);
  if (!a || !b) throw new RangeError(`Not calendar days: ${from}, ${to}`);
  return Math.round((Date.UTC(b.year, b.month - 1, b.day) - Date.UTC(a.year, a.month - 1, a.day)) / DAY_MS);
}

/**
 * Consecutive study days ending today, or ending yesterday while today is
 * still open (a streak is not broken before the day is over).
 * `studied` holds local days with at least one answer, in any order.
 */
export function studyStreak(studied: Iterable<string>, today: string): number {
  const days = new Set(studied);
  let cursor = days.has(today) ? today : addDays(today, -1);
  let streak = 0;
  while (days.has(cursor)) {
    streak += 1;
    cursor = addDays(cursor, -1);
  }
  return streak;
}
