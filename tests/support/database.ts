import Database from "better-sqlite3";
import pg from "pg";

/**
 * A test's own connection to an app database, SQLite or PostgreSQL, for the
 * checks a test makes straight in it (the e2e specs, the durability run).
 * Statements use `?` placeholders and quoted identifiers, valid on both.
 */
export type SqlParam = string | number | Date | null;

export type SqlDb = {
  one<T>(text: string, ...params: SqlParam[]): Promise<T | undefined>;
  all<T>(text: string, ...params: SqlParam[]): Promise<T[]>;
  run(text: string, ...params: SqlParam[]): Promise<number>;
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

/** Runs a body against the database a URL names (postgresql:// or file:), on a connection of its own. */
export async function withDatabase<T>(url: string, body: (db: SqlDb) => Promise<T>): Promise<T> {
  if (/^postgres(ql)?:\/\//i.test(url)) {
    const client = new pg.Client({ connectionString: url });
    await client.connect();
    const query = (text: string, params: SqlParam[]) =>
      client.query({ text: numbered(text), values: params.map((p) => (p instanceof Date ? p.toISOString() : p)), types });
    try {
      return await body({
        one: async <R>(text: string, ...params: SqlParam[]) => (await query(text, params)).rows[0] as R | undefined,
        all: async <R>(text: string, ...params: SqlParam[]) => (await query(text, params)).rows as R[],
        run: async (text: string, ...params: SqlParam[]) => (await query(text, params)).rowCount ?? 0,
      });
    } finally {
      await client.end();
    }
  }
  const db = new Database(url.replace(/^file:/, ""));
  // Prisma stores a DateTime on SQLite as ISO 8601 text with "+00:00".
  const encode = (params: SqlParam[]) => params.map((p) => (p instanceof Date ? p.toISOString().replace("Z", "+00:00") : p));
  try {
    return await body({
      one: <R>(text: string, ...params: SqlParam[]) => Promise.resolve(db.prepare(text).get(...encode(params)) as R | undefined),
      all: <R>(text: string, ...params: SqlParam[]) => Promise.resolve(db.prepare(text).all(...encode(params)) as R[]),
      run: (text: string, ...params: SqlParam[]) => Promise.resolve(db.prepare(text).run(...encode(params)).changes),
    });
  } finally {
    db.close();
  }
}
