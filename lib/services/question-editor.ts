import "server-only";
import { isUniqueViolation } from "../server/direct-sql";
import { versionStats } from "../analytics/version-stats";
import type { Prisma } from "../generated/prisma/client";
import { LINT_LIMITS, stemSimilarity } from "../questions/content-lint";
import { searchTextOf } from "../questions/search-text";
import { ActionError, assertRole, STAFF_ROLES, type ActionUser } from "../server/action-client";
import { getDb, type DbTx } from "../server/db";
import type { QuestionEditorInput, QuestionStatusValue } from "../validation/question-editor";
import { STATUS_LABELS } from "../validation/question-editor";
import { auditTrail, recordAudit } from "./audit";
import { startingRating } from "./difficulty-label";
import { contentHash, versionSeen } from "./question-bank-loader";

/**
 * The instructor's question editor: create, edit, version, retire and delete
 * one question, and read its history.
 *
 * Versioning: a question's wording (stem, options, feedback, explanation,
 * key) lives in versions. Editing the wording of a current version that a
 * student has answered or been shown (any Answer or Presentation points at
 * it, including an open question and a mock-exam item) creates a new version
 * and makes it current, so what they saw and answered keeps its exact text
 * and option ids; a version nobody has seen is corrected in place. Metadata
 * (topic, difficulty, kind, sources, tags, status) lives on the question and
 * never makes a version. Every change writes an audit entry in its transaction.
 */

const NOT_FOUND = "This question does not exist (it may have been deleted).";

export type EditorTopicGroup = { subjectId: string; subjectName: string; topics: Array<{ id: string; name: string }> };

export type QuestionForEditing = {
  id: string;
  slug: string;
  status: QuestionStatusValue;
  topicId: string;
  difficulty: "EASY" | "MEDIUM" | "HARD";
  kind: "RECALL" | "APPLICATION" | "CONTRAST";
  sources: string[];
  tags: string[];
  currentVersion: number;
  stem: string;
  explanation: string;
  options: Array<{ text: string; feedback: string; correct: boolean }>;
  answerCount: number;
  /** Answers or presentations of the current version: a wording edit will make a new version. */
  currentVersionSeen: boolean;
};

export type NearDuplicate = { id: string; slug: string; stem: string; similarity: number };

function stringList(value: Prisma.JsonValue): string[] {
  return Array.isArray(value) ? value.filter((v): v is string => typeof v === "string") : [];
}

function optionRows(input: QuestionEditorInput) {
  return input.options.map((o, position) => ({ position, text: o.text, feedback: o.feedback, correct: o.correct }));
}

/** The subjects and their topics, for the editor's grouped topic select. */
export async function editorTopics(actor: ActionUser): Promise<EditorTopicGroup[]> {
  assertRole(actor, STAFF_ROLES);
  const subjects = await getDb().subject.findMany({
    orderBy: { name: "asc" },
    select: { id: true, name: true, topics: { orderBy: { position: "asc" }, select: { id: true, name: true } } },
  });
  return subjects.map((s) => ({ subjectId: s.id, subjectName: s.name, topics: s.topics }));
}

async function topicOrError(tx: DbTx, topicId: string) {
  const topic = await tx.topic.findUnique({ where: { id: topicId }, select: { id: true, slug: true, subjectId: true, subject: { select: { slug: true } } } });
  if (!topic) throw new ActionError("INVALID_INPUT", "Some fields need your attention.", { topicId: ["Choose one of the listed topics."] });
  return topic;
}

/** A new slug "<subject>-<topic>-<nnn>", one past every slug with that prefix that exists or was deleted: never reused. */
async function newSlug(tx: DbTx, subjectSlug: string, topicSlug: string): Promise<string> {
  const prefix = topicSlug.startsWith(`${subjectSlug}-`) ? `${topicSlug}-` : `${subjectSlug}-${topicSlug}-`;
  const taken = await tx.question.findMany({ where: { slug: { startsWith: prefix } }, select: { slug: true } });
  const deleted = await tx.auditEntry.findMany({ where: { action: "question.delete", entityType: "question" }, select: { details: true } });
  const slugs = [
    ...taken.map((q) => q.slug),
    ...deleted.map((d) => (d.details && typeof d.details === "object" && !Array.isArray(d.details) ? d.details.slug : null)),
  ];
  let max = 0;
  for (const slug of slugs) {
    if (typeof slug !== "string" || !slug.startsWith(prefix)) continue;
    const n = Number(slug.slice(prefix.length));
    if (Number.isInteger(n) && n > max) max = n;
  }
  return `${prefix}${String(max + 1).padStart(3, "0")}`;
}

