import { z } from "../validation/zod";

/**
 * Schema of a bundled question bank file (prisma/seed/ipt-bank.json).
 * Pure: no I/O. The content lint (lib/questions/bank-lint.ts) runs on top of it.
 */

export const DIFFICULTIES = ["easy", "medium", "hard"] as const;
export const QUESTION_KINDS = ["recall", "application", "contrast"] as const;
export const OPTIONS_PER_QUESTION = 4;

export type BankDifficulty = (typeof DIFFICULTIES)[number];
export type BankQuestionKind = (typeof QUESTION_KINDS)[number];

const slug = z
  .string()
  .regex(/^[a-z0-9]+(?:-[a-z0-9]+)*$/, "must be a lowercase slug (letters, digits, single hyphens)");

const text = z.string().trim().min(1, "must not be empty");

export const bankOptionSchema = z.strictObject({
  text,
  correct: z.boolean(),
  feedback: text,
});

export const bankQuestionSchema = z.strictObject({
  id: z.string().regex(/^[a-z0-9]+(?:-[a-z0-9]+)*-\d{3}$/, 'must look like "ipt-grief-007"'),
  topic: slug,
  stem: text,
  options: z
    .array(bankOptionSchema)
    .length(OPTIONS_PER_QUESTION, `must have exactly ${OPTIONS_PER_QUESTION} options`)
    .refine((options) => options.filter((o) => o.correct).length === 1, "must have exactly one correct option"),
  explanation: text,
  sources: z
    .array(z.string().regex(/^[\w.-]+\.txt$/, "must be a seed article file name"))
    .min(1, "must cite at least one seed article"),
  difficulty: z.enum(DIFFICULTIES),
  kind: z.enum(QUESTION_KINDS),
});

export const bankTopicSchema = z.strictObject({
  slug,
  name: text,
  description: z.string().default(""),
  /** Share of the exam blueprint; a subject's weights sum to 1. */
  weight: z.number().positive().max(1),
});

export const bankSubjectSchema = z.strictObject({
  slug,
  name: text,
  description: z.string().default(""),
});

export const questionBankSchema = z
  .strictObject({
    subject: bankSubjectSchema,
    topics: z.array(bankTopicSchema).min(1),
    questions: z.array(bankQuestionSchema),
  })
  .superRefine((bank, ctx) => {
    const topicSlugs = new Set<string>();
    bank.topics.forEach((topic, i) => {
      if (topicSlugs.has(topic.slug)) {
        ctx.addIssue({ code: "custom", path: ["topics", i, "slug"], message: `duplicate topic slug "${topic.slug}"` });
      }
      topicSlugs.add(topic.slug);
    });
    const weightSum = bank.topics.reduce((sum, t) => sum + t.weight, 0);
    if (Math.abs(weightSum - 1) > 1e-6) {
      ctx.addIssue({ code: "custom", path: ["topics"], message: `topic weights must sum to 1 (they sum to ${weightSum.toFixed(4)})` });
    }
    const ids = new Set<string>();
    bank.questions.forEach((question, i) => {
      if (ids.has(question.id)) {
        ctx.addIssue({ code: "custom", path: ["questions", i, "id"], message: `duplicate question id "${question.id}"` });
      }
      ids.add(question.id);
      if (!topicSlugs.has(question.topic)) {
        ctx.addIssue({ code: "custom", path: ["questions", i, "topic"], message: `unknown topic "${question.topic}"` });
      }
    });
  });

export type BankOption = z.infer<typeof bankOptionSchema>;
export type BankQuestion = z.infer<typeof bankQuestionSchema>;
export type BankTopic = z.infer<typeof bankTopicSchema>;
export type QuestionBank = z.infer<typeof questionBankSchema>;

/** A readable, one-line-per-problem description of why a bank failed validation, naming the item id. */
export function describeBankIssues(input: unknown, error: z.ZodError): string[] {
  return error.issues.map((issue) => {
    const [section, index, ...rest] = issue.path;
    let where = issue.path.join(".");
    if (section === "questions" && typeof index === "number") {
      const raw = (input as { questions?: unknown[] } | null)?.questions?.[index];
      const id = raw && typeof raw === "object" && "id" in raw && typeof raw.id === "string" ? raw.id : `#${index}`;
      where = `question ${id}${rest.length ? ` field ${rest.join(".")}` : ""}`;
    }
    return `${where || "(file)"}: ${issue.message}`;
  });
}
