import "server-only";
import {
  analyseVersion,
  flagsFor,
  type ExamSums,
  type ItemFlag,
  type OptionStatistics,
  type OptionSums,
  type VersionStatistics,
  type VersionSums,
} from "../analytics/item-analysis";
import { ActionError, assertRole, STAFF_ROLES, type ActionUser } from "../server/action-client";
import { directRead, sqlBool, sqlNumber, sqlNumberOrNull, type Sql } from "../server/direct-sql";
import { pageOf } from "../validation/dashboard";
import { ITEM_PAGE_SIZE, type ItemAnalysisQuery, type ItemSort, type SortDirection } from "../validation/item-analysis";

/**
 * Item analysis for instructors: every version of every question of a
 * subject, with Moodle-style statistics over first attempts
 * (lib/analytics/item-analysis.ts) and flags.
 *
 * The answers are aggregated by the database, never loaded: one statement
 * sums each option's first attempts with the students' ability estimates
 * (their share correct on the subject's other questions), one sums mock
 * exam answers with their rest-of-exam scores, and three read the subject's
 * topics, versions and options. The statements are plain SQL
 * on the Sql seam (lib/server/direct-sql.ts), valid for SQLite and
 * PostgreSQL, read as one snapshot.
 *
 * Who sees what: an admin every subject; an instructor "their own subjects"
 * (subjectsVisibleTo); a student nothing. A subject that is not visible is
 * reported exactly like one that does not exist.
 */

export type VisibleSubject = { id: string; slug: string; name: string };

export const SUBJECT_NOT_FOUND = "That subject does not exist, or it is not one of yours.";

async function visibleSubjects(sql: Sql, actor: ActionUser): Promise<VisibleSubject[]> {
  if (actor.role === "ADMIN") {
    return sql.all<VisibleSubject>(`SELECT "id", "slug", "name" FROM "Subject" ORDER BY "name", "slug"`);
  }
  return sql.all<VisibleSubject>(
    `SELECT s."id", s."slug", s."name" FROM "Subject" s
     WHERE s."id" IN (
       SELECT c."subjectId" FROM "Classroom" c WHERE c."ownerId" = ?
       UNION SELECT t."subjectId" FROM "Question" q JOIN "Topic" t ON t."id" = q."topicId" WHERE q."authorId" = ?
       UNION SELECT t."subjectId" FROM "QuestionVersion" v JOIN "Question" q ON q."id" = v."questionId" JOIN "Topic" t ON t."id" = q."topicId" WHERE v."authorId" = ?
     )
     ORDER BY s."name", s."slug"`,
    actor.id,
    actor.id,
    actor.id,
  );
}

/**
 * The subjects whose items (and classes' progress) an actor may see: an
 * admin, every subject; an instructor, the subjects of the classes they own
 * and the subjects in which they wrote a question or a version of one.
 * Students are refused (FORBIDDEN).
 */
export async function subjectsVisibleTo(actor: ActionUser): Promise<VisibleSubject[]> {
  assertRole(actor, STAFF_ROLES);
  return directRead((sql) => visibleSubjects(sql, actor));
}

export type ItemOptionRow = OptionStatistics & { text: string };

export type ItemAnalysisRow = {
  questionId: string;
  slug: string;
  status: string;
  topicId: string;
  topicName: string;
  versionId: string;
  version: number;
  /** The version students are served now. */
  current: boolean;
  /** The start of the stem, for recognising the question. */
  stem: string;
  stats: VersionStatistics;
  options: ItemOptionRow[];
  flags: ItemFlag[];
};

export type ItemAnalysisReport = {
  subject: VisibleSubject;
  topics: Array<{ id: string; slug: string; name: string }>;
  /** Every version with at least one first attempt. */
  rows: ItemAnalysisRow[];
  /** Questions of the subject that nobody has attempted yet. */
  unattemptedQuestions: number;
  /** When the statistics were computed (they are reused for up to STATISTICS_MAX_AGE_MS). */
  computedAt: Date;
};

