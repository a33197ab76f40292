import { z } from "./zod";

/** Shared by the subject, topic and blueprint forms and their server actions. */

export const SLUG_MAX = 60;
const SLUG_PATTERN = /^[a-z0-9]+(?:-[a-z0-9]+)*$/;

/** "Problem area: Grief & loss" -> "problem-area-grief-loss"; accents dropped, at most SLUG_MAX characters. */
export function slugify(text: string, max = SLUG_MAX): string {
  const slug = text
    .normalize("NFKD")
    .replace(/[\u0300-\u036f]/g, "")
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, "-")
    .replace(/^-+|-+$/g, "");
  return slug.slice(0, max).replace(/-+$/, "");
}

const idField = z.string().min(1).max(64);
const nameField = (what: string) =>
  z.string({ error: `Name the ${what}.` }).trim().min(1, `Name the ${what}.`).max(100, "Use at most 100 characters.");
const descriptionField = z.string().trim().max(1000, "Use at most 1000 characters.").optional().default("");

export const createSubjectSchema = z
  .object({
    name: nameField("subject"),
    slug: z.string().trim().toLowerCase().max(SLUG_MAX, `Use at most ${SLUG_MAX} characters.`).optional().default(""),
    description: descriptionField,
  })
  .transform((input, ctx) => {
    const slug = input.slug || slugify(input.name);
    if (!slug) {
      ctx.addIssue({ code: "custom", path: ["slug"], message: "Enter a slug with at least one letter or digit, like “cbt”." });
      return z.NEVER;
    }
    if (!SLUG_PATTERN.test(slug)) {
      ctx.addIssue({
        code: "custom",
        path: ["slug"],
        message: "Use lower-case letters, digits and single dashes between them, like “cognitive-therapy”.",
      });
      return z.NEVER;
    }
    return { ...input, slug };
  });

export const subjectSlugSchema = z.object({ subjectSlug: z.string().min(1).max(SLUG_MAX + 20) });

export const createTopicSchema = z.object({
  subjectSlug: z.string().min(1).max(SLUG_MAX + 20),
  name: nameField("topic"),
  description: descriptionField,
});

export const updateTopicSchema = z.object({ topicId: idField, name: nameField("topic"), description: descriptionField });
export const moveTopicSchema = z.object({ topicId: idField, direction: z.enum(["up", "down"]) });
export const topicIdSchema = z.object({ topicId: idField });

/** Tenths of a percent in a whole blueprint: weights are entered as "60" or "33.3" and must add up to 100. */
export const BLUEPRINT_TOTAL_TENTHS = 1000;

/** "60" -> 600, "33.3" -> 333, "12,5" -> 125; null when it is not a whole or one-decimal percentage from 0 to 100. */
export function parsePercentTenths(raw: string): number | null {
  const text = raw.trim().replace(",", ".").replace(/%$/, "").trim();
  const match = /^(\d{1,3})(?:\.(\d))?$/.exec(text);
  if (!match) return null;
  const tenths = Number(match[1]) * 10 + Number(match[2] ?? "0");
  return tenths <= BLUEPRINT_TOTAL_TENTHS ? tenths : null;
}

/** 600 -> "60", 333 -> "33.3". */
export function formatTenths(tenths: number): string {
  return (tenths / 10).toFixed(tenths % 10 === 0 ? 0 : 1);
}

/** A stored weight (a fraction of 1) as tenths of a percent. */
export function weightToTenths(weight: number): number {
  return Math.round(weight * BLUEPRINT_TOTAL_TENTHS);
}

/** The name of a blueprint form's field for one topic. */
export function weightFieldName(topicId: string): string {
  return `weight-${topicId}`;
}

const asList = z.preprocess((value: unknown) => (value === undefined ? [] : Array.isArray(value) ? (value as unknown[]) : [value]), z.array(z.string().max(64)));

/**
 * One form for the whole subject: a hidden topicId and a percentage field per
 * topic. A bad entry is reported beside its field; a total other than 100 is
 * reported with the total as entered.
 */
export const blueprintSchema = z
  .object({ subjectSlug: z.string().min(1).max(SLUG_MAX + 20), topicId: asList })
  .catchall(z.unknown())
  .transform((input, ctx) => {
    const weights: Array<{ topicId: string; tenths: number }> = [];
    let valid = true;
    for (const topicId of input.topicId) {
      const field = weightFieldName(topicId);
      const raw = input[field];
      const tenths = typeof raw === "string" ? parsePercentTenths(raw) : null;
      if (tenths === null) {
        valid = false;
        ctx.addIssue({ code: "custom", path: [field], message: "Enter a percentage from 0 to 100 with at most one decimal, like 12.5." });
        continue;
      }
      weights.push({ topicId, tenths });
    }
    if (input.topicId.length === 0) {
      ctx.addIssue({ code: "custom", path: [], message: "This subject has no topics to weigh yet." });
      return z.NEVER;
    }
    if (!valid) return z.NEVER;
    const total = weights.reduce((sum, w) => sum + w.tenths, 0);
    if (total !== BLUEPRINT_TOTAL_TENTHS) {
      ctx.addIssue({
        code: "custom",
        path: [],
        message: `The weights add up to ${formatTenths(total)}%; they must add up to exactly 100%. Nothing was saved.`,
      });
      return z.NEVER;
    }
    return { subjectSlug: input.subjectSlug, weights };
  });

export type CreateSubjectInput = z.output<typeof createSubjectSchema>;
export type CreateTopicInput = z.output<typeof createTopicSchema>;
export type UpdateTopicInput = z.output<typeof updateTopicSchema>;
export type BlueprintEntry = { topicId: string; tenths: number };
