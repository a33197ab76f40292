import "server-only";
import type { DbTx } from "../server/db";
import type { Prisma } from "../generated/prisma/client";

/**
 * The audit trail: who changed what in the bank, its topics and subjects,
 * classes, and accounts (reset links, password changes, deletions), and when. Written inside the transaction of the
 * change it records, so an entry exists exactly when the change does.
 */
export type AuditRecord = {
  /** The signed-in user who made the change; null for the seed or a script. */
  actorId: string | null;
  /** Dotted verb, e.g. "question.create", "question.edit", "question.import", "topic.rename". */
  action: string;
  entityType: "question" | "topic" | "subject" | "class" | "report" | "bank" | "user";
  entityId: string | null;
  /** One line a person can read: "Edited ipt-grief-007 (version 3)". */
  summary: string;
  details?: Prisma.InputJsonValue;
};

export async function recordAudit(tx: DbTx, entry: AuditRecord, now = new Date()): Promise<void> {
  await tx.auditEntry.create({
    data: {
      actorId: entry.actorId,
      action: entry.action,
      entityType: entry.entityType,
      entityId: entry.entityId,
      summary: entry.summary,
      ...(entry.details === undefined ? {} : { details: entry.details }),
      createdAt: now,
    },
  });
}

/** The history of one thing, newest first: "who changed this". */
export async function auditTrail(tx: DbTx, entityType: AuditRecord["entityType"], entityId: string, take = 50) {
  return tx.auditEntry.findMany({
    where: { entityType, entityId },
    orderBy: { createdAt: "desc" },
    take,
    select: { id: true, action: true, summary: true, details: true, createdAt: true, actor: { select: { id: true, name: true, email: true } } },
  });
}
