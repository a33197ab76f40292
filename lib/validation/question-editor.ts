import { z } from "./zod";

/**
 * The question editor's form, shared by the browser (live errors) and the
 * server action (the real check). Pure. The form posts repeated fields
 * (optionText, optionFeedback) and the index of the correct option;
 * `editorInputFromForm` shapes that into the input the schema reads, and
 * errors come back keyed by field path ("stem", "options.2.text", "correct").
 */

export const QUESTION_STATUSES = ["DRAFT", "IN_REVIEW", "PUBLISHED", "RETIRED"] as const;
export const STATUS_LABELS: Record<(typeof QUESTION_STATUSES)[number], string> = {
  DRAFT: "Draft",
  IN_REVIEW: "In review",
  PUBLISHED: "Published",
  RETIRED: "Retired",
};
export const EDITOR_DIFFICULTIES = ["EASY", "MEDIUM", "HARD"] as const;
export const EDITOR_KINDS = ["RECALL", "APPLICATION", "CONTRAST"] as const;
export const MIN_OPTIONS = 2;
export const MAX_OPTIONS = 6;

export const EDITOR_LIMITS = { stem: 2000, option: 500, feedback: 1000, explanation: 3000, source: 200, sources: 20, tag: 40, tags: 20 } as const;

export type QuestionStatusValue = (typeof QUESTION_STATUSES)[number];

/** What the form holds, as typed: every field a string (the raw values a failed save sends back). */
export type EditorValues = {
  stem: string;
  options: Array<{ text: string; feedback: string }>;
  correct: string;
  explanation: string;
  topicId: string;
  difficulty: string;
  kind: string;
  sources: string;
  tags: string;
  status: string;
};

function text(what: string, max: number) {
  return z
    .string({ error: `Write ${what}.` })
    .trim()
    .min(1, `Write ${what}.`)
    .max(max, `Use at most ${max} characters.`);
}

function lines(value: string): string[] {
  return value
    .split(/\r?\n/)
    .map((s) => s.trim())
    .filter(Boolean);
}

function commaList(value: string): string[] {
  const seen = new Set<string>();
  for (const raw of value.split(",")) {
    const tag = raw.trim().toLowerCase().replace(/\s+/g, " ");
    if (tag) seen.add(tag);
  }
  return [...seen];
}

export const questionEditorSchema = z
  .object({
    stem: text("the question (stem)", EDITOR_LIMITS.stem),
    options: z
      .array(z.object({ text: text("the option's text", EDITOR_LIMITS.option), feedback: text("feedback for this option", EDITOR_LIMITS.feedback) }))
      .min(MIN_OPTIONS, `Give at least ${MIN_OPTIONS} options.`)
      .max(MAX_OPTIONS, `Give at most ${MAX_OPTIONS} options.`),
    correct: z.string({ error: "Mark the correct option." }).regex(/^\d$/, "Mark the correct option.").transform(Number),
    explanation: text("an explanation", EDITOR_LIMITS.explanation),
    topicId: z.string({ error: "Choose a topic." }).trim().min(1, "Choose a topic.").max(64, "Choose a topic."),
    difficulty: z.enum(EDITOR_DIFFICULTIES, { error: "Choose a difficulty." }),
    kind: z.enum(EDITOR_KINDS, { error: "Choose a kind." }),
    sources: z
      .string()
      .default("")
      .transform(lines)
      .pipe(
        z
          .array(z.string().max(EDITOR_LIMITS.source, `Keep each source under ${EDITOR_LIMITS.source} characters.`))
          .max(EDITOR_LIMITS.sources, `List at most ${EDITOR_LIMITS.sources} sources.`),
      ),
    tags: z
      .string()
      .default("")
      .transform(commaList)
      .pipe(
        z
          .array(z.string().max(EDITOR_LIMITS.tag, `Keep each tag under ${EDITOR_LIMITS.tag} characters.`))
          .max(EDITOR_LIMITS.tags, `Use at most ${EDITOR_LIMITS.tags} tags.`),
      ),
    status: z.enum(QUESTION_STATUSES, { error: "Choose a status." }),
  })
  .superRefine((value, ctx) => {
    if (value.correct >= value.options.length) {
      ctx.addIssue({ code: "custom", path: ["correct"], message: "Mark the correct option." });
    }
  })
  .transform(({ correct, options, ...rest }) => ({
    ...rest,
    options: options.map((o, i) => ({ text: o.text, feedback: o.feedback, correct: i === correct })),
  }));

export type QuestionEditorInput = z.output<typeof questionEditorSchema>;

export type EditorFieldErrors = Record<string, string[] | undefined>;

const asArray = (value: unknown): string[] =>
  Array.isArray(value) ? value.map((v) => (typeof v === "string" ? v : "")) : typeof value === "string" ? [value] : [];
const asString = (value: unknown): string => (typeof value === "string" ? value : "");

/** The form's flat fields (as formDataToObject or Object.fromEntries give them) shaped into the editor's values. */
export function editorInputFromForm(raw: Record<string, unknown>): EditorValues {
  const texts = asArray(raw.optionText);
  const feedbacks = asArray(raw.optionFeedback);
  const count = Math.min(Math.max(texts.length, feedbacks.length), MAX_OPTIONS + 1);
  return {
    stem: asString(raw.stem),
    options: Array.from({ length: count }, (_, i) => ({ text: texts[i] ?? "", feedback: feedbacks[i] ?? "" })),
    correct: asString(raw.correct),
    explanation: asString(raw.explanation),
    topicId: asString(raw.topicId),
    difficulty: asString(raw.difficulty),
    kind: asString(raw.kind),
    sources: asString(raw.sources),
    tags: asString(raw.tags),
    status: asString(raw.status),
  };
}

export type EditorValidation = { ok: true; data: QuestionEditorInput } | { ok: false; fieldErrors: EditorFieldErrors };

/** Validates the editor's values; errors keyed by dotted path ("options.1.feedback"). */
export function validateQuestionEditor(values: EditorValues): EditorValidation {
  const parsed = questionEditorSchema.safeParse(values);
  if (parsed.success) return { ok: true, data: parsed.data };
  const fieldErrors: EditorFieldErrors = {};
  for (const issue of parsed.error.issues) {
    const key = issue.path.map(String).join(".") || "form";
    (fieldErrors[key] ??= []).push(issue.message);
  }
  return { ok: false, fieldErrors };
}

/** Any form post of the editor: flat strings or repeated strings. The editor schema does the real check. */
export const editorFormSchema = z.record(z.string(), z.union([z.string(), z.array(z.string())]));

export const questionIdSchema = z.object({ questionId: z.string().min(1).max(64) });

export const deleteQuestionSchema = z.object({
  questionId: z.string().min(1).max(64),
  confirm: z.literal("on", { error: "Tick the box to confirm that you want to delete this question." }),
});

export const setStatusSchema = z.object({
  questionId: z.string().min(1).max(64),
  status: z.enum(QUESTION_STATUSES, { error: "Choose a status." }),
});

export const stemCheckSchema = z.object({
  stem: z.string().max(EDITOR_LIMITS.stem * 2),
  topicId: z.string().max(64),
  questionId: z.string().max(64).optional(),
});
