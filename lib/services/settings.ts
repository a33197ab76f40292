import "server-only";
import { localDay, startOfLocalDay } from "../analytics/calendar";
import { getDb } from "../server/db";
import type { StudySettings, StudySettingsInput } from "../validation/settings";

export async function studySettings(userId: string): Promise<StudySettings> {
  const user = await getDb().user.findUniqueOrThrow({ where: { id: userId }, select: { examDate: true, dailyGoal: true, timeZone: true } });
  return {
    examDate: user.examDate ? localDay(user.examDate, user.timeZone) : null,
    dailyGoal: user.dailyGoal,
    timeZone: user.timeZone,
  };
}

/**
 * Stores the signed-in student's exam date (as the start of that day in their
 * time zone, which the scheduler plans toward), daily goal and time zone. A
 * post without a time zone (no JavaScript) keeps the stored one.
 */
export async function saveStudySettings(userId: string, input: StudySettingsInput): Promise<StudySettings> {
  const db = getDb();
  const current = await db.user.findUniqueOrThrow({ where: { id: userId }, select: { timeZone: true } });
  const timeZone = input.timeZone ?? current.timeZone;
  await db.user.update({
    where: { id: userId },
    data: {
      examDate: input.examDate ? startOfLocalDay(input.examDate, timeZone) : null,
      dailyGoal: input.dailyGoal,
      timeZone,
    },
  });
  return studySettings(userId);
}

/** Only the time zone (the welcome step's "Skip for now"): the student's day follows their browser. */
export async function saveTimeZone(userId: string, timeZone: string | null): Promise<void> {
  if (timeZone === null) return;
  await getDb().user.update({ where: { id: userId }, data: { timeZone } });
}
