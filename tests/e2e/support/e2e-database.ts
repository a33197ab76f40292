import { withDatabase } from "../../support/database";
import type { SqlDb } from "../../support/database";

/**
 * The database the e2e server runs on, for the few checks a spec makes
 * straight in it: the SQLite file scripts/e2e-server.sh creates, or the
 * PostgreSQL database E2E_DATABASE_URL names (npm run test:pg). Statements
 * use `?` placeholders and quoted identifiers, valid on both.
 */
export const E2E_DATABASE_URL = process.env.E2E_DATABASE_URL || "file:./tests/.tmp/e2e.db";
export const e2eOnPostgres = /^postgres(ql)?:\/\//i.test(E2E_DATABASE_URL);

export type { SqlParam as E2eParam } from "../../support/database";
export type E2eDb = SqlDb;

/** Runs a body against the e2e database on a connection of its own. */
export function withE2eDb<T>(body: (db: E2eDb) => Promise<T>): Promise<T> {
  return withDatabase(E2E_DATABASE_URL, body);
}
