import "server-only";
import { createHash } from "node:crypto";
import { parseQuestionFile } from "../questions/formats/detect-format";
import { plainLine } from "../questions/markdown";
import { withImportDefaults } from "../questions/formats/exchange";
import { EXPORT_FILES, exportQuestions, type ExportedFile } from "../questions/formats/export-questions";
import type { ExchangeQuestion, ExportFormat, ImportFormat, ImportInput, ImportIssue } from "../questions/formats/types";
import { normaliseTags, tagsProblem } from "../questions/tags";
import { ActionError, assertRole, STAFF_ROLES, type ActionUser } from "../server/action-client";
import { getDb, type DbTx } from "../server/db";
import type { ImportFormInput } from "../validation/import";
import type { QuestionFilter } from "../validation/question-list";
import { recordAudit } from "./audit";
import { emptyLoadReport, upsertQuestion, type LoadableQuestion, type UpsertOutcome } from "./question-bank-loader";
import { resolveQuestionWhere } from "./question-list";

/**
 * Importing and exporting question files (the formats are pure modules in
 * lib/questions/formats). An import is all or nothing: any problem, and
 * nothing is written. A preview runs the very same import inside a
 * transaction that is then rolled back, so it reports exactly what a commit
 * would do. Re-importing the same file changes nothing (questions are
 * matched by their id: GIFT [id:], Moodle XML idnumber, CSV/JSON id, or a
 * hash of the content when the format has none). An id is matched only
 * among the questions of the subject the file is imported into (see
 * assignSlugs): an import never touches another subject's question.
 */

export type ImportOptions = {
  /** Parse as this format; detected from the content when absent. */
  format?: ImportFormat;
  /** The subject whose topics the file's categories map to. */
  subjectSlug: string;
  /** Topic slug for questions whose category names no topic of the subject. */
  defaultTopic?: string;
  /** Report what would happen and write nothing. */
  dryRun: boolean;
  /** New questions start as drafts unless this is set. */
  publish?: boolean;
  /** Told when the file has been read and checked, and as the questions are written (the command line prints it). */
  onProgress?: (progress: ImportProgress) => void;
};

export type ImportProgress =
  | { stage: "checked"; questions: number; skipped: number; problems: number }
  | { stage: "writing"; done: number; total: number };

/** How often the writing stage reports: every this many questions, and at the last. */
const PROGRESS_EVERY = 250;

export type ImportReport = {
  format: ImportFormat | null;
  created: number;
  updated: number;
  unchanged: number;
  skipped: ImportIssue[];
  problems: ImportIssue[];
  /** What a question lost or changed on the way in (a guessing penalty dropped, an id stored under another slug): informational. */
  notes: ImportIssue[];
  /** True when the database was changed. */
  written: boolean;
};

class DryRunRollback extends Error {}

/** Problems found inside the import's transaction (the slugs of other subjects): the import writes nothing. */
class RefusedImport extends Error {
  constructor(readonly problems: ImportIssue[]) {
    super("refused import");
  }
}

/** The operator of the bank:import / bank:export scripts: an admin's rights, and no account behind it. */
export const COMMAND_LINE_OPERATOR: ActionUser = { id: "command-line", email: "command-line", name: "command line", role: "ADMIN" };

/** The audit trail's actor: the signed-in user, or none for the command line. */
function auditActorId(actor: ActionUser): string | null {
  return actor.id === COMMAND_LINE_OPERATOR.id ? null : actor.id;
}

/** A stable id for a question whose format carries none (Aiken), so a re-import finds it. */
function contentId(q: ExchangeQuestion): string {
  const digest = createHash("sha256")
    .update(JSON.stringify([q.stem, q.options.map((o) => [o.text, o.correct])]))
    .digest("hex");
  return `imported-${digest.slice(0, 12)}`;
}

const normalise = (s: string) => s.trim().toLowerCase().replace(/[\s_]+/g, "-");

