import "server-only";
import { createHash, randomBytes } from "node:crypto";
import type { Database, Statement } from "better-sqlite3";
import pg, { type Pool, type PoolClient } from "pg";
import type { DbTx } from "./db";

/**
 * Plain SQL for the practice hot path (decision 0009).
 *
 * Prisma's client compiles every model query in WebAssembly before it runs:
 * about 0.65 ms of CPU per statement on these machines, against 0.006 ms for
 * the same prepared statement on the SQLite driver. An answer with its next
 * question took some forty statements, so the compiler, not SQLite, was the
 * cost of practice. The statements practice runs on every question are
 * written here once, as SQL both SQLite and PostgreSQL accept, against this
 * small interface:
 *
 * - `directRead` / `directTransaction` run them on the process's own SQLite
 *   connection (the one Prisma uses), as cached prepared statements, holding
 *   the connection lock of db.ts so they never interleave with a Prisma
 *   transaction. A body may use only the `Sql` it is given: awaiting Prisma
 *   inside it would wait for the lock the body holds.
 *   On PostgreSQL they run on a connection of the pool Prisma uses (db.ts),
 *   with `?` rewritten to `$1, $2, ...`; every transaction has its own
 *   connection, so nothing needs the lock. Reads run as one REPEATABLE READ
 *   snapshot; writes run READ COMMITTED, so a counter several students
 *   update at once must be locked or updated in place (scheduling.ts).
 * - `prismaSql(tx)` runs the same statements through Prisma's raw queries,
 *   inside a Prisma transaction a caller already holds (a mock exam's submit
 *   writes its answers with the same code as practice).
 *
 * Values: parameters may be strings, numbers, booleans, dates or null; dates
 * are stored as Prisma stores them on SQLite (ISO 8601 with "+00:00"), so
 * rows written here and by Prisma read the same. Read values through
 * `sqlDate`, `sqlBool` and `sqlNumber`, which accept what either backend returns.
 */

export type SqlParam = string | number | boolean | Date | null;
export type SqlRow = Record<string, unknown>;

export interface Sql {
  /** The first row, or undefined. */
  one<T extends SqlRow>(text: string, ...params: SqlParam[]): Promise<T | undefined>;
  all<T extends SqlRow>(text: string, ...params: SqlParam[]): Promise<T[]>;
  /** Runs a write; resolves with the number of rows it changed. */
  run(text: string, ...params: SqlParam[]): Promise<number>;
}

/** A fresh primary key for a row written here (Prisma's cuid() is only a default of its own client). */
export function newRowId(): string {
  return randomBytes(16).toString("base64url");
}

/** How Prisma writes a DateTime on SQLite; ordering by the text orders by time. */
export function sqliteDate(date: Date): string {
  return date.toISOString().replace("Z", "+00:00");
}

function encode(value: SqlParam): string | number | null {
  if (value instanceof Date) return sqliteDate(value);
  if (typeof value === "boolean") return value ? 1 : 0;
  return value;
}

export function sqlDate(value: unknown): Date | null {
  if (value === null || value === undefined) return null;
  if (!(value instanceof Date) && typeof value !== "string" && typeof value !== "number" && typeof value !== "bigint") {
    throw new Error(`unreadable date of type ${typeof value}`);
  }
  const date = value instanceof Date ? value : new Date(typeof value === "bigint" ? Number(value) : value);
  if (Number.isNaN(date.getTime())) throw new Error(`unreadable date ${String(value)}`);
  return date;
}

export function sqlBool(value: unknown): boolean {
  return value === true || value === 1 || value === 1n || value === "1" || value === "true";
}

export function sqlNumber(value: unknown): number {
  if (typeof value === "number") return value;
  if (typeof value === "bigint") return Number(value);
  // PostgreSQL's numeric through Prisma comes back as a Decimal.
  if (typeof value === "object" && value !== null && typeof (value as { toNumber?: unknown }).toNumber === "function") {
    return (value as { toNumber: () => number }).toNumber();
  }
  if (typeof value === "string" && value.trim() !== "") return Number(value);
  throw new Error(`unreadable number ${String(value)}`);
}

export function sqlNumberOrNull(value: unknown): number | null {
  return value === null || value === undefined ? null : sqlNumber(value);
}

/** A unique or primary-key constraint refused the write (either backend). */
export function isUniqueViolation(error: unknown): boolean {
  if (typeof error !== "object" || error === null) return false;
  const code = (error as { code?: unknown }).code;
  // 23505 is PostgreSQL's unique_violation.
  if (code === "SQLITE_CONSTRAINT_UNIQUE" || code === "SQLITE_CONSTRAINT_PRIMARYKEY" || code === "P2002" || code === "23505") return true;
  // A raw query through Prisma reports the driver's refusal in its message.
  return code === "P2010" && /unique/i.test(String((error as { message?: unknown }).message));
}

// ------------------------------------------------------------------ SQLite, direct

