import { z } from "./zod";

/** Where a student goes once they have chosen: home, or back to the welcome step. */
export const AFTER_CHOOSING = ["/", "/welcome"] as const;

export const chooseSubjectSchema = z.object({
  subjectId: z.string({ error: "Choose a subject." }).trim().min(1, "Choose a subject.").max(64, "Choose one of the subjects listed."),
  next: z.enum(AFTER_CHOOSING).catch("/"),
});
