import { z } from "./zod";
import { presentationIdSchema } from "./practice";

/**
 * The practice page's query: which mode, and for a drill which topic (by
 * slug). `p` (one presentation) is parsed separately with presentationIdSchema.
 */
export const practiceQuerySchema = z
  .object({
    mode: z.enum(["mistakes", "bookmarks"], { error: "There is no practice mode of that name." }).optional(),
    topic: z
      .string({ error: "Choose one topic to drill." })
      .regex(/^[a-z0-9][a-z0-9-]{0,79}$/, "There is no topic of that name.")
      .optional(),
  })
  .refine((q) => !(q.mode && q.topic), { error: "Choose either a topic drill or a review mode, not both." });

export type PracticeQuery = z.infer<typeof practiceQuerySchema>;

/** A single query value: a repeated parameter (?mode=a&mode=b) is refused rather than guessed at. */
export function singleParam(value: string | string[] | undefined): string | undefined | null {
  if (Array.isArray(value)) return null;
  return value;
}

export const bookmarkFormSchema = z.object({
  presentationId: presentationIdSchema,
  bookmark: z.enum(["1", "0"], { error: "Say whether to add or remove the bookmark." }).transform((v) => v === "1"),
});

export const removeBookmarkSchema = z.object({
  questionId: z.string({ error: "This bookmark could not be identified." }).min(1).max(64, "This bookmark could not be identified."),
});

export const PROBLEM_CATEGORIES = [
  { value: "WRONG_KEY", label: "The marked answer is wrong" },
  { value: "UNCLEAR", label: "The wording is unclear" },
  { value: "TYPO", label: "Typo or formatting" },
  { value: "OTHER", label: "Something else" },
] as const;

export const reportProblemSchema = z.object({
  presentationId: presentationIdSchema,
  category: z.enum(["WRONG_KEY", "UNCLEAR", "TYPO", "OTHER"], { error: "Choose what kind of problem it is." }),
  reason: z
    .string({ error: "Say what the problem is in a few words." })
    .trim()
    .min(10, "Say what the problem is in at least 10 characters.")
    .max(1000, "Keep it under 1000 characters."),
});

export type ReportProblemInput = z.infer<typeof reportProblemSchema>;
