import { describe, expect, it } from "vitest";
import { onPostgres } from "./postgres-databases";
import { getDb } from "@/lib/server/db";
import { sqliteDate } from "@/lib/server/direct-sql";
import { IN_OPEN_EXAM_SQL, OPEN_EXAM_QUESTIONS_SQL } from "@/lib/services/open-exams";

/** The hot queries must stay on their indexes as the schema evolves. */
async function plan(sql: string, ...params: unknown[]): Promise<string> {
  const rows = await getDb().$queryRawUnsafe<Array<{ detail: string }>>(`EXPLAIN QUERY PLAN ${sql}`, ...params);
  return rows.map((r) => r.detail).join("\n");
}

// SQLite's EXPLAIN QUERY PLAN; PostgreSQL plans by statistics, not checked here.
describe.skipIf(onPostgres)("query plans (SQLite)", () => {
  it("finds a user's due reviews through the (userId, due) index", async () => {
    const detail = await plan(
      `SELECT * FROM "MemoryState" WHERE "userId" = ? AND "due" <= ? ORDER BY "due" LIMIT 20`,
      "u1",
      Date.now(),
    );
    expect(detail).toMatch(/USING INDEX MemoryState_userId_due_idx/);
    expect(detail).not.toMatch(/USE TEMP B-TREE/);
  });

  it("looks up an attempt token through its unique index", async () => {
    const detail = await plan(`SELECT "id" FROM "Answer" WHERE "userId" = ? AND "attemptToken" = ?`, "u1", "t1");
    expect(detail).toMatch(/USING (COVERING )?INDEX Answer_userId_attemptToken_key/);
  });

  it("reads a user's answer history through the (userId, createdAt) index", async () => {
    const detail = await plan(`SELECT * FROM "Answer" WHERE "userId" = ? ORDER BY "createdAt" DESC LIMIT 1`, "u1");
    expect(detail).toMatch(/USING INDEX Answer_userId_createdAt_idx/);
  });

  it("finds a student's latest presentation through the (userId, issuedAt) index", async () => {
    const detail = await plan(`SELECT * FROM "Presentation" WHERE "userId" = ? ORDER BY "issuedAt" DESC LIMIT 1`, "u1");
    expect(detail).toMatch(/USING INDEX Presentation_userId_issuedAt_idx/);
    expect(detail).not.toMatch(/USE TEMP B-TREE/);
  });

  it("finds the questions of a student's open mock exams through the exam's user index and the items' exam index", async () => {
    const now = sqliteDate(new Date());
    for (const detail of [await plan(OPEN_EXAM_QUESTIONS_SQL, "u1", now), await plan(IN_OPEN_EXAM_SQL, "u1", now, "q1")]) {
      expect(detail).toMatch(/SEARCH e USING INDEX MockExam_userId_(startedAt_idx|startToken_key)/);
      expect(detail).toMatch(/SEARCH p USING INDEX Presentation_mockExamId_position_key/);
      expect(detail).not.toMatch(/\bSCAN\b/);
    }
  });

  it("reads a student's study days in one subject through the primary key", async () => {
    const detail = await plan(`SELECT * FROM "StudyDay" WHERE "userId" = ? AND "subjectId" = ? ORDER BY "day" DESC LIMIT 400`, "u1", "s1");
    expect(detail).toMatch(/USING (INDEX|PRIMARY KEY) sqlite_autoindex_StudyDay_1/);
    expect(detail).not.toMatch(/USE TEMP B-TREE/);
  });

  it("reads a version's answers and presentations through their version indexes (editor, history statistics)", async () => {
    expect(await plan(`SELECT "id" FROM "Answer" WHERE "questionVersionId" = ? LIMIT 1`, "v1")).toMatch(/USING (COVERING )?INDEX Answer_questionVersionId_firstAttempt_idx/);
    expect(await plan(`SELECT "id" FROM "Presentation" WHERE "questionVersionId" = ? LIMIT 1`, "v1")).toMatch(
      /USING (COVERING )?INDEX Presentation_questionVersionId_idx/,
    );
    const grouped = await plan(`SELECT "questionVersionId", COUNT(*) FROM "Answer" WHERE "questionVersionId" IN (?, ?) GROUP BY "questionVersionId"`, "v1", "v2");
    expect(grouped).toMatch(/Answer_questionVersionId_firstAttempt_idx/);
  });
});
