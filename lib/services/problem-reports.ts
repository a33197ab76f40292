import "server-only";
import { isUniqueViolation } from "../server/direct-sql";
import { ActionError } from "../server/action-client";
import { getDb } from "../server/db";
import type { ReportProblemInput } from "../validation/practice-modes";

/**
 * Students report a problem with a question from a presentation they were
 * shown; the report is stored against the exact version they saw. One report
 * per student and version (unique index): a second one writes nothing.
 */

const NOT_YOURS = "This question was not shown to you, or it no longer exists. Nothing was sent.";
export const ALREADY_REPORTED = "You already reported this version of the question. Thank you: an instructor will look at it.";

export async function reportProblem(userId: string, input: ReportProblemInput, now = new Date()): Promise<{ reportId: string }> {
  const db = getDb();
  const presentation = await db.presentation.findUnique({
    where: { id: input.presentationId },
    select: { userId: true, questionId: true, questionVersionId: true },
  });
  if (!presentation || presentation.userId !== userId) throw new ActionError("NOT_FOUND", NOT_YOURS);
  const existing = await db.problemReport.findUnique({
    where: { userId_questionVersionId: { userId, questionVersionId: presentation.questionVersionId } },
    select: { id: true },
  });
  if (existing) throw new ActionError("CONFLICT", ALREADY_REPORTED);
  try {
    const report = await db.problemReport.create({
      data: {
        userId,
        questionId: presentation.questionId,
        questionVersionId: presentation.questionVersionId,
        category: input.category,
        reason: input.reason,
        createdAt: now,
      },
      select: { id: true },
    });
    return { reportId: report.id };
  } catch (error) {
    // Two reports at once: the unique index keeps one.
    if (isUniqueViolation(error)) throw new ActionError("CONFLICT", ALREADY_REPORTED);
    throw error;
  }
}

/** Whether the student already reported the version behind one of their presentations. */
export async function alreadyReported(userId: string, presentationId: string): Promise<boolean> {
  const db = getDb();
  const presentation = await db.presentation.findUnique({ where: { id: presentationId }, select: { userId: true, questionVersionId: true } });
  if (!presentation || presentation.userId !== userId) return false;
  const found = await db.problemReport.count({ where: { userId, questionVersionId: presentation.questionVersionId } });
  return found > 0;
}
