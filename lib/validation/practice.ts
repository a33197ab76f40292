import { z } from "zod";

export const CONFIDENCE_LEVELS = ["GUESSED", "UNSURE", "SURE"] as const;

export const submitAnswerSchema = z.object({
  questionVersionId: z.string().min(1).max(64),
  optionId: z.string({ error: "Choose an option first." }).min(1, "Choose an option first.").max(64),
  attemptToken: z
    .string()
    .regex(/^[A-Za-z0-9_-]{8,64}$/, "The attempt token is malformed. Reload the page and try again."),
  responseMs: z.coerce.number().int().min(0).max(24 * 60 * 60 * 1000).catch(0),
  confidence: z.enum(CONFIDENCE_LEVELS).default("SURE"),
  sessionId: z.string().min(1).max(64).optional(),
});

export type SubmitAnswerInput = z.infer<typeof submitAnswerSchema>;