type StoredQuestion = {
  slug: string;
  topicId: string;
  difficulty: string;
  kind: string;
  sources: string[];
  explanation: string;
  stem: string;
  options: Array<{ text: string; feedback: string }>;
};

/**
 * The subject's questions by their current stem (on one line), for a format that carries no id (Aiken):
 * re-importing an Aiken export finds the questions it came from. A stem two questions share matches neither.
 */
async function questionsByStem(subjectId: string): Promise<Map<string, StoredQuestion | null>> {
  const rows = await getDb().question.findMany({
    where: { topic: { subjectId } },
    select: {
      slug: true,
      topicId: true,
      difficulty: true,
      kind: true,
      sources: true,
      currentVersion: true,
      versions: { orderBy: { version: "desc" }, take: 1, select: { stem: true, explanation: true, options: { orderBy: { position: "asc" }, select: { text: true, feedback: true } } } },
    },
  });
  // Aiken is plain text: the app's Markdown is written without its marks and read back escaped, so
  // an Aiken file's stems and options are matched as plain words on one line (plainLine), both sides.
  const byStem = new Map<string, StoredQuestion | null>();
  for (const row of rows) {
    const version = row.versions[0];
    if (!version) continue;
    const key = plainLine(version.stem);
    byStem.set(
      key,
      byStem.has(key)
        ? null
        : { slug: row.slug, topicId: row.topicId, difficulty: row.difficulty, kind: row.kind, sources: stringList(row.sources), explanation: version.explanation, stem: version.stem, options: version.options },
    );
  }
  return byStem;
}

/**
 * An Aiken question matched to a stored one keeps what Aiken cannot carry: explanation, difficulty,
 * kind, sources, topic, and the feedback and exact text (line breaks) of every option whose words are
 * the same.
 */
function keepWhatAikenLoses(q: ReturnType<typeof withImportDefaults>, stored: StoredQuestion): ReturnType<typeof withImportDefaults> {
  return {
    ...q,
    stem: plainLine(q.stem) === plainLine(stored.stem) ? stored.stem : q.stem,
    explanation: stored.explanation,
    difficulty: stored.difficulty.toLowerCase() as ExchangeQuestion["difficulty"] & string,
    kind: stored.kind.toLowerCase() as ExchangeQuestion["kind"] & string,
    sources: stored.sources,
    options: q.options.map((option) => {
      const same = stored.options.find((o) => plainLine(o.text) === plainLine(option.text));
      return same ? { ...option, text: same.text, feedback: same.feedback } : option;
    }),
  };
}

function auditSummary(format: ImportFormat | null, upsert: UpsertOutcome): string {
  const file = `a ${format ?? "question"} import`;
  if (upsert.outcome === "created") return `Created by ${file}`;
  if (upsert.outcome !== "updated") return `Left unchanged by ${file}`;
  const what = upsert.changed.map((c) => (c === "wording" ? `wording (version ${String(upsert.version)})` : c)).join(", ");
  return `Changed by ${file}: ${what}`;
}

/** `fileId`: the id came from the file (not from the content or a question matched by its stem). */
type PlannedQuestion = { question: LoadableQuestion; topicId: string; topicSlug: string; line: number; fileId: boolean };

/** How many slugs one query looks up (SQLite limits the parameters of a statement). */
const SLUG_QUERY_CHUNK = 500;

/**
 * The slug each planned question is stored under. A file's id is only meaningful within the subject it
 * is imported into: a question of another subject is never matched, so an id that another subject's
 * question already carries as its slug gives this subject's question "<subject>-<id>" (and, when that is
 * taken too, "<subject>-<topic>-<id>"). A re-import finds the question again by the same rule. An id the
 * file uses in several categories (Moodle allows it: idnumbers are unique per category) matches only a
 * question of the same topic. Runs in the import's transaction, so it sees exactly what it writes over.
 */