type VersionRow = { questionId: string; slug: string; status: string; currentVersion: unknown; topicId: string; versionId: string; version: unknown; stem: string };
type OptionRow = { id: string; versionId: string; position: unknown; correct: unknown; text: string };
type SumsRow = {
  questionVersionId: string;
  optionId: string;
  n: unknown;
  sumX: unknown;
  guessed: unknown;
  restN: unknown;
  restSumX: unknown;
  sumR: unknown;
  sumR2: unknown;
  sumXR: unknown;
};
type ExamRow = { versionId: string; n: unknown; sumX: unknown; sumR: unknown; sumR2: unknown; sumXR: unknown; topR: unknown };

const STEM_PREVIEW = 160;
const OPTION_PREVIEW = 120;

/** A subject's questions, versions and options, by topic: indexed reads through Topic(subjectId). */
const SUBJECT_VERSIONS_SQL = `SELECT q."id" AS "questionId", q."slug", q."status", q."currentVersion", q."topicId",
       v."id" AS "versionId", v."version", SUBSTR(v."stem", 1, ${STEM_PREVIEW + 1}) AS "stem"
FROM "Topic" t JOIN "Question" q ON q."topicId" = t."id" JOIN "QuestionVersion" v ON v."questionId" = q."id"
WHERE t."subjectId" = ?`;

const SUBJECT_OPTIONS_SQL = `SELECT o."id", o."versionId", o."position", o."correct", SUBSTR(o."text", 1, ${OPTION_PREVIEW + 1}) AS "text"
FROM "Topic" t JOIN "Question" q ON q."topicId" = t."id" JOIN "QuestionVersion" v ON v."questionId" = q."id" JOIN "Option" o ON o."versionId" = v."id"
WHERE t."subjectId" = ?`;

/**
 * The main statement: the subject's first attempts grouped by version and
 * option, with sums of the item score x and of the student's ability
 * estimate r = (their correct first attempts in the subject - x) / (their
 * first attempts in the subject - 1), the student's totals taken by window
 * functions over the same rows. r is null for a student with only one first
 * attempt, who then counts for facility but not for correlation. A version's
 * sums are its options' added up (every sum here is additive). Reads the
 * Answer rows once, through Answer_questionVersionId_firstAttempt_idx alone
 * (it covers every column used); two sorts (by student, then by option).
 */
export const ITEM_SUMS_SQL = `SELECT "questionVersionId", "optionId", COUNT(*) AS "n", SUM("x") AS "sumX",
       SUM(CASE WHEN "confidence" = 'GUESSED' THEN 1 ELSE 0 END) AS "guessed",
       SUM(CASE WHEN "k" > 1 THEN 1 ELSE 0 END) AS "restN", SUM(CASE WHEN "k" > 1 THEN "x" ELSE 0 END) AS "restSumX",
       COALESCE(SUM("r"), 0) AS "sumR", COALESCE(SUM("r" * "r"), 0) AS "sumR2", COALESCE(SUM("x" * "r"), 0) AS "sumXR"
FROM (
  SELECT "questionVersionId", "optionId", "confidence", "x", "k", CASE WHEN "k" > 1 THEN ("t" - "x") * 1.0 / ("k" - 1) END AS "r"
  FROM (
    SELECT a."questionVersionId", a."optionId", a."confidence", CASE WHEN a."correct" THEN 1 ELSE 0 END AS "x",
           COUNT(*) OVER (PARTITION BY a."userId") AS "k",
           SUM(CASE WHEN a."correct" THEN 1 ELSE 0 END) OVER (PARTITION BY a."userId") AS "t"
    FROM "Topic" t
    JOIN "Question" q ON q."topicId" = t."id"
    JOIN "QuestionVersion" v ON v."questionId" = q."id"
    JOIN "Answer" a ON a."questionVersionId" = v."id" AND a."firstAttempt" = ?
    WHERE t."subjectId" = ?
  ) AS "totalled"
) AS "scored"
GROUP BY "questionVersionId", "optionId"`;

