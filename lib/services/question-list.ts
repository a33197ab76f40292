import "server-only";
import type { Difficulty, Prisma } from "../generated/prisma/client";
import { assertRole, STAFF_ROLES, type ActionUser } from "../server/action-client";
import { databaseProvider, getDb, type DbTx } from "../server/db";
import { MAX_TAGS } from "../questions/tags";
import { PAGE_SIZE, type QuestionFilter, type QuestionListQuery, type QuestionSort, type SortDirection } from "../validation/question-list";

/**
 * The instructor's bank list: one page of questions matching a search and
 * filters, in any column's order. Built for banks of many thousands: every
 * filter is on an indexed column of Question (topic and subject slugs are
 * resolved to topic ids first), the page is a `take/skip` of the sorted
 * query plus one count, and the stems and open reports are read for the
 * page's ids only.
 */

export type QuestionListRow = {
  id: string;
  slug: string;
  stem: string;
  topic: string;
  status: string;
  difficulty: string;
  kind: string;
  tags: string[];
  attempts: number;
  /** First-attempt correct share; null before any attempt. */
  facility: number | null;
  openReports: number;
  updatedAt: Date;
};

export type QuestionListPage = {
  rows: QuestionListRow[];
  total: number;
  /** The page shown (a page past the end shows the last one). */
  page: number;
  pageCount: number;
  pageSize: number;
  /** 1-based positions of the first and last row shown; 0 when empty. */
  from: number;
  to: number;
};

const LIKE_WILDCARD = /[%_]/;

/** Text for a LIKE pattern whose ESCAPE character is a backslash: the user's %, _ and backslash match themselves. */
export function escapeLike(text: string): string {
  return text.replace(/[\\%_]/g, (c) => `\\${c}`);
}

/** The where clause for a filter, or null when it names a subject or topic that does not exist (nothing matches). */
export async function resolveQuestionWhere(db: DbTx, filter: QuestionFilter): Promise<Prisma.QuestionWhereInput | null> {
  const and: Prisma.QuestionWhereInput[] = [];
  if (filter.topic) {
    const topic = await db.topic.findUnique({ where: { slug: filter.topic }, select: { id: true, subject: { select: { slug: true } } } });
    if (!topic || (filter.subject && topic.subject.slug !== filter.subject)) return null;
    and.push({ topicId: topic.id });
  } else if (filter.subject) {
    const topics = await db.topic.findMany({ where: { subject: { slug: filter.subject } }, select: { id: true } });
    if (topics.length === 0) return null;
    and.push({ topicId: { in: topics.map((t) => t.id) } });
  }
  if (filter.status) and.push({ status: filter.status });
  if (filter.difficulty) and.push({ difficulty: filter.difficulty });
  if (filter.kind) and.push({ kind: filter.kind });
  if (filter.q) {
    // searchText is lower-cased; LIKE folds ASCII case only, so fold the query too.
    const q = filter.q.toLowerCase();
    if (!LIKE_WILDCARD.test(q)) {
      and.push({ searchText: { contains: q } });
    } else {
      // Prisma's `contains` passes % and _ through as LIKE wildcards ("100%" would match "1000")
      // and has no ESCAPE clause, so a query holding them finds its ids with an escaped LIKE.
      // Few questions contain these characters, so the id list stays short.
      const rows = await db.$queryRaw<Array<{ id: string }>>`SELECT "id" FROM "Question" WHERE "searchText" LIKE ${`%${escapeLike(q)}%`} ESCAPE '\\'`;
      if (rows.length === 0) return null;
      and.push({ id: { in: rows.map((r) => r.id) } });
    }
  }
  if (filter.tag) {
    // Prisma has no "array contains" filter for SQLite JSON, but it compares one array position
    // exactly; a question holds at most MAX_TAGS tags, so asking at each position is exact.
    const tag = filter.tag;
    if (databaseProvider() === "postgresql") {
      // jsonb has containment, and its JSON paths are arrays: the client's types are SQLite's, which know neither.
      and.push({ tags: { array_contains: [tag] } } as unknown as Prisma.QuestionWhereInput);
    } else {
      and.push({ OR: Array.from({ length: MAX_TAGS }, (_, i) => ({ tags: { path: `$[${String(i)}]`, equals: tag } })) });
    }
  }
  return and.length === 0 ? {} : { AND: and };
}

/**
 * The order of a sort column. Where an index exists (slug, updated, status)
 * the order is exactly the index's, so SQLite walks it instead of sorting;
 * other columns break ties by slug so pages never overlap.
 */
export function questionOrder(sort: QuestionSort, dir: SortDirection): Prisma.QuestionOrderByWithRelationInput[] {
  switch (sort) {
    case "slug":
      return [{ slug: dir }];
    case "updated":
      return [{ updatedAt: dir }];
    case "status":
      return [{ status: dir }, { updatedAt: dir }];
    case "topic":
      return [{ topic: { name: dir } }, { slug: "asc" }];
    case "kind":
      return [{ kind: dir }, { slug: "asc" }];
    case "difficulty":
      // Only reached for one difficulty at a time (see listQuestions): easy < medium < hard is not alphabetical.
      return [{ slug: "asc" }];
    case "attempts":
      return [{ calibration: { attempts: dir } }, { slug: "asc" }];
    case "facility":
      return [{ calibration: { facility: { sort: dir, nulls: "last" } } }, { slug: "asc" }];
  }
}