async function assignSlugs(
  tx: DbTx,
  subject: { id: string; slug: string },
  planned: readonly PlannedQuestion[],
): Promise<{ slugs: string[]; problems: ImportIssue[]; notes: ImportIssue[] }> {
  const uses = new Map<string, number>();
  for (const { question } of planned) uses.set(question.id, (uses.get(question.id) ?? 0) + 1);
  const candidatesOf = ({ question, topicSlug }: PlannedQuestion) => [
    ...new Set([question.id, `${subject.slug}-${question.id}`, `${subject.slug}-${topicSlug}-${question.id}`]),
  ];
  const wanted = [...new Set(planned.flatMap(candidatesOf))];
  const existing = new Map<string, { topicId: string; subjectId: string; subjectName: string }>();
  for (let from = 0; from < wanted.length; from += SLUG_QUERY_CHUNK) {
    const rows = await tx.question.findMany({
      where: { slug: { in: wanted.slice(from, from + SLUG_QUERY_CHUNK) } },
      select: { slug: true, topicId: true, topic: { select: { subjectId: true, subject: { select: { name: true } } } } },
    });
    for (const row of rows) existing.set(row.slug, { topicId: row.topicId, subjectId: row.topic.subjectId, subjectName: row.topic.subject.name });
  }
  const claimed = new Set<string>();
  const slugs: string[] = [];
  const problems: ImportIssue[] = [];
  const notes: ImportIssue[] = [];
  for (const item of planned) {
    const candidates = candidatesOf(item);
    const sameTopicOnly = (uses.get(item.question.id) ?? 0) > 1;
    const own = candidates.find((slug) => {
      const row = existing.get(slug);
      return row !== undefined && !claimed.has(slug) && row.subjectId === subject.id && (!sameTopicOnly || row.topicId === item.topicId);
    });
    const slug = own ?? candidates.find((c) => !existing.has(c) && !claimed.has(c));
    if (slug === undefined) {
      const others = new Set<string>();
      for (const c of candidates) {
        const row = existing.get(c);
        if (row && row.subjectId !== subject.id) others.add(`"${row.subjectName}"`);
      }
      problems.push({
        line: item.line,
        reason: `The id "${item.question.id}" and the ids derived from it (${candidates.map((c) => `"${c}"`).join(", ")}) are taken${others.size > 0 ? ` by questions of ${[...others].join(", ")}` : ""}; give this question another id.`,
      });
      continue;
    }
    claimed.add(slug);
    slugs.push(slug);
    if (item.fileId && slug !== item.question.id) {
      const id = item.question.id;
      const taken = existing.get(id);
      const holder =
        taken && taken.subjectId !== subject.id
          ? `a question of "${taken.subjectName}"`
          : claimed.has(id)
            ? "an earlier question of this file (another category)"
            : taken
              ? "another question of this subject (another topic)"
              : null;
      const why = holder === null ? `the id "${id}" matches this subject's question stored as "${slug}"` : `the id "${id}" is taken by ${holder}: this question is stored as "${slug}"`;
      notes.push({ line: item.line, reason: `${why}, and a re-import with the same id finds it again` });
    }
  }
  return { slugs, problems, notes };
}

