import { randomUUID } from "node:crypto";
import { mkdirSync, readdirSync, readFileSync, rmSync } from "node:fs";
import path from "node:path";
import Database from "better-sqlite3";
import pg from "pg";
import { afterAll, beforeEach } from "vitest";
import { createTestDatabase, testPostgresUrl, truncateAll } from "./postgres-databases";

/**
 * Every integration test file gets its own throw-away database, migrated
 * with the committed migrations, before any app module reads DATABASE_URL:
 * a SQLite file, or a PostgreSQL database copied from a migrated template
 * when TEST_DATABASE_URL names a PostgreSQL server (npm run test:pg).
 */
const postgresUrl = testPostgresUrl();
if (postgresUrl) await setUpPostgres(postgresUrl);
else setUpSqlite();

// Services that sign or check sessions need a secret; the app never falls back to one.
process.env.AUTH_SECRET ??= "integration-tests-only-secret-0123456789abcdef";

async function setUpPostgres(serverUrl: string): Promise<void> {
  const database = await createTestDatabase(serverUrl, process.env.VITEST_POOL_ID ?? "0");
  process.env.DATABASE_URL = database.url;
  const client = new pg.Client({ connectionString: database.url });
  await client.connect();

  // Each test starts from empty tables.
  beforeEach(async () => {
    await cancelReadinessRefreshes();
    await truncateAll(client);
  });

  afterAll(async () => {
    await cancelReadinessRefreshes();
    const { getDb } = await import("@/lib/server/db");
    await getDb().$disconnect();
    await client.end();
    await database.drop();
  });
}

function setUpSqlite(): void {
  const root = path.resolve(import.meta.dirname, "../..");
  const dir = path.join(root, "tests/.tmp");
  mkdirSync(dir, { recursive: true });
  const file = path.join(dir, `integration-${process.env.VITEST_POOL_ID ?? "0"}-${randomUUID()}.db`);

  const migrationsDir = path.join(root, "prisma/migrations");
  const db = new Database(file);
  for (const name of readdirSync(migrationsDir).filter((n) => /^\d+_/.test(n)).sort()) {
    db.exec(readFileSync(path.join(migrationsDir, name, "migration.sql"), "utf8"));
  }
  const tables = db
    .prepare("SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' AND name NOT LIKE '_prisma%'")
    .all() as Array<{ name: string }>;

  process.env.DATABASE_URL = `file:${file}`;

  // Each test starts from empty tables (foreign keys off while clearing).
  beforeEach(async () => {
    await cancelReadinessRefreshes();
    db.pragma("foreign_keys = OFF");
    db.transaction(() => {
      for (const { name } of tables) db.prepare(`DELETE FROM "${name}"`).run();
    })();
    db.pragma("foreign_keys = ON");
  });

  afterAll(async () => {
    await cancelReadinessRefreshes();
    const { getDb } = await import("@/lib/server/db");
    await getDb().$disconnect();
    db.close();
    for (const suffix of ["", "-wal", "-shm", "-journal"]) rmSync(file + suffix, { force: true });
  });
}

/** Background readiness refreshes queued by the last test must not meet an emptied (or dropped) database, nor its reused item statistics a new test. */
async function cancelReadinessRefreshes(): Promise<void> {
  const { cancelQueuedReadinessRefreshes } = await import("@/lib/services/readiness");
  await cancelQueuedReadinessRefreshes();
  // Item statistics reused from the last test would describe rows that are gone.
  const { forgetItemStatistics } = await import("@/lib/services/item-analysis");
  forgetItemStatistics();
}
