import { PrismaBetterSQLite3 } from "@prisma/adapter-better-sqlite3";
import { describe, expect, it } from "vitest";
import { onPostgres } from "./postgres-databases";
import { PrismaClient, type Difficulty, type QuestionKind, type QuestionStatus } from "@/lib/generated/prisma/client";
import { getDb } from "@/lib/server/db";
import { LIST_SELECT, listQuestions, questionOrder, resolveQuestionWhere } from "@/lib/services/question-list";
import { parseQuestionListQuery, type QuestionFilter, type QuestionSort, type SortDirection } from "@/lib/validation/question-list";
import { createUser } from "../factories/users";

/**
 * The bank list against a bank of 10,000 questions: the right rows and total
 * for filtered, sorted pages, and query plans that walk indexes.
 */

const COUNT = 10_000;
const STATUSES: QuestionStatus[] = ["DRAFT", "IN_REVIEW", "PUBLISHED", "RETIRED"];
const DIFFICULTIES: Difficulty[] = ["EASY", "MEDIUM", "HARD"];
const KINDS: QuestionKind[] = ["RECALL", "APPLICATION", "CONTRAST"];
const BASE = Date.UTC(2026, 0, 1);

type Made = {
  id: string;
  slug: string;
  topic: number;
  status: QuestionStatus;
  difficulty: Difficulty;
  kind: QuestionKind;
  tags: string[];
  searchText: string;
  updatedAt: number;
  attempts: number;
  facility: number | null;
  openReports: number;
};

function plannedBank(): Made[] {
  const made: Made[] = [];
  for (let i = 0; i < COUNT; i++) {
    const slug = `bulk-${String(i).padStart(5, "0")}`;
    const attempts = i % 7 === 0 ? 0 : (i * 13) % 50;
    made.push({
      id: `qid-${String(i).padStart(5, "0")}`,
      slug,
      topic: i % 3,
      status: STATUSES[Math.floor(i / 3) % 4]!,
      difficulty: DIFFICULTIES[Math.floor(i / 12) % 3]!,
      kind: KINDS[Math.floor(i / 5) % 3]!,
      tags: i % 10 === 0 ? ["tenth", "bulk"] : ["bulk"],
      searchText: `${slug} stem ${i} ${i % 5 === 0 ? "grief" : "dispute"} option a option b`,
      // Not in slug order, so a sort by update is not a sort by slug in disguise.
      updatedAt: BASE + ((i * 7919) % COUNT) * 60_000,
      attempts,
      facility: attempts === 0 ? null : ((i * 37) % 101) / 100,
      openReports: i % 100 === 1 ? 1 : 0,
    });
  }
  return made;
}

async function createBank(): Promise<{ made: Made[]; topicSlugs: string[] }> {
  const made = plannedBank();
  const db = getDb();
  const reporter = await createUser();
  const subject = await db.subject.create({ data: { slug: "bulk", name: "Bulk subject" } });
  const topics = await Promise.all(
    ["Alpha", "Beta", "Gamma"].map((name, position) => db.topic.create({ data: { slug: `bulk-${name.toLowerCase()}`, name, subjectId: subject.id, position } })),
  );
  await db.$transaction(
    async (tx) => {
      for (let start = 0; start < made.length; start += 1000) {
        await tx.question.createMany({
          data: made.slice(start, start + 1000).map((q) => ({
            id: q.id,
            slug: q.slug,
            topicId: topics[q.topic]!.id,
            status: q.status,
            difficulty: q.difficulty,
            kind: q.kind,
            sources: [],
            tags: q.tags,
            searchText: q.searchText,
            updatedAt: new Date(q.updatedAt),
          })),
        });
      }
      await tx.questionVersion.createMany({
        data: made.map((q) => ({ id: `v-${q.id}`, questionId: q.id, version: 1, stem: `Stem of ${q.slug}?`, explanation: "", contentHash: q.slug })),
      });
      await tx.questionCalibration.createMany({
        data: made.map((q) => ({ questionId: q.id, rating: 0, attempts: q.attempts, firstAttempts: q.attempts, facility: q.facility })),
      });
      await tx.problemReport.createMany({
        data: made
          .filter((q) => q.openReports > 0)
          .map((q) => ({ userId: reporter.id, questionId: q.id, questionVersionId: `v-${q.id}`, category: "UNCLEAR" as const, reason: "Unclear." })),
      });
      // A resolved report is not an open one.
      await tx.problemReport.create({
        data: { userId: reporter.id, questionId: made[2]!.id, questionVersionId: `v-${made[2]!.id}`, category: "TYPO", reason: "Typo.", status: "RESOLVED" },
      });
    },
    { timeout: 60_000 },
  );
  return { made, topicSlugs: topics.map((t) => t.slug) };
}