const DIFFICULTY_ORDER: readonly Difficulty[] = ["EASY", "MEDIUM", "HARD"];

export const LIST_SELECT = {
  id: true,
  slug: true,
  status: true,
  difficulty: true,
  kind: true,
  tags: true,
  currentVersion: true,
  updatedAt: true,
  topic: { select: { name: true } },
  calibration: { select: { attempts: true, facility: true } },
} satisfies Prisma.QuestionSelect;

type ListedQuestion = Prisma.QuestionGetPayload<{ select: typeof LIST_SELECT }>;

const STEM_PREVIEW = 140;

function stemStart(stem: string): string {
  const flat = stem.replace(/\s+/g, " ").trim();
  return flat.length > STEM_PREVIEW ? `${flat.slice(0, STEM_PREVIEW - 1).trimEnd()}…` : flat;
}

function tagList(value: unknown): string[] {
  return Array.isArray(value) ? value.filter((t): t is string => typeof t === "string") : [];
}

/** Difficulty in its natural order: one indexed query per difficulty the page reaches, skipping whole buckets by their counts. */
async function pageByDifficulty(db: DbTx, where: Prisma.QuestionWhereInput, dir: SortDirection, skip: number, take: number): Promise<ListedQuestion[]> {
  const counts = await db.question.groupBy({ by: ["difficulty"], where, _count: { _all: true } });
  const countOf = new Map(counts.map((c) => [c.difficulty, c._count._all]));
  const order = dir === "asc" ? DIFFICULTY_ORDER : [...DIFFICULTY_ORDER].reverse();
  const rows: ListedQuestion[] = [];
  let offset = skip;
  for (const difficulty of order) {
    if (rows.length >= take) break;
    const count = countOf.get(difficulty) ?? 0;
    if (offset >= count) {
      offset -= count;
      continue;
    }
    const part = await db.question.findMany({
      where: { AND: [where, { difficulty }] },
      orderBy: { slug: "asc" },
      skip: offset,
      take: take - rows.length,
      select: LIST_SELECT,
    });
    rows.push(...part);
    offset = 0;
  }
  return rows;
}

export async function listQuestions(actor: ActionUser, query: QuestionListQuery): Promise<QuestionListPage> {
  assertRole(actor, STAFF_ROLES);
  const db = getDb();
  const where = await resolveQuestionWhere(db, query);
  const empty: QuestionListPage = { rows: [], total: 0, page: 1, pageCount: 1, pageSize: PAGE_SIZE, from: 0, to: 0 };
  if (where === null) return empty;

  const total = await db.question.count({ where });
  if (total === 0) return empty;
  const pageCount = Math.ceil(total / PAGE_SIZE);
  const page = Math.min(query.page, pageCount);
  const skip = (page - 1) * PAGE_SIZE;

  const questions =
    query.sort === "difficulty"
      ? await pageByDifficulty(db, where, query.dir, skip, PAGE_SIZE)
      : await db.question.findMany({ where, orderBy: questionOrder(query.sort, query.dir), skip, take: PAGE_SIZE, select: LIST_SELECT });

  const ids = questions.map((q) => q.id);
  const [versions, reports] = await Promise.all([
    db.questionVersion.findMany({
      where: { OR: questions.map((q) => ({ questionId: q.id, version: q.currentVersion })) },
      select: { questionId: true, stem: true },
    }),
    db.problemReport.groupBy({ by: ["questionId"], where: { status: "OPEN", questionId: { in: ids } }, _count: { _all: true } }),
  ]);
  const stemOf = new Map(versions.map((v) => [v.questionId, v.stem]));
  const reportsOf = new Map(reports.map((r) => [r.questionId, r._count._all]));

  return {
    rows: questions.map((q) => ({
      id: q.id,
      slug: q.slug,
      stem: stemStart(stemOf.get(q.id) ?? ""),
      topic: q.topic.name,
      status: q.status,
      difficulty: q.difficulty,
      kind: q.kind,
      tags: tagList(q.tags),
      attempts: q.calibration?.attempts ?? 0,
      facility: q.calibration?.facility ?? null,
      openReports: reportsOf.get(q.id) ?? 0,
      updatedAt: q.updatedAt,
    })),
    total,
    page,
    pageCount,
    pageSize: PAGE_SIZE,
    from: skip + 1,
    to: skip + questions.length,
  };
}

/** How many questions a filter picks (the export page's "these N questions"). */
export async function countQuestions(actor: ActionUser, filter: QuestionFilter): Promise<number> {
  assertRole(actor, STAFF_ROLES);
  const db = getDb();
  const where = await resolveQuestionWhere(db, filter);
  return where === null ? 0 : db.question.count({ where });
}

export type QuestionListChoices = {
  subjects: Array<{ slug: string; name: string; topics: Array<{ slug: string; name: string }> }>;
};

/** The subjects and their topics, for the list's filter selects. */
export async function questionListChoices(actor: ActionUser): Promise<QuestionListChoices> {
  assertRole(actor, STAFF_ROLES);
  const subjects = await getDb().subject.findMany({
    orderBy: { name: "asc" },
    select: { slug: true, name: true, topics: { orderBy: { position: "asc" }, select: { slug: true, name: true } } },
  });
  return { subjects };
}
