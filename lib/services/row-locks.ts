import "server-only";
import type { Sql } from "../server/direct-sql";

/**
 * Row locks for writes that must see one another's rows on PostgreSQL.
 *
 * PostgreSQL runs these transactions READ COMMITTED, one connection each: two
 * that read a row, then write what they computed from it, both read the row
 * as it stood and one write is lost (or a unique index refuses the second
 * insert). Locking a row both will touch first makes the second wait for the
 * first's commit, and its reads then see what the first wrote. A lock is a
 * no-op update, which SQL both databases accept; on SQLite the transaction
 * already holds the database's write lock, and it costs one row write.
 *
 * Order: a mock exam's row before the student's row (a submit claims the
 * exam, then writes its answers), and the student's row before any
 * question's calibration (scheduling.ts), so two never wait on each other in
 * opposite orders.
 */

/** The student's row: their answers, issued questions and joins, one at a time. */
export const LOCK_USER_SQL = `UPDATE "User" SET "memoryFitReviews" = "memoryFitReviews" WHERE "id" = ?`;

export async function lockUserRow(sql: Sql, userId: string): Promise<void> {
  await sql.run(LOCK_USER_SQL, userId);
}

/** A mock exam of this user's: its saves and timer changes wait for its submit. */
export const LOCK_OWN_EXAM_SQL = `UPDATE "MockExam" SET "userId" = "userId" WHERE "id" = ? AND "userId" = ?`;

export async function lockOwnExamRow(sql: Sql, examId: string, userId: string): Promise<void> {
  await sql.run(LOCK_OWN_EXAM_SQL, examId, userId);
}

/** Every mock exam of this user's, before their row goes (account deletion): a submit running now finishes first. */
export const LOCK_OWN_EXAMS_SQL = `UPDATE "MockExam" SET "userId" = "userId" WHERE "userId" = ?`;

export async function lockOwnExamRows(sql: Sql, userId: string): Promise<void> {
  await sql.run(LOCK_OWN_EXAMS_SQL, userId);
}
