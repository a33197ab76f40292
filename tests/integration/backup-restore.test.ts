import { randomBytes, randomUUID } from "node:crypto";
import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import Database from "better-sqlite3";
import { zipSync } from "fflate";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { encodeBackup } from "@/lib/server/backup-file";
import { getDb } from "@/lib/server/db";
import { runPostgresTool } from "@/lib/server/postgres-tools";
import { createAnswer } from "../factories/answers";
import { createQuestion } from "../factories/questions";
import { createUser } from "../factories/users";
import {
  createScratchDatabase,
  fileBytes,
  fingerprint,
  recordMigrationSql,
  runDbCli,
  shippedMigrations,
  withRaw,
  type Run,
  type ScratchDatabase,
} from "./scratch-databases";

/**
 * `npm run db:backup` and `npm run db:restore FILE` (issue 17), run as real
 * processes against a database of this file's own (deployed, with Prisma's
 * migration record; on PostgreSQL with TEST_DATABASE_URL). The app's client
 * lets go of the database before each restore, as the README asks of a
 * running server.
 */

const scratch = await createScratchDatabase("backup");
process.env.DATABASE_URL = scratch.url;
const extraDatabases: ScratchDatabase[] = [];
const work = mkdtempSync(path.join(tmpdir(), "backup-restore-"));
const kindName = scratch.kind === "sqlite" ? "SQLite" : "PostgreSQL";
const otherKind = scratch.kind === "sqlite" ? "postgresql" : "sqlite";

afterAll(async () => {
  await getDb().$disconnect();
  for (const database of [scratch, ...extraDatabases]) await database.drop();
  rmSync(work, { recursive: true, force: true });
});

function backupPath(name: string): string {
  return path.join(work, `${name}-${randomUUID().slice(0, 8)}.backup`);
}

async function backup(name: string, databaseUrl = scratch.url): Promise<string> {
  const file = backupPath(name);
  const result = await runDbCli("db-backup", ["--out", file], databaseUrl);
  expect(result.code, result.stderr).toBe(0);
  expect(result.stdout).toContain(`Backup written to ${file}: ${kindName}, ${String(shippedMigrations(scratch.kind).length)} migrations`);
  return file;
}

async function restore(file: string, databaseUrl = scratch.url): Promise<Run> {
  // A SQLite restore refuses while any connection has the file open.
  await getDb().$disconnect();
  return runDbCli("db-restore", [file], databaseUrl);
}

/** Users with answers and memory states, as practice leaves them. */
async function seedStudents(count: number) {
  const questions = [await createQuestion(), await createQuestion()];
  const students = [];
  for (let i = 0; i < count; i += 1) {
    const student = await createUser();
    for (const [index, question] of questions.entries()) {
      await createAnswer(student.id, question, { optionIndex: index });
      await createAnswer(student.id, question, { optionIndex: 1 });
      await getDb().memoryState.create({
        data: { userId: student.id, questionId: question.id, stability: 2.5 + i, difficulty: 5, due: new Date(Date.UTC(2026, 11, 10 + i)), reps: 2, lapses: index },
      });
    }
    students.push(student);
  }
  return { questions, students };
}

function expectOneParagraph(result: Run): void {
  expect(result.code).toBe(1);
  expect(result.stdout).toBe("");
  expect(result.stderr.trim().split("\n")).toHaveLength(1);
  expect(result.stderr).not.toMatch(/\n\s+at /);
}

