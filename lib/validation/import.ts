import { z } from "./zod";
import { IMPORT_FORMATS } from "../questions/formats/types";

const MAX_BYTES = 5 * 1024 * 1024;
const TOO_LARGE = "The file is larger than 5 MB; split it into smaller files.";
const MISSING = "Paste the questions or choose a file.";

/**
 * The import page's form: pasted text (with JavaScript a chosen file is read
 * into it in the browser) or, from a post without JavaScript, the file itself.
 */
export const importFormSchema = z
  .object({
    intent: z.enum(["preview", "import"]),
    /** The subject whose bank and topics the questions go into (IPT when absent, as before subjects). */
    subject: z
      .string()
      .trim()
      .max(100)
      .regex(/^[a-z0-9]+(?:-[a-z0-9]+)*$/, "Choose a subject.")
      .default("ipt"),
    format: z.enum(["auto", ...IMPORT_FORMATS]).default("auto"),
    topic: z.string().trim().max(100).optional(),
    publish: z.enum(["on"]).optional(),
    text: z.string({ error: MISSING }).max(MAX_BYTES, TOO_LARGE).default(""),
    file: z.instanceof(File).optional(),
  })
  .superRefine((input, ctx) => {
    const file = input.file && input.file.size > 0 ? input.file : undefined;
    if (file && file.size > MAX_BYTES) ctx.addIssue({ code: "custom", path: ["file"], message: TOO_LARGE });
    if (!file && input.text.length === 0) ctx.addIssue({ code: "custom", path: ["text"], message: MISSING });
  });

export type ImportFormInput = z.infer<typeof importFormSchema>;

/** The import form's fields as posted (strings, and the file without JavaScript), for importFormSchema. */
export function importFormFields(form: FormData): Record<string, unknown> {
  const fields: Record<string, unknown> = {};
  for (const key of ["intent", "subject", "format", "topic", "publish", "text"] as const) {
    const value = form.get(key);
    if (typeof value === "string") fields[key] = value;
  }
  const file = form.get("file");
  if (file instanceof File) fields.file = file;
  return fields;
}
