import { execFile } from "node:child_process";
import { createHash, randomUUID } from "node:crypto";
import { existsSync, mkdirSync, readdirSync, readFileSync, rmSync } from "node:fs";
import path from "node:path";
import Database from "better-sqlite3";
import pg from "pg";
import { createTestDatabase, testPostgresUrl } from "./postgres-databases";

/**
 * Databases of their own for the backup and start-up tests, left as
 * `npm run db:deploy` leaves them: every migration applied and recorded in
 * `_prisma_migrations` (the per-file test database has no record, and a
 * SQLite restore replaces the file under the setup's open connection). On
 * PostgreSQL when TEST_DATABASE_URL is set, as the rest of the suite.
 */

const root = path.resolve(import.meta.dirname, "../..");

export type Kind = "sqlite" | "postgresql";
export const scratchKind: Kind = testPostgresUrl() ? "postgresql" : "sqlite";

export type ScratchDatabase = { url: string; kind: Kind; file: string | null; drop: () => Promise<void> };

type Row = Record<string, unknown>;

/** A short-lived connection of its own (closed at once: an open SQLite connection would block a restore). */
export async function withRaw<T>(url: string, body: (db: { all: (sql: string) => Promise<Row[]>; exec: (sql: string) => Promise<void> }) => Promise<T>): Promise<T> {
  if (url.startsWith("file:")) {
    const db = new Database(url.slice("file:".length), { fileMustExist: true });
    try {
      return await body({ all: (sql) => Promise.resolve(db.prepare(sql).all() as Row[]), exec: (sql) => Promise.resolve(void db.exec(sql)) });
    } finally {
      db.close();
    }
  }
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    return await body({ all: async (sql) => (await client.query<Row>(sql)).rows, exec: async (sql) => void (await client.query(sql)) });
  } finally {
    await client.end();
  }
}

function migrationsDir(kind: Kind): string {
  return path.join(root, kind === "postgresql" ? "prisma/postgresql/migrations" : "prisma/migrations");
}

export function shippedMigrations(kind: Kind): string[] {
  return readdirSync(migrationsDir(kind))
    .filter((name) => /^\d+_/.test(name))
    .sort();
}

// Prisma's own table, as `prisma migrate deploy` creates it on each database.
const MIGRATION_TABLE = {
  sqlite: `CREATE TABLE "_prisma_migrations" ("id" TEXT PRIMARY KEY NOT NULL, "checksum" TEXT NOT NULL, "finished_at" DATETIME, "migration_name" TEXT NOT NULL, "logs" TEXT, "rolled_back_at" DATETIME, "started_at" DATETIME NOT NULL DEFAULT current_timestamp, "applied_steps_count" INTEGER UNSIGNED NOT NULL DEFAULT 0)`,
  postgresql: `CREATE TABLE "_prisma_migrations" ("id" VARCHAR(36) PRIMARY KEY NOT NULL, "checksum" VARCHAR(64) NOT NULL, "finished_at" TIMESTAMPTZ, "migration_name" VARCHAR(255) NOT NULL, "logs" TEXT, "rolled_back_at" TIMESTAMPTZ, "started_at" TIMESTAMPTZ NOT NULL DEFAULT now(), "applied_steps_count" INTEGER NOT NULL DEFAULT 0)`,
};

/** Records a migration as applied, the way `prisma migrate deploy` does (checksum: the SHA-256 of its migration.sql). */
export function recordMigrationSql(kind: Kind, name: string): string {
  const file = path.join(migrationsDir(kind), name, "migration.sql");
  const checksum = existsSync(file) ? createHash("sha256").update(readFileSync(file)).digest("hex") : "0".repeat(64);
  const now = new Date().toISOString();
  return `INSERT INTO "_prisma_migrations" ("id", "checksum", "finished_at", "migration_name", "started_at", "applied_steps_count") VALUES ('${randomUUID()}', '${checksum}', '${now}', '${name}', '${now}', 1)`;
}

async function recordMigrations(url: string, kind: Kind): Promise<void> {
  await withRaw(url, async (db) => {
    await db.exec(MIGRATION_TABLE[kind]);
    for (const name of shippedMigrations(kind)) await db.exec(recordMigrationSql(kind, name));
  });
}

/** A fresh database with every migration applied and recorded. */
export async function createScratchDatabase(label: string): Promise<ScratchDatabase> {
  const serverUrl = testPostgresUrl();
  if (serverUrl) {
    const database = await createTestDatabase(serverUrl, label);
    await recordMigrations(database.url, "postgresql");
    return { url: database.url, kind: "postgresql", file: null, drop: database.drop };
  }
  const dir = path.join(root, "tests/.tmp");
  mkdirSync(dir, { recursive: true });
  const file = path.join(dir, `${label}-${randomUUID()}.db`);
  const db = new Database(file);
  for (const name of shippedMigrations("sqlite")) db.exec(readFileSync(path.join(migrationsDir("sqlite"), name, "migration.sql"), "utf8"));
  db.close();
  await recordMigrations(`file:${file}`, "sqlite");
  return {
    url: `file:${file}`,
    kind: "sqlite",
    file,
    drop: () => {
      for (const suffix of ["", "-wal", "-shm", "-journal"]) rmSync(file + suffix, { force: true });
      return Promise.resolve();
    },
  };
}

export type Fingerprint = Record<string, { rows: number; sha256: string }>;

/** Every table of the database with its row count and a checksum of its rows (order-independent). */
export async function fingerprint(url: string): Promise<Fingerprint> {
  return withRaw(url, async (db) => {
    const tables = url.startsWith("file:")
      ? await db.all("SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' ORDER BY name")
      : await db.all("SELECT tablename::text AS name FROM pg_tables WHERE schemaname = 'public' ORDER BY tablename");
    const result: Fingerprint = {};
    for (const { name } of tables) {
      const rows = (await db.all(`SELECT * FROM "${String(name)}"`)).map((row) => JSON.stringify(row)).sort();
      result[String(name)] = { rows: rows.length, sha256: createHash("sha256").update(rows.join("\n")).digest("hex") };
    }
    return result;
  });
}

/** The SQLite file and its companions, byte for byte (a file absent is null). */
export function fileBytes(file: string): Record<string, string | null> {
  const result: Record<string, string | null> = {};
  for (const suffix of ["", "-wal", "-shm", "-journal"]) {
    result[suffix || "db"] = existsSync(file + suffix) ? createHash("sha256").update(readFileSync(file + suffix)).digest("hex") : null;
  }
  return result;
}

export type Run = { code: number; stdout: string; stderr: string };

/** `npm run db:backup` / `npm run db:restore` as a real process against `databaseUrl`. */
export function runDbCli(script: "db-backup" | "db-restore", args: string[], databaseUrl: string): Promise<Run> {
  return new Promise((resolve) => {
    execFile(
      process.execPath,
      ["node_modules/tsx/dist/cli.mjs", "--conditions=react-server", `scripts/${script}.ts`, ...args],
      { cwd: root, env: { ...process.env, DATABASE_URL: databaseUrl }, maxBuffer: 16 * 1024 * 1024 },
      (error, stdout, stderr) => resolve({ code: error ? Number(error.code ?? 1) : 0, stdout, stderr }),
    );
  });
}
