import { z } from "./zod";

/** Shared by the class forms and their server actions. */

/** Join codes avoid look-alike characters (0/O, 1/I/L) so they survive being read aloud or copied by hand. */
export const JOIN_CODE_ALPHABET = "ABCDEFGHJKMNPQRSTUVWXYZ23456789";
export const JOIN_CODE_LENGTH = 8;

const MAX_YEARS_AHEAD = 3;
const DAY_MS = 86_400_000;

/** An optional exam date from a date input (YYYY-MM-DD), not in the past and at most three years away. */
export function examDateField(today: () => Date = () => new Date()) {
  return z
    .string()
    .trim()
    .optional()
    .transform((value, ctx) => {
      if (!value) return null;
      const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(value);
      const date = match ? new Date(Date.UTC(Number(match[1]), Number(match[2]) - 1, Number(match[3]))) : null;
      if (!date || Number.isNaN(date.getTime()) || date.toISOString().slice(0, 10) !== value) {
        ctx.addIssue({ code: "custom", message: "Enter a date like 2027-05-31." });
        return z.NEVER;
      }
      const now = today();
      const startOfToday = Date.UTC(now.getUTCFullYear(), now.getUTCMonth(), now.getUTCDate());
      // A day of slack: "today" may still be yesterday in the instructor's time zone.
      if (date.getTime() < startOfToday - DAY_MS) {
        ctx.addIssue({ code: "custom", message: "The exam date is in the past." });
        return z.NEVER;
      }
      if (date.getTime() > startOfToday + MAX_YEARS_AHEAD * 366 * DAY_MS) {
        ctx.addIssue({ code: "custom", message: `Choose an exam date within ${MAX_YEARS_AHEAD} years.` });
        return z.NEVER;
      }
      return date;
    });
}

export const createClassSchema = z.object({
  name: z.string({ error: "Name the class." }).trim().min(1, "Name the class.").max(100, "Use at most 100 characters."),
  examDate: examDateField(),
  /** Absent or empty: the class studies IPT (its members are enrolled in it). */
  subjectId: z
    .string()
    .trim()
    .max(64, "Choose one of the subjects listed.")
    .optional()
    .transform((value) => value || null),
});

const idField = z.string().min(1).max(64);

export const classIdSchema = z.object({ classId: idField });
export const removeMemberSchema = z.object({ classId: idField, userId: idField });

/** What a student types: case, spaces and dashes do not matter. */
export const joinClassSchema = z.object({
  code: z
    .string({ error: "Enter the class code." })
    .transform((raw) => raw.toUpperCase().replace(/[\s-]/g, ""))
    .pipe(
      z
        .string()
        .min(1, "Enter the class code.")
        .regex(new RegExp(`^[${JOIN_CODE_ALPHABET}]{${JOIN_CODE_LENGTH}}$`), `A class code is ${JOIN_CODE_LENGTH} letters and digits, like KQ7M-3XPA.`),
    ),
});

export type CreateClassInput = z.infer<typeof createClassSchema>;
