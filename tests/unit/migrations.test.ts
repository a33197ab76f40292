import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { compareMigrations, isMissingMigrationTable, knownMigrations, toMigrationRecords } from "@/lib/server/migrations";

const done = (name: string) => ({ name, finished: true, rolledBack: false });

describe("compareMigrations", () => {
  const known = ["0001_init", "0002_more", "0003_latest"];

  it("nothing pending when every shipped migration is applied", () => {
    expect(compareMigrations(known, known.map(done))).toEqual({ applied: known, pending: [], failed: [], unknown: [] });
  });

  it("lists the shipped migrations a database lacks, in order", () => {
    expect(compareMigrations(known, [done("0001_init")]).pending).toEqual(["0002_more", "0003_latest"]);
    expect(compareMigrations(known, []).pending).toEqual(known);
  });

  it("a started, unfinished migration is failed, not pending; rolled back and re-applied is applied", () => {
    const state = compareMigrations(known, [done("0001_init"), { name: "0002_more", finished: false, rolledBack: false }]);
    expect(state.failed).toEqual(["0002_more"]);
    expect(state.pending).toEqual(["0003_latest"]);
    const retried = compareMigrations(known, [...known.map(done), { name: "0002_more", finished: false, rolledBack: true }]);
    expect(retried).toEqual({ applied: known, pending: [], failed: [], unknown: [] });
  });

  it("names applied migrations this code does not ship (a newer database)", () => {
    expect(compareMigrations(known, [...known.map(done), done("0004_future")]).unknown).toEqual(["0004_future"]);
  });
});

describe("reading the record", () => {
  it("reads Prisma's columns; null timestamps are unfinished / not rolled back", () => {
    expect(toMigrationRecords([{ migration_name: "0001_init", finished_at: "2026-01-01T00:00:00Z", rolled_back_at: null }])).toEqual([done("0001_init")]);
    expect(toMigrationRecords([{ migration_name: "0002_more", finished_at: null, rolled_back_at: new Date() }])).toEqual([
      { name: "0002_more", finished: false, rolledBack: true },
    ]);
  });

  it("recognises a missing record table on SQLite and PostgreSQL, and nothing else", () => {
    expect(isMissingMigrationTable(new Error("Raw query failed. Code: `SQLITE_ERROR`. Message: `no such table: _prisma_migrations`"))).toBe(true);
    expect(isMissingMigrationTable(new Error('Raw query failed. Code: `42P01`. Message: `relation "_prisma_migrations" does not exist`'))).toBe(true);
    expect(isMissingMigrationTable(new Error('database "exam_prep" does not exist'))).toBe(false);
    expect(isMissingMigrationTable(new Error("no such table: User"))).toBe(false);
  });
});

describe("knownMigrations", () => {
  const root = mkdtempSync(path.join(tmpdir(), "known-migrations-"));
  afterAll(() => rmSync(root, { recursive: true, force: true }));

  it("lists migration folders (with a migration.sql) of the database kind, sorted; the lock file and stray folders are not migrations", () => {
    for (const [folder, names] of [
      ["prisma/migrations", ["0002_b", "0001_a", "0010_c"]],
      ["prisma/postgresql/migrations", ["0001_baseline"]],
    ] as const) {
      for (const name of names) {
        mkdirSync(path.join(root, folder, name), { recursive: true });
        writeFileSync(path.join(root, folder, name, "migration.sql"), "SELECT 1;");
      }
      writeFileSync(path.join(root, folder, "migration_lock.toml"), 'provider = "sqlite"');
    }
    mkdirSync(path.join(root, "prisma/migrations/notes"));
    expect(knownMigrations("sqlite", root)).toEqual(["0001_a", "0002_b", "0010_c"]);
    expect(knownMigrations("postgresql", root)).toEqual(["0001_baseline"]);
  });

  it("the project's own folders are what the start-up check compares against", () => {
    expect(knownMigrations("sqlite")).toContain("0001_init");
    expect(knownMigrations("postgresql")).toContain("0001_baseline");
  });
});
