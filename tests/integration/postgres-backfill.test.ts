import { randomUUID } from "node:crypto";
import { readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import pg, { type Client } from "pg";
import { describe, expect, it } from "vitest";
import { onPostgres, testPostgresUrl, withDatabase } from "./postgres-databases";
import { BACKFILL_ANSWERS, BACKFILL_MEMORIES, BACKFILLS, at, backfillFixtureSql } from "./first-answer-backfill";

/**
 * The data backfills of PostgreSQL migrations 0003_memory_first_answer and
 * 0004_memory_first_guessed: each adds a MemoryState column ("firstCorrect",
 * "firstGuessed") and fills it from the Answer row marked "firstAttempt".
 * The PostgreSQL twins of SQLite 0014 and 0015's backfill tests in
 * first-attempts.test.ts (same rows, same expectations). A database of its
 * own, migrated up to but not including the migration, filled, then
 * migrated by it; dropped at the end even on failure. PostgreSQL runs only
 * (TEST_DATABASE_URL).
 *
 * 0003 and 0004 are the only PostgreSQL migrations that rewrite existing rows: 0001 is
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

describe.skipIf(!onPostgres).each(BACKFILLS)("PostgreSQL migration $postgres's backfill of $column", ({ postgres, column, expected, what }) => {
  it(`keeps on each memory row ${what}, whatever later answers were`, async () => {
    const serverUrl = testPostgresUrl()!;
    const name = `exam_prep_backfill_${postgres}${randomUUID().replaceAll("-", "").slice(0, 12)}`;
    await onServer(serverUrl, `CREATE DATABASE "${name}"`);
    let db: Client | null = null;
    try {
      db = await connect(withDatabase(serverUrl, name));
      const migrations = readdirSync(migrationsDir).filter((n) => /^\d+_/.test(n)).sort();
      const run = (migration: string) => db!.query(readFileSync(path.join(migrationsDir, migration, "migration.sql"), "utf8"));
      const target = migrations.findIndex((n) => n.startsWith(postgres));
      expect(target).toBeGreaterThan(0);
      for (const migration of migrations.slice(0, target)) await run(migration);

      await db.query(backfillFixtureSql((value) => String(value)));
      for (const a of BACKFILL_ANSWERS)
        await db.query({
          text: `INSERT INTO "Answer" ("id", "userId", "questionId", "questionVersionId", "optionId", "correct", "confidence", "responseMs", "attemptToken", "firstAttempt", "createdAt") VALUES ($1, $2, $3, $4, $5, $6, $7, 1000, $8, $9, $10)`,
          values: [a.id, a.userId, a.questionId, a.versionId, a.optionId, a.correct, a.confidence, a.token, a.first, a.createdAt],
        });
      for (const [id, userId, questionId] of BACKFILL_MEMORIES)
        await db.query({
          text: `INSERT INTO "MemoryState" ("id", "userId", "questionId", "stability", "difficulty", "due", "updatedAt") VALUES ($1, $2, $3, 3, 5, $4, $4)`,
          values: [id, userId, questionId, at(0)],
        });

      await run(migrations[target]!);
      const rows = await db.query<{ id: string; value: boolean | null }>(`SELECT "id", "${column}" AS "value" FROM "MemoryState" ORDER BY "id"`);
      expect(Object.fromEntries(rows.rows.map((r) => [r.id, r.value]))).toEqual(expected);
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
