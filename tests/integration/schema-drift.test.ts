import { spawnSync } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { testPostgresUrl } from "./postgres-databases";

/**
 * Each migrations folder, replayed on an empty (shadow) database, must leave
 * exactly what its schema describes: models, columns, indexes, constraints.
 * prisma/postgresql/schema.prisma is derived from prisma/schema.prisma
 * (tests/unit/postgres-schema.test.ts), so the two databases cannot drift
 * apart without one of these failing.
 */
const root = path.resolve(import.meta.dirname, "../..");
const scratch = mkdtempSync(path.join(tmpdir(), "schema-drift-"));
afterAll(() => rmSync(scratch, { recursive: true, force: true }));

/** `prisma migrate diff --exit-code`: 0 when nothing differs, 2 when something does. */
function migrateDiff(databaseUrl: string, migrations: string, schema: string): { status: number | null; output: string } {
  const run = spawnSync(
    path.join(root, "node_modules/.bin/prisma"),
    ["migrate", "diff", "--from-migrations", migrations, "--to-schema-datamodel", schema, "--exit-code"],
    { cwd: root, env: { ...process.env, DATABASE_URL: databaseUrl }, encoding: "utf8", timeout: 120_000 },
  );
  return { status: run.status, output: `${run.stdout}\n${run.stderr}` };
}

const sqliteUrl = `file:${path.join(scratch, "cli.db")}`;

describe("migrations against their schema", () => {
  it("SQLite: prisma/migrations builds exactly prisma/schema.prisma", () => {
    const result = migrateDiff(sqliteUrl, "prisma/migrations", "prisma/schema.prisma");
    expect(result.output).toContain("No difference detected");
    expect(result.status).toBe(0);
  }, 120_000);

  it("SQLite: a schema with an index the migrations lack is reported", () => {
    const schema = path.join(scratch, "schema.prisma");
    const text = readFileSync(path.join(root, "prisma/schema.prisma"), "utf8").replace("model BankRevision {", "model BankRevision {\n  @@index([stamp])");
    writeFileSync(schema, text);
    const result = migrateDiff(sqliteUrl, "prisma/migrations", schema);
    expect(result.status, result.output).toBe(2);
  }, 120_000);

  const postgresUrl = testPostgresUrl();
  it.runIf(postgresUrl)("PostgreSQL: prisma/postgresql/migrations builds exactly prisma/postgresql/schema.prisma", () => {
    const result = migrateDiff(postgresUrl!, "prisma/postgresql/migrations", "prisma/postgresql/schema.prisma");
    expect(result.output).toContain("No difference detected");
    expect(result.status).toBe(0);
  }, 120_000);
});
