import { randomUUID } from "node:crypto";
import { readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import pg, { type Client } from "pg";
import { describe, expect, it } from "vitest";
import { onPostgres, testPostgresUrl, withDatabase } from "./postgres-databases";

/**
 * The data backfill of PostgreSQL migration 0003_memory_first_answer: it adds
 * MemoryState."firstCorrect" and fills it from the Answer row marked
 * "firstAttempt". The PostgreSQL twin of "migration 0014's backfill" in
 * first-attempts.test.ts (same rows, same expectations). A database of its
 * own, migrated up to but not including 0003, filled, then migrated by 0003;
 * dropped at the end even on failure. PostgreSQL runs only (TEST_DATABASE_URL).
 *
 * 0003 is the only PostgreSQL migration that rewrites existing rows: 0001 is
 * the baseline (SQLite 0001-0013 folded into CREATE statements on an empty
 * database, "firstAttempt" NOT NULL from the start, so SQLite 0011's backfill
 * has no PostgreSQL form) and 0002 only seeds BankRevision and adds triggers.
 */

const root = path.resolve(import.meta.dirname, "../..");
const migrationsDir = path.join(root, "prisma/postgresql/migrations");

async function connect(url: string): Promise<Client> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  return client;
}

async function onServer(url: string, sql: string): Promise<void> {
  const client = await connect(url);
  try {
    await client.query(sql);
  } finally {
    await client.end();
  }
}

describe.skipIf(!onPostgres)("PostgreSQL migration 0003's backfill", () => {
  it("keeps on each memory row whether the student's first answer to its question was right, whatever later answers were", async () => {
    const serverUrl = testPostgresUrl()!;
    const name = `exam_prep_backfill_0003_${randomUUID().replaceAll("-", "").slice(0, 12)}`;
    await onServer(serverUrl, `CREATE DATABASE "${name}"`);
    let db: Client | null = null;
    try {
      db = await connect(withDatabase(serverUrl, name));
      const migrations = readdirSync(migrationsDir).filter((n) => /^\d+_/.test(n)).sort();
      const run = (migration: string) => db!.query(readFileSync(path.join(migrationsDir, migration, "migration.sql"), "utf8"));
      const target = migrations.findIndex((n) => n.startsWith("0003_"));
      expect(target).toBeGreaterThan(0);
      for (const migration of migrations.slice(0, target)) await run(migration);

      const at = (minutes: number) => new Date(Date.UTC(2026, 10, 1, 9, minutes)).toISOString();
      await db.query(`
        INSERT INTO "User" ("id", "email", "name", "passwordHash", "updatedAt") VALUES ('u1', 'a@x', 'A', 'h', '${at(0)}'), ('u2', 'b@x', 'B', 'h', '${at(0)}');
        INSERT INTO "Subject" ("id", "slug", "name") VALUES ('s', 's', 'S');
        INSERT INTO "Topic" ("id", "slug", "subjectId", "name") VALUES ('t', 't', 's', 'T');
        INSERT INTO "Question" ("id", "slug", "topicId", "sources", "updatedAt") VALUES ('q1', 'q1', 't', '[]', '${at(0)}'), ('q2', 'q2', 't', '[]', '${at(0)}');
        INSERT INTO "QuestionVersion" ("id", "questionId", "version", "stem", "explanation", "contentHash") VALUES ('q1v1', 'q1', 1, 's', 'e', 'h1'), ('q2v1', 'q2', 1, 's', 'e', 'h2');
        INSERT INTO "Option" ("id", "versionId", "position", "text", "correct", "feedback")
          VALUES ('k1', 'q1v1', 0, 'o', true, 'f'), ('w1', 'q1v1', 1, 'o', false, 'f'), ('k2', 'q2v1', 0, 'o', true, 'f'), ('w2', 'q2v1', 1, 'o', false, 'f');
      `);
      const answer = (id: string, userId: string, questionId: string, versionId: string, optionId: string, correct: boolean, token: string, first: boolean, createdAt: string) =>
        db!.query({
          text: `INSERT INTO "Answer" ("id", "userId", "questionId", "questionVersionId", "optionId", "correct", "responseMs", "attemptToken", "firstAttempt", "createdAt") VALUES ($1, $2, $3, $4, $5, $6, 1000, $7, $8, $9)`,
          values: [id, userId, questionId, versionId, optionId, correct, token, first, createdAt],
        });
      const memory = (id: string, userId: string, questionId: string) =>
        db!.query({
          text: `INSERT INTO "MemoryState" ("id", "userId", "questionId", "stability", "difficulty", "due", "updatedAt") VALUES ($1, $2, $3, 3, 5, $4, $4)`,
          values: [id, userId, questionId, at(0)],
        });
      // u1: q1 first wrong then right twice; q2 first right then wrong. u2: q1 first right. m4 has no answers (a row the backfill cannot know).
      await answer("a1", "u1", "q1", "q1v1", "w1", false, "t1", true, at(10));
      await answer("a2", "u1", "q1", "q1v1", "k1", true, "t2", false, at(20));
      await answer("a3", "u1", "q1", "q1v1", "k1", true, "t3", false, at(30));
      await answer("b1", "u1", "q2", "q2v1", "k2", true, "t4", true, at(10));
      await answer("b2", "u1", "q2", "q2v1", "w2", false, "t5", false, at(40));
      await answer("c1", "u2", "q1", "q1v1", "k1", true, "t6", true, at(50));
      await memory("m1", "u1", "q1");
      await memory("m2", "u1", "q2");
      await memory("m3", "u2", "q1");
      await memory("m4", "u2", "q2");

      await run(migrations[target]!);
      const rows = await db.query<{ id: string; firstCorrect: boolean | null }>(`SELECT "id", "firstCorrect" FROM "MemoryState" ORDER BY "id"`);
      expect(Object.fromEntries(rows.rows.map((r) => [r.id, r.firstCorrect]))).toEqual({ m1: false, m2: true, m3: true, m4: null });
    } finally {
      try {
        await db?.end();
      } finally {
        // WITH (FORCE): dropped even if a connection was left open.
        await onServer(serverUrl, `DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`);
      }
    }
  });
});
