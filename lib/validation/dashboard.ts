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
