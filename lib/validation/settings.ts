import { z } from "./zod";
import { daysBetween, isValidTimeZone, localDay, parseDay } from "../analytics/calendar";

export const MAX_DAILY_GOAL = 500;
/** An exam more than about three years away is a typo, not a plan. */
export const MAX_DAYS_TO_EXAM = 3 * 366;

const emptyToNull = (v: unknown) => (v === undefined || (typeof v === "string" && v.trim() === "") ? null : v);

/**
 * Exam date, daily goal and time zone, shared by the settings form (checked in
 * the browser before posting) and the action (checked again on the server).
 * "Today" is the student's own day: the time zone posted with the form, UTC
 * without one. Both study fields are optional; empty means "not set".
 */
export function studySettingsSchema(now: Date) {
  return z
    .object({
      examDate: z.preprocess(
        emptyToNull,
        z
          .string()
          .refine((v) => parseDay(v) !== null, "Enter the exam date as a calendar date.")
          .nullable(),
      ),
      dailyGoal: z.preprocess(
        emptyToNull,
        z.coerce
          .number({ error: "Enter the daily goal as a whole number." })
          .int("Enter the daily goal as a whole number.")
          .min(1, "Set a daily goal of at least 1 question, or leave it empty.")
          .max(MAX_DAILY_GOAL, `A daily goal can be at most ${MAX_DAILY_GOAL} questions.`)
          .nullable(),
      ),
      timeZone: z.preprocess(
        emptyToNull,
        z.string().refine(isValidTimeZone, "Your browser sent a time zone we do not know. Reload the page and try again.").nullable(),
      ),
    })
    .superRefine((value, ctx) => {
      if (value.examDate === null || parseDay(value.examDate) === null) return;
      const today = localDay(now, value.timeZone);
      const ahead = daysBetween(today, value.examDate);
      if (ahead < 0) ctx.addIssue({ code: "custom", path: ["examDate"], message: "The exam date is in the past. Choose today or a later day." });
      else if (ahead > MAX_DAYS_TO_EXAM) ctx.addIssue({ code: "custom", path: ["examDate"], message: "Choose an exam date within the next 3 years." });
    });
}

/** A student's study settings as the form shows them: the exam date as a day in their time zone. */
export type StudySettings = { examDate: string | null; dailyGoal: number | null; timeZone: string | null };

export type SettingsFormState =
  | { ok: true; saved: StudySettings }
  | { ok: false; error: string; fieldErrors?: Record<string, string[] | undefined> }
  | null;

export type StudySettingsInput = z.output<ReturnType<typeof studySettingsSchema>>;
