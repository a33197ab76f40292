import { randomBytes } from "node:crypto";
import { getDb } from "@/lib/server/db";

type QuestionWithVersions = {
  id: string;
  versions: Array<{ id: string; options: Array<{ id: string }> }>;
};

/**
 * A presentation of a question's first version, as the server would issue it.
 * The option order defaults to the stored order (so option 1 is shown as B).
 */
export async function createPresentation(
  userId: string,
  question: QuestionWithVersions,
  overrides: { order?: string[]; issuedAt?: Date; sessionId?: string; versionIndex?: number } = {},
) {
  const version = question.versions[overrides.versionIndex ?? 0]!;
  return getDb().presentation.create({
    data: {
      id: randomBytes(18).toString("base64url"),
      userId,
      questionId: question.id,
      questionVersionId: version.id,
      optionOrder: overrides.order ?? version.options.map((o) => o.id),
      reason: "Test presentation",
      issuedAt: overrides.issuedAt ?? new Date(),
      ...(overrides.sessionId ? { sessionId: overrides.sessionId } : {}),
    },
  });
}
