import { getDb } from "@/lib/server/db";
import type { ProblemCategory, ProblemStatus } from "@/lib/generated/prisma/client";

type QuestionWithVersions = { id: string; versions: Array<{ id: string }> };

/** A student's problem report on a question's first version (or the one given). */
export async function createProblemReport(
  userId: string,
  question: QuestionWithVersions,
  overrides: { category?: ProblemCategory; reason?: string; status?: ProblemStatus; createdAt?: Date; versionIndex?: number } = {},
) {
  return getDb().problemReport.create({
    data: {
      userId,
      questionId: question.id,
      questionVersionId: question.versions[overrides.versionIndex ?? 0]!.id,
      category: overrides.category ?? "WRONG_KEY",
      reason: overrides.reason ?? "I think C is right.",
      status: overrides.status ?? "OPEN",
      ...(overrides.status && overrides.status !== "OPEN" ? { resolvedAt: new Date() } : {}),
      ...(overrides.createdAt ? { createdAt: overrides.createdAt } : {}),
    },
  });
}
