/**
 * Which database a DATABASE_URL names: the one place that decides. `file:`
 * is the embedded SQLite default; `postgresql://` or `postgres://` is
 * PostgreSQL. No "server-only" guard: prisma.config.ts, which the Prisma CLI
 * loads outside Next.js, reads it too.
 */

/** The embedded SQLite file used when DATABASE_URL is not set (relative to the project root). */
export const DEFAULT_DATABASE_URL = "file:./data/app.db";

export type DatabaseTarget = { provider: "sqlite"; url: string; file: string } | { provider: "postgresql"; url: string };

export type DatabaseProvider = DatabaseTarget["provider"];

/** A DATABASE_URL the app cannot use; the message says what is wrong and what is expected. */
export class DatabaseUrlError extends Error {
  constructor(message: string) {
    super(`DATABASE_URL ${message}`);
    this.name = "DatabaseUrlError";
  }
}

const EXPECTED = "Use file:./data/app.db (SQLite) or postgresql://USER:PASSWORD@HOST:5432/DATABASE (PostgreSQL).";

/** The URL with any password replaced, for messages and logs. */
export function redactDatabaseUrl(url: string): string {
  return url.replace(/^([a-z][a-z0-9+.-]*:\/\/[^:/?#@]*:)[^@/?#]*@/i, "$1***@");
}

export function parseDatabaseUrl(url: string): DatabaseTarget {
  const trimmed = url.trim();
  if (trimmed === "") throw new DatabaseUrlError(`is empty. ${EXPECTED}`);
  const scheme = /^([a-z][a-z0-9+.-]*):/i.exec(trimmed)?.[1]?.toLowerCase();
  if (scheme === "file") {
    const file = trimmed.slice("file:".length).replace(/\?.*$/, "");
    if (file === "") throw new DatabaseUrlError(`"${trimmed}" names no file. ${EXPECTED}`);
    return { provider: "sqlite", url: trimmed, file };
  }
  if (scheme === "postgresql" || scheme === "postgres") {
    let parsed: URL;
    try {
      parsed = new URL(trimmed);
    } catch {
      throw new DatabaseUrlError(`"${redactDatabaseUrl(trimmed)}" is not a valid URL. ${EXPECTED}`);
    }
    if (!trimmed.slice(scheme.length).startsWith("://") || parsed.hostname === "") {
      throw new DatabaseUrlError(`"${redactDatabaseUrl(trimmed)}" names no host. ${EXPECTED}`);
    }
    if (parsed.pathname.replace(/^\//, "") === "") {
      throw new DatabaseUrlError(`"${redactDatabaseUrl(trimmed)}" names no database (the path after the host). ${EXPECTED}`);
    }
    if (parsed.port !== "" && !(Number(parsed.port) > 0 && Number(parsed.port) < 65536)) {
      throw new DatabaseUrlError(`"${redactDatabaseUrl(trimmed)}" has an invalid port. ${EXPECTED}`);
    }
    return { provider: "postgresql", url: trimmed };
  }
  const shown = scheme ? `"${scheme}:"` : "no scheme";
  throw new DatabaseUrlError(`has ${shown}; only SQLite and PostgreSQL are supported. ${EXPECTED}`);
}
