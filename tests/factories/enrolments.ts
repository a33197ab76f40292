import { getDb } from "@/lib/server/db";

/** Enrols the user in the subject (with an optional plan) and makes it their current subject. */
export async function enrol(userId: string, subjectId: string, plan: { examDate?: Date | null; dailyGoal?: number | null } = {}) {
  const db = getDb();
  const enrolment = await db.enrolment.upsert({
    where: { userId_subjectId: { userId, subjectId } },
    create: { userId, subjectId, ...plan },
    update: plan,
  });
  await db.user.update({ where: { id: userId }, data: { currentSubjectId: subjectId } });
  return enrolment;
}

/** The subject a question belongs to. */
export async function subjectOf(question: { topicId: string }): Promise<string> {
  const topic = await getDb().topic.findUniqueOrThrow({ where: { id: question.topicId }, select: { subjectId: true } });
  return topic.subjectId;
}
