import { createHash, randomUUID } from "node:crypto";
import { readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import pg, { type Client } from "pg";

/**
 * Throw-away PostgreSQL databases for the integration tests, when
 * TEST_DATABASE_URL names a PostgreSQL server (scripts/pg-test-cluster.sh
 * starts one). A template database is migrated once per set of migrations;
 * each test file gets a copy of it (CREATE DATABASE ... TEMPLATE, much faster
 * than migrating) and drops it at the end.
 */

const root = path.resolve(import.meta.dirname, "../..");
const migrationsDir = path.join(root, "prisma/postgresql/migrations");

export function testPostgresUrl(): string | null {
  const url = process.env.TEST_DATABASE_URL;
  return url && /^postgres(ql)?:\/\//i.test(url) ? url : null;
}

/** The server URL with another database name. */
export function withDatabase(url: string, database: string): string {
  const parsed = new URL(url);
  parsed.pathname = `/${database}`;
  return parsed.toString();
}

async function admin<T>(url: string, body: (client: Client) => Promise<T>): Promise<T> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    return await body(client);
  } finally {
    await client.end();
  }
}

function migrationScripts(): string[] {
  return readdirSync(migrationsDir)
    .filter((name) => /^\d+_/.test(name))
    .sort()
    .map((name) => readFileSync(path.join(migrationsDir, name, "migration.sql"), "utf8"));
}

/** The migrated template's name: it changes when a migration does. */
export function templateName(): string {
  const hash = createHash("sha256");
  for (const script of migrationScripts()) hash.update(script);
  return `exam_prep_template_${hash.digest("hex").slice(0, 12)}`;
}

/** Creates the migrated template if it does not exist yet (vitest's globalSetup). */
export async function ensureTemplate(url: string): Promise<string> {
  const template = templateName();
  const exists = await admin(url, async (client) => {
    const found = await client.query({ text: "SELECT 1 FROM pg_database WHERE datname = $1", values: [template] });
    return found.rows.length > 0;
  });
  if (exists) return template;
  const building = `${template}_building_${randomUUID().slice(0, 8)}`;
  await admin(url, (client) => client.query(`CREATE DATABASE "${building}"`));
  await admin(withDatabase(url, building), async (client) => {
    for (const script of migrationScripts()) await client.query(script);
  });
  // Renamed only when complete, so a failed build never becomes the template.
  await admin(url, async (client) => {
    await client.query(`ALTER DATABASE "${building}" RENAME TO "${template}"`);
    await client.query(`ALTER DATABASE "${template}" WITH IS_TEMPLATE true`);
  });
  return template;
}

/** A fresh database copied from the template; returns its URL and how to drop it. */
export async function createTestDatabase(url: string, label: string): Promise<{ url: string; drop: () => Promise<void> }> {
  const template = await ensureTemplate(url);
  const name = `exam_prep_test_${label.replace(/[^a-z0-9]/gi, "").slice(0, 12)}_${randomUUID().replaceAll("-", "").slice(0, 12)}`.toLowerCase();
  await admin(url, (client) => client.query(`CREATE DATABASE "${name}" TEMPLATE "${template}"`));
  return {
    url: withDatabase(url, name),
    drop: () => admin(url, (client) => client.query(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`)).then(() => undefined),
  };
}

/** Empties every table of a test database (the migrations table and nothing else kept). */
export async function truncateAll(client: Client): Promise<void> {
  const tables = await client.query<{ name: string }>(
    "SELECT tablename::text AS name FROM pg_tables WHERE schemaname = 'public' AND tablename NOT LIKE '\\_prisma%'",
  );
  if (tables.rows.length === 0) return;
  await client.query(`TRUNCATE ${tables.rows.map((t) => `"${t.name}"`).join(", ")} CASCADE`);
}

/** Whether this integration run is on PostgreSQL (tests of SQLite internals skip). */
export const onPostgres = testPostgresUrl() !== null;