/** Tries of a create whose new slug another creator took meanwhile (PostgreSQL, READ COMMITTED: both read the same highest slug). */
const SLUG_TRIES = 8;

export async function createQuestion(actor: ActionUser, input: QuestionEditorInput, now = new Date()): Promise<{ id: string; slug: string }> {
  assertRole(actor, STAFF_ROLES);
  for (let attempt = 1; ; attempt++) {
    try {
      return await createQuestionOnce(actor, input, now);
    } catch (error) {
      // The transaction rolled back whole; the next try reads the slug taken meanwhile.
      if (attempt >= SLUG_TRIES || !isUniqueViolation(error)) throw error;
    }
  }
}

async function createQuestionOnce(actor: ActionUser, input: QuestionEditorInput, now: Date): Promise<{ id: string; slug: string }> {
  return getDb().$transaction(async (tx) => {
    const topic = await topicOrError(tx, input.topicId);
    const slug = await newSlug(tx, topic.subject.slug, topic.slug);
    const created = await tx.question.create({
      data: {
        slug,
        topicId: topic.id,
        status: input.status,
        difficulty: input.difficulty,
        kind: input.kind,
        sources: input.sources,
        tags: input.tags,
        authorId: actor.id,
        currentVersion: 1,
        searchText: searchTextOf(slug, input.stem, input.options),
        createdAt: now,
        versions: {
          create: {
            version: 1,
            stem: input.stem,
            explanation: input.explanation,
            contentHash: contentHash(input),
            authorId: actor.id,
            createdAt: now,
            options: { create: optionRows(input) },
          },
        },
        calibration: { create: { rating: startingRating(input.difficulty) } },
      },
      select: { id: true, slug: true },
    });
    await recordAudit(
      tx,
      {
        actorId: actor.id,
        action: "question.create",
        entityType: "question",
        entityId: created.id,
        summary: `Created ${slug} (${STATUS_LABELS[input.status].toLowerCase()})`,
        details: { slug, version: 1, status: input.status },
      },
      now,
    );
    return created;
  });
}

export type UpdateOutcome = { id: string; slug: string; version: number; versionCreated: boolean; wordingChanged: boolean; changedFields: string[] };

export async function updateQuestion(actor: ActionUser, id: string, input: QuestionEditorInput, now = new Date()): Promise<UpdateOutcome> {
  assertRole(actor, STAFF_ROLES);
  return getDb().$transaction(async (tx) => {
    const question = await tx.question.findUnique({
      where: { id },
      select: { id: true, slug: true, topicId: true, status: true, difficulty: true, kind: true, sources: true, tags: true, currentVersion: true },
    });
    if (!question) throw new ActionError("NOT_FOUND", NOT_FOUND);
    const current = await tx.questionVersion.findUnique({
      where: { questionId_version: { questionId: id, version: question.currentVersion } },
      select: { id: true, contentHash: true },
    });
    if (!current) throw new Error(`question ${id} has no current version`);
    if (input.topicId !== question.topicId) await topicOrError(tx, input.topicId);

    const changedFields: string[] = [];
    if (input.topicId !== question.topicId) changedFields.push("topic");
    if (input.difficulty !== question.difficulty) changedFields.push("difficulty");
    if (input.kind !== question.kind) changedFields.push("kind");
    if (JSON.stringify(stringList(question.sources)) !== JSON.stringify(input.sources)) changedFields.push("sources");
    if (JSON.stringify(stringList(question.tags)) !== JSON.stringify(input.tags)) changedFields.push("tags");
    if (input.status !== question.status) changedFields.push("status");

    const hash = contentHash(input);
    const wordingChanged = hash !== current.contentHash;
    let version = question.currentVersion;
    let versionCreated = false;
    if (wordingChanged) {
      const content = { stem: input.stem, explanation: input.explanation, contentHash: hash };
      if (await versionSeen(tx, current.id)) {
        version = question.currentVersion + 1;
        versionCreated = true;
        await tx.questionVersion.create({
          data: { questionId: id, version, ...content, authorId: actor.id, createdAt: now, options: { create: optionRows(input) } },
        });
      } else {
        await tx.option.deleteMany({ where: { versionId: current.id } });
        await tx.questionVersion.update({ where: { id: current.id }, data: { ...content, options: { create: optionRows(input) } } });
      }
    }
    if (!wordingChanged && changedFields.length === 0) {
      return { id, slug: question.slug, version, versionCreated, wordingChanged, changedFields };
    }
    await tx.question.update({
      where: { id },
      data: {
        topicId: input.topicId,
        difficulty: input.difficulty,
        kind: input.kind,
        sources: input.sources,
        tags: input.tags,
        status: input.status,
        currentVersion: version,
        searchText: searchTextOf(question.slug, input.stem, input.options),
      },
    });
    const what = wordingChanged ? (versionCreated ? `new version ${version}` : `version ${version} corrected in place`) : "details only";
    await recordAudit(
      tx,
      {
        actorId: actor.id,
        action: "question.edit",
        entityType: "question",
        entityId: id,
        summary: `Edited ${question.slug}: ${what}${changedFields.length > 0 ? `; changed ${changedFields.join(", ")}` : ""}`,
        details: { version, versionCreated, wordingChanged, changedFields },
      },
      now,
    );
    return { id, slug: question.slug, version, versionCreated, wordingChanged, changedFields };
  });
}

