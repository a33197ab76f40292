import { z } from "./zod";

/**
 * The bank list's URL search params (/instructor/questions and the export
 * download): search, filters, sort and page. Each param is checked on its
 * own, and a bad one falls back to its default, so a hand-edited or stale
 * link still shows a list instead of an error.
 */

export const QUESTION_STATUSES = ["DRAFT", "IN_REVIEW", "PUBLISHED", "RETIRED"] as const;
export const QUESTION_DIFFICULTIES = ["EASY", "MEDIUM", "HARD"] as const;
export const QUESTION_KINDS_UPPER = ["RECALL", "APPLICATION", "CONTRAST"] as const;
export const QUESTION_SORTS = ["slug", "topic", "status", "difficulty", "kind", "updated", "attempts", "facility"] as const;
export const PAGE_SIZE = 50;
/** Far beyond any real bank (10,000 questions is 200 pages); bounds the offset a crafted link can ask for. */
const MAX_PAGE = 100_000;

export type QuestionSort = (typeof QUESTION_SORTS)[number];
export type SortDirection = "asc" | "desc";

/** Slugs of subjects and topics: what a select sends. */
const slugParam = z
  .string()
  .trim()
  .regex(/^[a-z0-9]+(?:-[a-z0-9]+)*$/)
  .max(100);

const optional = <T extends z.ZodType>(schema: T) => schema.optional().catch(undefined);

export const questionFilterSchema = z.object({
  q: z.string().trim().max(200).catch("").default(""),
  subject: optional(slugParam),
  topic: optional(slugParam),
  status: optional(z.enum(QUESTION_STATUSES)),
  difficulty: optional(z.enum(QUESTION_DIFFICULTIES)),
  kind: optional(z.enum(QUESTION_KINDS_UPPER)),
  tag: optional(z.string().trim().min(1).max(100)),
});

export const questionListQuerySchema = questionFilterSchema.extend({
  sort: z.enum(QUESTION_SORTS).catch("updated").default("updated"),
  dir: z.enum(["asc", "desc"]).optional().catch(undefined),
  page: z.coerce.number().int().min(1).max(MAX_PAGE).catch(1).default(1),
});

export type QuestionFilter = z.output<typeof questionFilterSchema>;
export type QuestionListQuery = Omit<z.output<typeof questionListQuerySchema>, "dir"> & { dir: SortDirection };

/** Updated dates read newest first; every other column starts from the top of its order. */
export function defaultDirection(sort: QuestionSort): SortDirection {
  return sort === "updated" ? "desc" : "asc";
}

type SearchParams = Record<string, string | string[] | undefined> | URLSearchParams;

/** The first value of each param (a repeated param keeps its first), blanks dropped. */
function plainParams(params: SearchParams): Record<string, string> {
  const out: Record<string, string> = {};
  const entries = params instanceof URLSearchParams ? [...params.entries()] : Object.entries(params);
  for (const [key, raw] of entries) {
    if (key in out) continue;
    const value = Array.isArray(raw) ? raw[0] : raw;
    if (typeof value === "string" && value.trim() !== "") out[key] = value;
  }
  return out;
}

export function parseQuestionListQuery(params: SearchParams): QuestionListQuery {
  const parsed = questionListQuerySchema.parse(plainParams(params));
  return { ...parsed, dir: parsed.dir ?? defaultDirection(parsed.sort) };
}

export function parseQuestionFilter(params: SearchParams): QuestionFilter {
  return questionFilterSchema.parse(plainParams(params));
}

/** Search params for a filter (and optionally sort and page), defaults left out so links stay short. */
export function questionListParams(query: Partial<QuestionListQuery>): URLSearchParams {
  const params = new URLSearchParams();
  if (query.q) params.set("q", query.q);
  for (const key of ["subject", "topic", "status", "difficulty", "kind", "tag"] as const) {
    const value = query[key];
    if (value) params.set(key, value);
  }
  if (query.sort && query.sort !== "updated") params.set("sort", query.sort);
  if (query.sort && query.dir && query.dir !== defaultDirection(query.sort)) params.set("dir", query.dir);
  else if (!query.sort && query.dir && query.dir !== "desc") params.set("dir", query.dir);
  if (query.page && query.page > 1) params.set("page", String(query.page));
  return params;
}

/** True when any filter narrows the bank. */
export function isFiltered(filter: QuestionFilter): boolean {
  return Boolean(filter.q || filter.subject || filter.topic || filter.status || filter.difficulty || filter.kind || filter.tag);
}

/** True when a filter picks part of a subject (the subject alone picks its whole bank). */
export function isExportSelection(filter: QuestionFilter): boolean {
  return isFiltered({ ...filter, subject: undefined });
}