export async function importQuestionFile(actor: ActionUser, input: ImportInput, options: ImportOptions): Promise<ImportReport> {
  assertRole(actor, STAFF_ROLES);
  const parsed = parseQuestionFile(input, options.format);
  const report: ImportReport = {
    format: parsed.format,
    created: 0,
    updated: 0,
    unchanged: 0,
    skipped: parsed.skipped,
    problems: [...parsed.problems],
    notes: [...parsed.notes],
    written: false,
  };

  const db = getDb();
  const subject = await db.subject.findUnique({ where: { slug: options.subjectSlug }, include: { topics: true } });
  if (!subject) {
    report.problems.unshift({ line: 0, reason: `There is no subject "${options.subjectSlug}".` });
    return report;
  }
  const topicByKey = new Map<string, string>();
  const topicSlugById = new Map(subject.topics.map((t) => [t.id, t.slug]));
  for (const topic of subject.topics) {
    topicByKey.set(normalise(topic.slug), topic.id);
    topicByKey.set(normalise(topic.name), topic.id);
  }
  const fallback = options.defaultTopic === undefined ? undefined : topicByKey.get(normalise(options.defaultTopic));
  if (options.defaultTopic !== undefined && !fallback) {
    report.problems.unshift({ line: 0, reason: `The subject "${subject.slug}" has no topic "${options.defaultTopic}".` });
  }

  const planned: PlannedQuestion[] = [];
  const madeIds = new Map<string, { line: number; content: string }>();
  const copies: ImportIssue[] = [];
  const byStem = parsed.format === "aiken" && parsed.questions.length > 0 ? await questionsByStem(subject.id) : null;
  for (const imported of parsed.questions) {
    const stored = imported.externalId === null ? byStem?.get(plainLine(imported.stem)) : undefined;
    const q = stored ? keepWhatAikenLoses(withImportDefaults(imported), stored) : withImportDefaults(imported);
    const topicId = (q.topic === null ? undefined : topicByKey.get(normalise(q.topic))) ?? stored?.topicId ?? fallback;
    if (!topicId) {
      report.problems.push({
        line: imported.line,
        reason: q.topic === null ? "The question has no category; choose a topic for such questions." : `No topic of ${subject.name} is called "${q.topic}"; create it or choose a topic for such questions.`,
      });
      continue;
    }
    const id = q.externalId ?? stored?.slug ?? contentId(imported);
    // Aiken carries no tags: importing it leaves a question's tags as they are.
    const tags = parsed.format === "aiken" ? undefined : normaliseTags(q.tags);
    const tagProblem = tags === undefined ? null : tagsProblem(tags);
    if (tagProblem !== null) {
      report.problems.push({ line: imported.line, reason: tagProblem });
      continue;
    }
    const question: LoadableQuestion = { id, stem: q.stem, explanation: q.explanation, difficulty: q.difficulty, kind: q.kind, sources: q.sources, options: q.options, ...(tags ? { tags } : {}) };
    // A file's own id may repeat in another category (the parser refuses a repeat in one); assignSlugs keeps them apart.
    // An id made here (from the content, or a stored question matched by its stem) is the user's never: name lines instead.
    if (q.externalId === null) {
      const content = JSON.stringify([question, topicId]);
      const earlier = madeIds.get(id);
      if (earlier?.content === content) {
        copies.push({ line: imported.line, reason: `an exact copy of the question at line ${String(earlier.line)}` });
        continue;
      }
      if (earlier !== undefined) {
        report.problems.push({
          line: imported.line,
          reason: stored
            ? `The question has the same question text as the question at line ${String(earlier.line)}, and both match the question "${id}": remove one of them.`
            : `The question has the same question text and options as the question at line ${String(earlier.line)}, but not the same feedback, explanation, topic or tags: remove one of them, or give each an id.`,
        });
        continue;
      }
      madeIds.set(id, { line: imported.line, content });
    }
    planned.push({ question, topicId, topicSlug: topicSlugById.get(topicId) ?? "", line: imported.line, fileId: q.externalId !== null });
  }
  if (copies.length > 0) report.skipped = [...report.skipped, ...copies].sort((a, b) => a.line - b.line);
  options.onProgress?.({ stage: "checked", questions: parsed.questions.length, skipped: report.skipped.length, problems: report.problems.length });
  if (report.problems.length > 0 || planned.length === 0) {
    if (planned.length === 0 && report.problems.length === 0) report.problems.push({ line: 0, reason: "The file holds no multiple-choice question to import." });
    return report;
  }

  const load = emptyLoadReport();
  try {
    await db.$transaction(
      async (tx) => {
        const changes: UpsertOutcome[] = [];
        const slugs = await assignSlugs(tx, subject, planned);
        if (slugs.problems.length > 0) throw new RefusedImport(slugs.problems);
        report.notes = [...report.notes, ...slugs.notes].sort((a, b) => a.line - b.line);
        for (const [index, { question, topicId }] of planned.entries()) {
          const slug = slugs.slugs[index] ?? question.id;
          const upsert = await upsertQuestion(tx, { ...question, id: slug }, topicId, load, options.publish ? "PUBLISHED" : "DRAFT", auditActorId(actor));
          if (upsert.outcome !== "unchanged") changes.push(upsert);
          const done = load.questionsCreated + load.questionsUpdated + load.unchanged;
          if (done % PROGRESS_EVERY === 0 || done === planned.length) options.onProgress?.({ stage: "writing", done, total: planned.length });
        }
        if (options.dryRun) throw new DryRunRollback();
        // Each question's own history says who created or changed it, and with which file.
        for (const upsert of changes) {
          await recordAudit(tx, {
            actorId: auditActorId(actor),
            action: "question.import",
            entityType: "question",
            entityId: upsert.questionId,
            summary: auditSummary(parsed.format, upsert),
            details: { format: parsed.format, outcome: upsert.outcome, ...(upsert.outcome === "updated" ? { changed: upsert.changed, version: upsert.version } : {}) },
          });
        }
        await recordAudit(tx, {
          actorId: auditActorId(actor),
          action: "bank.import",
          entityType: "bank",
          entityId: subject.id,
          summary: `Imported a ${parsed.format ?? "question"} file into ${subject.name}: ${String(load.questionsCreated)} new, ${String(load.questionsUpdated)} updated, ${String(load.unchanged)} unchanged`,
          details: { format: parsed.format, subject: subject.slug, created: load.questionsCreated, updated: load.questionsUpdated, unchanged: load.unchanged, skipped: report.skipped.length },
        });
      },
      { timeout: 120_000, maxWait: 10_000 },
    );
    report.written = true;
  } catch (error) {
    if (error instanceof RefusedImport) {
      report.problems.push(...error.problems);
      return report;
    }
    if (!(error instanceof DryRunRollback)) throw error;
  }
  report.created = load.questionsCreated;
  report.updated = load.questionsUpdated;
  report.unchanged = load.unchanged;
  return report;
}

