import "server-only";
import { createHash } from "node:crypto";
import { getDb, type DbTx } from "../server/db";
import type { Difficulty, QuestionKind } from "../generated/prisma/client";
import type { BankQuestion, QuestionBank } from "../questions/bank-schema";
import { searchTextOf } from "../questions/search-text";
import { sameTags } from "../questions/tags";
import { initialItemRating } from "../scheduler/ability";

/**
 * Loads a validated question bank idempotently. Unchanged items are left alone;
 * an edited item that students have answered gets a new version (old answers
 * keep pointing at the version they saw); an edited item nobody has answered
 * is corrected in place. Everything happens in one transaction.
 */

export function emptyLoadReport(): BankLoadReport {
  return { topicsCreated: 0, topicsUpdated: 0, questionsCreated: 0, questionsUpdated: 0, versionsCreated: 0, unchanged: 0 };
}

export type BankLoadReport = {
  topicsCreated: number;
  topicsUpdated: number;
  questionsCreated: number;
  questionsUpdated: number;
  versionsCreated: number;
  unchanged: number;
};

export function contentHash(q: Pick<LoadableQuestion, "stem" | "explanation" | "options">): string {
  const canonical = JSON.stringify({
    stem: q.stem,
    explanation: q.explanation,
    options: q.options.map((o) => [o.text, o.correct, o.feedback]),
  });
  return createHash("sha256").update(canonical).digest("hex");
}

const DIFFICULTY: Record<BankQuestion["difficulty"], Difficulty> = { easy: "EASY", medium: "MEDIUM", hard: "HARD" };
const KIND: Record<BankQuestion["kind"], QuestionKind> = {
  recall: "RECALL",
  application: "APPLICATION",
  contrast: "CONTRAST",
};

function sameSources(a: unknown, b: readonly string[]): boolean {
  return Array.isArray(a) && a.length === b.length && a.every((s, i) => s === b[i]);
}

/**
 * Creates the bank's topics that do not exist yet. A topic that exists keeps
 * the name, description, weight and position an instructor gave it on
 * /instructor/subjects: re-running the seed never undoes those edits. Only a
 * topic found under another subject is moved back to the bank's subject.
 */
async function upsertTopics(tx: DbTx, bank: QuestionBank, report: BankLoadReport): Promise<Map<string, string>> {
  const subject = await tx.subject.upsert({
    where: { slug: bank.subject.slug },
    create: { slug: bank.subject.slug, name: bank.subject.name, description: bank.subject.description },
    update: { name: bank.subject.name, description: bank.subject.description },
  });
  const topicIds = new Map<string, string>();
  for (const [position, topic] of bank.topics.entries()) {
    const existing = await tx.topic.findUnique({ where: { slug: topic.slug } });
    if (!existing) {
      const data = { name: topic.name, description: topic.description, weight: topic.weight, position, subjectId: subject.id };
      const created = await tx.topic.create({ data: { slug: topic.slug, ...data } });
      topicIds.set(topic.slug, created.id);
      report.topicsCreated += 1;
      continue;
    }
    topicIds.set(topic.slug, existing.id);
    if (existing.subjectId !== subject.id) {
      await tx.topic.update({ where: { id: existing.id }, data: { subjectId: subject.id } });
      report.topicsUpdated += 1;
    }
  }
  return topicIds;
}

/** What the loader needs of a question: the bank's fields (imports may carry 2-6 options and no sources). */
export type LoadableQuestion = Pick<BankQuestion, "id" | "stem" | "explanation" | "difficulty" | "kind" | "sources"> & {
  options: ReadonlyArray<{ text: string; correct: boolean; feedback: string }>;
  /** Free labels (normalised, see lib/questions/tags.ts); absent = leave the stored ones alone (the seed carries none). */
  tags?: readonly string[];
};

function optionRows(q: LoadableQuestion) {
  return q.options.map((o, position) => ({ position, text: o.text, correct: o.correct, feedback: o.feedback }));
}

/**
 * Creates, corrects or versions one question, matched by its slug. New
 * questions get `newStatus` (the seed publishes; an instructor's import
 * starts as drafts); existing ones keep theirs.
 */
export type UpsertOutcome =
  | { outcome: "created"; questionId: string }
  | { outcome: "updated"; questionId: string; changed: Array<"wording" | "metadata" | "tags">; version: number }
  | { outcome: "unchanged"; questionId: string };

