import "server-only";
import { addDays, daysBetween, localDay, studyStreak } from "../analytics/calendar";
import {
  MASTERY_LEVELS,
  activityHeatmap,
  masteryLevel,
  nextStep,
  paceVerdict,
  recentPace,
  reviewsDueByDay,
  weeklyAccuracy,
  type HeatmapCell,
  type MasteryLevel,
  type NextStep,
  type Pace,
  type WeekAccuracy,
} from "../analytics/progress";
import { parseTopicScores } from "../analytics/class-progress";
import { ActionError, type ActionUser } from "../server/action-client";
import { getDb } from "../server/db";
import { daysUntilExam, examPhase, meetingQuota } from "../scheduler/pacing";
import { resolveParams } from "../scheduler/params";
import type { ScoreEstimate } from "../scheduler/readiness";
import { queueReadinessRefresh, readinessFromPlanning } from "./readiness";
import { studentPlanning, type StudentPlanning } from "./scheduling";

/**
 * The student's dashboard for one of their subjects: readiness now and on
 * the exam date, the pace, the one thing to do next, mastery by topic, and
 * their activity. Everything is the signed-in student's own: the service
 * takes the actor and reads only rows keyed by their id.
 */

export type TopicMastery = {
  id: string;
  slug: string;
  name: string;
  /** Blueprint weight, 0-1. */
  weight: number;
  met: number;
  total: number;
  /** Expected share right on a random question of the topic today. */
  expected: number;
  level: MasteryLevel;
};

export type DashboardMistake = { questionId: string; stem: string; topicName: string; answeredAt: Date; href: string };

export type DashboardMock = { id: string; submittedAt: Date; correct: number; total: number; score: number };

export type StudentDashboard = {
  subject: { id: string; name: string };
  /** The student's other subjects, for switching. */
  subjects: { id: string; name: string; current: boolean }[];
  today: string;
  timeZone: string;
  examDate: string | null;
  daysLeft: number | null;
  dailyGoal: number;
  readiness: {
    now: ScoreEstimate;
    /** On exam day if the daily goal is kept; null without an upcoming exam. */
    examDay: ScoreEstimate | null;
    /** On exam day with no more study. */
    withoutStudy: number | null;
  };
  pace: Pace & { recentPerDay: number };
  next: NextStep;
  totals: { met: number; total: number; answered: number; doneToday: number };
  topics: TopicMastery[];
  streak: number;
  heatmap: HeatmapCell[][];
  weeklyAccuracy: WeekAccuracy[];
  reviewsDueNow: number;
  reviewsDue: { day: string; due: number }[];
  mocks: DashboardMock[];
  mistakes: DashboardMistake[];
};

const HEATMAP_WEEKS = 20;
const ACCURACY_WEEKS = 12;
const PACE_WINDOW_DAYS = 14;
const REVIEW_DAYS = 14;
const MISTAKES_SHOWN = 5;
const MOCKS_SHOWN = 20;

const MASTERY_RANK = MASTERY_LEVELS.map((l) => l.level);

/**
 * Readiness comes from the enrolment's stored estimate while it is current
 * (no review since, at most STORED_MAX_AGE_MS old, the plan unchanged: a
 * settings change clears it), else it is computed now, and the stored copy
 * refreshed in the background. Projecting to the exam is the dashboard's one
 * expensive step (tens of milliseconds), and practice has usually refreshed
 * the stored copy by the time the student looks.
 */
const STORED_MAX_AGE_MS = 3_600_000;

const SNAPSHOT_COLUMNS = {
  readinessAt: true,
  readinessScore: true,
  readinessLow: true,
  readinessHigh: true,
  readinessExamScore: true,
  readinessExamLow: true,
  readinessExamHigh: true,
  readinessIdleScore: true,
  topicScores: true,
} as const;

type Snapshot = {
  readinessAt: Date | null;
  readinessScore: number | null;
  readinessLow: number | null;
  readinessHigh: number | null;
  readinessExamScore: number | null;
  readinessExamLow: number | null;
  readinessExamHigh: number | null;
  readinessIdleScore: number | null;
  topicScores: string | null;
  subjectId: string;
};

type DashboardReadiness = { now: ScoreEstimate; examDay: ScoreEstimate | null; withoutStudy: number | null; topics: Map<string, number> };

