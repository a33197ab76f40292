import "server-only";
import { localDay, startOfLocalDay } from "../analytics/calendar";
import { getDb } from "../server/db";
import type { StudySettings, StudySettingsInput } from "../validation/settings";
import { requireCurrentEnrolment } from "./enrolment";

/** The current enrolment's exam date and daily goal, and the user's time zone. */
export async function studySettings(userId: string): Promise<StudySettings> {
  const enrolment = await requireCurrentEnrolment(userId);
  const user = await getDb().user.findUniqueOrThrow({ where: { id: userId }, select: { timeZone: true } });
  return {
    examDate: enrolment.examDate ? localDay(enrolment.examDate, user.timeZone) : null,
    dailyGoal: enrolment.dailyGoal,
    timeZone: user.timeZone,
  };
}

/**
 * Stores the exam date (as the start of that day in the student's time zone,
 * which the scheduler plans toward) and daily goal of the subject the student
 * studies now, and their time zone (one for all subjects). A post without a
 * time zone (no JavaScript) keeps the stored one.
 */
export async function saveStudySettings(userId: string, input: StudySettingsInput): Promise<StudySettings> {
  const enrolment = await requireCurrentEnrolment(userId);
  await getDb().$transaction(async (tx) => {
    const current = await tx.user.findUniqueOrThrow({ where: { id: userId }, select: { timeZone: true } });
    const timeZone = input.timeZone ?? current.timeZone;
    await tx.user.update({ where: { id: userId }, data: { timeZone } });
    await tx.enrolment.update({
      where: { id: enrolment.id },
      // A new plan makes the stored readiness (projected on the old plan) stale: readiness.ts recomputes it.
      data: { examDate: input.examDate ? startOfLocalDay(input.examDate, timeZone) : null, dailyGoal: input.dailyGoal, readinessAt: null },
    });
  });
  return studySettings(userId);
}

/** Only the time zone (the welcome step's "Skip for now"): the student's day follows their browser. */
export async function saveTimeZone(userId: string, timeZone: string | null): Promise<void> {
  if (timeZone === null) return;
  await getDb().user.update({ where: { id: userId }, data: { timeZone } });
}