/** The process's SQLite connection and the lock db.ts serialises it with. */
export type DirectConnection = {
  database: Database;
  /** Resolves with a release function once the connection is this caller's alone. */
  acquire: () => Promise<() => void>;
};

// Kept on globalThis beside db.ts's client, so a development hot reload of this module finds them.
const held = globalThis as unknown as {
  directSql?: { connection: DirectConnection | null; connect: (() => Promise<unknown>) | null; pool: Pool | null };
};
held.directSql ??= { connection: null, connect: null, pool: null };
const state = held.directSql;
const statements = new WeakMap<Database, Map<string, Statement>>();

/** Called by db.ts when Prisma opens its SQLite connection. */
export function registerDirectConnection(connection: DirectConnection): void {
  state.connection = connection;
}

/** Called by db.ts with a way to open the connection on first use. */
export function registerConnector(connect: () => Promise<unknown>): void {
  state.connect = connect;
}

/** Called by db.ts when the database is PostgreSQL: the pool Prisma's adapter uses. */
export function registerPostgresPool(pool: Pool): void {
  state.pool = pool;
}

type Backend = { provider: "sqlite"; connection: DirectConnection } | { provider: "postgresql"; pool: Pool };

async function backend(): Promise<Backend> {
  // The client registers its pool, or how to connect, when it is created.
  if (state.pool === null && state.connect === null) (await import("./db")).getDb();
  if (state.pool !== null) return { provider: "postgresql", pool: state.pool };
  return { provider: "sqlite", connection: await connection() };
}

async function connection(): Promise<DirectConnection> {
  if (state.connection === null) {
    if (state.connect === null) (await import("./db")).getDb();
    if (state.connect === null) throw new Error("the database client did not register with direct-sql");
    await state.connect();
  }
  if (state.connection === null) throw new Error("the database connection did not register with direct-sql");
  return state.connection;
}

function prepared(database: Database, text: string): Statement {
  let cache = statements.get(database);
  if (!cache) {
    cache = new Map();
    statements.set(database, cache);
  }
  let statement = cache.get(text);
  if (!statement) {
    statement = database.prepare(text);
    // Counts and sizes here fit in a double; the driver's BigInts are Prisma's choice.
    if (statement.reader) statement.safeIntegers(false);
    cache.set(text, statement);
  }
  return statement;
}

function sqliteSql(database: Database): Sql {
  return {
    one: <T extends SqlRow>(text: string, ...params: SqlParam[]) =>
      Promise.resolve(prepared(database, text).get(...params.map(encode)) as T | undefined),
    all: <T extends SqlRow>(text: string, ...params: SqlParam[]) => Promise.resolve(prepared(database, text).all(...params.map(encode)) as T[]),
    run: (text: string, ...params: SqlParam[]) => Promise.resolve(prepared(database, text).run(...params.map(encode)).changes),
  };
}

/**
 * Reads on the process's connection, as one snapshot: no other statement of
 * this process runs in between, and a write by another process either
 * happened before or waits.
 */
export async function directRead<T>(body: (sql: Sql) => Promise<T>): Promise<T> {
  const chosen = await backend();
  if (chosen.provider === "postgresql") return postgresTransaction(chosen.pool, "BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY", body, true);
  const { database, acquire } = chosen.connection;
  const release = await acquire();
  try {
    prepared(database, "BEGIN").run();
    try {
      return await body(sqliteSql(database));
    } finally {
      prepared(database, "COMMIT").run();
    }
  } finally {
    release();
  }
}

/**
 * A write transaction on the process's connection: BEGIN IMMEDIATE (so
 * another process's writer waits for it, not the reverse), the body, COMMIT;
 * ROLLBACK if the body throws, and the error is rethrown.
 *
 * `durable: false` commits without waiting for the disk (SQLite's
 * synchronous = NORMAL for this one commit, in WAL mode): the transaction
 * survives the process being killed, and becomes durable against a power cut
 * with the next durable commit. For writes nothing is acknowledged on, such
 * as issuing a question (a lost one is simply issued again); an answer's
 * transaction is always durable.
 */
export async function directTransaction<T>(body: (sql: Sql) => Promise<T>, options: { durable?: boolean } = {}): Promise<T> {
  const durable = options.durable ?? true;
  const chosen = await backend();
  if (chosen.provider === "postgresql") return postgresTransaction(chosen.pool, "BEGIN", body, durable);
  const { database, acquire } = chosen.connection;
  const release = await acquire();
  try {
    if (!durable) prepared(database, "PRAGMA synchronous = NORMAL").run();
    prepared(database, "BEGIN IMMEDIATE").run();
    let result: T;
    try {
      result = await body(sqliteSql(database));
    } catch (error) {
      if (database.inTransaction) prepared(database, "ROLLBACK").run();
      throw error;
    }
    prepared(database, "COMMIT").run();
    return result;
  } finally {
    if (!durable) prepared(database, "PRAGMA synchronous = FULL").run();
    release();
  }
}

