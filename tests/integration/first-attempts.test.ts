import { mkdirSync, readdirSync, readFileSync, rmSync } from "node:fs";
import path from "node:path";
import Database from "better-sqlite3";
import { describe, expect, it } from "vitest";
import { getDb } from "@/lib/server/db";
import { recordAnswer } from "@/lib/services/practice";
import { saveMockItem, startMockExam, submitMockExam } from "@/lib/services/mock-exam";
import { startMockExamSchema } from "@/lib/validation/mock-exam";
import { submitAnswerSchema } from "@/lib/validation/practice";
import { createPresentation } from "../factories/presentations";
import { createQuestion, createTopic } from "../factories/questions";
import { createUser } from "../factories/users";
import { BACKFILL_ANSWERS, BACKFILL_MEMORIES, BACKFILLS, at, backfillFixtureSql } from "./first-answer-backfill";

const NOW = new Date("2026-12-02T10:00:00Z");

async function answer(userId: string, question: Awaited<ReturnType<typeof createQuestion>>, versionIndex = 0, at = NOW) {
  const presentation = await createPresentation(userId, question, { versionIndex, issuedAt: at });
  const version = question.versions[versionIndex]!;
  const recorded = await recordAnswer(userId, submitAnswerSchema.parse({ presentationId: presentation.id, optionId: version.options[0]!.id }), at);
  return getDb().answer.findUniqueOrThrow({ where: { id: recorded.answerId }, select: { firstAttempt: true, questionVersionId: true } });
}

/** A second version of a question, with its four options (the key is the second). */
async function addVersion(question: Awaited<ReturnType<typeof createQuestion>>) {
  const version = await getDb().questionVersion.create({
    data: {
      questionId: question.id,
      version: 2,
      stem: `Reworded ${question.slug}?`,
      explanation: "Because B.",
      contentHash: `${question.slug}-2`,
      options: { create: ["A", "B", "C", "D"].map((text, position) => ({ position, text: `New ${text}`, correct: position === 1, feedback: "Why." })) },
    },
    include: { options: { orderBy: { position: "asc" } } },
  });
  await getDb().question.update({ where: { id: question.id }, data: { currentVersion: 2 } });
  return { ...question, versions: [...question.versions, version] };
}

describe("Answer.firstAttempt, set by every writer", () => {
  it("practice: a student's first answer to a question is the first attempt; later ones, in any version, are not", async () => {
    const alice = await createUser();
    const bob = await createUser();
    const question = await addVersion(await createQuestion());

    expect(await answer(alice.id, question, 0)).toMatchObject({ firstAttempt: true });
    expect(await answer(alice.id, question, 0, new Date(NOW.getTime() + 60_000))).toMatchObject({ firstAttempt: false });
    // The reworded version is the same question: not Alice's first attempt, but Bob's.
    expect(await answer(alice.id, question, 1, new Date(NOW.getTime() + 120_000))).toMatchObject({ firstAttempt: false });
    expect(await answer(bob.id, question, 1)).toMatchObject({ firstAttempt: true, questionVersionId: question.versions[1]!.id });
  });

  it("mock exams: an item answered before in practice is not a first attempt; a new one is", async () => {
    const user = await createUser();
    const topic = await createTopic();
    const questions = [];
    for (let i = 0; i < 5; i += 1) questions.push(await createQuestion({ topicId: topic.id }));
    await answer(user.id, questions[0]!, 0, new Date(NOW.getTime() - 3_600_000));

    const { examId } = await startMockExam(user.id, startMockExamSchema.parse({ questionCount: 5, timer: "off" }), NOW);
    const items = await getDb().presentation.findMany({ where: { mockExamId: examId }, select: { id: true, questionId: true, optionOrder: true } });
    for (const item of items) {
      await saveMockItem(user.id, { examId, presentationId: item.id, optionId: (item.optionOrder as string[])[0]! }, NOW);
    }
    await submitMockExam(user.id, examId, NOW);
    const written = await getDb().answer.findMany({ where: { userId: user.id, createdAt: NOW }, select: { questionId: true, firstAttempt: true } });
    expect(written).toHaveLength(5);
    for (const row of written) expect(row.firstAttempt).toBe(row.questionId !== questions[0]!.id);
  });
});

