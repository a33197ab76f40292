import "server-only";
import { randomUUID } from "node:crypto";
import { closeSync, existsSync, fsyncSync, mkdirSync, mkdtempSync, openSync, renameSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import Database from "better-sqlite3";
import { BackupFileError, extractPayload, openBackupFile, type BackupHeader, type OpenedBackup } from "./backup-file";
import { redactDatabaseUrl, type DatabaseProvider, type DatabaseTarget } from "./database-url";
import { MIGRATION_RECORDS_SQL, compareMigrations, isMissingMigrationTable, knownMigrations, toMigrationRecords, type MigrationRecord } from "./migrations";
import { libpqConnection, runPostgresTool } from "./postgres-tools";

/**
 * `npm run db:restore FILE`: puts a backup made by `npm run db:backup` back
 * into DATABASE_URL's database. Everything about the file is checked before
 * anything changes (format, length, SHA-256, database kind, migrations this
 * code knows), and the change itself is all or nothing:
 *
 * - SQLite: the payload is written beside the database, checked with
 *   `PRAGMA integrity_check`, and renamed over it. The old file must not be
 *   open anywhere: a server holding it would go on using the replaced file.
 * - PostgreSQL: the whole restore runs in one transaction (psql
 *   --single-transaction with ON_ERROR_STOP), so a failure leaves the
 *   database as it was. Its first statement empties the public schema:
 *   `pg_restore --clean` drops only what the backup holds, and a table from
 *   a later migration would survive into a database whose migration record
 *   says it is older, where `npm run db:deploy` would then fail to create it.
 */

/** A restore that did not happen; the message says why. The database was not changed. */
export class RestoreError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "RestoreError";
  }
}

const UNCHANGED = "Nothing was changed.";

function kindName(kind: DatabaseProvider): string {
  return kind === "sqlite" ? "SQLite" : "PostgreSQL";
}

export type RestoreResult = {
  header: BackupHeader;
  /** Where it went (a file, or the URL without its password). */
  where: string;
  /** Migrations this code ships that the backup's database had not applied: `npm run db:deploy` must run next. */
  pending: string[];
};

async function openChecked(file: string): Promise<OpenedBackup> {
  if (!existsSync(file)) throw new RestoreError(`There is no file ${file}. ${UNCHANGED}`);
  try {
    return await openBackupFile(file);
  } catch (error) {
    if (error instanceof BackupFileError) throw new RestoreError(`${error.message} ${UNCHANGED}`);
    throw error;
  }
}

export async function restoreDatabase(target: DatabaseTarget, file: string, root?: string): Promise<RestoreResult> {
  const backup = await openChecked(file);
  const { header } = backup;
  const where = target.provider === "sqlite" ? path.resolve(target.file) : redactDatabaseUrl(target.url);
  if (header.kind !== target.provider) {
    throw new RestoreError(
      `${file} is a backup of a ${kindName(header.kind)} database, but DATABASE_URL names a ${kindName(target.provider)} database (${where}). ` +
        `A backup goes back into the kind of database it came from: set DATABASE_URL to a ${kindName(header.kind)} database (${header.kind === "sqlite" ? "file:./data/app.db" : "postgresql://USER:PASSWORD@HOST:5432/DATABASE"}). ${UNCHANGED}`,
    );
  }
  const state = compareMigrations(
    knownMigrations(target.provider, root),
    header.migrations.map((name) => ({ name, finished: true, rolledBack: false })),
  );
  if (state.unknown.length > 0) {
    throw new RestoreError(
      `${file} was made by a newer version of the app: its database has migrations this version does not know (${state.unknown.join(", ")}). ` +
        `Upgrade the app to the version that made it (or a later one), then restore. ${UNCHANGED}`,
    );
  }
  if (target.provider === "sqlite") await restoreSqlite(backup, path.resolve(target.file));
  else await restorePostgres(backup, target.url);
  return { header, where, pending: state.pending };
}

function syncPath(file: string): void {
  const fd = openSync(file, "r");
  try {
    fsyncSync(fd);
  } finally {
    closeSync(fd);
  }
}