/** Whether any student has been shown this version: answered it, or had it presented (practice or a mock exam). */
export async function versionSeen(tx: DbTx, versionId: string): Promise<boolean> {
  const answer = await tx.answer.findFirst({ where: { questionVersionId: versionId }, select: { id: true } });
  if (answer) return true;
  const shown = await tx.presentation.findFirst({ where: { questionVersionId: versionId }, select: { id: true } });
  return shown !== null;
}

export async function upsertQuestion(
  tx: DbTx,
  q: LoadableQuestion,
  topicId: string,
  report: BankLoadReport,
  newStatus: "PUBLISHED" | "DRAFT" = "PUBLISHED",
  /** Who wrote the content (an importing instructor); null for the seed and the command line. */
  authorId: string | null = null,
): Promise<UpsertOutcome> {
  const hash = contentHash(q);
  const meta = { topicId, difficulty: DIFFICULTY[q.difficulty], kind: KIND[q.kind], sources: q.sources };
  const existing = await tx.question.findUnique({
    where: { slug: q.id },
    include: { versions: { orderBy: { version: "desc" }, take: 1 } },
  });

  if (!existing) {
    const created = await tx.question.create({
      data: {
        slug: q.id,
        authorId,
        status: newStatus,
        currentVersion: 1,
        searchText: searchTextOf(q.id, q.stem, q.options),
        tags: [...(q.tags ?? [])],
        ...meta,
        versions: {
          create: {
            version: 1,
            stem: q.stem,
            explanation: q.explanation,
            contentHash: hash,
            authorId,
            options: { create: optionRows(q) },
          },
        },
        calibration: { create: { rating: initialItemRating(q.difficulty) } },
      },
      select: { id: true },
    });
    report.questionsCreated += 1;
    return { outcome: "created", questionId: created.id };
  }

  const current = existing.versions[0];
  const metaChanged =
    existing.topicId !== meta.topicId ||
    existing.difficulty !== meta.difficulty ||
    existing.kind !== meta.kind ||
    !sameSources(existing.sources, q.sources);
  // Tags are metadata: a change is an update of the question, never a new version.
  const tagsChanged = q.tags !== undefined && !sameTags(existing.tags, q.tags);
  const contentChanged = !current || current.contentHash !== hash;

  if (!metaChanged && !tagsChanged && !contentChanged) {
    report.unchanged += 1;
    return { outcome: "unchanged", questionId: existing.id };
  }
  let version = current?.version ?? 1;
  if (metaChanged || tagsChanged) {
    await tx.question.update({ where: { id: existing.id }, data: { ...meta, ...(tagsChanged && q.tags ? { tags: [...q.tags] } : {}) } });
  }
  if (contentChanged) {
    await tx.question.update({ where: { id: existing.id }, data: { searchText: searchTextOf(q.id, q.stem, q.options) } });
    const content = { stem: q.stem, explanation: q.explanation, contentHash: hash };
    // A version nobody has been shown is corrected in place; one a student has
    // seen (answered, on screen in practice, or in a mock exam) is history, and
    // its option ids are what their answer will name.
    if (current && !(await versionSeen(tx, current.id))) {
      await tx.option.deleteMany({ where: { versionId: current.id } });
      await tx.questionVersion.update({
        where: { id: current.id },
        data: { ...content, ...(authorId ? { authorId } : {}), options: { create: optionRows(q) } },
      });
    } else {
      version = (current?.version ?? 0) + 1;
      await tx.questionVersion.create({
        data: { questionId: existing.id, version, ...content, authorId, options: { create: optionRows(q) } },
      });
      await tx.question.update({ where: { id: existing.id }, data: { currentVersion: version } });
      report.versionsCreated += 1;
    }
  }
  report.questionsUpdated += 1;
  const changed: Array<"wording" | "metadata" | "tags"> = [];
  if (contentChanged) changed.push("wording");
  if (metaChanged) changed.push("metadata");
  if (tagsChanged) changed.push("tags");
  return { outcome: "updated", questionId: existing.id, changed, version };
}

export async function loadQuestionBank(bank: QuestionBank): Promise<BankLoadReport> {
  const report = emptyLoadReport();
  await getDb().$transaction(
    async (tx) => {
      const topicIds = await upsertTopics(tx, bank, report);
      for (const q of bank.questions) {
        const topicId = topicIds.get(q.topic);
        // The schema guarantees every topic exists; this guards against a caller skipping it.
        if (!topicId) throw new Error(`question ${q.id}: unknown topic "${q.topic}"`);
        await upsertQuestion(tx, q, topicId, report);
      }
    },
    { timeout: 120_000, maxWait: 10_000 },
  );
  return report;
}
