import "server-only";
import { assertRole, STAFF_ROLES, type ActionUser } from "../server/action-client";
import { getDb } from "../server/db";

/** Read models for the instructor area. */

export type QuestionRow = {
  id: string;
  slug: string;
  topic: string;
  status: string;
  difficulty: string;
  kind: string;
  version: number;
  stem: string;
  attempts: number;
  correctRate: number | null;
};

export async function listQuestionsWithStats(actor: ActionUser): Promise<QuestionRow[]> {
  assertRole(actor, STAFF_ROLES);
  const questions = await getDb().question.findMany({
    orderBy: [{ topic: { position: "asc" } }, { slug: "asc" }],
    select: {
      id: true,
      slug: true,
      status: true,
      difficulty: true,
      kind: true,
      currentVersion: true,
      topic: { select: { name: true } },
      calibration: { select: { attempts: true, correct: true } },
      versions: { select: { version: true, stem: true } },
    },
  });
  return questions.map((q) => {
    const attempts = q.calibration?.attempts ?? 0;
    return {
      id: q.id,
      slug: q.slug,
      topic: q.topic.name,
      status: q.status,
      difficulty: q.difficulty,
      kind: q.kind,
      version: q.currentVersion,
      stem: q.versions.find((v) => v.version === q.currentVersion)?.stem ?? "",
      attempts,
      correctRate: attempts > 0 ? (q.calibration?.correct ?? 0) / attempts : null,
    };
  });
}