// ------------------------------------------------------------------ PostgreSQL, direct

const TIMESTAMP_OID = 1114;
const INT8_OID = 20;

/** Prisma stores DateTime as `timestamp(3)` in UTC; pg would read it in the process's time zone. */
function utcTimestamp(value: string): Date {
  return new Date(`${value.replace(" ", "T")}Z`);
}

const postgresTypes = {
  getTypeParser: ((oid: number, format?: "text" | "binary") => {
    if (oid === TIMESTAMP_OID) return utcTimestamp;
    // count(*) and sums of integers: sizes here fit in a double, as on SQLite.
    if (oid === INT8_OID) return Number;
    return pg.types.getTypeParser(oid, format);
  }) as typeof pg.types.getTypeParser,
};

/**
 * Each statement's PostgreSQL text and prepared-statement name, by its
 * portable text. The name is a digest of the text, not a counter: a Next.js
 * build holds a copy of this module per layer (pages, route handlers), all
 * sharing the process's pool, and a counter per copy once gave two different
 * statements one name on one connection.
 */
const postgresStatements = new Map<string, { text: string; name: string }>();

/** `?` placeholders as `$1, $2, ...`, outside quoted strings and identifiers. */
export function numberedPlaceholders(text: string): string {
  let out = "";
  let n = 0;
  let quote: string | null = null;
  for (const ch of text) {
    if (quote !== null) {
      if (ch === quote) quote = null;
      out += ch;
    } else if (ch === "'" || ch === '"') {
      quote = ch;
      out += ch;
    } else if (ch === "?") {
      n += 1;
      out += `$${n}`;
    } else {
      out += ch;
    }
  }
  return out;
}

function postgresStatement(text: string): { text: string; name: string } {
  let statement = postgresStatements.get(text);
  if (!statement) {
    statement = { text: numberedPlaceholders(text), name: `direct_${createHash("sha256").update(text).digest("hex").slice(0, 32)}` };
    postgresStatements.set(text, statement);
  }
  return statement;
}

function postgresParam(value: SqlParam): string | number | boolean | null {
  // ISO 8601 in UTC; a timestamp column ignores the zone, and Prisma stores UTC.
  if (value instanceof Date) return value.toISOString();
  return value;
}

function postgresSql(client: PoolClient): Sql {
  const query = async (text: string, params: SqlParam[]) => {
    const statement = postgresStatement(text);
    // Named: each connection parses and plans a statement once.
    return client.query({ name: statement.name, text: statement.text, values: params.map(postgresParam), types: postgresTypes });
  };
  return {
    one: async <T extends SqlRow>(text: string, ...params: SqlParam[]) => (await query(text, params)).rows[0] as T | undefined,
    all: async <T extends SqlRow>(text: string, ...params: SqlParam[]) => (await query(text, params)).rows as T[],
    run: async (text: string, ...params: SqlParam[]) => (await query(text, params)).rowCount ?? 0,
  };
}

async function postgresTransaction<T>(pool: Pool, begin: string, body: (sql: Sql) => Promise<T>, durable: boolean): Promise<T> {
  const client = await pool.connect();
  let broken: Error | undefined;
  try {
    await client.query(begin);
    // Committed without waiting for the WAL flush: survives a server crash, not a power cut (as on SQLite).
    if (!durable) await client.query("SET LOCAL synchronous_commit = off");
    let result: T;
    try {
      result = await body(postgresSql(client));
    } catch (error) {
      await client.query("ROLLBACK").catch((rollbackError: Error) => {
        broken = rollbackError;
      });
      throw error;
    }
    await client.query("COMMIT");
    return result;
  } catch (error) {
    broken ??= error instanceof Error && isConnectionError(error) ? error : undefined;
    throw error;
  } finally {
    // A connection that failed is closed rather than handed to the next request.
    client.release(broken);
  }
}

function isConnectionError(error: Error): boolean {
  const code = (error as { code?: unknown }).code;
  return typeof code !== "string" || code.startsWith("08") || code.startsWith("57P");
}

// ------------------------------------------------------------------ through Prisma

/** The same statements inside a Prisma transaction the caller holds. */
export function prismaSql(tx: DbTx): Sql {
  // The caller's client came from db.ts, which registered the pool if the database is PostgreSQL.
  const sqlText = state.pool === null ? (text: string) => text : (text: string) => postgresStatement(text).text;
  return {
    async one<T extends SqlRow>(text: string, ...params: SqlParam[]) {
      const rows = await tx.$queryRawUnsafe<T[]>(sqlText(text), ...params);
      return rows[0];
    },
    all: <T extends SqlRow>(text: string, ...params: SqlParam[]) => tx.$queryRawUnsafe<T[]>(sqlText(text), ...params),
    run: (text: string, ...params: SqlParam[]) => tx.$executeRawUnsafe(sqlText(text), ...params),
  };
}
