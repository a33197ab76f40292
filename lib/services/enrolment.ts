import "server-only";
import { ActionError } from "../server/action-client";
import { getDb, type DbTx } from "../server/db";
import { directRead, prismaSql, sqlNumber } from "../server/direct-sql";
import { lockUserRow } from "./row-locks";

/**
 * Enrolments: a student studying one subject. The exam date, daily goal,
 * streak and the questions practised are per enrolment; User.currentSubjectId
 * says which one the student is on now. A subject is offered to students once
 * it has a published question. With one subject offered (the default install)
 * a student is enrolled in it without being asked; with several, they choose.
 */

export type CurrentEnrolment = {
  id: string;
  subjectId: string;
  subjectName: string;
  examDate: Date | null;
  dailyGoal: number | null;
};

export type SubjectChoice = {
  id: string;
  name: string;
  description: string;
  /** Published questions. */
  questionCount: number;
  enrolled: boolean;
  current: boolean;
};

/** A subject with at least one published question. */
const OFFERED = { topics: { some: { questions: { some: { status: "PUBLISHED" as const } } } } };

const ENROLMENT_COLUMNS = {
  id: true,
  subjectId: true,
  examDate: true,
  dailyGoal: true,
  subject: { select: { name: true } },
} as const;

type EnrolmentRow = { id: string; subjectId: string; examDate: Date | null; dailyGoal: number | null; subject: { name: string } };

function toCurrent(row: EnrolmentRow): CurrentEnrolment {
  return { id: row.id, subjectId: row.subjectId, subjectName: row.subject.name, examDate: row.examDate, dailyGoal: row.dailyGoal };
}

/** Enrols the user (if not yet) and makes the subject their current one, in the caller's transaction. */
async function enrolAndMakeCurrent(tx: DbTx, userId: string, subjectId: string): Promise<CurrentEnrolment> {
  // The student's row first (row-locks.ts): first page loads or choices sent at
  // once enrol one at a time, and a class join (which locks it first too) never
  // waits on this in the opposite order.
  await lockUserRow(prismaSql(tx), userId);
  const row = await tx.enrolment.upsert({
    where: { userId_subjectId: { userId, subjectId } },
    create: { userId, subjectId },
    update: {},
    select: ENROLMENT_COLUMNS,
  });
  await tx.user.update({ where: { id: userId }, data: { currentSubjectId: subjectId } });
  return toCurrent(row);
}

/** Subjects with at least one published question: the ones students may choose. */
const OFFERED_COUNT_SQL = `SELECT COUNT(*) AS "n" FROM "Subject" s
WHERE EXISTS (SELECT 1 FROM "Topic" t JOIN "Question" q ON q."topicId" = t."id" WHERE t."subjectId" = s."id" AND q."status" = 'PUBLISHED')`;

/** How many subjects students may choose from (0, 1 or more): the header shows "Change" only above one. */
export async function offeredSubjectCount(): Promise<number> {
  return directRead(async (sql) => sqlNumber((await sql.one<{ n: unknown }>(OFFERED_COUNT_SQL))?.n ?? 0));
}

/**
 * What the site header says: the subject studied now, and whether there is
 * anything to change to. Reads only (the page enrols, not the layout). Every
 * page's layout asks this, so it is two plain statements in one snapshot.
 */
export async function headerSubject(userId: string): Promise<{ name: string | null; offered: number }> {
  return directRead(async (sql) => {
    const current = await sql.one<{ name: string | null }>(
      `SELECT s."name" FROM "User" u LEFT JOIN "Subject" s ON s."id" = u."currentSubjectId" WHERE u."id" = ?`,
      userId,
    );
    const offered = sqlNumber((await sql.one<{ n: unknown }>(OFFERED_COUNT_SQL))?.n ?? 0);
    return { name: current?.name ?? null, offered };
  });
}

/**
 * The enrolment the user studies now. Without a chosen subject: when exactly
 * one subject is offered (or, before anything is published, exactly one
 * subject exists) the user is enrolled in it and it becomes current; with
 * several, null: the student has to choose at /subjects.
 */
