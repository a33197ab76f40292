import "server-only";
import { accountsWithPublishedPasswords } from "../services/demo-accounts";
import { redactDatabaseUrl } from "./database-url";
import { getDatabaseUrl, getServerEnv } from "./env";

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

/** Fails fast with a clear message instead of serving an unsafe or broken site. */
export async function runStartupChecks(): Promise<void> {
  let problems: string[];
  try {
    problems = await startupProblems(process.env.NODE_ENV);
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