describe("backup and restore round trip", () => {
  it("brings back exactly the rows of the backup: changed, deleted and added rows and an added table are undone", async () => {
    const { questions, students } = await seedStudents(3);
    const before = await fingerprint(scratch.url);
    expect(before.User?.rows).toBeGreaterThanOrEqual(3);
    expect(before.Answer?.rows).toBeGreaterThanOrEqual(12);
    expect(before.MemoryState?.rows).toBeGreaterThanOrEqual(6);

    const file = await backup("round-trip");

    const db = getDb();
    await db.user.delete({ where: { id: students[0]!.id } });
    await db.memoryState.updateMany({ where: { userId: students[1]!.id }, data: { reps: 99, stability: 0.1 } });
    await db.answer.deleteMany({ where: { userId: students[2]!.id, questionId: questions[0]!.id } });
    await createUser({ email: `after-backup-${randomUUID()}@example.com` });
    await withRaw(scratch.url, (raw) => raw.exec(`CREATE TABLE "LeftOver" ("id" INTEGER PRIMARY KEY)`));
    const changed = await fingerprint(scratch.url);
    expect(changed).not.toEqual(before);

    const restored = await restore(file);
    expect(restored.code, restored.stderr).toBe(0);
    expect(restored.stdout).toContain(`Restored ${file} (${kindName} backup of `);
    expect(restored.stdout).not.toContain("npm run db:deploy");
    expect(await fingerprint(scratch.url)).toEqual(before);

    // The app's client reconnects to the restored database.
    expect(await getDb().user.count()).toBe(before.User!.rows);
    expect(await getDb().memoryState.findMany({ where: { userId: students[1]!.id }, select: { reps: true } })).toEqual([{ reps: 2 }, { reps: 2 }]);
    if (scratch.file) {
      const beside = readdirSync(path.dirname(scratch.file)).filter((name) => name.includes(path.basename(scratch.file!)) && name.includes(".restore-"));
      expect(beside).toEqual([]);
    }
  }, 120_000);

  it("a backup taken while answers are being written is consistent: every answer in it has its memory-state update", async () => {
    const { questions, students } = await seedStudents(1);
    const student = students[0]!;
    const question = questions[0]!;
    const db = getDb();
    // The practice invariant under test: an answer and its memory-state update commit together.
    const answered = async () => db.answer.count({ where: { userId: student.id, questionId: question.id } });
    await db.memoryState.update({ where: { userId_questionId: { userId: student.id, questionId: question.id } }, data: { reps: await answered() } });
    const answersBefore = await answered();

    const file = backupPath("under-load");
    let finished = false;
    const running = runDbCli("db-backup", ["--out", file], scratch.url).finally(() => {
      finished = true;
    });
    let writes = 0;
    while (!finished) {
      await db.$transaction(async (tx) => {
        const option = question.versions[0]!.options[writes % 4]!;
        await tx.answer.create({
          data: {
            userId: student.id,
            questionId: question.id,
            questionVersionId: question.versions[0]!.id,
            optionId: option.id,
            correct: option.correct,
            responseMs: 1000,
            attemptToken: `load-${String(writes)}`,
            firstAttempt: false,
          },
        });
        await tx.memoryState.update({ where: { userId_questionId: { userId: student.id, questionId: question.id } }, data: { reps: { increment: 1 } } });
      });
      writes += 1;
      // Each write may settle in microtasks alone (SQLite answers synchronously): let the event loop see the backup's exit.
      await new Promise((resolve) => setImmediate(resolve));
    }
    const result = await running;
    expect(result.code, result.stderr).toBe(0);
    expect(writes).toBeGreaterThan(0);
    const answersAfter = await answered();

    // Restored elsewhere (a second database), the backup holds some prefix of the writes, each with its update.
    const copy = await createScratchDatabase("backup-copy");
    extraDatabases.push(copy);
    const restored = await restore(file, copy.url);
    expect(restored.code, restored.stderr).toBe(0);
    const [counts] = await withRaw(copy.url, (raw) =>
      raw.all(
        `SELECT (SELECT COUNT(*) FROM "Answer" WHERE "userId" = '${student.id}' AND "questionId" = '${question.id}') AS answers, ` +
          `(SELECT "reps" FROM "MemoryState" WHERE "userId" = '${student.id}' AND "questionId" = '${question.id}') AS reps`,
      ),
    );
    const answers = Number(counts!.answers);
    expect(answers).toBeGreaterThanOrEqual(answersBefore);
    expect(answers).toBeLessThanOrEqual(answersAfter);
    expect(Number(counts!.reps)).toBe(answers);
  }, 120_000);

  it("a backup older than the code is restored, and the command says npm run db:deploy must run next", async () => {
    const last = shippedMigrations(scratch.kind).at(-1)!;
    await withRaw(scratch.url, (raw) => raw.exec(`DELETE FROM "_prisma_migrations" WHERE "migration_name" = '${last}'`));
    const file = backupPath("older");
    const made = await runDbCli("db-backup", ["--out", file], scratch.url);
    expect(made.code, made.stderr).toBe(0);
    await withRaw(scratch.url, (raw) => raw.exec(recordMigrationSql(scratch.kind, last)));

    const restored = await restore(file);
    expect(restored.code, restored.stderr).toBe(0);
    expect(restored.stdout).toContain(`The backup is older than this version of the app: migrations ${last} are not applied to it. Run \`npm run db:deploy\` next`);
    const records = await withRaw(scratch.url, (raw) => raw.all(`SELECT "migration_name" FROM "_prisma_migrations" WHERE "migration_name" = '${last}'`));
    expect(records).toEqual([]);
    await withRaw(scratch.url, (raw) => raw.exec(recordMigrationSql(scratch.kind, last)));
  }, 120_000);
});

