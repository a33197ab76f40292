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
import { directRead, sqlDate, sqlNumber, sqlNumberOrNull, type Sql } from "../server/direct-sql";
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

async function dashboardReadiness(userId: string, planning: StudentPlanning, stored: Snapshot, now: Date): Promise<DashboardReadiness> {
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
  const readiness = await readinessFromPlanning(userId, planning, now);
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
  const found = await directRead((sql) => studentAndEnrolments(sql, userId));
  if (!found) return null;
  const { user, enrolments } = found;
  const wanted = subjectId ?? user.currentSubjectId;
  const enrolment = enrolments.find((e) => e.subjectId === wanted) ?? (subjectId === null ? enrolments[0] : undefined);
  if (!enrolment) return null;
  const params = resolveParams();
  const timeZone = user.timeZone ?? "UTC";
  const today = localDay(now, user.timeZone);
  const dailyGoal = enrolment.dailyGoal ?? params.defaultDailyGoal;

  const planning = await studentPlanning(userId, now, { subjectId: enrolment.subjectId });
  const readiness = await dashboardReadiness(userId, planning, enrolment, now);
  const { studyDays, answeredTotal, mocks, mistakes } = await directRead((sql) => activityOf(sql, userId, enrolment.subjectId, addDays(today, -7 * HEATMAP_WEEKS - 7)));

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
    subject: { id: enrolment.subjectId, name: enrolment.subjectName },
    subjects: enrolments.map((e) => ({ id: e.subjectId, name: e.subjectName, current: e.subjectId === enrolment.subjectId })),
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
    totals: { met, total, answered: answeredTotal, doneToday },
    topics,
    streak: studyStreak(
      studyDays.filter((d) => d.answered > 0).map((d) => d.day),
      today,
    ),
    heatmap: activityHeatmap(studyDays, today, HEATMAP_WEEKS, dailyGoal),
    weeklyAccuracy: weeklyAccuracy(studyDays, today, ACCURACY_WEEKS),
    reviewsDueNow,
    reviewsDue: reviewsDueByDay(dues, now, user.timeZone, REVIEW_DAYS),
    mocks: [...mocks].reverse(),
    mistakes,
  };
}

type EnrolmentRow = Snapshot & { dailyGoal: number | null; examDate: Date | null; subjectName: string };

/** The student's time zone and current subject, and every enrolment with its stored readiness, oldest first; null for no such user. */
async function studentAndEnrolments(sql: Sql, userId: string) {
  const user = await sql.one<{ timeZone: string | null; currentSubjectId: string | null }>(
    `SELECT "timeZone", "currentSubjectId" FROM "User" WHERE "id" = ?`,
    userId,
  );
  if (!user) return null;
  const rows = await sql.all<Record<string, unknown>>(
    `SELECT e."subjectId", e."dailyGoal", e."examDate", s."name" AS "subjectName",
            e."readinessAt", e."readinessScore", e."readinessLow", e."readinessHigh", e."readinessExamScore", e."readinessExamLow",
            e."readinessExamHigh", e."readinessIdleScore", e."topicScores"
     FROM "Enrolment" e JOIN "Subject" s ON s."id" = e."subjectId"
     WHERE e."userId" = ?
     ORDER BY e."createdAt", e."id"`,
    userId,
  );
  const enrolments = rows.map(
    (r): EnrolmentRow => ({
      subjectId: String(r.subjectId),
      subjectName: String(r.subjectName),
      dailyGoal: sqlNumberOrNull(r.dailyGoal),
      examDate: sqlDate(r.examDate),
      readinessAt: sqlDate(r.readinessAt),
      readinessScore: sqlNumberOrNull(r.readinessScore),
      readinessLow: sqlNumberOrNull(r.readinessLow),
      readinessHigh: sqlNumberOrNull(r.readinessHigh),
      readinessExamScore: sqlNumberOrNull(r.readinessExamScore),
      readinessExamLow: sqlNumberOrNull(r.readinessExamLow),
      readinessExamHigh: sqlNumberOrNull(r.readinessExamHigh),
      readinessIdleScore: sqlNumberOrNull(r.readinessIdleScore),
      topicScores: typeof r.topicScores === "string" ? r.topicScores : null,
    }),
  );
  return { user, enrolments };
}

/**
 * The student's activity in the subject: study days since `from`, answers in
 * all, the latest submitted mock exams, and the latest wrong answers, one per
 * question, each linking to where its explanation is (the practice
 * presentation, or the mock exam's results).
 */
async function activityOf(sql: Sql, userId: string, subjectId: string, from: string) {
  const days = await sql.all<{ day: string; answered: unknown; correct: unknown }>(
    `SELECT "day", "answered", "correct" FROM "StudyDay" WHERE "userId" = ? AND "subjectId" = ? AND "day" >= ?`,
    userId,
    subjectId,
    from,
  );
  const total = await sql.one<{ answered: unknown }>(`SELECT COALESCE(SUM("answered"), 0) AS "answered" FROM "StudyDay" WHERE "userId" = ? AND "subjectId" = ?`, userId, subjectId);
  const mockRows = await sql.all<{ id: string; submittedAt: unknown; correctCount: unknown; questionCount: unknown }>(
    `SELECT "id", "submittedAt", "correctCount", "questionCount" FROM "MockExam"
     WHERE "userId" = ? AND "subjectId" = ? AND "submittedAt" IS NOT NULL AND "questionCount" > 0
     ORDER BY "startedAt" DESC LIMIT ?`,
    userId,
    subjectId,
    MOCKS_SHOWN,
  );
  const wrong = await sql.all<{ questionId: string; createdAt: unknown; stem: string; topicName: string; presentationId: string | null; mockExamId: string | null }>(
    `SELECT a."questionId", a."createdAt", v."stem", t."name" AS "topicName", p."id" AS "presentationId", p."mockExamId"
     FROM "Answer" a
     JOIN "Question" q ON q."id" = a."questionId"
     JOIN "Topic" t ON t."id" = q."topicId"
     JOIN "QuestionVersion" v ON v."id" = a."questionVersionId"
     LEFT JOIN "Presentation" p ON p."answerId" = a."id"
     WHERE a."userId" = ? AND a."correct" = ? AND t."subjectId" = ?
     ORDER BY a."createdAt" DESC LIMIT ?`,
    userId,
    false,
    subjectId,
    MISTAKES_SHOWN * 4,
  );
  const seen = new Set<string>();
  const mistakes: DashboardMistake[] = [];
  for (const row of wrong) {
    if (seen.has(row.questionId) || row.presentationId === null) continue;
    seen.add(row.questionId);
    mistakes.push({
      questionId: row.questionId,
      stem: row.stem,
      topicName: row.topicName,
      answeredAt: sqlDate(row.createdAt)!,
      href: row.mockExamId ? `/practice/mock/${row.mockExamId}/results` : `/practice?p=${encodeURIComponent(row.presentationId)}`,
    });
    if (mistakes.length === MISTAKES_SHOWN) break;
  }
  return {
    studyDays: days.map((d) => ({ day: d.day, answered: sqlNumber(d.answered), correct: sqlNumber(d.correct) })),
    answeredTotal: sqlNumber(total?.answered ?? 0),
    mocks: mockRows.map((m): DashboardMock => {
      const correct = sqlNumberOrNull(m.correctCount) ?? 0;
      const questions = sqlNumber(m.questionCount);
      return { id: m.id, submittedAt: sqlDate(m.submittedAt)!, correct, total: questions, score: correct / questions };
    }),
    mistakes,
  };
}
