import "server-only";
import { existsSync, readdirSync } from "node:fs";
import path from "node:path";
import type { DatabaseProvider } from "./database-url";

/**
 * Which migrations this code ships and which a database has applied, read
 * from Prisma's own record (`_prisma_migrations`, written by `prisma migrate
 * deploy`). The start-up check and the backup commands share it.
 */

/** The folder `prisma migrate deploy` applies for this kind of database (prisma.config.ts picks the same). */
export function migrationsFolder(provider: DatabaseProvider, root: string = process.cwd()): string {
  return path.join(root, provider === "postgresql" ? "prisma/postgresql/migrations" : "prisma/migrations");
}

/** The migrations this code ships, in the order Prisma applies them (by folder name). */
export function knownMigrations(provider: DatabaseProvider, root?: string): string[] {
  const folder = migrationsFolder(provider, root);
  return readdirSync(folder, { withFileTypes: true })
    .filter((entry) => entry.isDirectory() && existsSync(path.join(folder, entry.name, "migration.sql")))
    .map((entry) => entry.name)
    .sort();
}

/** One statement, the same on SQLite and PostgreSQL. */
export const MIGRATION_RECORDS_SQL = "SELECT migration_name, finished_at, rolled_back_at FROM _prisma_migrations";

export type MigrationRecord = { name: string; finished: boolean; rolledBack: boolean };

export function toMigrationRecords(rows: ReadonlyArray<Record<string, unknown>>): MigrationRecord[] {
  return rows.map((row) => ({
    name: String(row.migration_name),
    finished: row.finished_at !== null && row.finished_at !== undefined,
    rolledBack: row.rolled_back_at !== null && row.rolled_back_at !== undefined,
  }));
}

/** A database that `prisma migrate deploy` never ran on has no record table at all. */
export function isMissingMigrationTable(error: unknown): boolean {
  const message = error instanceof Error ? error.message : String(error);
  return /_prisma_migrations/.test(message) && /no such table|does not exist/i.test(message);
}

export type MigrationState = {
  /** Applied and finished (a rolled-back attempt that was later re-applied counts once). */
  applied: string[];
  /** Shipped with this code and not applied. */
  pending: string[];
  /** Started and never finished nor marked rolled back: `prisma migrate deploy` stops at these. */
  failed: string[];
  /** Applied to the database but not shipped with this code: the database is newer than the code. */
  unknown: string[];
};

export function compareMigrations(known: readonly string[], records: readonly MigrationRecord[]): MigrationState {
  const applied = new Set(records.filter((r) => r.finished && !r.rolledBack).map((r) => r.name));
  const failed = new Set(records.filter((r) => !r.finished && !r.rolledBack && !applied.has(r.name)).map((r) => r.name));
  const shipped = new Set(known);
  return {
    applied: [...applied].sort(),
    pending: known.filter((name) => !applied.has(name) && !failed.has(name)),
    failed: [...failed].sort(),
    unknown: [...applied].filter((name) => !shipped.has(name)).sort(),
  };
}
