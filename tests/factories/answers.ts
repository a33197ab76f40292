import { randomUUID } from "node:crypto";
import { getDb } from "@/lib/server/db";
import type { Confidence } from "@/lib/generated/prisma/client";

type QuestionWithVersions = {
  id: string;
  versions: Array<{ id: string; options: Array<{ id: string; correct: boolean }> }>;
};

/**
 * An answer row as the app writes it, without the learner model: the chosen
 * option (0-based, in stored order) of a version (the first by default).
 * firstAttempt is worked out as the app defines it: the student had no
 * earlier answer to this question, in any version (so create a student's
 * answers to one question in time order).
 */
export async function createAnswer(
  userId: string,
  question: QuestionWithVersions,
  overrides: { optionIndex?: number; versionIndex?: number; confidence?: Confidence; createdAt?: Date; responseMs?: number } = {},
) {
  const db = getDb();
  const version = question.versions[overrides.versionIndex ?? 0]!;
  const option = version.options[overrides.optionIndex ?? 0]!;
  const createdAt = overrides.createdAt ?? new Date();
  const earlier = await db.answer.count({ where: { userId, questionId: question.id, createdAt: { lte: createdAt } } });
  return db.answer.create({
    data: {
      userId,
      questionId: question.id,
      questionVersionId: version.id,
      optionId: option.id,
      correct: option.correct,
      confidence: overrides.confidence ?? "SURE",
      responseMs: overrides.responseMs ?? 5000,
      attemptToken: `factory-${randomUUID()}`,
      firstAttempt: earlier === 0,
      createdAt,
    },
  });
}
