import "server-only";
import { addDays, daysBetween, localDay } from "../analytics/calendar";
import {
  classProgressCsv,
  parseTopicScores,
  readinessHistogram,
  riskReasons,
  topicHeatTable,
  type HistogramBin,
  type MemberProgress,
  type RiskReason,
  type TopicHeatRow,
} from "../analytics/class-progress";
import { ActionError, type ActionUser } from "../server/action-client";
import { getDb } from "../server/db";
import { ownedClass } from "./classes";
import { queueReadinessRefresh } from "./readiness";
import { studentDashboardOf, type StudentDashboard } from "./student-dashboard";

/**
 * A class's progress for its instructor (or an admin): members with their
 * stored readiness (Enrolment's snapshot, refreshed after practice by
 * readiness.ts), who is at risk, activity per day summed in the database
 * from the study-day rows, and mastery per topic. A class that is not the
 * actor's is not found (classes.ts), and a student who is not a member of it
 * is not found either.
 */

export type ClassMember = MemberProgress & { risk: RiskReason[] };

export type ClassOverview = {
  id: string;
  name: string;
  subject: { id: string; name: string } | null;
  examDate: Date | null;
  today: string;
  range: { from: string; to: string };
  members: ClassMember[];
  atRisk: ClassMember[];
  histogram: HistogramBin[];
  /** Members with an estimate, and whether the histogram shows projections (exam dates set) or today's scores. */
  estimated: number;
  activity: { day: string; answered: number; correct: number; students: number }[];
  topics: TopicHeatRow[];
  topicTotals: { id: string; name: string; total: number }[];
  /** Snapshots older than the member's latest practice, queued for a refresh. */
  refreshing: number;
};

/** The default activity window, in days up to today. */
export const DEFAULT_ACTIVITY_DAYS = 60;

const NOT_A_MEMBER = "That student is not in this class.";

async function classSubject(classroom: { subjectId: string | null }) {
  const db = getDb();
  if (classroom.subjectId) return db.subject.findUnique({ where: { id: classroom.subjectId }, select: { id: true, name: true } });
  // A class made before subjects existed: the first subject, as the join flow enrols.
  return db.subject.findFirst({ orderBy: { createdAt: "asc" }, select: { id: true, name: true } });
}

/** The members of the class with their stored progress in the subject; queues stale snapshots for refresh. */
async function membersOf(classId: string, subjectId: string | null, today: string): Promise<{ members: ClassMember[]; refreshing: number }> {
  const db = getDb();
  const memberships = await db.classMembership.findMany({
    where: { classId },
    orderBy: { joinedAt: "asc" },
    select: {
      joinedAt: true,
      user: {
        select: {
          id: true,
          name: true,
          email: true,
          enrolments: {
            where: { subjectId: subjectId ?? "" },
            select: {
              readinessScore: true,
              readinessExamScore: true,
              readinessExamLow: true,
              readinessExamHigh: true,
              questionsMet: true,
              topicScores: true,
              readinessAt: true,
            },
          },
        },
      },
    },
  });
  const userIds = memberships.map((m) => m.user.id);
  // Two grouped reads over the study days of the members in the subject (primary key userId, subjectId, day).
  const inSubject = { userId: { in: userIds }, subjectId: subjectId ?? "" };
  const [lastDays, recent] =
    userIds.length === 0 || subjectId === null
      ? [[], []]
      : [
          await db.studyDay.groupBy({ by: ["userId"], where: { ...inSubject, answered: { gt: 0 } }, _max: { day: true } }),
          await db.studyDay.groupBy({ by: ["userId"], where: { ...inSubject, day: { gte: addDays(today, -6) } }, _sum: { answered: true } }),
        ];
  const lastDay = new Map(lastDays.map((r) => [r.userId, r._max.day ?? null]));
  const recentCount = new Map(recent.map((r) => [r.userId, r._sum.answered ?? 0]));
  let refreshing = 0;
  const members = memberships.map((m): ClassMember => {
    const snapshot = m.user.enrolments[0];
    const lastActiveDay = lastDay.get(m.user.id) ?? null;
    const estimatedAt = snapshot?.readinessAt ?? null;
    // Practice since the estimate (or none yet, with practice): refresh it in the background.
    if (subjectId !== null && snapshot && lastActiveDay !== null && (estimatedAt === null || localDay(estimatedAt, null) < lastActiveDay)) {
      queueReadinessRefresh(m.user.id, subjectId, 0);
      refreshing += 1;
    }
    const member: MemberProgress = {
      userId: m.user.id,
      name: m.user.name,
      email: m.user.email,
      joinedAt: m.joinedAt,
      readiness: snapshot?.readinessScore ?? null,
      projected: snapshot?.readinessExamScore ?? null,
      projectedLow: snapshot?.readinessExamLow ?? null,
      projectedHigh: snapshot?.readinessExamHigh ?? null,
      questionsMet: snapshot?.questionsMet ?? null,
      topics: parseTopicScores(snapshot?.topicScores ?? null),
      estimatedAt,
      lastActiveDay,
      answersLast7Days: recentCount.get(m.user.id) ?? 0,
    };
    return { ...member, risk: riskReasons(member, today) };
  });
  return { members, refreshing };
}