function sqliteCode(error: unknown): string | undefined {
  const code = (error as { code?: unknown }).code;
  return typeof code === "string" ? code : undefined;
}

/** The restored file must be a sound SQLite database holding the migrations its header names. */
function checkSqlitePayload(copy: string, backup: OpenedBackup): void {
  let database: Database.Database | undefined;
  try {
    database = new Database(copy, { fileMustExist: true });
    const result = database.pragma("integrity_check") as Array<{ integrity_check: string }>;
    const findings = result.map((row) => row.integrity_check);
    if (findings.join() !== "ok") {
      throw new RestoreError(`${backup.file} holds a damaged SQLite database (integrity check: ${findings.slice(0, 3).join("; ")}). ${UNCHANGED}`);
    }
    let records: MigrationRecord[];
    try {
      records = toMigrationRecords(database.prepare(MIGRATION_RECORDS_SQL).all() as Array<Record<string, unknown>>);
    } catch (error) {
      if (isMissingMigrationTable(error)) records = [];
      else throw error;
    }
    const inside = compareMigrations([], records).applied;
    if (inside.join() !== backup.header.migrations.join()) {
      throw new RestoreError(`${backup.file} is damaged: the database inside it has other migrations than its header names. ${UNCHANGED}`);
    }
  } catch (error) {
    if (error instanceof RestoreError) throw error;
    const code = sqliteCode(error);
    if (code === "SQLITE_NOTADB" || code === "SQLITE_CORRUPT") {
      throw new RestoreError(`${backup.file} does not hold a readable SQLite database (${(error as Error).message}). ${UNCHANGED}`);
    }
    throw error;
  } finally {
    database?.close();
  }
}

/**
 * Takes the old database file for the restore: refuses if any connection has
 * it open (SQLite grants the exclusive lock only when no other connection,
 * in any process, holds the file), then folds its write-ahead log back in,
 * so no -wal of the old file is left to be replayed into the new one.
 */
function releaseOldDatabase(file: string): void {
  const database = new Database(file, { fileMustExist: true, timeout: 0 });
  try {
    database.pragma("locking_mode = EXCLUSIVE");
    try {
      database.exec("BEGIN EXCLUSIVE");
    } catch (error) {
      const code = sqliteCode(error);
      if (code === "SQLITE_BUSY" || code === "SQLITE_LOCKED") {
        throw new RestoreError(
          `The database ${file} is open in another process (a running app server, or a backup in progress). Stop the app before a restore: it replaces the whole file, and a server holding the old one would go on using it. ${UNCHANGED}`,
        );
      }
      // An unreadable old file (the reason for many a restore) is simply replaced.
      if (code === "SQLITE_NOTADB" || code === "SQLITE_CORRUPT") return;
      throw error;
    }
    database.exec("COMMIT");
    database.pragma("wal_checkpoint(TRUNCATE)");
  } finally {
    database.close();
  }
}

async function restoreSqlite(backup: OpenedBackup, file: string): Promise<void> {
  const directory = path.dirname(file);
  mkdirSync(directory, { recursive: true });
  // Beside the database, so the final rename stays on one file system and is atomic.
  const copy = path.join(directory, `.${path.basename(file)}.restore-${randomUUID().slice(0, 8)}`);
  try {
    await extractPayload(backup, copy);
    checkSqlitePayload(copy, backup);
    if (existsSync(file)) releaseOldDatabase(file);
    renameSync(copy, file);
  } catch (error) {
    for (const suffix of ["", "-wal", "-shm", "-journal"]) rmSync(copy + suffix, { force: true });
    throw error;
  }
  // The old file's companions are stale now; a journal or log left beside the new file would be replayed into it.
  for (const suffix of ["-wal", "-shm", "-journal"]) rmSync(file + suffix, { force: true });
  syncPath(directory);
}

/**
 * Empties the public schema inside the restore's transaction (the app's
 * migrations put everything there); objects that belong to an extension are
 * the extension's. A lock held by a running server fails the restore after
 * 15 s instead of waiting forever.
 */