export async function currentEnrolment(userId: string): Promise<CurrentEnrolment | null> {
  const db = getDb();
  const user = await db.user.findUniqueOrThrow({ where: { id: userId }, select: { currentSubjectId: true } });
  if (user.currentSubjectId) {
    const row = await db.enrolment.findUnique({
      where: { userId_subjectId: { userId, subjectId: user.currentSubjectId } },
      select: ENROLMENT_COLUMNS,
    });
    if (row) return toCurrent(row);
  }
  let candidates = await db.subject.findMany({ where: OFFERED, select: { id: true }, take: 2 });
  if (candidates.length === 0) candidates = await db.subject.findMany({ select: { id: true }, take: 2 });
  const only = candidates.length === 1 ? candidates[0] : undefined;
  if (!only) return null;
  return db.$transaction((tx) => enrolAndMakeCurrent(tx, userId, only.id));
}

/** Like currentEnrolment, for services that cannot go on without one (the page sends the student to /subjects first). */
export async function requireCurrentEnrolment(userId: string): Promise<CurrentEnrolment> {
  const enrolment = await currentEnrolment(userId);
  if (!enrolment) throw new ActionError("CONFLICT", "Choose a subject to study first.");
  return enrolment;
}

/** The subjects a student may choose, oldest first, with their published question counts and the user's enrolments. */
export async function offeredSubjects(userId: string): Promise<SubjectChoice[]> {
  const db = getDb();
  const [user, subjects] = [
    await db.user.findUniqueOrThrow({ where: { id: userId }, select: { currentSubjectId: true } }),
    await db.subject.findMany({
      where: OFFERED,
      orderBy: [{ createdAt: "asc" }, { name: "asc" }],
      select: {
        id: true,
        name: true,
        description: true,
        enrolments: { where: { userId }, select: { id: true } },
        topics: { select: { _count: { select: { questions: { where: { status: "PUBLISHED" } } } } } },
      },
    }),
  ];
  return subjects.map((s) => ({
    id: s.id,
    name: s.name,
    description: s.description,
    questionCount: s.topics.reduce((sum, t) => sum + t._count.questions, 0),
    enrolled: s.enrolments.length > 0,
    current: s.id === user.currentSubjectId,
  }));
}

const NOT_OFFERED = "That subject is not offered. Choose one of the subjects listed.";

/** Enrols the user in an offered subject if needed and makes it their current one. */
export async function chooseSubject(userId: string, subjectId: string): Promise<CurrentEnrolment> {
  return getDb().$transaction(async (tx) => {
    const offered = await tx.subject.findFirst({ where: { id: subjectId, ...OFFERED }, select: { id: true } });
    if (!offered) throw new ActionError("NOT_FOUND", NOT_OFFERED, { subjectId: [NOT_OFFERED] });
    return enrolAndMakeCurrent(tx, userId, offered.id);
  });
}

/** The study plan of one enrolment (none: no exam date, the default goal). */
export async function enrolmentPlan(tx: DbTx, userId: string, subjectId: string): Promise<{ examDate: Date | null; dailyGoal: number | null }> {
  const row = await tx.enrolment.findUnique({ where: { userId_subjectId: { userId, subjectId } }, select: { examDate: true, dailyGoal: true } });
  return { examDate: row?.examDate ?? null, dailyGoal: row?.dailyGoal ?? null };
}

/**
 * Joining a class: the member is enrolled in the class's subject (IPT, or the
 * first subject, when the class names none); it becomes their current
 * subject if they have none, and the class exam date becomes the
 * enrolment's if it has none. Returns the exam date adopted, if any.
 */
export async function enrolForClass(
  tx: DbTx,
  userId: string,
  classroom: { subjectId: string | null; examDate: Date | null },
): Promise<Date | null> {
  const subjectId =
    classroom.subjectId ??
    (await tx.subject.findUnique({ where: { slug: "ipt" }, select: { id: true } }))?.id ??
    (await tx.subject.findFirst({ orderBy: { createdAt: "asc" }, select: { id: true } }))?.id;
  if (!subjectId) return null;
  await tx.enrolment.upsert({
    where: { userId_subjectId: { userId, subjectId } },
    create: { userId, subjectId },
    update: {},
  });
  await tx.user.updateMany({ where: { id: userId, currentSubjectId: null }, data: { currentSubjectId: subjectId } });
  if (!classroom.examDate) return null;
  const adopted = await tx.enrolment.updateMany({ where: { userId, subjectId, examDate: null }, data: { examDate: classroom.examDate, readinessAt: null } });
  return adopted.count > 0 ? classroom.examDate : null;
}
