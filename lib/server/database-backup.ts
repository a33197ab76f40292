import "server-only";
import { existsSync, mkdirSync, mkdtempSync, rmSync } from "node:fs";
import path from "node:path";
import Database from "better-sqlite3";
import pg from "pg";
import { writeBackupFile, type BackupHeader } from "./backup-file";
import { redactDatabaseUrl, type DatabaseTarget } from "./database-url";
import { MIGRATION_RECORDS_SQL, compareMigrations, isMissingMigrationTable, toMigrationRecords } from "./migrations";
import { libpqConnection, runPostgresTool } from "./postgres-tools";

/**
 * `npm run db:backup`: a consistent copy of the database while the app keeps
 * serving, in the file format of backup-file.ts.
 *
 * - SQLite: better-sqlite3's online backup API, copying every page in one
 *   step, so the copy is one read transaction's snapshot (in WAL mode writers
 *   go on meanwhile; copying in small steps would restart on every write
 *   from another connection, and might never finish under load).
 * - PostgreSQL: pg_dump (custom format) of a snapshot exported by a
 *   REPEATABLE READ transaction that also reads the migration record, so
 *   the header's migrations are exactly those of the dumped data.
 */

/** A backup that cannot be made; the message says why and what to do. Nothing was written. */
export class BackupError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "BackupError";
  }
}

// sqlite3_backup_step's page count: at most 2^31 - 1, which copies any database in one step.
const ALL_PAGES = 0x7fffffff;

/** The default name, under backups/: the kind and the time, sortable. */
export function defaultBackupPath(kind: DatabaseTarget["provider"], now: Date, root: string = process.cwd()): string {
  const stamp = now.toISOString().replace(/:/g, "-").replace(/\.(\d{3})Z$/, "-$1Z");
  return path.join(root, "backups", `exam-prep-${kind}-${stamp}.backup`);
}

function noMigrationRecord(where: string): BackupError {
  return new BackupError(
    `The database at ${where} has no migration record (_prisma_migrations): it was not set up with \`npm run db:deploy\`, so a restore could not tell which version of the app it belongs to. Nothing was written.`,
  );
}

function appliedMigrations(rows: ReadonlyArray<Record<string, unknown>>): string[] {
  return compareMigrations([], toMigrationRecords(rows)).applied;
}

async function snapshotSqlite(target: Extract<DatabaseTarget, { provider: "sqlite" }>, copy: string): Promise<string[]> {
  const source = path.resolve(target.file);
  if (!existsSync(source)) throw new BackupError(`There is no SQLite database at ${source} (DATABASE_URL ${target.url}). Nothing was written.`);
  const database = new Database(source, { fileMustExist: true, timeout: 5000 });
  try {
    await database.backup(copy, { progress: () => ALL_PAGES });
  } finally {
    database.close();
  }
  const snapshot = new Database(copy, { fileMustExist: true });
  try {
    return appliedMigrations(snapshot.prepare(MIGRATION_RECORDS_SQL).all() as Array<Record<string, unknown>>);
  } catch (error) {
    if (isMissingMigrationTable(error)) throw noMigrationRecord(source);
    throw error;
  } finally {
    snapshot.close();
  }
}

async function snapshotPostgres(target: Extract<DatabaseTarget, { provider: "postgresql" }>, dump: string): Promise<string[]> {
  const where = redactDatabaseUrl(target.url);
  const client = new pg.Client({ connectionString: target.url });
  try {
    await client.connect();
  } catch (error) {
    throw new BackupError(`The database at ${where} cannot be reached: ${(error as Error).message}. Check DATABASE_URL and that the server is running. Nothing was written.`);
  }
  try {
    await client.query("BEGIN ISOLATION LEVEL REPEATABLE READ, READ ONLY");
    const exported = await client.query<{ id: string }>("SELECT pg_export_snapshot() AS id");
    let migrations: string[];
    try {
      migrations = appliedMigrations((await client.query<Record<string, unknown>>(MIGRATION_RECORDS_SQL)).rows);
    } catch (error) {
      if (isMissingMigrationTable(error)) throw noMigrationRecord(where);
      throw error;
    }
    const connection = libpqConnection(target.url);
    const dumped = await runPostgresTool(
      "pg_dump",
      ["--format=custom", `--snapshot=${exported.rows[0]!.id}`, `--file=${dump}`, `--dbname=${connection.url}`],
      connection.env,
    );
    if (dumped.code !== 0) throw new BackupError(`pg_dump failed (exit ${String(dumped.code)}): ${dumped.stderr || "no message"}. Nothing was written.`);
    await client.query("COMMIT");
    return migrations;
  } finally {
    await client.end();
  }
}

export type BackupResult = { file: string; header: BackupHeader };

/** Writes a backup of the target database to `out` (a new file) and returns what it wrote. */
export async function backupDatabase(target: DatabaseTarget, out: string, now: Date): Promise<BackupResult> {
  const file = path.resolve(out);
  if (existsSync(file)) throw new BackupError(`${file} already exists; choose another name with --out FILE. Nothing was written.`);
  mkdirSync(path.dirname(file), { recursive: true });
  // The snapshot lands beside the backup: the space it needs is where the backup goes.
  const work = mkdtempSync(path.join(path.dirname(file), ".backup-work-"));
  try {
    const payload = path.join(work, "payload");
    const migrations = target.provider === "sqlite" ? await snapshotSqlite(target, payload) : await snapshotPostgres(target, payload);
    const header = await writeBackupFile(file, { kind: target.provider, createdAt: now.toISOString(), migrations }, payload);
    return { file, header };
  } finally {
    rmSync(work, { recursive: true, force: true });
  }
}