/** What the page should hold, computed from the plan rather than the database. */
function expectedOrder(rows: Made[], sort: QuestionSort, dir: SortDirection): Made[] {
  const sign = dir === "asc" ? 1 : -1;
  const bySlug = (a: Made, b: Made) => a.slug.localeCompare(b.slug);
  const copy = [...rows];
  switch (sort) {
    case "facility":
      return copy.sort((a, b) => {
        if (a.facility === null || b.facility === null) return a.facility === b.facility ? bySlug(a, b) : a.facility === null ? 1 : -1;
        return sign * (a.facility - b.facility) || bySlug(a, b);
      });
    case "difficulty":
      return copy.sort((a, b) => sign * (DIFFICULTIES.indexOf(a.difficulty) - DIFFICULTIES.indexOf(b.difficulty)) || bySlug(a, b));
    case "updated":
      return copy.sort((a, b) => sign * (a.updatedAt - b.updatedAt));
    case "attempts":
      return copy.sort((a, b) => sign * (a.attempts - b.attempts) || bySlug(a, b));
    default:
      throw new Error(`no expectation for ${sort}`);
  }
}

describe("the bank list with 10,000 questions", () => {
  let made: Made[] = [];
  let topicSlugs: string[] = [];

  // Tables are emptied before each test and Prisma's createMany takes many seconds for 30,000 rows
  // on a shared machine, so the bank is made once and every check runs on it in one test.
  it("lists, filters, sorts, pages and plans queries on 10,000 questions", async () => {
    ({ made, topicSlugs } = await createBank());
    await filteredPageSortedByFacility();
    await facilityNullsLast();
    await difficultyAndDefaultOrder();
    await tagsReportsAndPastTheEnd();
    await emptyForForeignTopics();
    // The plans are SQLite's (EXPLAIN QUERY PLAN on a second SQLite client).
    if (!onPostgres) await indexedPlans();
  }, 300_000);

  /** Returns the right page and total for a search, topic and status filter sorted by facility. */
  async function filteredPageSortedByFacility() {
    const instructor = await createUser({ role: "INSTRUCTOR" });
    const query = parseQuestionListQuery({ q: "GRIEF", topic: topicSlugs[1], status: "PUBLISHED", sort: "facility", dir: "desc", page: "2" });
    const page = await listQuestions(instructor, query);

    const matching = made.filter((q) => q.topic === 1 && q.status === "PUBLISHED" && q.searchText.includes("grief"));
    const expected = expectedOrder(matching, "facility", "desc").slice(50, 100);
    expect(page.total).toBe(matching.length);
    expect(page.total).toBeGreaterThan(100);
    expect(page).toMatchObject({ page: 2, from: 51, to: 100 });
    expect(page.rows.map((r) => r.slug)).toEqual(expected.map((q) => q.slug));
    expect(page.rows.map((r) => r.facility)).toEqual(expected.map((q) => q.facility));
    expect(page.rows[0]).toMatchObject({ topic: "Beta", status: "PUBLISHED", stem: `Stem of ${expected[0]!.slug}?` });
  }

  /** Puts questions without attempts last in either facility direction. */
  async function facilityNullsLast() {
    const instructor = await createUser({ role: "INSTRUCTOR" });
    const total = made.length;
    const lastPage = Math.ceil(total / 50);
    for (const dir of ["asc", "desc"] as const) {
      const last = await listQuestions(instructor, parseQuestionListQuery({ sort: "facility", dir, page: String(lastPage) }));
      expect(last.rows.at(-1)?.facility).toBeNull();
      const first = await listQuestions(instructor, parseQuestionListQuery({ sort: "facility", dir }));
      expect(first.rows.map((r) => r.slug)).toEqual(expectedOrder(made, "facility", dir).slice(0, 50).map((q) => q.slug));
    }
  }

  /** Sorts difficulty easy, medium, hard across page boundaries, and pages by update by default. */
  async function difficultyAndDefaultOrder() {
    const instructor = await createUser({ role: "INSTRUCTOR" });
    const matching = made.filter((q) => q.kind === "CONTRAST");
    const byDifficulty = expectedOrder(matching, "difficulty", "desc");
    // Find a page that straddles the hard/medium boundary.
    const boundary = byDifficulty.findIndex((q) => q.difficulty === "MEDIUM");
    const pageNumber = Math.floor(boundary / 50) + 1;
    const page = await listQuestions(instructor, parseQuestionListQuery({ kind: "CONTRAST", sort: "difficulty", dir: "desc", page: String(pageNumber) }));
    expect(page.rows.map((r) => r.slug)).toEqual(byDifficulty.slice((pageNumber - 1) * 50, pageNumber * 50).map((q) => q.slug));
    expect(new Set(page.rows.map((r) => r.difficulty))).toEqual(new Set(["HARD", "MEDIUM"]));

    const first = await listQuestions(instructor, parseQuestionListQuery({}));
    expect(first).toMatchObject({ total: COUNT, page: 1, pageCount: 200, from: 1, to: 50 });
    expect(first.rows.map((r) => r.slug)).toEqual(expectedOrder(made, "updated", "desc").slice(0, 50).map((q) => q.slug));
  }

  /** Filters by tag exactly, counts open reports only, and shows the last page for one past the end. */
  async function tagsReportsAndPastTheEnd() {
    const instructor = await createUser({ role: "INSTRUCTOR" });
    const tenth = await listQuestions(instructor, parseQuestionListQuery({ tag: "tenth", sort: "slug", page: "999" }));
    expect(tenth.total).toBe(COUNT / 10);
    expect(tenth.page).toBe(20);
    expect(tenth.rows.every((r) => r.tags.includes("tenth"))).toBe(true);
    expect(tenth.rows.at(-1)?.slug).toBe("bulk-09990");
    // "tent" is part of a tag, not a tag.
    expect((await listQuestions(instructor, parseQuestionListQuery({ tag: "tent" }))).total).toBe(0);

    const reported = await listQuestions(instructor, parseQuestionListQuery({ sort: "slug" }));
    expect(reported.rows.find((r) => r.slug === "bulk-00001")?.openReports).toBe(1);
    expect(reported.rows.find((r) => r.slug === "bulk-00002")?.openReports).toBe(0);
    expect(reported.rows.filter((r) => r.openReports > 0)).toHaveLength(1);
  }

  /** Shows an empty page for a topic of another subject or an unknown one, never an error. */
  async function emptyForForeignTopics() {
    const instructor = await createUser({ role: "INSTRUCTOR" });
    expect((await listQuestions(instructor, parseQuestionListQuery({ topic: topicSlugs[0], subject: "other" }))).total).toBe(0);
    expect((await listQuestions(instructor, parseQuestionListQuery({ topic: "no-such-topic" }))).total).toBe(0);
    expect((await listQuestions(instructor, parseQuestionListQuery({ subject: "bulk", topic: topicSlugs[2] }))).total).toBe(made.filter((q) => q.topic === 2).length);
  }

  /** Walks indexes for the default sort and the status and topic filters. */
  async function indexedPlans() {
    const client = new PrismaClient({ adapter: new PrismaBetterSQLite3({ url: process.env.DATABASE_URL! }), log: [{ emit: "event", level: "query" }] });
    const queries: Array<{ sql: string; params: unknown[] }> = [];
    client.$on("query", (event) => queries.push({ sql: event.query, params: JSON.parse(event.params) as unknown[] }));

    /** The plan of the page query the list runs for this filter and sort. */
    async function pagePlan(filter: Partial<QuestionFilter>, sort: QuestionSort, dir: SortDirection): Promise<string> {
      const where = await resolveQuestionWhere(getDb(), { q: "", ...filter });
      if (where === null) throw new Error("the filter matched nothing");
      queries.length = 0;
      await client.question.findMany({ where, orderBy: questionOrder(sort, dir), skip: 50, take: 50, select: LIST_SELECT });
      const page = queries.find((q) => /FROM `main`\.`Question`/.test(q.sql) && /LIMIT/.test(q.sql));
      if (!page) throw new Error("no page query was logged");
      const rows = await getDb().$queryRawUnsafe<Array<{ detail: string }>>(`EXPLAIN QUERY PLAN ${page.sql}`, ...page.params);
      return rows.map((r) => r.detail).join("\n");
    }

    try {
      const byUpdate = await pagePlan({}, "updated", "desc");
      expect(byUpdate).toMatch(/USING INDEX Question_updatedAt_idx/);
      expect(byUpdate).not.toMatch(/TEMP B-TREE/);

      const published = await pagePlan({ status: "PUBLISHED" }, "updated", "desc");
      expect(published).toMatch(/USING INDEX Question_status_updatedAt_idx \(status=\?\)/);
      expect(published).not.toMatch(/TEMP B-TREE/);

      const bySlug = await pagePlan({}, "slug", "asc");
      expect(bySlug).toMatch(/USING INDEX Question_slug_key/);
      expect(bySlug).not.toMatch(/TEMP B-TREE/);

      const byStatus = await pagePlan({}, "status", "asc");
      expect(byStatus).toMatch(/USING INDEX Question_status_updatedAt_idx/);
      expect(byStatus).not.toMatch(/TEMP B-TREE/);

      // No (topicId, updatedAt) index: SQLite reads through the (topicId, status) or (status, updatedAt) one.
      const topicAndStatus = await pagePlan({ topic: topicSlugs[0], status: "DRAFT" }, "updated", "desc");
      expect(topicAndStatus).toMatch(/USING INDEX Question_(topicId_status_idx \(topicId=\? AND status=\?\)|status_updatedAt_idx \(status=\?\))/);
      const topic = await pagePlan({ topic: topicSlugs[0] }, "updated", "desc");
      expect(topic).toMatch(/USING INDEX Question_(topicId_status|updatedAt)_idx/);
      for (const plan of [byUpdate, published, bySlug, byStatus, topicAndStatus, topic]) expect(plan).not.toMatch(/SCAN (main\.)?Question$/m);
    } finally {
      await client.$disconnect();
    }
  }
});