describe("restore refusals: a clear message, a non-zero exit, and the database unchanged", () => {
  let good: string;
  let newer: string;
  let state: () => Promise<unknown>;
  let before: unknown;

  beforeAll(async () => {
    await seedStudents(2);
    good = await backup("good");
    // A genuine backup of a newer version's database: one more migration applied than this code ships.
    await withRaw(scratch.url, (raw) => raw.exec(recordMigrationSql(scratch.kind, "9999_from_the_future")));
    newer = backupPath("newer");
    const made = await runDbCli("db-backup", ["--out", newer], scratch.url);
    expect(made.code, made.stderr).toBe(0);
    await withRaw(scratch.url, (raw) => raw.exec(`DELETE FROM "_prisma_migrations" WHERE "migration_name" = '9999_from_the_future'`));
    await getDb().user.create({ data: { email: `changed-since-${randomUUID()}@example.com`, name: "Changed since", passwordHash: "x" } });
    await getDb().$disconnect();
    // SQLite: the file byte for byte (and its companions); PostgreSQL: every table row for row.
    state = scratch.file ? async () => ({ bytes: fileBytes(scratch.file!), rows: await fingerprint(scratch.url) }) : () => fingerprint(scratch.url);
    before = await state();
  }, 120_000);

  async function refused(file: string, message: RegExp | string): Promise<void> {
    const result = await restore(file);
    expectOneParagraph(result);
    if (typeof message === "string") expect(result.stderr).toContain(message);
    else expect(result.stderr).toMatch(message);
    expect(result.stderr).toContain("Nothing was changed.");
    expect(await state(), `database changed after: ${result.stderr}`).toEqual(before);
  }

  function variant(name: string, bytes: Buffer | Uint8Array): string {
    const file = backupPath(name);
    writeFileSync(file, bytes);
    return file;
  }

  it("a truncated file, with the sizes", async () => {
    const whole = readFileSync(good);
    const file = variant("truncated", whole.subarray(0, whole.length - 4096));
    await refused(file, /is truncated: its header says the data is (\d+) bytes, but only (\d+) are there \(4096 missing/);
  }, 60_000);

  it("a flipped byte in the data", async () => {
    const bytes = Buffer.from(readFileSync(good));
    bytes[bytes.length - 100]! ^= 0x20;
    await refused(variant("flipped", bytes), /is corrupted: its data \(\d+ bytes, the length its header records\) has SHA-256 [0-9a-f]{64}, but the header records [0-9a-f]{64}/);
  }, 60_000);

  it("another app's files: a plain SQLite database, a ZIP archive, random bytes", async () => {
    const sqliteFile = path.join(work, `plain-${randomUUID()}.db`);
    const plain = new Database(sqliteFile);
    plain.exec("CREATE TABLE notes (body TEXT); INSERT INTO notes VALUES ('not a backup')");
    plain.close();
    await refused(sqliteFile, "is not a backup made by npm run db:backup: it is a plain SQLite database file");
    await refused(variant("archive.zip", zipSync({ "backup.sql": new TextEncoder().encode("CREATE TABLE x (y INT);") })), "is not a backup made by npm run db:backup: it is a ZIP archive");
    await refused(variant("random", randomBytes(10_000)), "is not a backup made by npm run db:backup");
  }, 90_000);

  it("a backup of the other kind of database", async () => {
    const file = variant("other-kind", encodeBackup({ kind: otherKind, createdAt: new Date().toISOString(), migrations: [] }, randomBytes(1000)));
    const other = otherKind === "sqlite" ? "SQLite" : "PostgreSQL";
    await refused(file, `is a backup of a ${other} database, but DATABASE_URL names a ${kindName} database`);
  }, 60_000);

  it("a backup with migrations this code does not know: upgrade first", async () => {
    await refused(newer, /was made by a newer version of the app: its database has migrations this version does not know \(9999_from_the_future\)\. Upgrade the app/);
  }, 60_000);

  it("a sound file whose data is not a database of this kind", async () => {
    const file = variant("not-a-database", encodeBackup({ kind: scratch.kind, createdAt: new Date().toISOString(), migrations: shippedMigrations(scratch.kind) }, randomBytes(8192)));
    await refused(file, scratch.kind === "sqlite" ? "does not hold a readable SQLite database" : "pg_restore cannot read the archive in");
  }, 60_000);

  it("a file that does not exist", async () => {
    await refused(path.join(work, "missing.backup"), "There is no file");
  }, 60_000);

  it.runIf(scratch.kind === "sqlite")("SQLite: a database another process has open (a running server)", async () => {
    const server = new Database(scratch.file!);
    try {
      server.prepare('SELECT COUNT(*) FROM "User"').get();
      const result = await runDbCli("db-restore", [good], scratch.url);
      expectOneParagraph(result);
      expect(result.stderr).toContain(`The database ${scratch.file!} is open in another process (a running app server, or a backup in progress). Stop the app`);
      expect(await fingerprint(scratch.url)).toEqual((before as { rows: unknown }).rows);
    } finally {
      server.close();
    }
    expect(await state()).toEqual(before);
  }, 60_000);

  it.runIf(scratch.kind === "sqlite")("SQLite: a damaged database inside a sound file is refused (the integrity check fails or cannot read it)", async () => {
    const source = path.join(work, `damaged-${randomUUID()}.db`);
    const damaged = new Database(source);
    damaged.exec("CREATE TABLE t (id INTEGER PRIMARY KEY, body TEXT); CREATE INDEX t_body ON t (body);");
    const insert = damaged.prepare("INSERT INTO t (body) VALUES (?)");
    damaged.transaction(() => {
      for (let i = 0; i < 2000; i += 1) insert.run(`row ${String(i)} ${"x".repeat(50)}`);
    })();
    damaged.close();
    const bytes = readFileSync(source);
    // Zero a page in the middle of the file: b-tree pages the schema points at no longer hold their cells.
    bytes.fill(0, 4096 * 20, 4096 * 21);
    const file = variant("damaged", encodeBackup({ kind: "sqlite", createdAt: new Date().toISOString(), migrations: [] }, bytes));
    await refused(file, /holds a damaged SQLite database \(integrity check: |does not hold a readable SQLite database/);
  }, 60_000);

  it.runIf(scratch.kind === "postgresql")("PostgreSQL: a restore that fails half-way is rolled back whole", async () => {
    // A real pg_dump archive that cannot be restored here: it grants to a role that no longer exists.
    const role = `gone_${randomUUID().replaceAll("-", "").slice(0, 8)}`;
    const source = await createScratchDatabase("backup-grant");
    extraDatabases.push(source);
    await withRaw(source.url, async (raw) => {
      await raw.exec(`CREATE ROLE ${role}`);
      await raw.exec(`GRANT SELECT ON "User" TO ${role}`);
    });
    const dump = path.join(work, "grant.dump");
    const dumped = await runPostgresTool("pg_dump", ["--format=custom", `--file=${dump}`, `--dbname=${source.url}`], process.env);
    expect(dumped.code, dumped.stderr).toBe(0);
    await withRaw(source.url, async (raw) => {
      await raw.exec(`REVOKE ALL ON "User" FROM ${role}`);
      await raw.exec(`DROP ROLE ${role}`);
    });
    const file = variant("ungrantable", encodeBackup({ kind: "postgresql", createdAt: new Date().toISOString(), migrations: shippedMigrations("postgresql") }, readFileSync(dump)));
    const result = await restore(file);
    expectOneParagraph(result);
    expect(result.stderr).toContain(`role "${role}" does not exist`);
    expect(result.stderr).toContain("It runs as one transaction, so nothing was changed.");
    expect(await state()).toEqual(before);
  }, 60_000);

  it("and after all that, the good backup still restores", async () => {
    const result = await restore(good);
    expect(result.code, result.stderr).toBe(0);
    expect(await state()).not.toEqual(before);
  }, 60_000);
});