const EMPTY_PUBLIC_SCHEMA = `
SET lock_timeout = '15s';
DO $restore$
DECLARE object record;
BEGIN
  FOR object IN
    SELECT format('DROP %s IF EXISTS %I.%I CASCADE',
                  CASE c.relkind WHEN 'v' THEN 'VIEW' WHEN 'm' THEN 'MATERIALIZED VIEW' WHEN 'S' THEN 'SEQUENCE' WHEN 'f' THEN 'FOREIGN TABLE' ELSE 'TABLE' END,
                  n.nspname, c.relname) AS statement
    FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
    WHERE n.nspname = 'public' AND c.relkind IN ('r', 'p', 'v', 'm', 'S', 'f')
      AND NOT EXISTS (SELECT 1 FROM pg_depend d WHERE d.classid = 'pg_class'::regclass AND d.objid = c.oid AND d.deptype = 'e')
  LOOP
    EXECUTE object.statement;
  END LOOP;
  FOR object IN
    SELECT format('DROP ROUTINE IF EXISTS %I.%I(%s) CASCADE', n.nspname, p.proname, pg_get_function_identity_arguments(p.oid)) AS statement
    FROM pg_proc p JOIN pg_namespace n ON n.oid = p.pronamespace
    WHERE n.nspname = 'public' AND p.prokind IN ('f', 'p')
      AND NOT EXISTS (SELECT 1 FROM pg_depend d WHERE d.classid = 'pg_proc'::regclass AND d.objid = p.oid AND d.deptype = 'e')
  LOOP
    EXECUTE object.statement;
  END LOOP;
  FOR object IN
    SELECT format('DROP %s IF EXISTS %I.%I CASCADE', CASE t.typtype WHEN 'd' THEN 'DOMAIN' ELSE 'TYPE' END, n.nspname, t.typname) AS statement
    FROM pg_type t JOIN pg_namespace n ON n.oid = t.typnamespace
    WHERE n.nspname = 'public' AND t.typtype IN ('e', 'd', 'r')
      AND NOT EXISTS (SELECT 1 FROM pg_depend d WHERE d.classid = 'pg_type'::regclass AND d.objid = t.oid AND d.deptype = 'e')
  LOOP
    EXECUTE object.statement;
  END LOOP;
END
$restore$;
`;

/** psql's and pg_restore's errors without the NOTICE lines the drops print. */
function errorLines(stderr: string): string {
  const lines = stderr.split("\n").filter((line) => /ERROR|FATAL|error:|could not|failed/i.test(line));
  return (lines.length > 0 ? lines : stderr.split("\n").slice(-3)).slice(0, 5).join(" ").trim() || "no message";
}

async function restorePostgres(backup: OpenedBackup, url: string): Promise<void> {
  const work = mkdtempSync(path.join(tmpdir(), "exam-prep-restore-"));
  try {
    const archive = path.join(work, "payload.dump");
    await extractPayload(backup, archive);
    const connection = libpqConnection(url);
    // The archive becomes an SQL script first: an unreadable archive stops here, before the database is touched.
    const script = path.join(work, "restore.sql");
    const converted = await runPostgresTool("pg_restore", ["--clean", "--if-exists", "--no-owner", `--file=${script}`, archive], connection.env);
    if (converted.code !== 0) {
      throw new RestoreError(`pg_restore cannot read the archive in ${backup.file}: ${errorLines(converted.stderr)}. ${UNCHANGED}`);
    }
    const applied = await runPostgresTool(
      "psql",
      ["-X", "-q", "-v", "ON_ERROR_STOP=1", "--single-transaction", `--dbname=${connection.url}`, "-c", EMPTY_PUBLIC_SCHEMA, "-f", script],
      connection.env,
    );
    if (applied.code !== 0) {
      const message = errorLines(applied.stderr);
      const hint = /lock timeout/i.test(message) ? " The database is in use: stop the app servers, then restore again." : "";
      throw new RestoreError(`The restore into ${redactDatabaseUrl(url)} failed: ${message}.${hint} It runs as one transaction, so nothing was changed.`);
    }
  } finally {
    rmSync(work, { recursive: true, force: true });
  }
}