describe("migration 0011's backfill", () => {
  it("marks each student's earliest answer to each question, whatever the version, ties broken by id", () => {
    const root = path.resolve(import.meta.dirname, "../..");
    const dir = path.join(root, "tests/.tmp");
    mkdirSync(dir, { recursive: true });
    const file = path.join(dir, `backfill-${process.pid}-${Date.now()}.db`);
    const db = new Database(file);
    try {
      const migrations = readdirSync(path.join(root, "prisma/migrations")).filter((n) => /^\d+_/.test(n)).sort();
      const run = (name: string) => db.exec(readFileSync(path.join(root, "prisma/migrations", name, "migration.sql"), "utf8"));
      const target = migrations.findIndex((n) => n.startsWith("0011_"));
      expect(target).toBeGreaterThan(0);
      migrations.slice(0, target).forEach(run);

      const at = (minutes: number) => new Date(Date.UTC(2026, 10, 1, 9, minutes)).toISOString();
      db.exec(`
        INSERT INTO "User" ("id", "email", "name", "passwordHash", "updatedAt") VALUES ('u1', 'a@x', 'A', 'h', '${at(0)}'), ('u2', 'b@x', 'B', 'h', '${at(0)}');
        INSERT INTO "Subject" ("id", "slug", "name") VALUES ('s', 's', 'S');
        INSERT INTO "Topic" ("id", "slug", "subjectId", "name") VALUES ('t', 't', 's', 'T');
        INSERT INTO "Question" ("id", "slug", "topicId", "sources", "updatedAt") VALUES ('q1', 'q1', 't', '[]', '${at(0)}'), ('q2', 'q2', 't', '[]', '${at(0)}');
        INSERT INTO "QuestionVersion" ("id", "questionId", "version", "stem", "explanation", "contentHash")
          VALUES ('q1v1', 'q1', 1, 's', 'e', 'h1'), ('q1v2', 'q1', 2, 's', 'e', 'h2'), ('q2v1', 'q2', 1, 's', 'e', 'h3');
        INSERT INTO "Option" ("id", "versionId", "position", "text", "correct", "feedback")
          VALUES ('o1', 'q1v1', 0, 'o', 1, 'f'), ('o2', 'q1v2', 0, 'o', 1, 'f'), ('o3', 'q2v1', 0, 'o', 1, 'f');
      `);
      const insert = db.prepare(
        `INSERT INTO "Answer" ("id", "userId", "questionId", "questionVersionId", "optionId", "correct", "responseMs", "attemptToken", "createdAt") VALUES (?, ?, ?, ?, ?, 1, 1000, ?, ?)`,
      );
      // u1 answers q1 at v2 first (later rows inserted earlier on purpose), then v1; q2 twice at the same instant.
      insert.run("a3", "u1", "q1", "q1v1", "o1", "t3", at(30));
      insert.run("a1", "u1", "q1", "q1v2", "o2", "t1", at(10));
      insert.run("a2", "u1", "q1", "q1v1", "o1", "t2", at(20));
      insert.run("b2", "u1", "q2", "q2v1", "o3", "t4", at(40));
      insert.run("b1", "u1", "q2", "q2v1", "o3", "t5", at(40));
      insert.run("c1", "u2", "q1", "q1v1", "o1", "t6", at(50));

      run(migrations[target]!);
      const rows = db.prepare(`SELECT "id", "firstAttempt" FROM "Answer" ORDER BY "id"`).all() as Array<{ id: string; firstAttempt: number }>;
      expect(Object.fromEntries(rows.map((r) => [r.id, r.firstAttempt]))).toEqual({ a1: 1, a2: 0, a3: 0, b1: 1, b2: 0, c1: 1 });
      const indexes = (db.prepare(`SELECT "name" FROM sqlite_master WHERE type = 'index' AND tbl_name = 'Answer'`).all() as Array<{ name: string }>).map((r) => r.name);
      expect(indexes).toContain("Answer_questionVersionId_firstAttempt_idx");
      expect(indexes).not.toContain("Answer_questionVersionId_idx");
      expect(db.pragma("foreign_key_check")).toEqual([]);
    } finally {
      db.close();
      for (const suffix of ["", "-wal", "-shm", "-journal"]) rmSync(file + suffix, { force: true });
    }
  });
});

describe.each(BACKFILLS)("SQLite migration $sqlite's backfill of $column", ({ sqlite, column, expected, what }) => {
  it(`keeps on each memory row ${what}, whatever later answers were`, () => {
    const root = path.resolve(import.meta.dirname, "../..");
    const dir = path.join(root, "tests/.tmp");
    mkdirSync(dir, { recursive: true });
    const file = path.join(dir, `backfill-${sqlite}${process.pid}-${Date.now()}.db`);
    const db = new Database(file);
    try {
      const migrations = readdirSync(path.join(root, "prisma/migrations")).filter((n) => /^\d+_/.test(n)).sort();
      const run = (name: string) => db.exec(readFileSync(path.join(root, "prisma/migrations", name, "migration.sql"), "utf8"));
      const target = migrations.findIndex((n) => n.startsWith(sqlite));
      expect(target).toBeGreaterThan(0);
      migrations.slice(0, target).forEach(run);

      db.exec(backfillFixtureSql((value) => (value ? "1" : "0")));
      const answer = db.prepare(
        `INSERT INTO "Answer" ("id", "userId", "questionId", "questionVersionId", "optionId", "correct", "confidence", "responseMs", "attemptToken", "firstAttempt", "createdAt") VALUES (?, ?, ?, ?, ?, ?, ?, 1000, ?, ?, ?)`,
      );
      const memory = db.prepare(
        `INSERT INTO "MemoryState" ("id", "userId", "questionId", "stability", "difficulty", "due", "updatedAt") VALUES (?, ?, ?, 3, 5, '${at(0)}', '${at(0)}')`,
      );
      for (const a of BACKFILL_ANSWERS) answer.run(a.id, a.userId, a.questionId, a.versionId, a.optionId, a.correct ? 1 : 0, a.confidence, a.token, a.first ? 1 : 0, a.createdAt);
      for (const [id, userId, questionId] of BACKFILL_MEMORIES) memory.run(id, userId, questionId);

      run(migrations[target]!);
      const rows = db.prepare(`SELECT "id", "${column}" AS "value" FROM "MemoryState" ORDER BY "id"`).all() as Array<{ id: string; value: number | null }>;
      const stored = (value: boolean | null) => (value === null ? null : value ? 1 : 0);
      expect(Object.fromEntries(rows.map((r) => [r.id, r.value]))).toEqual(Object.fromEntries(Object.entries(expected).map(([id, value]) => [id, stored(value)])));
      expect(db.pragma("foreign_key_check")).toEqual([]);
    } finally {
      db.close();
      for (const suffix of ["", "-wal", "-shm", "-journal"]) rmSync(file + suffix, { force: true });
    }
  });
});
