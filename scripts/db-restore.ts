/**
 * `npm run db:restore FILE`: restores a backup made by `npm run db:backup`
 * into DATABASE_URL's database (lib/server/database-restore.ts). Stop the app
 * first. Everything about the file is checked before anything changes; a
 * refusal exits non-zero with one paragraph saying why.
 */
import { existsSync } from "node:fs";
import { parseArgs } from "node:util";

if (existsSync(".env")) process.loadEnvFile(".env");

const USAGE = "Usage: npm run db:restore FILE (a backup made by npm run db:backup; stop the app first)";

async function main(): Promise<void> {
  let positionals: string[];
  try {
    positionals = parseArgs({ options: {}, allowPositionals: true, strict: true }).positionals;
  } catch (error) {
    console.error(`${(error as Error).message}\n${USAGE}`);
    process.exit(2);
  }
  const [file] = positionals;
  if (positionals.length !== 1 || !file) {
    console.error(USAGE);
    process.exit(2);
  }
  const { getDatabaseTarget } = await import("../lib/server/env");
  const { restoreDatabase } = await import("../lib/server/database-restore");
  const result = await restoreDatabase(getDatabaseTarget(), file);
  const { header } = result;
  console.log(
    `Restored ${file} (${header.kind === "sqlite" ? "SQLite" : "PostgreSQL"} backup of ${header.createdAt}, ${String(header.migrations.length)} migrations) into ${result.where}.`,
  );
  if (result.pending.length > 0) {
    console.log(
      `The backup is older than this version of the app: migrations ${result.pending.join(", ")} are not applied to it. Run \`npm run db:deploy\` next, before starting the server.`,
    );
  }
}

main().catch((error: unknown) => {
  // A message for the operator, not a stack trace: every refusal already says what is wrong and that nothing changed.
  const message = error instanceof Error ? error.message : String(error);
  console.error(error instanceof Error && error.name === "RestoreError" ? message : `Restore failed: ${message}`);
  process.exit(1);
});