export async function questionForEditing(actor: ActionUser, id: string): Promise<QuestionForEditing | null> {
  assertRole(actor, STAFF_ROLES);
  const db = getDb();
  const question = await db.question.findUnique({
    where: { id },
    select: {
      id: true,
      slug: true,
      status: true,
      topicId: true,
      difficulty: true,
      kind: true,
      sources: true,
      tags: true,
      currentVersion: true,
      _count: { select: { answers: true } },
    },
  });
  if (!question) return null;
  const version = await db.questionVersion.findUnique({
    where: { questionId_version: { questionId: id, version: question.currentVersion } },
    select: { id: true, stem: true, explanation: true, options: { orderBy: { position: "asc" }, select: { text: true, feedback: true, correct: true } } },
  });
  if (!version) return null;
  return {
    id: question.id,
    slug: question.slug,
    status: question.status,
    topicId: question.topicId,
    difficulty: question.difficulty,
    kind: question.kind,
    sources: stringList(question.sources),
    tags: stringList(question.tags),
    currentVersion: question.currentVersion,
    stem: version.stem,
    explanation: version.explanation,
    options: version.options,
    answerCount: question._count.answers,
    currentVersionSeen: await versionSeen(db, version.id),
  };
}

/** Stems of the topic's subject (current versions, other questions) that read nearly the same as `stem`. */
export async function nearDuplicateStems(
  actor: ActionUser,
  input: { stem: string; topicId: string; questionId?: string | undefined },
): Promise<NearDuplicate[]> {
  assertRole(actor, STAFF_ROLES);
  if (input.stem.trim().length === 0) return [];
  const db = getDb();
  const topic = await db.topic.findUnique({ where: { id: input.topicId }, select: { subjectId: true } });
  if (!topic) return [];
  // Only each question's current stem, in one statement (not every version of every question).
  const questions = await db.$queryRaw<Array<{ id: string; slug: string; stem: string }>>`
    SELECT q."id", q."slug", v."stem"
    FROM "Topic" t
    JOIN "Question" q ON q."topicId" = t."id"
    JOIN "QuestionVersion" v ON v."questionId" = q."id" AND v."version" = q."currentVersion"
    WHERE t."subjectId" = ${topic.subjectId} AND q."id" <> ${input.questionId ?? ""}`;
  const found: NearDuplicate[] = [];
  for (const q of questions) {
    const similarity = stemSimilarity(input.stem, q.stem);
    if (similarity >= LINT_LIMITS.stemSimilarity) found.push({ id: q.id, slug: q.slug, stem: q.stem, similarity });
  }
  return found.sort((a, b) => b.similarity - a.similarity).slice(0, 5);
}

export type HistoryVersion = {
  id: string;
  version: number;
  createdAt: Date;
  author: string | null;
  stem: string;
  explanation: string;
  options: Array<{ text: string; feedback: string; correct: boolean }>;
  attempts: number;
  firstAttempts: number;
  facility: number | null;
};

export type QuestionHistory = {
  id: string;
  slug: string;
  currentVersion: number;
  /** Oldest first. */
  versions: HistoryVersion[];
  audit: Awaited<ReturnType<typeof auditTrail>>;
};