/**
 * Mock exams give a real rest-of-test score: the share correct of the exam's
 * other items (an unanswered item scores 0). Per version, over first-attempt
 * answers in the subject's submitted exams: the pair sums and the sum of the
 * Σx highest rest scores (for discriminative efficiency), by window functions.
 */
export const EXAM_SUMS_SQL = `WITH "rested" AS (
  SELECT a."questionVersionId" AS "versionId", CASE WHEN a."correct" THEN 1 ELSE 0 END AS "x",
         (e."correctCount" - CASE WHEN a."correct" THEN 1 ELSE 0 END) * 1.0 / (e."questionCount" - 1) AS "r"
  FROM "MockExam" e
  JOIN "Presentation" p ON p."mockExamId" = e."id"
  JOIN "Answer" a ON a."id" = p."answerId"
  WHERE e."subjectId" = ? AND e."correctCount" IS NOT NULL AND e."questionCount" > 1 AND a."firstAttempt" = ?
),
"ranked" AS (
  SELECT "versionId", "x", "r",
         ROW_NUMBER() OVER (PARTITION BY "versionId" ORDER BY "r" DESC) AS "place",
         SUM("x") OVER (PARTITION BY "versionId") AS "k"
  FROM "rested"
)
SELECT "versionId", COUNT(*) AS "n", SUM("x") AS "sumX", SUM("r") AS "sumR", SUM("r" * "r") AS "sumR2", SUM("x" * "r") AS "sumXR",
       SUM(CASE WHEN "place" <= "k" THEN "r" ELSE 0 END) AS "topR"
FROM "ranked" GROUP BY "versionId"`;

function preview(text: string, length: number): string {
  const flat = text.replace(/\s+/g, " ").trim();
  return flat.length > length ? `${flat.slice(0, length - 1).trimEnd()}…` : flat;
}

/** Adds one option's row to its version's sums. */
function addOptionRow(sums: VersionSums | undefined, row: SumsRow): VersionSums {
  const total = sums ?? { n: 0, correct: 0, guessed: 0, rest: { n: 0, sumX: 0, sumR: 0, sumR2: 0, sumXR: 0 } };
  total.n += sqlNumber(row.n);
  total.correct += sqlNumber(row.sumX);
  total.guessed += sqlNumber(row.guessed);
  total.rest.n += sqlNumber(row.restN);
  total.rest.sumX += sqlNumber(row.restSumX);
  total.rest.sumR += sqlNumber(row.sumR);
  total.rest.sumR2 += sqlNumber(row.sumR2);
  total.rest.sumXR += sqlNumber(row.sumXR);
  return total;
}

function examSums(row: ExamRow): ExamSums {
  return {
    n: sqlNumber(row.n),
    sumX: sqlNumber(row.sumX),
    sumR: sqlNumber(row.sumR),
    sumR2: sqlNumber(row.sumR2),
    sumXR: sqlNumber(row.sumXR),
    topR: sqlNumber(row.topR),
  };
}