function dashboardReadiness(userId: string, planning: StudentPlanning, stored: Snapshot, now: Date): DashboardReadiness {
  const at = stored.readinessAt?.getTime() ?? 0;
  const examAhead = planning.plan.examDate !== null && planning.plan.examDate.getTime() > now.getTime();
  const current =
    at >= (planning.last?.at ?? 0) &&
    now.getTime() - at <= STORED_MAX_AGE_MS &&
    stored.readinessScore !== null &&
    stored.readinessLow !== null &&
    stored.readinessHigh !== null &&
    (!examAhead || stored.readinessExamScore !== null);
  if (current) {
    const examDay =
      examAhead && stored.readinessExamScore !== null
        ? { score: stored.readinessExamScore, low: stored.readinessExamLow ?? stored.readinessExamScore, high: stored.readinessExamHigh ?? stored.readinessExamScore }
        : null;
    return {
      now: { score: stored.readinessScore!, low: stored.readinessLow!, high: stored.readinessHigh! },
      examDay,
      withoutStudy: examDay ? stored.readinessIdleScore : null,
      topics: new Map(Object.entries(parseTopicScores(stored.topicScores)).map(([id, s]) => [id, s.expected])),
    };
  }
  const readiness = readinessFromPlanning(userId, planning, now);
  // Class views read the stored copy: bring it up to date (the estimate just made is cached for it).
  queueReadinessRefresh(userId, stored.subjectId, 0);
  return {
    now: readiness.now,
    examDay: readiness.examDay,
    withoutStudy: readiness.examDayWithoutStudy?.score ?? null,
    topics: new Map(readiness.topics.map((t) => [t.topicId, t.now])),
  };
}

const NOT_ENROLLED = "You are not enrolled in that subject.";

/**
 * The signed-in user's own dashboard for a subject they are enrolled in
 * (their current one by default); null without any enrolment, not found for
 * a subject they are not enrolled in.
 */
export async function studentDashboard(actor: ActionUser, subjectId: string | null, now = new Date()): Promise<StudentDashboard | null> {
  const dashboard = await studentDashboardOf(actor.id, subjectId, now);
  if (!dashboard && subjectId !== null) throw new ActionError("NOT_FOUND", NOT_ENROLLED);
  return dashboard;
}

/**
 * A student's dashboard for one of their subjects (their current one for
 * null); null when they are not enrolled in it. Callers check who is asking:
 * studentDashboard for the student, class-progress.ts for their instructor.
 */
