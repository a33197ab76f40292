import "server-only";
import { ActionError, assertRole, STAFF_ROLES, type ActionUser } from "../server/action-client";
import { getDb, type DbTx } from "../server/db";
import {
  BLUEPRINT_TOTAL_TENTHS,
  formatTenths,
  slugify,
  SLUG_MAX,
  weightToTenths,
  type BlueprintEntry,
  type CreateTopicInput,
  type UpdateTopicInput,
} from "../validation/topics";
import { recordAudit } from "./audit";

/**
 * A subject's topics and its exam blueprint. Topic slugs are unique across
 * subjects, so a new topic's slug is "<subject>-<name>" (numbered on a clash)
 * and never changes on a rename: imports and exports refer to topics by slug.
 * Weights are stored as fractions of 1 and entered as percentages.
 */

export type TopicRow = {
  id: string;
  slug: string;
  name: string;
  description: string;
  weight: number;
  position: number;
  questions: number;
  publishedQuestions: number;
};

export type SubjectTopics = {
  subject: { id: string; slug: string; name: string; description: string };
  topics: TopicRow[];
  /** The stored weights as tenths of a percent, summed: 1000 when the blueprint is complete. */
  totalTenths: number;
};

const TOPIC_NOT_FOUND = "That topic does not exist (it may have been removed). Reload the page.";
const TOPIC_ORDER = [{ position: "asc" as const }, { slug: "asc" as const }];

async function subjectBySlug(tx: DbTx, slug: string) {
  const subject = await tx.subject.findUnique({ where: { slug }, select: { id: true, slug: true, name: true, description: true } });
  if (!subject) throw new ActionError("NOT_FOUND", "No subject has that address.");
  return subject;
}

async function topicById(tx: DbTx, topicId: string) {
  const topic = await tx.topic.findUnique({ where: { id: topicId }, include: { subject: { select: { id: true, slug: true, name: true } } } });
  if (!topic) throw new ActionError("NOT_FOUND", TOPIC_NOT_FOUND);
  return topic;
}

export async function getSubjectTopics(actor: ActionUser, subjectSlug: string): Promise<SubjectTopics> {
  assertRole(actor, STAFF_ROLES);
  const db = getDb();
  const subject = await subjectBySlug(db, subjectSlug);
  const topics = await db.topic.findMany({ where: { subjectId: subject.id }, orderBy: TOPIC_ORDER });
  const counts = await db.question.groupBy({
    by: ["topicId", "status"],
    where: { topicId: { in: topics.map((t) => t.id) } },
    _count: { _all: true },
  });
  const rows = topics.map((t) => {
    const mine = counts.filter((c) => c.topicId === t.id);
    return {
      id: t.id,
      slug: t.slug,
      name: t.name,
      description: t.description,
      weight: t.weight,
      position: t.position,
      questions: mine.reduce((sum, c) => sum + c._count._all, 0),
      publishedQuestions: mine.filter((c) => c.status === "PUBLISHED").reduce((sum, c) => sum + c._count._all, 0),
    };
  });
  return { subject, topics: rows, totalTenths: rows.reduce((sum, t) => sum + weightToTenths(t.weight), 0) };
}

async function sameNameInSubject(tx: DbTx, subjectId: string, name: string, exceptId?: string) {
  const topics = await tx.topic.findMany({ where: { subjectId }, select: { id: true, name: true } });
  const wanted = name.toLocaleLowerCase();
  return topics.find((t) => t.id !== exceptId && t.name.toLocaleLowerCase() === wanted) ?? null;
}

function duplicateName(name: string): ActionError {
  return new ActionError("CONFLICT", `This subject already has a topic named “${name}”.`, {
    name: [`This subject already has a topic named “${name}”. Choose another name.`],
  });
}

/** "<subject>-<name>", numbered -2, -3... when another topic (of any subject) has it. */
async function freeTopicSlug(tx: DbTx, subjectSlug: string, name: string): Promise<string> {
  const base = slugify(`${subjectSlug}-${slugify(name) || "topic"}`, SLUG_MAX);
  for (let n = 1; ; n += 1) {
    const suffix = n === 1 ? "" : `-${n}`;
    const candidate = `${base.slice(0, SLUG_MAX - suffix.length).replace(/-+$/, "")}${suffix}`;
    const taken = await tx.topic.findUnique({ where: { slug: candidate }, select: { id: true } });
    if (!taken) return candidate;
  }
}

/** A new topic goes last, with weight 0 so a complete blueprint stays complete. */
export async function createTopic(actor: ActionUser, input: CreateTopicInput): Promise<{ id: string; slug: string }> {
  assertRole(actor, STAFF_ROLES);
  return getDb().$transaction(async (tx) => {
    const subject = await subjectBySlug(tx, input.subjectSlug);
    if (await sameNameInSubject(tx, subject.id, input.name)) throw duplicateName(input.name);
    const last = await tx.topic.aggregate({ where: { subjectId: subject.id }, _max: { position: true } });
    const slug = await freeTopicSlug(tx, subject.slug, input.name);
    const created = await tx.topic.create({
      data: {
        slug,
        subjectId: subject.id,
        name: input.name,
        description: input.description,
        weight: 0,
        position: (last._max.position ?? -1) + 1,
      },
      select: { id: true, slug: true },
    });
    await recordAudit(tx, {
      actorId: actor.id,
      action: "topic.create",
      entityType: "topic",
      entityId: created.id,
      summary: `Created topic ${input.name} (${slug}) in ${subject.name}`,
    });
    return created;
  });
}

