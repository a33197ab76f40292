import { z } from "./zod";

export const CONFIDENCE_LEVELS = ["GUESSED", "UNSURE", "SURE"] as const;

/** Presentation ids (attempt tokens) are made by the server: 24 URL-safe characters today. */
export const presentationIdSchema = z
  .string({ error: "This question could not be identified. Open practice again to get a new one." })
  .regex(/^[A-Za-z0-9_-]{16,64}$/, "This question could not be identified. Open practice again to get a new one.");

/**
 * What the question form posts: the presentation it answers (the server-issued
 * attempt token), the chosen option and, optionally, how sure the student was.
 * No user id and no question id: the server knows those. A page with
 * JavaScript may add how long the question was on screen before an option was
 * chosen (shownMs): a question issued with the previous answer waits unseen
 * while the student reads that feedback, so the server's own clock would count
 * the reading too. The server stores the smaller of the two; a client can only
 * shorten its own response time, never lengthen it.
 */
export const submitAnswerSchema = z.object({
  presentationId: presentationIdSchema,
  optionId: z.string({ error: "Choose an option first." }).min(1, "Choose an option first.").max(64, "Choose one of the options shown."),
  // An unanswered confidence question means "not said": treated as sure, as before.
  confidence: z.preprocess((v) => (v === "" ? undefined : v), z.enum(CONFIDENCE_LEVELS, { error: "Choose sure, unsure or guessed." }).default("SURE")),
  shownMs: z.preprocess(
    (v) => (v === "" || v === null ? undefined : v),
    z.coerce
      .number({ error: "The time on screen could not be read. Nothing was saved." })
      .int("The time on screen could not be read. Nothing was saved.")
      .min(0, "The time on screen could not be read. Nothing was saved.")
      .max(86_400_000, "The time on screen could not be read. Nothing was saved.")
      .optional(),
  ),
});

export type SubmitAnswerInput = z.infer<typeof submitAnswerSchema>;
