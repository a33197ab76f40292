import "server-only";
import { localDay, startOfLocalDay, studyStreak } from "../analytics/calendar";
import { getDb } from "../server/db";
import { daysUntilExam, examPhase, meetingQuota } from "../scheduler/pacing";
import { resolveParams } from "../scheduler/params";

/** The signed-in home page's numbers, all on the student's own calendar. */
export type TodaySummary = {
  today: string;
  timeZone: string;
  reviewsDue: number;
  /** New questions the pace toward the exam still calls for today. */
  newToday: number;
  doneToday: number;
  dailyGoal: number;
  goalIsDefault: boolean;
  streak: number;
  examDate: string | null;
  daysToExam: number | null;
};

/** Longest streak looked back over; older days cannot change today's figure once a gap exists. */
const STREAK_LOOKBACK_DAYS = 400;

export async function todaySummary(userId: string, now = new Date()): Promise<TodaySummary> {
  const db = getDb();
  const params = resolveParams();
  const user = await db.user.findUniqueOrThrow({
    where: { id: userId },
    select: { examDate: true, dailyGoal: true, timeZone: true, currentSubjectId: true },
  });
  const subjectId = user.currentSubjectId ?? (await db.subject.findFirst({ orderBy: { createdAt: "asc" }, select: { id: true } }))?.id ?? "";
  const today = localDay(now, user.timeZone);
  const [reviewsDue, seen, introducedToday, published, studyDays] = [
    await db.memoryState.count({ where: { userId, due: { lte: now } } }),
    await db.memoryState.count({ where: { userId, question: { status: "PUBLISHED" } } }),
    await db.memoryState.count({ where: { userId, createdAt: { gte: startOfLocalDay(today, user.timeZone) } } }),
    await db.question.count({ where: { status: "PUBLISHED" } }),
    await db.studyDay.findMany({
      where: { userId, subjectId },
      orderBy: { day: "desc" },
      take: STREAK_LOOKBACK_DAYS,
      select: { day: true, answered: true },
    }),
  ];
  const dailyGoal = user.dailyGoal ?? params.defaultDailyGoal;
  const daysLeft = daysUntilExam(now, user.examDate);
  const newToday = meetingQuota({
    phase: examPhase(now, user.examDate, params),
    toMeet: Math.max(0, published - seen),
    daysLeft,
    introducedToday,
    dailyGoal,
    params,
  });
  const examDay = user.examDate ? localDay(user.examDate, user.timeZone) : null;
  return {
    today,
    timeZone: user.timeZone ?? "UTC",
    reviewsDue,
    newToday,
    doneToday: studyDays.find((d) => d.day === today)?.answered ?? 0,
    dailyGoal,
    goalIsDefault: user.dailyGoal === null,
    streak: studyStreak(
      studyDays.filter((d) => d.answered > 0).map((d) => d.day),
      today,
    ),
    examDate: examDay,
    daysToExam: daysLeft === null ? null : Math.max(0, Math.ceil(daysLeft)),
  };
}

/** Just today's count against the goal, for the practice screen's progress bar. */
export async function todayProgress(userId: string, now = new Date()): Promise<{ done: number; goal: number }> {
  const db = getDb();
  const user = await db.user.findUniqueOrThrow({ where: { id: userId }, select: { dailyGoal: true, timeZone: true } });
  const days = await db.studyDay.findMany({
    where: { userId, day: localDay(now, user.timeZone) },
    select: { answered: true },
  });
  return { done: days.reduce((sum, d) => sum + d.answered, 0), goal: user.dailyGoal ?? resolveParams().defaultDailyGoal };
}