type ExchangeBank = {
  questions: ExchangeQuestion[];
  subject: { id: string; slug: string; name: string; description: string };
  topics: Array<{ slug: string; name: string; description: string; weight: number }>;
};

function stringList(value: unknown): string[] {
  return Array.isArray(value) ? value.filter((s): s is string => typeof s === "string") : [];
}

/**
 * The questions of a subject (all, or those a bank-list filter picks), each in its latest version,
 * as the formats exchange them, in topic then slug order.
 */
/**
 * The import page's form, checked by importFormSchema: a posted file (from a
 * page without JavaScript) or the text box, previewed or imported. Returns
 * the report and the text that was checked (null for a file that is not UTF-8).
 */
export async function importFromForm(
  actor: ActionUser,
  input: ImportFormInput,
  onProgress?: (progress: ImportProgress) => void,
): Promise<{ report: ImportReport; text: string | null }> {
  const source = input.file && input.file.size > 0 ? new Uint8Array(await input.file.arrayBuffer()) : input.text;
  const report = await importQuestionFile(actor, source, {
    ...(input.format === "auto" ? {} : { format: input.format }),
    subjectSlug: input.subject,
    ...(input.topic ? { defaultTopic: input.topic } : {}),
    dryRun: input.intent === "preview",
    publish: input.publish === "on",
    ...(onProgress ? { onProgress } : {}),
  });
  return { report, text: typeof source === "string" ? source : decodedOrNull(source) };
}

function decodedOrNull(bytes: Uint8Array): string | null {
  try {
    return new TextDecoder("utf-8", { fatal: true }).decode(bytes);
  } catch {
    return null;
  }
}

