import "server-only";
import { sqlDate, sqlNumber, type Sql } from "../server/direct-sql";

/**
 * The questions of a student's open mock exams: not submitted, and the
 * deadline (if any) not passed. Practice neither serves them nor accepts an
 * answer to them, and a second exam does not draw them, so no path shows an
 * open exam item's key before the exam ends (decision 0006, "Practice and an
 * open exam"). An exam past its deadline is over even before its next access
 * submits it: nothing can be saved in it any more.
 *
 * Plain SQL (decision 0009): practice asks on every question. The student's
 * exams come through MockExam(userId, startedAt), their items through
 * Presentation(mockExamId, position); a student who never started an exam
 * costs one index probe.
 */

/** A student's open exams: parameters userId, now. */
const OPEN_EXAMS = `WHERE e."userId" = ? AND e."submittedAt" IS NULL AND (e."deadline" IS NULL OR e."deadline" > ?)`;

const OPEN_EXAM_ITEMS = `FROM "MockExam" e JOIN "Presentation" p ON p."mockExamId" = e."id"
${OPEN_EXAMS}`;

const OPEN_EXAMS_SQL = `SELECT e."id", e."questionCount", e."deadline", e."startedAt" FROM "MockExam" e ${OPEN_EXAMS} AND e."subjectId" = ? ORDER BY e."startedAt" DESC, e."id"`;

export const OPEN_EXAM_QUESTIONS_SQL = `SELECT p."questionId" ${OPEN_EXAM_ITEMS}`;

export const IN_OPEN_EXAM_SQL = `SELECT 1 AS "x" ${OPEN_EXAM_ITEMS} AND p."questionId" = ? LIMIT 1`;

/** Every question in one of the student's open exams. */
export async function openExamQuestionIds(sql: Sql, userId: string, now: Date): Promise<Set<string>> {
  const rows = await sql.all<{ questionId: string }>(OPEN_EXAM_QUESTIONS_SQL, userId, now);
  return new Set(rows.map((r) => r.questionId));
}

/** Whether one question is in one of the student's open exams. */
export async function inOpenExam(sql: Sql, userId: string, questionId: string, now: Date): Promise<boolean> {
  return (await sql.one(IN_OPEN_EXAM_SQL, userId, now, questionId)) !== undefined;
}

export type RunningExam = { id: string; questionCount: number; deadline: Date | null; startedAt: Date };

/** The student's open exams in one subject, newest first: what practice holds back until each ends. */
export async function openExams(sql: Sql, userId: string, subjectId: string, now: Date): Promise<RunningExam[]> {
  const rows = await sql.all<Record<string, unknown>>(OPEN_EXAMS_SQL, userId, now, subjectId);
  return rows.map((row) => ({
    id: String(row.id),
    questionCount: sqlNumber(row.questionCount),
    deadline: sqlDate(row.deadline),
    startedAt: sqlDate(row.startedAt) ?? now,
  }));
}