/** A subject's report, computed from one snapshot. */
async function computeReport(sql: Sql, subject: VisibleSubject, computedAt: Date): Promise<ItemAnalysisReport> {
  const topics = await sql.all<{ id: string; slug: string; name: string }>(
    `SELECT "id", "slug", "name" FROM "Topic" WHERE "subjectId" = ? ORDER BY "position", "name"`,
    subject.id,
  );
  const versions = await sql.all<VersionRow>(SUBJECT_VERSIONS_SQL, subject.id);
  const options = await sql.all<OptionRow>(SUBJECT_OPTIONS_SQL, subject.id);
  const sums = await sql.all<SumsRow>(ITEM_SUMS_SQL, true, subject.id);
  const exams = await sql.all<ExamRow>(EXAM_SUMS_SQL, subject.id, true);

  const versionTotals = new Map<string, VersionSums>();
  const optionTotals = new Map<string, OptionSums>();
  for (const row of sums) {
    versionTotals.set(row.questionVersionId, addOptionRow(versionTotals.get(row.questionVersionId), row));
    optionTotals.set(row.optionId, { count: sqlNumber(row.n), restN: sqlNumber(row.restN), sumR: sqlNumber(row.sumR) });
  }
  const examTotals = new Map(exams.map((row) => [row.versionId, examSums(row)]));
  const optionsOf = new Map<string, Array<{ id: string; position: number; correct: boolean; text: string }>>();
  for (const o of options) {
    const list = optionsOf.get(o.versionId) ?? [];
    list.push({ id: o.id, position: sqlNumber(o.position), correct: sqlBool(o.correct), text: preview(o.text, OPTION_PREVIEW) });
    optionsOf.set(o.versionId, list);
  }
  const topicName = new Map(topics.map((t) => [t.id, t.name]));

  // Versions with data, each question's in version order (the change flag compares with the one before).
  const byQuestion = new Map<string, VersionRow[]>();
  for (const v of versions) {
    if (!versionTotals.has(v.versionId)) continue;
    const list = byQuestion.get(v.questionId) ?? [];
    list.push(v);
    byQuestion.set(v.questionId, list);
  }
  const attempted = new Set(byQuestion.keys());
  const unattemptedQuestions = new Set(versions.map((v) => v.questionId).filter((id) => !attempted.has(id))).size;

  const rows: ItemAnalysisRow[] = [];
  for (const list of byQuestion.values()) {
    list.sort((a, b) => sqlNumber(a.version) - sqlNumber(b.version));
    let previous: { version: number; stats: VersionStatistics } | null = null;
    for (const v of list) {
      const versionOptions = optionsOf.get(v.versionId) ?? [];
      const stats = analyseVersion({
        sums: versionTotals.get(v.versionId)!,
        options: versionOptions,
        optionSums: optionTotals,
        exam: examTotals.get(v.versionId) ?? null,
      });
      const textOf = new Map(versionOptions.map((o) => [o.id, o.text]));
      const version = sqlNumber(v.version);
      rows.push({
        questionId: v.questionId,
        slug: v.slug,
        status: v.status,
        topicId: v.topicId,
        topicName: topicName.get(v.topicId) ?? "",
        versionId: v.versionId,
        version,
        current: sqlNumberOrNull(v.currentVersion) === version,
        stem: preview(v.stem, STEM_PREVIEW),
        stats,
        options: stats.options.map((o) => ({ ...o, text: textOf.get(o.optionId) ?? "" })),
        flags: flagsFor(stats, previous),
      });
      previous = { version, stats };
    }
  }
  return { subject, topics, rows, unattemptedQuestions, computedAt };
}

/**
 * A subject's statistics are reused for up to a minute, in each server
 * process, by every viewer who may see the subject: the main statement reads
 * every first attempt of the subject (about a tenth of a second for 100,000
 * answers), and first-attempt statistics of a bank move slowly, as Moodle's
 * quiz statistics, cached for 15 minutes by default, assume. The page says
 * how old its figures are. A change to the subject's questions, versions,
 * options or topics (BankRevision's stamp, written by triggers) makes the
 * copy stale at once, so an edit always shows on the next view. Viewers who
 * arrive while it is being computed share the one computation.
 */
export const STATISTICS_MAX_AGE_MS = 60_000;

type HeldReport = { stamp: number | null; at: number; report: Promise<ItemAnalysisReport> };
// One per process; on globalThis so development's module reloads (and a build's per-layer copies) share it.
const globalForStatistics = globalThis as unknown as { itemStatistics?: Map<string, HeldReport> };
const heldReports = (globalForStatistics.itemStatistics ??= new Map<string, HeldReport>());