export async function questionHistory(actor: ActionUser, id: string): Promise<QuestionHistory | null> {
  assertRole(actor, STAFF_ROLES);
  const db = getDb();
  const question = await db.question.findUnique({
    where: { id },
    select: {
      id: true,
      slug: true,
      currentVersion: true,
      versions: {
        orderBy: { version: "asc" },
        select: {
          id: true,
          version: true,
          createdAt: true,
          authorId: true,
          stem: true,
          explanation: true,
          options: { orderBy: { position: "asc" }, select: { text: true, feedback: true, correct: true } },
        },
      },
    },
  });
  if (!question) return null;
  // Through the (questionId, createdAt) index: every answer of this question, any version.
  const answers = await db.answer.findMany({
    where: { questionId: id },
    select: { userId: true, questionVersionId: true, correct: true, createdAt: true },
  });
  const stats = versionStats(answers);
  const authorIds = [...new Set(question.versions.map((v) => v.authorId).filter((a): a is string => a !== null))];
  const authors = new Map(
    (await db.user.findMany({ where: { id: { in: authorIds } }, select: { id: true, name: true } })).map((u) => [u.id, u.name]),
  );
  return {
    id: question.id,
    slug: question.slug,
    currentVersion: question.currentVersion,
    versions: question.versions.map((v) => {
      const s = stats.get(v.id);
      return {
        id: v.id,
        version: v.version,
        createdAt: v.createdAt,
        author: v.authorId ? (authors.get(v.authorId) ?? "a deleted account") : null,
        stem: v.stem,
        explanation: v.explanation,
        options: v.options,
        attempts: s?.attempts ?? 0,
        firstAttempts: s?.firstAttempts ?? 0,
        facility: s?.facility ?? null,
      };
    }),
    audit: await auditTrail(db, "question", id),
  };
}

export async function setStatus(actor: ActionUser, id: string, status: QuestionStatusValue, now = new Date()): Promise<{ slug: string }> {
  assertRole(actor, STAFF_ROLES);
  return getDb().$transaction(async (tx) => {
    const question = await tx.question.findUnique({ where: { id }, select: { slug: true, status: true } });
    if (!question) throw new ActionError("NOT_FOUND", NOT_FOUND);
    if (question.status === status) return { slug: question.slug };
    await tx.question.update({ where: { id }, data: { status } });
    await recordAudit(
      tx,
      {
        actorId: actor.id,
        action: "question.status",
        entityType: "question",
        entityId: id,
        summary: `${STATUS_LABELS[status]}: ${question.slug} (was ${STATUS_LABELS[question.status].toLowerCase()})`,
        details: { from: question.status, to: status },
      },
      now,
    );
    return { slug: question.slug };
  });
}

/**
 * Deletes a question nobody has answered or been shown. One with answers (or
 * an open presentation, or a mock-exam item) is refused: retire it instead,
 * which keeps its history and stops serving it.
 */
export async function deleteQuestion(actor: ActionUser, id: string, now = new Date()): Promise<{ slug: string }> {
  assertRole(actor, STAFF_ROLES);
  return getDb().$transaction(async (tx) => {
    const question = await tx.question.findUnique({ where: { id }, select: { slug: true, _count: { select: { answers: true } } } });
    if (!question) throw new ActionError("NOT_FOUND", NOT_FOUND);
    if (question._count.answers > 0) {
      throw new ActionError(
        "CONFLICT",
        `${question.slug} has ${question._count.answers} answer${question._count.answers === 1 ? "" : "s"}, so it cannot be deleted: its answers and statistics would go with it. Retire it instead; it stops being served and keeps its history.`,
      );
    }
    const shown = await tx.presentation.findFirst({ where: { questionId: id }, select: { id: true } });
    if (shown) {
      throw new ActionError(
        "CONFLICT",
        `${question.slug} has been shown to a student (an open question or a mock exam uses it), so it cannot be deleted. Retire it instead.`,
      );
    }
    const stem = await tx.questionVersion.findFirst({ where: { questionId: id }, orderBy: { version: "desc" }, select: { stem: true } });
    await tx.question.delete({ where: { id } });
    await recordAudit(
      tx,
      {
        actorId: actor.id,
        action: "question.delete",
        entityType: "question",
        entityId: id,
        summary: `Deleted ${question.slug}`,
        details: { slug: question.slug, stem: stem?.stem ?? "" },
      },
      now,
    );
    return { slug: question.slug };
  });
}
