import "server-only";
import { accountsWithPublishedPasswords } from "../services/demo-accounts";
import { redactDatabaseUrl } from "./database-url";
import { getDb } from "./db";
import { getDatabaseTarget, getDatabaseUrl, getServerEnv } from "./env";
import { MIGRATION_RECORDS_SQL, compareMigrations, isMissingMigrationTable, knownMigrations, toMigrationRecords, type MigrationRecord } from "./migrations";

/**
 * What must hold before the server takes requests. Each problem is a message
 * for the operator that says how to fix it.
 */
export async function startupProblems(nodeEnv: string | undefined, demoMode?: boolean): Promise<string[]> {
  let env;
  try {
    env = getServerEnv();
  } catch (error) {
    return [(error as Error).message];
  }
  if (nodeEnv !== "production" || (demoMode ?? env.DEMO_MODE)) return [];
  const exposed = await accountsWithPublishedPasswords();
  if (exposed.length === 0) return [];
  return [
    `These accounts still have a password published in the README: ${exposed.join(", ")}.\n` +
      "  Create a real admin (npm run admin:create), then remove the demo accounts (npm run demo:remove).\n" +
      "  For a local demo only, start with DEMO_MODE=true (npm run quickstart does).",
  ];
}

/**
 * Migrations this code ships (prisma/migrations, or prisma/postgresql/migrations
 * on PostgreSQL) that the database has not applied, or that failed half-way:
 * a server on such a database would fail request by request on missing
 * tables and columns. One query; a database that was never deployed has no
 * record table, and every migration is pending.
 */
export async function migrationProblems(root?: string): Promise<string[]> {
  let records: MigrationRecord[];
  try {
    records = toMigrationRecords(await getDb().$queryRawUnsafe<Array<Record<string, unknown>>>(MIGRATION_RECORDS_SQL));
  } catch (error) {
    if (!isMissingMigrationTable(error)) throw error;
    records = [];
  }
  const state = compareMigrations(knownMigrations(getDatabaseTarget().provider, root), records);
  const where = redactDatabaseUrl(getDatabaseUrl());
  const problems = state.failed.map(
    (name) =>
      `Migration ${name} failed on the database at ${where}: it started and never finished, and \`npm run db:deploy\` will not go past it.\n` +
      `  Repair what it left half-done (its error is in the logs column of _prisma_migrations), mark it with \`npx prisma migrate resolve --rolled-back ${name}\`, then run \`npm run db:deploy\`.`,
  );
  if (state.pending.length > 0) {
    const what = state.applied.length === 0 ? "has none of this version's migrations applied (it was never deployed)" : `has ${String(state.pending.length)} migration(s) not applied yet`;
    problems.push(`The database at ${where} ${what}: ${state.pending.join(", ")}.\n  Run \`npm run db:deploy\`, then start the server again.`);
  }
  return problems;
}

/**
 * Everything the server checks at start-up, in the order that makes each
 * message true: the environment, then the migrations (the demo-account check
 * reads tables a pending migration may not have created yet).
 */
export async function serverStartupProblems(nodeEnv: string | undefined): Promise<string[]> {
  try {
    getServerEnv();
  } catch (error) {
    return [(error as Error).message];
  }
  const migrations = await migrationProblems();
  if (migrations.length > 0) return migrations;
  return startupProblems(nodeEnv);
}

/** Fails fast with a clear message instead of serving an unsafe or broken site. */
export async function runStartupChecks(): Promise<void> {
  let problems: string[];
  try {
    problems = await serverStartupProblems(process.env.NODE_ENV);
  } catch (error) {
    problems = [databaseProblem(error as Error)];
  }
  if (problems.length === 0) return;
  console.error(`\nThe server cannot start.\n${problems.map((p) => `- ${p}`).join("\n")}\n`);
  process.exit(1);
}

/** Unreachable or not migrated: the two reasons a configured database cannot be read at start-up. */
function databaseProblem(error: Error): string {
  const code = (error as { code?: unknown }).code;
  const text = `${error.message} ${typeof code === "string" ? code : ""}`;
  if (/ECONNREFUSED|ENOTFOUND|EAI_AGAIN|ETIMEDOUT|EHOSTUNREACH|timeout|database "[^"]*" does not exist|password authentication failed|DatabaseNotReachable|DatabaseDoesNotExist|AuthenticationFailed/i.test(text)) {
    return `The database at ${redactDatabaseUrl(getDatabaseUrl())} cannot be reached: ${error.message}\n  Check DATABASE_URL and that the database server is running.`;
  }
  return `The database could not be read: ${error.message}\n  Run \`npm run db:deploy\` first.`;
}
