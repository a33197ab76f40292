import { randomUUID } from "node:crypto";
import { rmSync, statSync } from "node:fs";
import path from "node:path";
import Database from "better-sqlite3";
import { describe, expect, it } from "vitest";
import { onPostgres } from "./postgres-databases";
import { directRead, directTransaction } from "@/lib/server/direct-sql";
import { startWalCheckpointer } from "@/lib/server/wal-checkpointer";

/**
 * Checkpoints of the write-ahead log run on a worker thread, so that no
 * request's COMMIT copies the log into the database file (decision 0009).
 */

async function until(condition: () => boolean, timeoutMs: number): Promise<boolean> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (condition()) return true;
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  return condition();
}

// SQLite only: PostgreSQL checkpoints by itself and db.ts starts no checkpointer for it.
describe.skipIf(onPostgres)("the WAL checkpointer", () => {
  it("copies committed pages into the database file in the background, and hands checkpoints back when stopped", async () => {
    const file = path.resolve(import.meta.dirname, `../.tmp/checkpointer-${randomUUID()}.db`);
    const db = new Database(file);
    try {
      db.pragma("journal_mode = WAL");
      db.exec("CREATE TABLE t (x TEXT)");
      const stop = startWalCheckpointer(file, db);
      expect(db.pragma("wal_autocheckpoint", { simple: true })).toBe(0);
      const before = statSync(file).size;
      const insert = db.prepare("INSERT INTO t VALUES (?)");
      // About 2 MB in 50 commits: under SQLite's own 1,000-page threshold, so only the worker can have copied it.
      for (let i = 0; i < 50; i++) db.transaction(() => { for (let k = 0; k < 4; k++) insert.run("x".repeat(10_000)); })();
      expect(await until(() => statSync(file).size > before + 1_500_000, 10_000)).toBe(true);
      await stop();
      expect(db.pragma("wal_autocheckpoint", { simple: true })).toBe(1000);
      expect(db.prepare("SELECT COUNT(*) AS n FROM t").get()).toEqual({ n: 200 });
    } finally {
      db.close();
      for (const suffix of ["", "-wal", "-shm"]) rmSync(file + suffix, { force: true });
    }
  });

  it("is stopped only once its thread has let go of the file: a restore's exclusive lock is free the moment stop() resolves, even mid-checkpoint", async () => {
    const file = path.resolve(import.meta.dirname, `../.tmp/checkpointer-stop-${randomUUID()}.db`);
    const db = new Database(file);
    try {
      db.pragma("journal_mode = WAL");
      db.pragma("wal_autocheckpoint = 0");
      db.exec("CREATE TABLE t (x TEXT)");
      const insert = db.prepare("INSERT INTO t VALUES (?)");
      // About 60 MB of log for the worker's first checkpoint to copy.
      for (let i = 0; i < 60; i++) db.transaction(() => { for (let k = 0; k < 100; k++) insert.run(randomUUID().repeat(280)); })();
      const before = statSync(file).size;
      // Grace 0: the stop may not wait for the checkpoint; it must still end the thread before it resolves.
      const stop = startWalCheckpointer(file, db, { stopGraceMs: 0 });
      expect(await until(() => statSync(file).size > before, 10_000)).toBe(true);
      db.close();
      await stop();
      // What `npm run db:restore` asks before it replaces the file (releaseOldDatabase): no connection anywhere holds it.
      const probe = new Database(file, { fileMustExist: true, timeout: 0 });
      try {
        probe.pragma("locking_mode = EXCLUSIVE");
        expect(() => probe.exec("BEGIN EXCLUSIVE")).not.toThrow();
        probe.exec("COMMIT");
        expect(probe.prepare("SELECT COUNT(*) AS n FROM t").get()).toEqual({ n: 6000 });
      } finally {
        probe.close();
      }
    } finally {
      if (db.open) db.close();
      for (const suffix of ["", "-wal", "-shm"]) rmSync(file + suffix, { force: true });
    }
  }, 60_000);

  it("shares one SQLite library with the app's connection: a lock the app's connection holds is seen by the library the checkpointer thread loads", async () => {
    // Two copies of SQLite in one process do not see each other's locks (POSIX
    // locks belong to the process), so the checkpointer thread's copy could
    // reset the shared-memory index under the app's connection or backfill
    // pages a transaction is still using: torn indexes and SIGBUS.
    const file = (process.env.DATABASE_URL ?? "").replace(/^file:/, "");
    const appVersion = await directRead((sql) => sql.one<{ version: string }>("SELECT sqlite_version() AS version"));
    const other = new Database(file, { fileMustExist: true, timeout: 0 });
    try {
      expect(other.prepare("SELECT sqlite_version() AS version").get()).toEqual(appVersion);
      const attempt = await directTransaction(async (sql) => {
        await sql.run(`INSERT INTO "Subject" ("id", "slug", "name") VALUES (?, ?, ?)`, randomUUID(), `lock-${randomUUID()}`, "Lock probe");
        try {
          other.exec("BEGIN IMMEDIATE");
          other.exec("ROLLBACK");
          return "granted";
        } catch (error) {
          return (error as { code?: string }).code;
        }
      });
      expect(attempt).toBe("SQLITE_BUSY");
    } finally {
      other.close();
    }
  });

  it("runs on a SQLite with the WAL-reset fix (3.51.3 or later): a checkpointer beside a writer is the race that bug corrupts", async () => {
    const row = await directRead((sql) => sql.one<{ version: string }>("SELECT sqlite_version() AS version"));
    const [major, minor, patch] = (row?.version ?? "0.0.0").split(".").map(Number) as [number, number, number];
    expect(major * 1e6 + minor * 1e3 + (patch || 0), row?.version).toBeGreaterThanOrEqual(3_051_003);
  });

  it("runs for the app's own connection, which no longer checkpoints inside its commits", async () => {
    const row = await directRead((sql) => sql.one<{ wal_autocheckpoint: number }>("PRAGMA wal_autocheckpoint"));
    expect(row?.wal_autocheckpoint).toBe(0);
  });
});
