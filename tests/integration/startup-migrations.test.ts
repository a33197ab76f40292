import { afterAll, describe, expect, it } from "vitest";
import { getDb } from "@/lib/server/db";
import { migrationProblems, serverStartupProblems } from "@/lib/server/startup-check";
import { createScratchDatabase, recordMigrationSql, shippedMigrations, withRaw } from "./scratch-databases";

/**
 * A server started against a database with pending or failed migrations
 * stops at start-up with a message naming them (issue 17, "Bad input"). The
 * check reads Prisma's `_prisma_migrations`, which the per-file test database
 * lacks: this file runs the app's client on a database of its own, deployed
 * as `npm run db:deploy` leaves it.
 */

const scratch = await createScratchDatabase("startup");
process.env.DATABASE_URL = scratch.url;
const shipped = shippedMigrations(scratch.kind);
const last = shipped.at(-1)!;

afterAll(async () => {
  await getDb().$disconnect();
  await scratch.drop();
});

describe("start-up check of migrations", () => {
  it("finds nothing to say when every shipped migration is applied", async () => {
    expect(await migrationProblems()).toEqual([]);
    expect(await serverStartupProblems("production")).toEqual([]);
  });

  it("names a migration that is not applied, and says to run npm run db:deploy", async () => {
    await withRaw(scratch.url, (db) => db.exec(`DELETE FROM "_prisma_migrations" WHERE "migration_name" = '${last}'`));
    try {
      const problems = await migrationProblems();
      expect(problems).toHaveLength(1);
      expect(problems[0]).toContain(`has 1 migration(s) not applied yet: ${last}.`);
      expect(problems[0]).toContain("Run `npm run db:deploy`");
      // The server's whole check reports it, before the demo-account check that would read the tables.
      expect(await serverStartupProblems("production")).toEqual(problems);
    } finally {
      await withRaw(scratch.url, (db) => db.exec(recordMigrationSql(scratch.kind, last)));
    }
    expect(await migrationProblems()).toEqual([]);
  });

  it("names a migration that failed half-way (started, never finished) and how to get past it", async () => {
    await withRaw(scratch.url, (db) => db.exec(`UPDATE "_prisma_migrations" SET "finished_at" = NULL WHERE "migration_name" = '${last}'`));
    try {
      const [problem, ...others] = await migrationProblems();
      expect(others).toEqual([]);
      expect(problem).toContain(`Migration ${last} failed`);
      expect(problem).toContain(`npx prisma migrate resolve --rolled-back ${last}`);
      expect(problem).toContain("npm run db:deploy");
    } finally {
      await withRaw(scratch.url, (db) => db.exec(`UPDATE "_prisma_migrations" SET "finished_at" = "started_at" WHERE "migration_name" = '${last}'`));
    }
  });

  it("a migration rolled back and applied again counts as applied", async () => {
    await withRaw(scratch.url, async (db) => {
      await db.exec(recordMigrationSql(scratch.kind, last));
      await db.exec(`UPDATE "_prisma_migrations" SET "finished_at" = NULL, "rolled_back_at" = "started_at" WHERE "id" = (SELECT MIN("id") FROM "_prisma_migrations" WHERE "migration_name" = '${last}')`);
    });
    expect(await migrationProblems()).toEqual([]);
  });

  it("a database that was never deployed has every migration pending, named", async () => {
    await withRaw(scratch.url, (db) => db.exec(`ALTER TABLE "_prisma_migrations" RENAME TO "_prisma_migrations_kept"`));
    try {
      const [problem, ...others] = await migrationProblems();
      expect(others).toEqual([]);
      expect(problem).toContain("has none of this version's migrations applied (it was never deployed)");
      expect(problem).toContain(shipped.join(", "));
      expect(problem).toContain("Run `npm run db:deploy`");
    } finally {
      await withRaw(scratch.url, (db) => db.exec(`ALTER TABLE "_prisma_migrations_kept" RENAME TO "_prisma_migrations"`));
    }
  });
});
