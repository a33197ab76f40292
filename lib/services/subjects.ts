import "server-only";
import { isUniqueViolation } from "../server/direct-sql";
import { ActionError, assertRole, STAFF_ROLES, type ActionUser } from "../server/action-client";
import { getDb } from "../server/db";
import type { CreateSubjectInput } from "../validation/topics";
import { recordAudit } from "./audit";

/**
 * Subjects: what a student studies for (IPT first, created by the seed). Staff
 * list and create them; their topics and blueprint live in topics.ts.
 */

export type SubjectSummary = {
  id: string;
  slug: string;
  name: string;
  description: string;
  topics: number;
  publishedQuestions: number;
};

export async function listSubjects(actor: ActionUser): Promise<SubjectSummary[]> {
  assertRole(actor, STAFF_ROLES);
  const db = getDb();
  const subjects = await db.subject.findMany({
    orderBy: { createdAt: "asc" },
    select: { id: true, slug: true, name: true, description: true, topics: { select: { id: true } } },
  });
  const published = await db.question.groupBy({ by: ["topicId"], where: { status: "PUBLISHED" }, _count: { _all: true } });
  const perTopic = new Map(published.map((row) => [row.topicId, row._count._all]));
  return subjects.map((s) => ({
    id: s.id,
    slug: s.slug,
    name: s.name,
    description: s.description,
    topics: s.topics.length,
    publishedQuestions: s.topics.reduce((sum, t) => sum + (perTopic.get(t.id) ?? 0), 0),
  }));
}

export async function getSubjectBySlug(actor: ActionUser, slug: string) {
  assertRole(actor, STAFF_ROLES);
  const subject = await getDb().subject.findUnique({ where: { slug }, select: { id: true, slug: true, name: true, description: true } });
  if (!subject) throw new ActionError("NOT_FOUND", "No subject has that address.");
  return subject;
}

function slugTaken(slug: string, by: string): ActionError {
  return new ActionError("CONFLICT", `The slug “${slug}” is already used by ${by}. Choose another.`, {
    slug: [`“${slug}” is already used by ${by}. Choose another slug.`],
  });
}

export async function createSubject(actor: ActionUser, input: CreateSubjectInput): Promise<{ id: string; slug: string }> {
  assertRole(actor, STAFF_ROLES);
  try {
    return await getDb().$transaction(async (tx) => {
      const existing = await tx.subject.findUnique({ where: { slug: input.slug }, select: { name: true } });
      if (existing) throw slugTaken(input.slug, existing.name);
      const created = await tx.subject.create({
        data: { slug: input.slug, name: input.name, description: input.description },
        select: { id: true, slug: true },
      });
      await recordAudit(tx, {
        actorId: actor.id,
        action: "subject.create",
        entityType: "subject",
        entityId: created.id,
        summary: `Created subject ${input.name} (${input.slug})`,
      });
      return created;
    });
  } catch (error) {
    // Another request took the slug between the check and the insert.
    if (isUniqueViolation(error)) throw slugTaken(input.slug, "another subject");
    throw error;
  }
}
