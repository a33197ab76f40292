import "server-only";
import { PrismaBetterSQLite3 } from "@prisma/adapter-better-sqlite3";
import { PrismaPg } from "@prisma/adapter-pg";
import type { Database } from "better-sqlite3";
import pg from "pg";
import { PrismaClient } from "../generated/prisma/client";
import { PrismaClient as PostgresPrismaClient } from "../generated/prisma-pg/client";
import type { DatabaseProvider } from "./database-url";
import { registerConnector, registerDirectConnection, registerPostgresPool } from "./direct-sql";
import { getDatabaseTarget } from "./env";
import { startWalCheckpointer } from "./wal-checkpointer";

/**
 * The one Prisma client of the server process (kept across hot reloads in development).
 *
 * better-sqlite3 gives the process a single connection. Prisma's adapter locks
 * only transactions against each other, so a plain query from another request
 * that arrived while an interactive transaction was open ran inside it: it read
 * uncommitted rows and was rolled back with it, after being acknowledged.
 * Here every statement outside a transaction waits until the open transaction
 * has committed or rolled back (docs/decisions/0003-security-review.md).
 *
 * DATABASE_URL decides the database (lib/server/database-url.ts): `file:` is
 * SQLite through better-sqlite3, `postgresql://` is PostgreSQL through
 * @prisma/adapter-pg and a pg pool, whose connections give each transaction
 * its own session (no lock needed). The PostgreSQL client is generated from
 * prisma/postgresql/schema.prisma, which is derived from the same data model,
 * so services keep the SQLite client's types.
 */

type SqliteFactory = PrismaBetterSQLite3;
type Connection = Awaited<ReturnType<SqliteFactory["connect"]>>;
type Transaction = Awaited<ReturnType<Connection["startTransaction"]>>;

/** A FIFO lock: one holder at a time, waiters served in arrival order. */
class ConnectionLock {
  #tail: Promise<void> = Promise.resolve();

  /** Resolves with a release function once every earlier holder has released. */
  acquire(): Promise<() => void> {
    let release!: () => void;
    const released = new Promise<void>((resolve) => {
      release = resolve;
    });
    const ready = this.#tail.then(() => {
      let done = false;
      return () => {
        if (done) return;
        done = true;
        release();
      };
    });
    this.#tail = this.#tail.then(() => released);
    return ready;
  }

  async run<T>(body: () => Promise<T>): Promise<T> {
    const release = await this.acquire();
    try {
      return await body();
    } finally {
      release();
    }
  }
}

/** A transaction that gives the connection back when it commits or rolls back. */
function releasingTransaction(tx: Transaction, release: () => void): Transaction {
  return {
    provider: tx.provider,
    adapterName: tx.adapterName,
    options: tx.options,
    queryRaw: (query) => tx.queryRaw(query),
    executeRaw: (query) => tx.executeRaw(query),
    commit: () => tx.commit().finally(release),
    rollback: () => tx.rollback().finally(release),
  };
}

/** The connection, with transactions holding it exclusively from BEGIN to COMMIT/ROLLBACK. */
function exclusiveTransactions(connection: Connection, lock: ConnectionLock): Connection {
  return {
    provider: connection.provider,
    adapterName: connection.adapterName,
    queryRaw: (query) => lock.run(() => connection.queryRaw(query)),
    executeRaw: (query) => lock.run(() => connection.executeRaw(query)),
    executeScript: (script) => lock.run(() => connection.executeScript(script)),
    async startTransaction(isolationLevel) {
      const release = await lock.acquire();
      try {
        return releasingTransaction(await connection.startTransaction(isolationLevel), release);
      } catch (error) {
        release();
        throw error;
      }
    },
    ...(connection.getConnectionInfo ? { getConnectionInfo: () => connection.getConnectionInfo!() } : {}),
    dispose: () => lock.run(() => connection.dispose()),
  };
}

function sqliteAdapter(url: string) {
  const factory = new PrismaBetterSQLite3({ url });
  return {
    provider: "sqlite" as const,
    adapterName: factory.adapterName,
    async connect(): Promise<Connection> {
      const raw = await factory.connect();
      const lock = new ConnectionLock();
      const connection = exclusiveTransactions(raw, lock);
      // WAL lets the seed or a backup read while the server writes; other
      // processes wait up to 5 s for a write lock instead of failing at once.
      // Every commit waits for the disk (synchronous = FULL): an acknowledged answer survives a power cut.
      await connection.executeScript("PRAGMA journal_mode = WAL; PRAGMA synchronous = FULL; PRAGMA busy_timeout = 5000; PRAGMA foreign_keys = ON;");
      // The practice hot path's plain statements share this connection and its lock (direct-sql.ts).
      const database = (raw as unknown as { client?: Database }).client;
      if (!database) throw new Error("the SQLite adapter no longer exposes its connection (lib/server/direct-sql.ts needs it)");
      registerDirectConnection({ database, acquire: () => lock.acquire() });
      // Checkpoints run on a worker thread, not inside this connection's commits (wal-checkpointer.ts).
      const file = url.replace(/^file:/, "");
      const stopCheckpointer = file === ":memory:" || file === "" ? null : startWalCheckpointer(file, database);
      return {
        ...connection,
        dispose: async () => {
          await stopCheckpointer?.();
          await connection.dispose();
        },
      };
    },
  };
}

/** Connections per process; PostgreSQL's default limit (100) leaves room for several app servers. */
const POSTGRES_POOL_SIZE = 10;

function createPostgresClient(url: string): PrismaClient {
  const pool = new pg.Pool({ connectionString: url, max: POSTGRES_POOL_SIZE });
  // An idle connection the server drops (a restart, a network blip) must not crash the process.
  pool.on("error", (error) => console.error(`PostgreSQL connection error: ${error.message}`));
  // The practice hot path's plain statements use the same pool (direct-sql.ts).
  registerPostgresPool(pool);
  const client = new PostgresPrismaClient({ adapter: new PrismaPg(pool, { disposeExternalPool: true }) });
  // The two generated clients differ only in their provider's query compiler.
  return client as unknown as PrismaClient;
}

const globalForPrisma = globalThis as unknown as { prisma?: PrismaClient };

function createPrismaClient(): PrismaClient {
  const target = getDatabaseTarget();
  if (target.provider === "postgresql") return createPostgresClient(target.url);
  const client = new PrismaClient({ adapter: sqliteAdapter(target.url) });
  registerConnector(() => client.$connect());
  return client;
}

/** Which database this process runs on, for the few queries whose Prisma form differs between them. */
export function databaseProvider(): DatabaseProvider {
  return getDatabaseTarget().provider;
}

export function getDb(): PrismaClient {
  globalForPrisma.prisma ??= createPrismaClient();
  return globalForPrisma.prisma;
}

export type Db = PrismaClient;
/** A client or an interactive-transaction client: services accept either. */
export type DbTx = Parameters<Parameters<PrismaClient["$transaction"]>[0]>[0];