export async function exchangeQuestionsOf(actor: ActionUser, subjectSlug: string, filter?: QuestionFilter): Promise<ExchangeBank> {
  assertRole(actor, STAFF_ROLES);
  const db = getDb();
  const subject = await db.subject.findUnique({
    where: { slug: subjectSlug },
    include: { topics: { orderBy: { position: "asc" }, select: { slug: true, name: true, description: true, weight: true } } },
  });
  if (!subject) throw new ActionError("NOT_FOUND", `There is no subject "${subjectSlug}".`);
  const header = {
    subject: { id: subject.id, slug: subject.slug, name: subject.name, description: subject.description },
    topics: subject.topics.map((t) => ({ slug: t.slug, name: t.name, description: t.description, weight: t.weight })),
  };
  const where = await resolveQuestionWhere(db, { q: "", ...filter, subject: subject.slug });
  if (where === null) return { questions: [], ...header };
  const rows = await db.question.findMany({
    where,
    orderBy: [{ topic: { position: "asc" } }, { slug: "asc" }],
    include: {
      topic: { select: { slug: true } },
      versions: { orderBy: { version: "desc" }, take: 1, include: { options: { orderBy: { position: "asc" } } } },
    },
  });
  const questions: ExchangeQuestion[] = [];
  for (const q of rows) {
    const version = q.versions[0];
    if (!version) continue;
    questions.push({
      externalId: q.slug,
      title: q.slug,
      topic: q.topic.slug,
      stem: version.stem,
      options: version.options.map((o) => ({ text: o.text, correct: o.correct, feedback: o.feedback })),
      explanation: version.explanation,
      difficulty: q.difficulty.toLowerCase() as ExchangeQuestion["difficulty"],
      kind: q.kind.toLowerCase() as ExchangeQuestion["kind"],
      tags: stringList(q.tags),
      sources: stringList(q.sources),
    });
  }
  return { questions, ...header };
}

export type ExportedBankFile = ExportedFile & { count: number };

/**
 * Exports a subject's questions (all, or those the filter picks) and records the export in the
 * audit trail. The CLI (scripts/bank-export.ts) calls it without a filter.
 */
export async function exportQuestionFile(actor: ActionUser, subjectSlug: string, format: ExportFormat, now: Date, filter?: QuestionFilter): Promise<ExportedBankFile> {
  const { questions, subject, topics } = await exchangeQuestionsOf(actor, subjectSlug, filter);
  const file = exportQuestions(format, questions, { now, jsonBank: { subject: { slug: subject.slug, name: subject.name, description: subject.description }, topics } });
  await recordAudit(
    getDb(),
    {
      actorId: auditActorId(actor),
      action: "bank.export",
      entityType: "bank",
      entityId: subject.id,
      summary: `Exported ${String(questions.length)} ${questions.length === 1 ? "question" : "questions"} of ${subject.name} as ${format}${filter ? " (a filtered selection)" : ""}`,
      details: { format, count: questions.length, subject: subject.slug, ...(filter ? { filter: Object.fromEntries(Object.entries(filter).filter(([, v]) => v !== undefined && v !== "")) } : {}) },
    },
    now,
  );
  return { ...file, count: questions.length };
}

/** "ipt-questions-2026-12-02.xml", "ipt-selection-2026-12-02.qti.zip". */
export function exportFileName(subjectSlug: string, format: ExportFormat, now: Date, selection: boolean): string {
  return `${subjectSlug}-${selection ? "selection" : "questions"}-${now.toISOString().slice(0, 10)}${EXPORT_FILES[format].extension}`;
}

/** The subject's topics, for the import page's fallback choice. */
export async function subjectTopics(actor: ActionUser, subjectSlug: string): Promise<Array<{ slug: string; name: string }>> {
  assertRole(actor, STAFF_ROLES);
  return getDb().topic.findMany({ where: { subject: { slug: subjectSlug } }, orderBy: { position: "asc" }, select: { slug: true, name: true } });
}
