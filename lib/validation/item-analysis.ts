import { z } from "./zod";

/**
 * The item analysis page's URL search params (/instructor/analytics/items):
 * subject and topic slugs, "flagged only", sort and page. Each param is
 * checked on its own; a malformed one falls back to its default and is named
 * in `ignored`, so the page can say which part of the address it did not
 * understand instead of failing.
 */

export const ITEM_SORTS = ["discrimination", "facility", "n"] as const;
export type ItemSort = (typeof ITEM_SORTS)[number];
export type SortDirection = "asc" | "desc";
/** Versions per page: each row carries its options' analysis, so a page of 25 is already a long read. */
export const ITEM_PAGE_SIZE = 25;
/** Far beyond any real bank; bounds what a crafted link can ask for. */
const MAX_PAGE = 10_000;

const slugParam = z
  .string()
  .trim()
  .regex(/^[a-z0-9]+(?:-[a-z0-9]+)*$/)
  .max(100);

const FIELDS = {
  subject: slugParam,
  topic: slugParam,
  flagged: z.enum(["1", "true", "on"]).transform(() => true),
  sort: z.enum(ITEM_SORTS),
  dir: z.enum(["asc", "desc"]),
  page: z.coerce.number().int().min(1).max(MAX_PAGE),
} as const;

export type ItemAnalysisQuery = {
  subject?: string;
  topic?: string;
  flagged: boolean;
  sort: ItemSort;
  dir: SortDirection;
  page: number;
};

/** The weakest items first (low discrimination, low facility); by attempts, the most answered first. */
export function defaultItemDirection(sort: ItemSort): SortDirection {
  return sort === "n" ? "desc" : "asc";
}

type SearchParams = Record<string, string | string[] | undefined> | URLSearchParams;

export function parseItemAnalysisQuery(params: SearchParams): { query: ItemAnalysisQuery; ignored: string[] } {
  const raw: Record<string, string> = {};
  const entries = params instanceof URLSearchParams ? [...params.entries()] : Object.entries(params);
  for (const [key, value] of entries) {
    if (key in raw) continue;
    const first = Array.isArray(value) ? value[0] : value;
    if (typeof first === "string" && first.trim() !== "") raw[key] = first;
  }
  const ignored: string[] = [];
  const read = <K extends keyof typeof FIELDS>(key: K): z.output<(typeof FIELDS)[K]> | undefined => {
    if (raw[key] === undefined) return undefined;
    const parsed = FIELDS[key].safeParse(raw[key]);
    if (parsed.success) return parsed.data as z.output<(typeof FIELDS)[K]>;
    ignored.push(key);
    return undefined;
  };
  const sort = read("sort") ?? "discrimination";
  const subject = read("subject");
  const topic = read("topic");
  const query: ItemAnalysisQuery = {
    ...(subject !== undefined ? { subject } : {}),
    ...(topic !== undefined ? { topic } : {}),
    flagged: read("flagged") ?? false,
    sort,
    dir: read("dir") ?? defaultItemDirection(sort),
    page: read("page") ?? 1,
  };
  return { query, ignored };
}

/** Search params for a query, defaults left out so links stay short. */
export function itemAnalysisParams(query: Partial<ItemAnalysisQuery>): URLSearchParams {
  const params = new URLSearchParams();
  if (query.subject) params.set("subject", query.subject);
  if (query.topic) params.set("topic", query.topic);
  if (query.flagged) params.set("flagged", "1");
  const sort = query.sort ?? "discrimination";
  if (sort !== "discrimination") params.set("sort", sort);
  if (query.dir && query.dir !== defaultItemDirection(sort)) params.set("dir", query.dir);
  if (query.page && query.page > 1) params.set("page", String(query.page));
  return params;
}

export function itemAnalysisHref(query: Partial<ItemAnalysisQuery>): string {
  const search = itemAnalysisParams(query).toString();
  return search ? `/instructor/analytics/items?${search}` : "/instructor/analytics/items";
}
