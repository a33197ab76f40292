import "server-only";
import { spawn } from "node:child_process";
import { accessSync, constants, readdirSync } from "node:fs";
import path from "node:path";

/**
 * PostgreSQL's own command-line tools (pg_dump, pg_restore, psql) for the
 * backup commands, found the way scripts/pg-test-cluster.sh finds pg_ctl:
 * PG_BINDIR, then PATH, then the newest /usr/lib/postgresql/<version>/bin
 * (Debian installs them there).
 */

export type PostgresTool = "pg_dump" | "pg_restore" | "psql";

function executable(file: string): boolean {
  try {
    accessSync(file, constants.X_OK);
    return true;
  } catch {
    return false;
  }
}

function versionOrder(a: string, b: string): number {
  return a.localeCompare(b, undefined, { numeric: true });
}

export function findPostgresTool(tool: PostgresTool, env: NodeJS.ProcessEnv = process.env): string {
  const bindir = env.PG_BINDIR;
  if (bindir) {
    const file = path.join(bindir, tool);
    if (executable(file)) return file;
    throw new Error(`${tool} is not in PG_BINDIR (${bindir}). Point PG_BINDIR at PostgreSQL's bin folder, or unset it.`);
  }
  for (const dir of (env.PATH ?? "").split(path.delimiter)) {
    if (dir && executable(path.join(dir, tool))) return path.join(dir, tool);
  }
  let versions: string[] = [];
  try {
    versions = readdirSync("/usr/lib/postgresql").sort(versionOrder).reverse();
  } catch {
    // No Debian PostgreSQL packages: fall through to the message.
  }
  for (const version of versions) {
    const file = path.join("/usr/lib/postgresql", version, "bin", tool);
    if (executable(file)) return file;
  }
  throw new Error(`${tool} was not found (PG_BINDIR, PATH, /usr/lib/postgresql/*/bin). Install PostgreSQL's client tools (Debian: apt-get install -y postgresql-client) or set PG_BINDIR.`);
}

/** URL parameters Prisma or node-postgres read that libpq refuses ("invalid URI query parameter"). */
const NOT_FOR_LIBPQ = new Set(["schema", "connection_limit", "pool_timeout", "pgbouncer", "statement_cache_size", "socket_timeout", "sslaccept"]);

/**
 * The URL and environment for a libpq tool: the password moves to PGPASSWORD
 * so it never shows in the process list, and parameters libpq does not know
 * are left out.
 */
export function libpqConnection(url: string): { url: string; env: NodeJS.ProcessEnv } {
  const parsed = new URL(url);
  const env: NodeJS.ProcessEnv = { ...process.env };
  if (parsed.password) env.PGPASSWORD = decodeURIComponent(parsed.password);
  parsed.password = "";
  for (const key of [...parsed.searchParams.keys()]) if (NOT_FOR_LIBPQ.has(key)) parsed.searchParams.delete(key);
  return { url: parsed.toString(), env };
}

export type ToolResult = { code: number; stderr: string };

/** Runs a tool to completion; stdout is discarded (the tools here write files), stderr kept for messages. */
export function runPostgresTool(tool: PostgresTool, args: string[], env: NodeJS.ProcessEnv): Promise<ToolResult> {
  const command = findPostgresTool(tool, env);
  return new Promise((resolve, reject) => {
    const child = spawn(command, args, { env, stdio: ["ignore", "ignore", "pipe"] });
    let stderr = "";
    child.stderr.setEncoding("utf8");
    child.stderr.on("data", (chunk: string) => {
      if (stderr.length < 64 * 1024) stderr += chunk;
    });
    child.on("error", reject);
    child.on("close", (code, signal) => resolve({ code: code ?? (signal ? 128 : 1), stderr: stderr.trim() }));
  });
}
