/**
 * `npm run db:backup [-- --out FILE]`: a consistent backup of DATABASE_URL's
 * database while the app keeps serving (lib/server/database-backup.ts), by
 * default under backups/ with the time in its name. Prints where it went.
 */
import { existsSync } from "node:fs";
import path from "node:path";
import { parseArgs } from "node:util";

if (existsSync(".env")) process.loadEnvFile(".env");

const USAGE = "Usage: npm run db:backup [-- --out FILE]";

function shown(file: string): string {
  const relative = path.relative(process.cwd(), file);
  return relative.startsWith("..") || path.isAbsolute(relative) ? file : relative;
}

function size(bytes: number): string {
  if (bytes < 1024 * 1024) return `${(bytes / 1024).toFixed(1)} KB`;
  return `${(bytes / 1024 / 1024).toFixed(1)} MB`;
}

async function main(): Promise<void> {
  let out: string | undefined;
  try {
    out = parseArgs({ options: { out: { type: "string" } }, strict: true }).values.out;
  } catch (error) {
    console.error(`${(error as Error).message}\n${USAGE}`);
    process.exit(2);
  }
  const { getDatabaseTarget } = await import("../lib/server/env");
  const { backupDatabase, defaultBackupPath } = await import("../lib/server/database-backup");
  const target = getDatabaseTarget();
  const now = new Date();
  const { file, header } = await backupDatabase(target, out ?? defaultBackupPath(target.provider, now), now);
  const last = header.migrations.at(-1);
  console.log(
    `Backup written to ${shown(file)}: ${target.provider === "sqlite" ? "SQLite" : "PostgreSQL"}, ` +
      `${String(header.migrations.length)} migrations${last ? ` (up to ${last})` : ""}, ${size(header.payloadBytes)} of data, SHA-256 ${header.payloadSha256}.`,
  );
}

main().catch((error: unknown) => {
  // A message for the operator, not a stack trace: every expected failure says what to do.
  console.error(`Backup failed: ${error instanceof Error ? error.message : String(error)}`);
  process.exit(1);
});
