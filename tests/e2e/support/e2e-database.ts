import Database from "better-sqlite3";
import pg from "pg";

/**
 * The database the e2e server runs on, for the few checks a spec makes
 * straight in it: the SQLite file scripts/e2e-server.sh creates, or the
 * PostgreSQL database E2E_DATABASE_URL names (npm run test:pg). Statements
 * use `?` placeholders and quoted identifiers, valid on both.
 */
export const E2E_DATABASE_URL = process.env.E2E_DATABASE_URL || "file:./tests/.tmp/e2e.db";
export const e2eOnPostgres = /^postgres(ql)?:\/\//i.test(E2E_DATABASE_URL);

export type E2eParam = string | number | Date | null;

export type E2eDb = {
  one<T>(text: string, ...params: E2eParam[]): Promise<T | undefined>;
  all<T>(text: string, ...params: E2eParam[]): Promise<T[]>;
  run(text: string, ...params: E2eParam[]): Promise<number>;
};

function numbered(text: string): string {
  let n = 0;
  return text.replace(/\?/g, () => `$${(n += 1)}`);
}

const INT8_OID = 20;
const types = {
  getTypeParser: ((oid: number, format?: "text" | "binary") =>
    oid === INT8_OID ? Number : pg.types.getTypeParser(oid, format)) as typeof pg.types.getTypeParser,
};

/** Runs a body against the e2e database on a connection of its own. */
export async function withE2eDb<T>(body: (db: E2eDb) => Promise<T>): Promise<T> {
  if (e2eOnPostgres) {
    const client = new pg.Client({ connectionString: E2E_DATABASE_URL });
    await client.connect();
    const query = (text: string, params: E2eParam[]) =>
      client.query({ text: numbered(text), values: params.map((p) => (p instanceof Date ? p.toISOString() : p)), types });
    try {
      return await body({
        one: async <R>(text: string, ...params: E2eParam[]) => (await query(text, params)).rows[0] as R | undefined,
        all: async <R>(text: string, ...params: E2eParam[]) => (await query(text, params)).rows as R[],
        run: async (text: string, ...params: E2eParam[]) => (await query(text, params)).rowCount ?? 0,
      });
    } finally {
      await client.end();
    }
  }
  const db = new Database(E2E_DATABASE_URL.replace(/^file:/, ""));
  // Prisma stores a DateTime on SQLite as ISO 8601 text with "+00:00".
  const encode = (params: E2eParam[]) => params.map((p) => (p instanceof Date ? p.toISOString().replace("Z", "+00:00") : p));
  try {
    return await body({
      one: <R>(text: string, ...params: E2eParam[]) => Promise.resolve(db.prepare(text).get(...encode(params)) as R | undefined),
      all: <R>(text: string, ...params: E2eParam[]) => Promise.resolve(db.prepare(text).all(...encode(params)) as R[]),
      run: (text: string, ...params: E2eParam[]) => Promise.resolve(db.prepare(text).run(...encode(params)).changes),
    });
  } finally {
    db.close();
  }
}
