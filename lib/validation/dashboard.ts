import { z } from "./zod";

/** Ids in dashboard addresses (subjects, classes, students) are database cuids. */
export const dashboardIdSchema = z.string().regex(/^[A-Za-z0-9_-]{10,40}$/, "That address does not name anything here.");

const DAY = /^\d{4}-\d{2}-\d{2}$/;
/** The longest activity range a dashboard draws. */
export const MAX_RANGE_DAYS = 366;

function dayNumber(day: string): number {
  return Date.parse(`${day}T00:00:00Z`) / 86_400_000;
}

/** An activity range ?from=YYYY-MM-DD&to=YYYY-MM-DD: real days, from before to, at most a year apart. */
export const dateRangeSchema = z
  .object({
    from: z.string().regex(DAY, "Give dates as YYYY-MM-DD."),
    to: z.string().regex(DAY, "Give dates as YYYY-MM-DD."),
  })
  .refine((r) => Number.isFinite(dayNumber(r.from)) && Number.isFinite(dayNumber(r.to)) && new Date(`${r.from}T00:00:00Z`).toISOString().startsWith(r.from) && new Date(`${r.to}T00:00:00Z`).toISOString().startsWith(r.to), {
    message: "One of the dates does not exist.",
  })
  .refine((r) => dayNumber(r.from) <= dayNumber(r.to), { message: "The range starts after it ends: put the earlier date first." })
  .refine((r) => dayNumber(r.to) - dayNumber(r.from) <= MAX_RANGE_DAYS, { message: `Choose a range of at most ${MAX_RANGE_DAYS} days.` });

/** Students per page of a class's member table. */
export const MEMBERS_PAGE_SIZE = 25;

/** A page number in an address: a whole number from 1; anything else is null (the page says it showed page 1). */
export function pageNumber(raw: string | undefined): number | null {
  if (raw === undefined) return 1;
  if (!/^[1-9]\d{0,5}$/.test(raw)) return null;
  return Number(raw);
}

/** One page of a list: the items, the page shown (clamped to the last), the page count and the positions shown (1-based). */
export function pageOf<T>(items: readonly T[], page: number, size: number): { items: T[]; page: number; pageCount: number; from: number; to: number } {
  const pageCount = Math.max(1, Math.ceil(items.length / size));
  const shown = Math.min(Math.max(1, page), pageCount);
  const start = (shown - 1) * size;
  const slice = items.slice(start, start + size);
  return { items: slice, page: shown, pageCount, from: slice.length > 0 ? start + 1 : 0, to: start + slice.length };
}
