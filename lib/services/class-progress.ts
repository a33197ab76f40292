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
import { ActionError, assertRole, STAFF_ROLES, type ActionUser } from "../server/action-client";
import { getDb } from "../server/db";
import { directRead, sqlBool, sqlDate, sqlNumber, sqlNumberOrNull, type Sql } from "../server/direct-sql";
import { assertOwnsClass, ownedClass } from "./classes";
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

type MemberRow = {
  userId: string;
  name: string;
  email: string;
  joinedAt: unknown;
  readinessScore: unknown;
  readinessExamScore: unknown;
  readinessExamLow: unknown;
  readinessExamHigh: unknown;
  questionsMet: unknown;
  topicScores: string | null;
  readinessAt: unknown;
  hasEnrolment: unknown;
  lastActiveDay: string | null;
  recent: unknown;
};

/**
 * The members of the class with their stored progress in the subject, in one
 * statement: each membership joined with the member's enrolment (its stored
 * readiness), and from the member's study days in the subject (two seeks in
 * their primary key each) the latest day with answers and the answers of the
 * last 7 days. Grouping the members' joined study days instead read every
 * day of every member, several times the cost for a 200-student class.
 * Queues stale estimates for a refresh.
 */
async function membersOf(sql: Sql, classId: string, subjectId: string | null, today: string): Promise<{ members: ClassMember[]; refreshing: number }> {
  const rows = await sql.all<MemberRow>(
    `SELECT u."id" AS "userId", u."name", u."email", m."joinedAt",
            e."readinessScore", e."readinessExamScore", e."readinessExamLow", e."readinessExamHigh", e."questionsMet", e."topicScores", e."readinessAt",
            CASE WHEN e."id" IS NULL THEN 0 ELSE 1 END AS "hasEnrolment",
            (SELECT MAX(s."day") FROM "StudyDay" s WHERE s."userId" = m."userId" AND s."subjectId" = ? AND s."answered" > 0) AS "lastActiveDay",
            (SELECT COALESCE(SUM(s."answered"), 0) FROM "StudyDay" s WHERE s."userId" = m."userId" AND s."subjectId" = ? AND s."day" >= ?) AS "recent"
     FROM "ClassMembership" m
     JOIN "User" u ON u."id" = m."userId"
     LEFT JOIN "Enrolment" e ON e."userId" = m."userId" AND e."subjectId" = ?
     WHERE m."classId" = ?
     ORDER BY m."joinedAt", u."id"`,
    subjectId ?? "",
    subjectId ?? "",
    addDays(today, -6),
    subjectId ?? "",
    classId,
  );
  let refreshing = 0;
  const members = rows.map((row): ClassMember => {
    const lastActiveDay = row.lastActiveDay ?? null;
    const estimatedAt = sqlDate(row.readinessAt);
    // Practice since the estimate (or none yet, with practice): refresh it in the background.
    if (subjectId !== null && sqlBool(row.hasEnrolment) && lastActiveDay !== null && (estimatedAt === null || localDay(estimatedAt, null) < lastActiveDay)) {
      queueReadinessRefresh(row.userId, subjectId, 0);
      refreshing += 1;
    }
    const member: MemberProgress = {
      userId: row.userId,
      name: row.name,
      email: row.email,
      joinedAt: sqlDate(row.joinedAt)!,
      readiness: sqlNumberOrNull(row.readinessScore),
      projected: sqlNumberOrNull(row.readinessExamScore),
      projectedLow: sqlNumberOrNull(row.readinessExamLow),
      projectedHigh: sqlNumberOrNull(row.readinessExamHigh),
      questionsMet: sqlNumberOrNull(row.questionsMet),
      topics: parseTopicScores(row.topicScores),
      estimatedAt,
      lastActiveDay,
      answersLast7Days: sqlNumber(row.recent),
    };
    return { ...member, risk: riskReasons(member, today) };
  });
  return { members, refreshing };
}

type ClassRow = { id: string; name: string; ownerId: string; subjectId: string | null; examDate: unknown };

/** The subject a class is for; for a class made before subjects existed, the first subject, as the join flow enrols. */
function classSubjectIn(sql: Sql, classroom: { subjectId: string | null }) {
  return classroom.subjectId
    ? sql.one<{ id: string; name: string }>(`SELECT "id", "name" FROM "Subject" WHERE "id" = ?`, classroom.subjectId)
    : sql.one<{ id: string; name: string }>(`SELECT "id", "name" FROM "Subject" ORDER BY "createdAt", "id" LIMIT 1`);
}

/**
 * The class overview, read as one snapshot. `range` (validated by the
 * caller) limits the activity series; the last 60 days by default.
 */
export async function classOverview(actor: ActionUser, classId: string, range: { from: string; to: string } | null, now = new Date()): Promise<ClassOverview> {
  assertRole(actor, STAFF_ROLES);
  const read = await directRead(async (sql) => {
    const classroom = assertOwnsClass(
      actor,
      await sql.one<ClassRow>(`SELECT "id", "name", "ownerId", "subjectId", "examDate" FROM "Classroom" WHERE "id" = ?`, classId),
    );
    const viewer = await sql.one<{ timeZone: string | null }>(`SELECT "timeZone" FROM "User" WHERE "id" = ?`, actor.id);
    const today = localDay(now, viewer?.timeZone ?? null);
    const subject = (await classSubjectIn(sql, classroom)) ?? null;
    const window = range ?? { from: addDays(today, -(DEFAULT_ACTIVITY_DAYS - 1)), to: today };
    const { members, refreshing } = await membersOf(sql, classId, subject?.id ?? null, today);
    // Answers per day summed over the members' study days in the subject, in the database.
    const perDay = subject
      ? await sql.all<{ day: string; answered: unknown; correct: unknown; students: unknown }>(
          `SELECT s."day", SUM(s."answered") AS "answered", SUM(s."correct") AS "correct", COUNT(*) AS "students"
           FROM "ClassMembership" m JOIN "StudyDay" s ON s."userId" = m."userId" AND s."subjectId" = ?
           WHERE m."classId" = ? AND s."day" >= ? AND s."day" <= ? AND s."answered" > 0
           GROUP BY s."day"`,
          subject.id,
          classId,
          window.from,
          window.to,
        )
      : [];
    const topicRows = subject
      ? await sql.all<{ id: string; name: string; total: unknown }>(
          `SELECT t."id", t."name", (SELECT COUNT(*) FROM "Question" q WHERE q."topicId" = t."id" AND q."status" = 'PUBLISHED') AS "total"
           FROM "Topic" t WHERE t."subjectId" = ? ORDER BY t."position", t."name"`,
          subject.id,
        )
      : [];
    return { classroom, today, subject, window, members, refreshing, perDay, topicRows };
  });
  const { classroom, today, subject, window, members, refreshing, perDay, topicRows } = read;
  const byDay = new Map(perDay.map((r) => [r.day, r]));
  const activity: ClassOverview["activity"] = [];
  for (let day = window.from, i = 0; daysBetween(day, window.to) >= 0 && i <= 400; day = addDays(day, 1), i++) {
    const row = byDay.get(day);
    activity.push({ day, answered: sqlNumber(row?.answered ?? 0), correct: sqlNumber(row?.correct ?? 0), students: sqlNumber(row?.students ?? 0) });
  }

  const topicTotals = topicRows.map((t) => ({ id: t.id, name: t.name, total: sqlNumber(t.total) }));
  const scores = members.map((m) => m.projected ?? m.readiness).filter((s): s is number => s !== null);

  return {
    id: classroom.id,
    name: classroom.name,
    subject,
    examDate: sqlDate(classroom.examDate),
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
