import { randomUUID } from "node:crypto";
import { PrismaPg } from "@prisma/adapter-pg";
import pg, { type Pool, type PoolConfig } from "pg";

/**
 * The PostgreSQL adapter the Prisma CLI (prisma.config.ts) migrates with:
 * @prisma/adapter-pg 6.19.3 with four fixes its schema engine needs here.
 *
 * 1. The engine reads catalog columns of types `name` and `"char"`, which the adapter
 *    cannot decode ("Column type 'name' could not be deserialized"): their
 *    values are plain strings, so results report them as text.
 * 2. The adapter runs a migration script by splitting it on ";", which cuts
 *    PL/pgSQL bodies apart (migration 0002's trigger function): a script is
 *    sent whole, as PostgreSQL's simple protocol accepts several statements.
 * 3. The shadow database (migrate dev, diff --from-migrations) is created
 *    with the connection's fields, not its URL (the URL's database would win
 *    over the shadow's name), and dropped after its connections are closed.
 *    The role needs CREATEDB.
 * 4. An idle pool keeps the CLI alive for its idle timeout after it is done.
 */

// Catalog types the adapter cannot decode; pg returns both as plain strings.
const CATALOG_STRING_OIDS = new Set([18 /* "char" */, 19 /* name */]);
const TEXT_OID = 25;

type Fields = { fields?: Array<{ dataTypeID: number }> };

function nameAsText<T>(result: T): T {
  for (const field of (result as Fields).fields ?? []) {
    if (CATALOG_STRING_OIDS.has(field.dataTypeID)) field.dataTypeID = TEXT_OID;
  }
  return result;
}

type Queryable = { query: (...args: unknown[]) => unknown };

function patchQuery(target: Queryable): void {
  const original = target.query.bind(target);
  target.query = (...args: unknown[]) => {
    const last = args.at(-1);
    if (typeof last === "function") {
      // The pool's own query() passes a callback.
      const callback = last as (error: unknown, result: unknown) => void;
      args[args.length - 1] = (error: unknown, result: unknown) => callback(error, error ? result : nameAsText(result));
      return original(...args);
    }
    const result = original(...args);
    return result instanceof Promise ? result.then(nameAsText) : result;
  };
}

class CliPool extends pg.Pool {
  constructor(config: PoolConfig) {
    super({ ...config, allowExitOnIdle: true });
    // Every query, the pool's own included, runs on a client it opened.
    this.on("connect", (client) => patchQuery(client as unknown as Queryable));
  }
}

function connectionFields(url: string): PoolConfig {
  const parsed = new URL(url);
  return {
    host: decodeURIComponent(parsed.hostname),
    port: parsed.port ? Number(parsed.port) : 5432,
    user: parsed.username ? decodeURIComponent(parsed.username) : undefined,
    password: parsed.password ? decodeURIComponent(parsed.password) : undefined,
    database: decodeURIComponent(parsed.pathname.replace(/^\//, "")),
  };
}

type Adapter = Awaited<ReturnType<PrismaPg["connect"]>>;

function wholeScripts(adapter: Adapter, pool: Pool): Adapter {
  adapter.executeScript = async (script: string) => {
    await pool.query(script);
  };
  return adapter;
}

class CliPrismaPg extends PrismaPg {
  readonly #fields: PoolConfig;
  readonly #pool: CliPool;

  constructor(url: string) {
    const fields = connectionFields(url);
    const pool = new CliPool(fields);
    super(pool, { disposeExternalPool: true });
    this.#fields = fields;
    this.#pool = pool;
  }

  override async connect() {
    return wholeScripts(await super.connect(), this.#pool);
  }

  override async connectToShadowDb() {
    const database = `prisma_shadow_${randomUUID().replaceAll("-", "")}`;
    await this.#pool.query(`CREATE DATABASE "${database}"`);
    const shadowPool = new CliPool({ ...this.#fields, database });
    const shadow = await new PrismaPg(shadowPool, { disposeExternalPool: true }).connect();
    const dispose = shadow.dispose.bind(shadow);
    shadow.dispose = async () => {
      await dispose();
      await this.#pool.query(`DROP DATABASE IF EXISTS "${database}" WITH (FORCE)`);
    };
    return wholeScripts(shadow, shadowPool);
  }
}

export function postgresCliAdapter(url: string): PrismaPg {
  return new CliPrismaPg(url);
}