/** Renames a topic and edits its description; the slug stays as it was. */
export async function updateTopic(actor: ActionUser, input: UpdateTopicInput): Promise<void> {
  assertRole(actor, STAFF_ROLES);
  await getDb().$transaction(async (tx) => {
    const topic = await topicById(tx, input.topicId);
    if (await sameNameInSubject(tx, topic.subjectId, input.name, topic.id)) throw duplicateName(input.name);
    if (topic.name === input.name && topic.description === input.description) return;
    await tx.topic.update({ where: { id: topic.id }, data: { name: input.name, description: input.description } });
    await recordAudit(tx, {
      actorId: actor.id,
      action: topic.name === input.name ? "topic.describe" : "topic.rename",
      entityType: "topic",
      entityId: topic.id,
      summary: topic.name === input.name ? `Edited the description of ${topic.name}` : `Renamed topic ${topic.name} to ${input.name}`,
      details: { from: { name: topic.name, description: topic.description }, to: { name: input.name, description: input.description } },
    });
  });
}

/** Swaps a topic with its neighbour; the subject's positions become 0, 1, 2... Moving the first up (or last down) does nothing. */
export async function moveTopic(actor: ActionUser, topicId: string, direction: "up" | "down"): Promise<void> {
  assertRole(actor, STAFF_ROLES);
  await getDb().$transaction(async (tx) => {
    const topic = await topicById(tx, topicId);
    const order = await tx.topic.findMany({ where: { subjectId: topic.subjectId }, orderBy: TOPIC_ORDER, select: { id: true, position: true } });
    const index = order.findIndex((t) => t.id === topicId);
    const other = direction === "up" ? index - 1 : index + 1;
    if (other < 0 || other >= order.length) return;
    [order[index], order[other]] = [order[other]!, order[index]!];
    for (const [position, row] of order.entries()) {
      if (row.position !== position) await tx.topic.update({ where: { id: row.id }, data: { position } });
    }
    await recordAudit(tx, {
      actorId: actor.id,
      action: "topic.move",
      entityType: "topic",
      entityId: topic.id,
      summary: `Moved topic ${topic.name} ${direction} to place ${other + 1} of ${order.length} in ${topic.subject.name}`,
    });
  });
}

/** Removes a topic that has no questions (of any status); the others close the gap. */
export async function removeTopic(actor: ActionUser, topicId: string): Promise<{ name: string }> {
  assertRole(actor, STAFF_ROLES);
  return getDb().$transaction(async (tx) => {
    const topic = await topicById(tx, topicId);
    const questions = await tx.question.count({ where: { topicId } });
    if (questions > 0) {
      throw new ActionError(
        "CONFLICT",
        `“${topic.name}” has ${questions} ${questions === 1 ? "question" : "questions"} (drafts and retired ones count too). ` +
          "Move them to another topic or delete them before removing it.",
      );
    }
    await tx.topic.delete({ where: { id: topicId } });
    const rest = await tx.topic.findMany({ where: { subjectId: topic.subjectId }, orderBy: TOPIC_ORDER, select: { id: true, position: true } });
    for (const [position, row] of rest.entries()) {
      if (row.position !== position) await tx.topic.update({ where: { id: row.id }, data: { position } });
    }
    await recordAudit(tx, {
      actorId: actor.id,
      action: "topic.remove",
      entityType: "topic",
      entityId: topic.id,
      summary: `Removed topic ${topic.name} (${topic.slug}) from ${topic.subject.name}`,
      details: { slug: topic.slug, name: topic.name, weight: topic.weight },
    });
    return { name: topic.name };
  });
}

/**
 * Sets every topic's weight of one subject at once. The entries must name each
 * of the subject's topics exactly once and add up to 100%; they are stored as
 * fractions that add up to 1.
 */
export async function setBlueprint(actor: ActionUser, subjectSlug: string, weights: readonly BlueprintEntry[]): Promise<void> {
  assertRole(actor, STAFF_ROLES);
  const total = weights.reduce((sum, w) => sum + w.tenths, 0);
  if (total !== BLUEPRINT_TOTAL_TENTHS || weights.some((w) => !Number.isInteger(w.tenths) || w.tenths < 0)) {
    throw new ActionError("INVALID_INPUT", `The weights add up to ${formatTenths(total)}%; they must add up to exactly 100%. Nothing was saved.`);
  }
  await getDb().$transaction(async (tx) => {
    const subject = await subjectBySlug(tx, subjectSlug);
    const topics = await tx.topic.findMany({ where: { subjectId: subject.id }, select: { id: true, name: true, weight: true } });
    const given = new Set(weights.map((w) => w.topicId));
    if (given.size !== weights.length || topics.length !== given.size || topics.some((t) => !given.has(t.id))) {
      throw new ActionError("CONFLICT", "The topics changed since this page was opened. Reload it and enter the weights again.");
    }
    const before = new Map(topics.map((t) => [t.id, t]));
    const changes: Array<{ topic: string; from: number; to: number }> = [];
    for (const entry of weights) {
      const weight = entry.tenths / BLUEPRINT_TOTAL_TENTHS;
      const old = before.get(entry.topicId)!;
      if (old.weight === weight) continue;
      await tx.topic.update({ where: { id: entry.topicId }, data: { weight } });
      changes.push({ topic: old.name, from: old.weight, to: weight });
    }
    if (changes.length === 0) return;
    await recordAudit(tx, {
      actorId: actor.id,
      action: "topic.weights",
      entityType: "subject",
      entityId: subject.id,
      summary: `Set the blueprint of ${subject.name} (${changes.length} ${changes.length === 1 ? "weight" : "weights"} changed)`,
      details: { changes },
    });
  });
}
