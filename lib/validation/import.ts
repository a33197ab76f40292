import { z } from "zod";
import { IMPORT_FORMATS } from "../questions/formats/types";

/** The import page's form: pasted text (an uploaded file is read into it in the browser). */
export const importFormSchema = z.object({
  intent: z.enum(["preview", "import"]),
  format: z.enum(["auto", ...IMPORT_FORMATS]).default("auto"),
  topic: z.string().trim().max(100).optional(),
  publish: z.enum(["on"]).optional(),
  text: z
    .string({ error: "Paste the questions or choose a file." })
    .min(1, "Paste the questions or choose a file.")
    .max(5 * 1024 * 1024, "The file is larger than 5 MB; split it into smaller files."),
});

export type ImportFormInput = z.infer<typeof importFormSchema>;