/** Drops every reused report (tests, and the process's own bookkeeping of old subjects). */
export function forgetItemStatistics(): void {
  heldReports.clear();
}

function subjectReport(subject: VisibleSubject, stamp: number | null, now: number): Promise<ItemAnalysisReport> {
  const held = heldReports.get(subject.id);
  if (held && held.stamp === stamp && now - held.at <= STATISTICS_MAX_AGE_MS && now >= held.at) return held.report;
  for (const [id, old] of heldReports) if (now - old.at > STATISTICS_MAX_AGE_MS) heldReports.delete(id);
  const report = directRead((sql) => computeReport(sql, subject, new Date(now)));
  const entry: HeldReport = { stamp, at: now, report };
  heldReports.set(subject.id, entry);
  // A failed computation is not kept: the next view tries again.
  report.catch(() => {
    if (heldReports.get(subject.id) === entry) heldReports.delete(subject.id);
  });
  return report;
}

/** BankRevision's stamp: it changes with every edit to any question, version, option or topic. */
async function bankStampIn(sql: Sql): Promise<number | null> {
  const row = await sql.one<{ stamp: unknown }>(`SELECT "stamp" FROM "BankRevision" WHERE "id" = 1`);
  return row ? sqlNumber(row.stamp) : null;
}

/** The subjects the actor may see and the one asked for (the first by default); null when it is not one of them. */
async function readReport(actor: ActionUser, subjectSlug: string | undefined, now: number): Promise<{ report: ItemAnalysisReport | null; subjects: VisibleSubject[] }> {
  const { subjects, stamp } = await directRead(async (sql) => ({
    subjects: await visibleSubjects(sql, actor),
    stamp: await bankStampIn(sql),
  }));
  const subject = subjectSlug === undefined ? subjects[0] : subjects.find((s) => s.slug === subjectSlug);
  if (!subject) return { report: null, subjects };
  return { report: await subjectReport(subject, stamp, now), subjects };
}

/**
 * Every analysed version of one subject's questions (the first visible
 * subject when none is named). Students are refused; a subject the actor may
 * not see, or that does not exist, is NOT_FOUND with the same message.
 */
export async function itemAnalysisReport(actor: ActionUser, subjectSlug?: string, now = Date.now()): Promise<ItemAnalysisReport | null> {
  assertRole(actor, STAFF_ROLES);
  const { report, subjects } = await readReport(actor, subjectSlug, now);
  if (report) return report;
  if (subjectSlug !== undefined || subjects.length > 0) throw new ActionError("NOT_FOUND", SUBJECT_NOT_FOUND);
  return null;
}

export type ItemAnalysisPage = {
  subjects: VisibleSubject[];
  /** Null when the actor has no subject to analyse yet. */
  report: Omit<ItemAnalysisReport, "rows"> | null;
  /** The topic filtered by, when the query named one of the subject's topics. */
  topic: { id: string; slug: string; name: string } | null;
  /** Set when the query named a topic the subject does not have: the page says so and shows every topic. */
  unknownTopic: string | null;
  rows: ItemAnalysisRow[];
  /** How old the statistics are (they are reused for up to STATISTICS_MAX_AGE_MS). */
  statisticsAgeMs: number;
  /** Rows matching the topic and flag filters, and how many of those are flagged. */
  total: number;
  flagged: number;
  page: number;
  pageCount: number;
  from: number;
  to: number;
};

function compareNullable(a: number | null, b: number | null, dir: SortDirection): number {
  if (a === null && b === null) return 0;
  // Versions without the statistic go last whichever way the column is sorted.
  if (a === null) return 1;
  if (b === null) return -1;
  return dir === "asc" ? a - b : b - a;
}

function sortValue(row: ItemAnalysisRow, sort: ItemSort): number | null {
  if (sort === "n") return row.stats.n;
  if (sort === "facility") return row.stats.facility;
  return row.stats.discrimination;
}

