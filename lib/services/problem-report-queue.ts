import "server-only";
import type { ProblemCategory, ProblemStatus } from "../generated/prisma/client";
import { ActionError, assertRole, STAFF_ROLES, type ActionUser } from "../server/action-client";
import { getDb } from "../server/db";
import type { ReportFilter, ResolveReportInput } from "../validation/reports";
import { recordAudit } from "./audit";

/**
 * The staff side of students' problem reports ("the key is wrong", "unclear"):
 * a queue, open reports first, that an instructor resolves or dismisses with a
 * note. Students file reports elsewhere; reporters' names are for staff only,
 * which every function here enforces.
 */

export type ReportRow = {
  id: string;
  questionId: string;
  questionSlug: string;
  /** The version the student saw, and whether the question has moved on since. */
  version: number;
  currentVersion: number;
  isCurrentVersion: boolean;
  category: ProblemCategory;
  reason: string;
  status: ProblemStatus;
  createdAt: Date;
  reporter: { id: string; name: string; email: string };
  resolutionNote: string | null;
  resolvedAt: Date | null;
  resolvedBy: { id: string; name: string } | null;
};

export type ReportPage = {
  items: ReportRow[];
  total: number;
  page: number;
  pageCount: number;
  pageSize: number;
  /** Reports per status, for the filter's labels. */
  counts: Record<ProblemStatus, number>;
};

const STATUS_OF: Record<Exclude<ReportFilter, "all">, ProblemStatus> = { open: "OPEN", resolved: "RESOLVED", dismissed: "DISMISSED" };

const REPORT_SELECT = {
  id: true,
  category: true,
  reason: true,
  status: true,
  createdAt: true,
  resolutionNote: true,
  resolvedAt: true,
  question: { select: { id: true, slug: true, currentVersion: true } },
  version: { select: { version: true } },
  user: { select: { id: true, name: true, email: true } },
  resolvedBy: { select: { id: true, name: true } },
} as const;

type SelectedReport = {
  id: string;
  category: ProblemCategory;
  reason: string;
  status: ProblemStatus;
  createdAt: Date;
  resolutionNote: string | null;
  resolvedAt: Date | null;
  question: { id: string; slug: string; currentVersion: number };
  version: { version: number };
  user: { id: string; name: string; email: string };
  resolvedBy: { id: string; name: string } | null;
};

function toRow(r: SelectedReport): ReportRow {
  return {
    id: r.id,
    questionId: r.question.id,
    questionSlug: r.question.slug,
    version: r.version.version,
    currentVersion: r.question.currentVersion,
    isCurrentVersion: r.version.version === r.question.currentVersion,
    category: r.category,
    reason: r.reason,
    status: r.status,
    createdAt: r.createdAt,
    reporter: r.user,
    resolutionNote: r.resolutionNote,
    resolvedAt: r.resolvedAt,
    resolvedBy: r.resolvedBy,
  };
}

/**
 * One page of the queue. Open reports come first, oldest first (a queue);
 * closed ones follow, most recently closed first.
 */
export async function listReports(
  actor: ActionUser,
  filter: ReportFilter = "open",
  paging: { page?: number; pageSize?: number } = {},
): Promise<ReportPage> {
  assertRole(actor, STAFF_ROLES);
  const db = getDb();
  const pageSize = Math.min(Math.max(Math.trunc(paging.pageSize ?? 20), 1), 100);
  const where = filter === "all" ? {} : { status: STATUS_OF[filter] };
  const grouped = await db.problemReport.groupBy({ by: ["status"], _count: { _all: true } });
  const counts: Record<ProblemStatus, number> = { OPEN: 0, RESOLVED: 0, DISMISSED: 0 };
  for (const row of grouped) counts[row.status] = row._count._all;
  const total = filter === "all" ? counts.OPEN + counts.RESOLVED + counts.DISMISSED : counts[STATUS_OF[filter]];
  const pageCount = Math.max(1, Math.ceil(total / pageSize));
  const page = Math.min(Math.max(Math.trunc(paging.page ?? 1), 1), pageCount);
  const rows = await db.problemReport.findMany({
    where,
    // SQLite sorts NULL first in ascending order: open reports (never resolved) lead.
    orderBy: [{ resolvedAt: { sort: "desc", nulls: "first" } }, { createdAt: "asc" }, { id: "asc" }],
    skip: (page - 1) * pageSize,
    take: pageSize,
    select: REPORT_SELECT,
  });
  return { items: rows.map(toRow), total, page, pageCount, pageSize, counts };
}

/** Closes an open report as resolved (note optional) or dismissed (note required), and records who did it. */
export async function resolveReport(
  actor: ActionUser,
  reportId: string,
  input: Pick<ResolveReportInput, "outcome" | "note">,
  now = new Date(),
): Promise<ReportRow> {
  assertRole(actor, STAFF_ROLES);
  const note = input.note.trim();
  if (input.outcome === "DISMISSED" && !note) {
    throw new ActionError("INVALID_INPUT", "Say why you dismiss this report.", {
      note: ["Say why you dismiss this report; the note is required for a dismissal."],
    });
  }
  return getDb().$transaction(async (tx) => {
    const report = await tx.problemReport.findUnique({ where: { id: reportId }, select: { id: true, status: true, question: { select: { slug: true } } } });
    if (!report) throw new ActionError("NOT_FOUND", "That report does not exist.");
    const closed = await tx.problemReport.updateMany({
      where: { id: reportId, status: "OPEN" },
      data: { status: input.outcome, resolutionNote: note || null, resolvedById: actor.id, resolvedAt: now },
    });
    if (closed.count === 0) {
      throw new ActionError("CONFLICT", `This report was already ${report.status === "DISMISSED" ? "dismissed" : "resolved"}. Reload the page.`);
    }
    const verb = input.outcome === "RESOLVED" ? "Resolved" : "Dismissed";
    await recordAudit(
      tx,
      {
        actorId: actor.id,
        action: input.outcome === "RESOLVED" ? "report.resolve" : "report.dismiss",
        entityType: "report",
        entityId: reportId,
        summary: `${verb} a problem report on ${report.question.slug}`,
        ...(note ? { details: { note } } : {}),
      },
      now,
    );
    const updated = await tx.problemReport.findUniqueOrThrow({ where: { id: reportId }, select: REPORT_SELECT });
    return toRow(updated);
  });
}

/** Open reports per question, for the bank list's badges; questions without any are absent from the map. */
export async function openReportCounts(actor: ActionUser, questionIds: readonly string[]): Promise<Map<string, number>> {
  assertRole(actor, STAFF_ROLES);
  const counts = new Map<string, number>();
  if (questionIds.length === 0) return counts;
  const ids = [...new Set(questionIds)];
  // SQLite limits bound parameters per statement; chunk long lists.
  for (let i = 0; i < ids.length; i += 500) {
    const grouped = await getDb().problemReport.groupBy({
      by: ["questionId"],
      where: { status: "OPEN", questionId: { in: ids.slice(i, i + 500) } },
      _count: { _all: true },
    });
    for (const row of grouped) counts.set(row.questionId, row._count._all);
  }
  return counts;
}

/** Every report on one question, open first, for the question editor. */
export async function reportsForQuestion(actor: ActionUser, questionId: string): Promise<ReportRow[]> {
  assertRole(actor, STAFF_ROLES);
  const rows = await getDb().problemReport.findMany({
    where: { questionId },
    orderBy: [{ resolvedAt: { sort: "desc", nulls: "first" } }, { createdAt: "asc" }, { id: "asc" }],
    select: REPORT_SELECT,
  });
  return rows.map(toRow);
}
