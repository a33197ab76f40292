import { randomUUID } from "node:crypto";
import { mkdirSync, readdirSync, readFileSync, rmSync } from "node:fs";
import path from "node:path";
import Database from "better-sqlite3";
import pg, { type Client } from "pg";
import { describe, expect, it } from "vitest";
import { at, backfillFixtureSql } from "./first-answer-backfill";
import { testPostgresUrl, withDatabase } from "./postgres-databases";

/**
 * The backfill of Bookmark."questionVersionId" (SQLite migration 0017,
 * PostgreSQL 0006): an existing bookmark takes the version of the student's
 * own latest presentation of the question issued at or before the bookmark,
 * else their latest one, else none. A database of its own, migrated up to
 * the migration, filled, then migrated by it.
 */

const root = path.resolve(import.meta.dirname, "../..");

// q1 has a second version; u1 saw v1, bookmarked, then saw v2; u2 bookmarked (a clock behind)
// before their only presentation (v2), while u1's v1 was already out; nobody was shown q2.
const FIXTURE = `
  INSERT INTO "QuestionVersion" ("id", "questionId", "version", "stem", "explanation", "contentHash") VALUES ('q1v2', 'q1', 2, 's2', 'e', 'h3');
  INSERT INTO "Presentation" ("id", "userId", "questionId", "questionVersionId", "optionOrder", "issuedAt")
    VALUES ('p1', 'u1', 'q1', 'q1v1', '[]', '${at(10)}'), ('p2', 'u1', 'q1', 'q1v2', '[]', '${at(40)}'), ('p3', 'u2', 'q1', 'q1v2', '[]', '${at(30)}');
  INSERT INTO "Bookmark" ("userId", "questionId", "createdAt") VALUES ('u1', 'q1', '${at(15)}'), ('u2', 'q1', '${at(12)}'), ('u2', 'q2', '${at(12)}');
`;
const EXPECTED = { "u1 q1": "q1v1", "u2 q1": "q1v2", "u2 q2": null };

type Row = { userId: string; questionId: string; questionVersionId: string | null };
const keyed = (rows: Row[]) => Object.fromEntries(rows.map((r) => [`${r.userId} ${r.questionId}`, r.questionVersionId]));
const SELECT = `SELECT "userId", "questionId", "questionVersionId" FROM "Bookmark"`;

function migrationsOf(dir: string): { before: string[]; target: string } {
  const names = readdirSync(dir).filter((n) => /^\d+_/.test(n)).sort();
  const index = names.findIndex((n) => n.endsWith("_bookmark_version"));
  if (index < 1) throw new Error(`no bookmark_version migration in ${dir}`);
  return { before: names.slice(0, index), target: names[index]! };
}

describe("the backfill of a bookmark's version", () => {
  it("SQLite 0017: the student's own presentation at or before the bookmark, else their latest, else none", () => {
    const dir = path.join(root, "prisma/migrations");
    const tmp = path.join(root, "tests/.tmp");
    mkdirSync(tmp, { recursive: true });
    const file = path.join(tmp, `bookmark-backfill-${process.pid}-${Date.now()}.db`);
    const db = new Database(file);
    try {
      const run = (name: string) => db.exec(readFileSync(path.join(dir, name, "migration.sql"), "utf8"));
      const { before, target } = migrationsOf(dir);
      before.forEach(run);
      db.exec(backfillFixtureSql((value) => (value ? "1" : "0")));
      db.exec(FIXTURE);
      run(target);
      expect(keyed(db.prepare(SELECT).all() as Row[])).toEqual(EXPECTED);
    } finally {
      db.close();
      for (const suffix of ["", "-wal", "-shm", "-journal"]) rmSync(file + suffix, { force: true });
    }
  });

  const serverUrl = testPostgresUrl();
  it.runIf(serverUrl)("PostgreSQL 0006: the same", async () => {
    const dir = path.join(root, "prisma/postgresql/migrations");
    const name = `exam_prep_bookmark_backfill_${randomUUID().replaceAll("-", "").slice(0, 12)}`;
    const onServer = async (sql: string) => {
      const client = new pg.Client({ connectionString: serverUrl! });
      await client.connect();
      try {
        await client.query(sql);
      } finally {
        await client.end();
      }
    };
    await onServer(`CREATE DATABASE "${name}"`);
    let db: Client | null = null;
    try {
      db = new pg.Client({ connectionString: withDatabase(serverUrl!, name) });
      await db.connect();
      const run = (migration: string) => db!.query(readFileSync(path.join(dir, migration, "migration.sql"), "utf8"));
      const { before, target } = migrationsOf(dir);
      for (const migration of before) await run(migration);
      await db.query(backfillFixtureSql((value) => String(value)));
      await db.query(FIXTURE);
      await run(target);
      expect(keyed((await db.query<Row>(SELECT)).rows)).toEqual(EXPECTED);
    } finally {
      try {
        await db?.end();
      } finally {
        await onServer(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`);
      }
    }
  });
});