export async function studentDashboardOf(userId: string, subjectId: string | null, now = new Date()): Promise<StudentDashboard | null> {
  const db = getDb();
  const user = await db.user.findUniqueOrThrow({ where: { id: userId }, select: { timeZone: true, currentSubjectId: true } });
  const enrolments = await db.enrolment.findMany({
    where: { userId },
    orderBy: { createdAt: "asc" },
    select: { subjectId: true, dailyGoal: true, examDate: true, subject: { select: { name: true } }, ...SNAPSHOT_COLUMNS },
  });
  const wanted = subjectId ?? user.currentSubjectId;
  const enrolment = enrolments.find((e) => e.subjectId === wanted) ?? (subjectId === null ? enrolments[0] : undefined);
  if (!enrolment) return null;
  const params = resolveParams();
  const timeZone = user.timeZone ?? "UTC";
  const today = localDay(now, user.timeZone);
  const dailyGoal = enrolment.dailyGoal ?? params.defaultDailyGoal;

  const planning = await studentPlanning(userId, now, { subjectId: enrolment.subjectId });
  const readiness = dashboardReadiness(userId, planning, enrolment, now);
  const studyDays = await db.studyDay.findMany({
    where: { userId, subjectId: enrolment.subjectId, day: { gte: addDays(today, -7 * HEATMAP_WEEKS - 7) } },
    select: { day: true, answered: true, correct: true },
  });
  const answeredTotal = await db.studyDay.aggregate({ where: { userId, subjectId: enrolment.subjectId }, _sum: { answered: true } });
  const mocks = await db.mockExam.findMany({
    where: { userId, subjectId: enrolment.subjectId, submittedAt: { not: null } },
    orderBy: { startedAt: "desc" },
    take: MOCKS_SHOWN,
    select: { id: true, submittedAt: true, correctCount: true, questionCount: true },
  });
  const mistakes = await recentMistakes(userId, enrolment.subjectId);

  // Mastery per topic from the planning state: questions met, and the readiness estimate's topic scores.
  const metByTopic = new Map<string, number>();
  const totalByTopic = new Map<string, number>();
  const dues: Date[] = [];
  for (const c of planning.candidates) {
    totalByTopic.set(c.topicId, (totalByTopic.get(c.topicId) ?? 0) + 1);
    if (c.memory && c.memory.lastReview) {
      metByTopic.set(c.topicId, (metByTopic.get(c.topicId) ?? 0) + 1);
      dues.push(c.memory.due);
    }
  }
  const weightSum = planning.topics.filter((t) => (totalByTopic.get(t.topicId) ?? 0) > 0).reduce((s, t) => s + t.weight, 0);
  const topics: TopicMastery[] = planning.bank.topicsOf(enrolment.subjectId).map((t) => {
    const met = metByTopic.get(t.id) ?? 0;
    const total = totalByTopic.get(t.id) ?? 0;
    const expected = readiness.topics.get(t.id) ?? 0;
    const weight = total > 0 && weightSum > 0 ? t.weight / weightSum : 0;
    return { id: t.id, slug: t.slug, name: t.name, weight, met, total, expected, level: masteryLevel({ met, total, expected }) };
  });
  // Weakest first: the lowest mastery level, then the lowest expected score, the heaviest topic
  // first among equals; topics without questions last.
  const rank = (t: TopicMastery) => MASTERY_RANK.indexOf(t.level);
  topics.sort((a, b) => Number(a.total === 0) - Number(b.total === 0) || rank(a) - rank(b) || a.expected - b.expected || b.weight - a.weight);

  const met = [...metByTopic.values()].reduce((s, n) => s + n, 0);
  const total = planning.candidates.length;
  const unmet = total - met;
  const examDate = planning.plan.examDate;
  const daysLeft = examDate ? Math.max(0, daysBetween(today, localDay(examDate, user.timeZone))) : null;
  const recentPerDay = recentPace(studyDays, today, PACE_WINDOW_DAYS);
  const doneToday = studyDays.find((d) => d.day === today)?.answered ?? 0;
  const reviewsDueNow = dues.filter((d) => d.getTime() <= now.getTime()).length;

  // The weak-topic advice looks only at topics already practised: the pace brings in the others.
  const weakest = topics.filter((t) => t.met > 0).sort((a, b) => a.expected - b.expected)[0];
  const lastMock = mocks[0]?.submittedAt ?? null;
  const newToday = meetingQuota({
    phase: examPhase(now, examDate, params),
    toMeet: unmet,
    daysLeft: daysUntilExam(now, examDate),
    introducedToday: planning.introducedToday,
    dailyGoal,
    params,
  });

  return {
    subject: { id: enrolment.subjectId, name: enrolment.subject.name },
    subjects: enrolments.map((e) => ({ id: e.subjectId, name: e.subject.name, current: e.subjectId === enrolment.subjectId })),
    today,
    timeZone,
    examDate: examDate ? localDay(examDate, user.timeZone) : null,
    daysLeft,
    dailyGoal,
    readiness: { now: readiness.now, examDay: readiness.examDay, withoutStudy: readiness.withoutStudy },
    pace: { ...paceVerdict({ recentPerDay, dailyGoal, unmet, daysLeft: daysLeft ?? 0 }), recentPerDay },
    next: nextStep({
      hasExamDate: examDate !== null,
      daysLeft,
      reviewsDue: reviewsDueNow,
      newToday,
      doneToday,
      dailyGoal,
      weakestTopic: weakest ? { name: weakest.name, slug: weakest.slug, expected: weakest.expected } : null,
      overallExpected: readiness.now.score,
      daysSinceMock: lastMock ? daysBetween(localDay(lastMock, user.timeZone), today) : null,
      unmet,
    }),
    totals: { met, total, answered: answeredTotal._sum.answered ?? 0, doneToday },
    topics,
    streak: studyStreak(
      studyDays.filter((d) => d.answered > 0).map((d) => d.day),
      today,
    ),
    heatmap: activityHeatmap(studyDays, today, HEATMAP_WEEKS, dailyGoal),
    weeklyAccuracy: weeklyAccuracy(studyDays, today, ACCURACY_WEEKS),
    reviewsDueNow,
    reviewsDue: reviewsDueByDay(dues, now, user.timeZone, REVIEW_DAYS),
    mocks: mocks
      .filter((m) => m.submittedAt !== null && m.questionCount > 0)
      .map((m) => ({
        id: m.id,
        submittedAt: m.submittedAt as Date,
        correct: m.correctCount ?? 0,
        total: m.questionCount,
        score: (m.correctCount ?? 0) / m.questionCount,
      }))
      .reverse(),
    mistakes,
  };
}

/**
 * The student's latest wrong answers in the subject, one per question, each
 * linking to where its explanation is: the practice presentation, or the mock
 * exam's results.
 */
async function recentMistakes(userId: string, subjectId: string): Promise<DashboardMistake[]> {
  const rows = await getDb().answer.findMany({
    where: { userId, correct: false, question: { topic: { subjectId } } },
    orderBy: { createdAt: "desc" },
    take: MISTAKES_SHOWN * 4,
    select: {
      questionId: true,
      createdAt: true,
      version: { select: { stem: true } },
      question: { select: { topic: { select: { name: true } } } },
      presentation: { select: { id: true, mockExamId: true } },
    },
  });
  const seen = new Set<string>();
  const result: DashboardMistake[] = [];
  for (const row of rows) {
    if (seen.has(row.questionId) || !row.presentation) continue;
    seen.add(row.questionId);
    const { id, mockExamId } = row.presentation;
    result.push({
      questionId: row.questionId,
      stem: row.version.stem,
      topicName: row.question.topic.name,
      answeredAt: row.createdAt,
      href: mockExamId ? `/practice/mock/${mockExamId}/results` : `/practice?p=${encodeURIComponent(id)}`,
    });
    if (result.length === MISTAKES_SHOWN) break;
  }
  return result;
}