/** Filters (topic, flagged only), sorts and pages a report's rows. */
export function pageOfRows(rows: readonly ItemAnalysisRow[], query: ItemAnalysisQuery, topicId: string | null) {
  const matching = rows.filter((r) => (topicId === null || r.topicId === topicId) && (!query.flagged || r.flags.length > 0));
  matching.sort(
    (a, b) =>
      compareNullable(sortValue(a, query.sort), sortValue(b, query.sort), query.dir) ||
      (a.slug < b.slug ? -1 : a.slug > b.slug ? 1 : 0) ||
      a.version - b.version,
  );
  const { items, page, pageCount, from, to } = pageOf(matching, query.page, ITEM_PAGE_SIZE);
  return { rows: items, total: matching.length, flagged: matching.filter((r) => r.flags.length > 0).length, page, pageCount, from, to };
}

/** What /instructor/analytics/items shows for a query: the subject choice, then one page of its analysed versions. */
export async function itemAnalysisPage(actor: ActionUser, query: ItemAnalysisQuery, now = Date.now()): Promise<ItemAnalysisPage> {
  assertRole(actor, STAFF_ROLES);
  const { report, subjects } = await readReport(actor, query.subject, now);
  if (!report) {
    if (query.subject !== undefined) throw new ActionError("NOT_FOUND", SUBJECT_NOT_FOUND);
    return { subjects, report: null, topic: null, unknownTopic: null, rows: [], statisticsAgeMs: 0, total: 0, flagged: 0, page: 1, pageCount: 1, from: 0, to: 0 };
  }
  const topic = query.topic === undefined ? null : (report.topics.find((t) => t.slug === query.topic) ?? null);
  const { rows, ...paging } = pageOfRows(report.rows, query, topic?.id ?? null);
  const { rows: _all, ...summary } = report;
  return {
    subjects,
    report: summary,
    topic,
    unknownTopic: query.topic !== undefined && topic === null ? query.topic : null,
    rows,
    statisticsAgeMs: Math.max(0, now - report.computedAt.getTime()),
    ...paging,
  };
}

export const QUESTION_NOT_FOUND = "That question does not exist, or it is not in one of your subjects.";

export type QuestionItemAnalysis = {
  subject: VisibleSubject;
  question: { id: string; slug: string; topicName: string };
  /** The question's analysed versions, oldest first; empty before its first first attempt. */
  rows: ItemAnalysisRow[];
  statisticsAgeMs: number;
};

/**
 * One question's versions with their per-option (distractor) analysis, from
 * the subject's statistics (reused as on the list). Students are refused; a
 * question outside the actor's subjects is NOT_FOUND, worded as for one that
 * does not exist.
 */
export async function questionItemAnalysis(actor: ActionUser, questionId: string, now = Date.now()): Promise<QuestionItemAnalysis> {
  assertRole(actor, STAFF_ROLES);
  const { subjects, stamp, question } = await directRead(async (sql) => ({
    subjects: await visibleSubjects(sql, actor),
    stamp: await bankStampIn(sql),
    question: await sql.one<{ id: string; slug: string; subjectId: string; topicName: string }>(
      `SELECT q."id", q."slug", t."subjectId", t."name" AS "topicName" FROM "Question" q JOIN "Topic" t ON t."id" = q."topicId" WHERE q."id" = ?`,
      questionId,
    ),
  }));
  const subject = question ? subjects.find((s) => s.id === question.subjectId) : undefined;
  if (!question || !subject) throw new ActionError("NOT_FOUND", QUESTION_NOT_FOUND);
  const report = await subjectReport(subject, stamp, now);
  return {
    subject,
    question: { id: question.id, slug: question.slug, topicName: question.topicName },
    rows: report.rows.filter((r) => r.questionId === questionId).sort((a, b) => a.version - b.version),
    statisticsAgeMs: Math.max(0, now - report.computedAt.getTime()),
  };
}