/** The class overview. `range` (validated by the caller) limits the activity series; the last 60 days by default. */
export async function classOverview(actor: ActionUser, classId: string, range: { from: string; to: string } | null, now = new Date()): Promise<ClassOverview> {
  const classroom = await ownedClass(actor, classId);
  const db = getDb();
  const viewer = await db.user.findUnique({ where: { id: actor.id }, select: { timeZone: true } });
  const today = localDay(now, viewer?.timeZone ?? null);
  const subject = await classSubject(classroom);
  const { members, refreshing } = await membersOf(classId, subject?.id ?? null, today);
  const window = range ?? { from: addDays(today, -(DEFAULT_ACTIVITY_DAYS - 1)), to: today };

  const userIds = members.map((m) => m.userId);
  const perDay =
    subject && userIds.length > 0
      ? await db.studyDay.groupBy({
          by: ["day"],
          where: { userId: { in: userIds }, subjectId: subject.id, day: { gte: window.from, lte: window.to }, answered: { gt: 0 } },
          _sum: { answered: true, correct: true },
          _count: { userId: true },
        })
      : [];
  const byDay = new Map(perDay.map((r) => [r.day, r]));
  const activity: ClassOverview["activity"] = [];
  for (let day = window.from, i = 0; daysBetween(day, window.to) >= 0 && i <= 400; day = addDays(day, 1), i++) {
    const row = byDay.get(day);
    activity.push({ day, answered: row?._sum.answered ?? 0, correct: row?._sum.correct ?? 0, students: row?._count.userId ?? 0 });
  }

  const topicRows = subject
    ? await db.topic.findMany({
        where: { subjectId: subject.id },
        orderBy: [{ position: "asc" }, { name: "asc" }],
        select: { id: true, name: true, _count: { select: { questions: { where: { status: "PUBLISHED" } } } } },
      })
    : [];
  const topicTotals = topicRows.map((t) => ({ id: t.id, name: t.name, total: t._count.questions }));
  const scores = members.map((m) => m.projected ?? m.readiness).filter((s): s is number => s !== null);

  return {
    id: classroom.id,
    name: classroom.name,
    subject,
    examDate: classroom.examDate,
    today,
    range: window,
    members,
    atRisk: members.filter((m) => m.risk.length > 0),
    histogram: readinessHistogram(scores),
    estimated: scores.length,
    activity,
    topics: topicHeatTable(members, topicTotals),
    topicTotals,
    refreshing,
  };
}

/** The class's progress as CSV, for the same viewers as the overview. */
export async function classProgressExport(actor: ActionUser, classId: string, now = new Date()): Promise<{ filename: string; csv: string }> {
  const overview = await classOverview(actor, classId, null, now);
  const slug = overview.name.toLowerCase().replace(/[^a-z0-9]+/g, "-").replace(/^-|-$/g, "") || "class";
  return { filename: `${slug}-progress-${overview.today}.csv`, csv: classProgressCsv(overview.members, overview.topicTotals, overview.today) };
}

/** One member's dashboard, read-only, for the class's instructor (or an admin). */
export async function classStudentDashboard(actor: ActionUser, classId: string, studentId: string, now = new Date()): Promise<{ className: string; dashboard: StudentDashboard | null; name: string }> {
  const classroom = await ownedClass(actor, classId);
  const membership = await getDb().classMembership.findFirst({
    where: { classId, userId: studentId },
    select: { user: { select: { id: true, name: true } } },
  });
  if (!membership) throw new ActionError("NOT_FOUND", NOT_A_MEMBER);
  const subject = await classSubject(classroom);
  const dashboard = subject ? await studentDashboardOf(membership.user.id, subject.id, now) : null;
  return { className: classroom.name, dashboard, name: membership.user.name };
}
