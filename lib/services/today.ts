import "server-only";
import { localDay, startOfLocalDay, studyStreak } from "../analytics/calendar";
import { getDb } from "../server/db";
import { daysUntilExam, examPhase, meetingQuota } from "../scheduler/pacing";
import { resolveParams } from "../scheduler/params";
import { requireCurrentEnrolment } from "./enrolment";

/** The signed-in home page's numbers for the subject studied now, all on the student's own calendar. */
export type TodaySummary = {
  subjectName: string;
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
  const enrolment = await requireCurrentEnrolment(userId);
  const { subjectId, examDate } = enrolment;
  const user = await db.user.findUniqueOrThrow({ where: { id: userId }, select: { timeZone: true } });
  const inSubject = { topic: { subjectId } };
  const today = localDay(now, user.timeZone);
  const [reviewsDue, seen, introducedToday, published, studyDays] = [
    await db.memoryState.count({ where: { userId, due: { lte: now }, question: inSubject } }),
    await db.memoryState.count({ where: { userId, question: { status: "PUBLISHED", ...inSubject } } }),
    await db.memoryState.count({ where: { userId, createdAt: { gte: startOfLocalDay(today, user.timeZone) }, question: inSubject } }),
    await db.question.count({ where: { status: "PUBLISHED", ...inSubject } }),
    await db.studyDay.findMany({
      where: { userId, subjectId },
      orderBy: { day: "desc" },
      take: STREAK_LOOKBACK_DAYS,
      select: { day: true, answered: true },
    }),
  ];
  const dailyGoal = enrolment.dailyGoal ?? params.defaultDailyGoal;
  const daysLeft = daysUntilExam(now, examDate);
  const newToday = meetingQuota({
    phase: examPhase(now, examDate, params),
    toMeet: Math.max(0, published - seen),
    daysLeft,
    introducedToday,
    dailyGoal,
    params,
  });
  const examDay = examDate ? localDay(examDate, user.timeZone) : null;
  return {
    subjectName: enrolment.subjectName,
    today,
    timeZone: user.timeZone ?? "UTC",
    reviewsDue,
    newToday,
    doneToday: studyDays.find((d) => d.day === today)?.answered ?? 0,
    dailyGoal,
    goalIsDefault: enrolment.dailyGoal === null,
    streak: studyStreak(
      studyDays.filter((d) => d.answered > 0).map((d) => d.day),
      today,
    ),
    examDate: examDay,
    daysToExam: daysLeft === null ? null : Math.max(0, Math.ceil(daysLeft)),
  };
}

/** Just today's count against the goal of the subject studied now, for the practice screen's progress bar. */
export async function todayProgress(userId: string, now = new Date()): Promise<{ done: number; goal: number }> {
  const db = getDb();
  const enrolment = await requireCurrentEnrolment(userId);
  const user = await db.user.findUniqueOrThrow({ where: { id: userId }, select: { timeZone: true } });
  const day = await db.studyDay.findUnique({
    where: { userId_subjectId_day: { userId, subjectId: enrolment.subjectId, day: localDay(now, user.timeZone) } },
    select: { answered: true },
  });
  return { done: day?.answered ?? 0, goal: enrolment.dailyGoal ?? resolveParams().defaultDailyGoal };
}
