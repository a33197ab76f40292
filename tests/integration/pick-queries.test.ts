import Database from "better-sqlite3";
import { PrismaBetterSQLite3 } from "@prisma/adapter-better-sqlite3";
import pg from "pg";
import { afterAll, describe, expect, it } from "vitest";
import { onPostgres } from "./postgres-databases";
import { PrismaClient } from "@/lib/generated/prisma/client";
import { getDb } from "@/lib/server/db";
import { getDatabaseUrl } from "@/lib/server/env";
import { ADAPTIVE, currentPresentation, recordAnswer } from "@/lib/services/practice";
import { prismaSql, type Sql } from "@/lib/server/direct-sql";
import { pickInBank, type SqlReader } from "@/lib/services/scheduling";
import { submitAnswerSchema } from "@/lib/validation/practice";
import { enrol } from "../factories/enrolments";
import { createUser } from "../factories/users";

/**
 * Choosing the next question reads only the student's own rows by index; the
 * published bank comes from the process's memory and is reloaded when any
 * connection changes it (the BankRevision stamp, migration 0008).
 */

// A second client on the same database; the pick's reads go through it and each statement is recorded.
const statements: Array<{ sql: string; params: unknown[] }> = [];
const watched = new PrismaClient({ adapter: new PrismaBetterSQLite3({ url: getDatabaseUrl() }) });
const recording: SqlReader = (body) => {
  const inner = prismaSql(watched);
  const sql: Sql = {
    one: (text, ...params) => (statements.push({ sql: text, params }), inner.one(text, ...params)),
    all: (text, ...params) => (statements.push({ sql: text, params }), inner.all(text, ...params)),
    run: (text, ...params) => (statements.push({ sql: text, params }), inner.run(text, ...params)),
  };
  return body(sql);
};
afterAll(() => watched.$disconnect());

async function bankOf(questions: number, topics = 3) {
  const db = getDb();
  const subject = await db.subject.create({ data: { slug: `s-${String(questions)}`, name: "Subject" } });
  const topicRows = [];
  for (let t = 0; t < topics; t += 1) {
    topicRows.push(await db.topic.create({ data: { slug: `s${String(questions)}-t${String(t)}`, name: `Topic ${String(t)}`, subjectId: subject.id, weight: 1 / topics } }));
  }
  await addQuestions(subject.id, topicRows.map((t) => t.id), questions, 0);
  return { subject, topics: topicRows };
}

async function addQuestions(subjectId: string, topicIds: string[], count: number, from: number) {
  const db = getDb();
  for (let i = from; i < from + count; i += 1) {
    await db.question.create({
      data: {
        slug: `${subjectId}-q${String(i)}`,
        topicId: topicIds[i % topicIds.length]!,
        status: "PUBLISHED",
        sources: [],
        difficulty: (["EASY", "MEDIUM", "HARD"] as const)[i % 3],
        versions: {
          create: {
            version: 1,
            stem: `Question ${String(i)}?`,
            explanation: "Because.",
            contentHash: `h${String(i)}`,
            options: { create: [0, 1, 2, 3].map((position) => ({ position, text: `Option ${String(position)}`, correct: position === 0, feedback: "Why." })) },
          },
        },
      },
    });
  }
}

async function planOf(statement: { sql: string; params: unknown[] }): Promise<string> {
  const rows = await getDb().$queryRawUnsafe<Array<{ detail: string }>>(`EXPLAIN QUERY PLAN ${statement.sql}`, ...statement.params);
  return rows.map((r) => r.detail).join("\n");
}

describe("choosing the next question", () => {
  // SQLite's plans, read through a second SQLite client.
  it.skipIf(onPostgres)("reads at most three statements, each through an index, whatever the bank's size", async () => {
    const { subject } = await bankOf(30);
    const user = await createUser();
    await enrol(user.id, subject.id, { examDate: new Date("2026-04-01T00:00:00Z"), dailyGoal: 20 });
    const start = new Date("2026-03-01T09:00:00Z");
    for (let i = 0; i < 4; i += 1) {
      const view = await currentPresentation(user.id, ADAPTIVE, new Date(start.getTime() + i * 60_000));
      await recordAnswer(user.id, submitAnswerSchema.parse({ presentationId: view!.presentationId, optionId: view!.options[0]!.id }), start);
    }
    const now = new Date("2026-03-02T09:00:00Z");

    const countFor = async (seed: number) => {
      await pickInBank(user.id, now, seed); // the bank is in memory from here on
      statements.length = 0;
      const picked = await pickInBank(user.id, now, seed, {}, recording);
      expect(picked).not.toBeNull();
      return [...statements];
    };
    const small = await countFor(1);
    expect(small.length).toBeLessThanOrEqual(3);
    for (const statement of small) {
      const plan = await planOf(statement);
      // Every table is reached by a key: no full scan anywhere in the plan.
      expect(plan, statement.sql).not.toMatch(/\bSCAN\b/);
      expect(plan, statement.sql).toMatch(/USING (COVERING )?(INDEX|INTEGER PRIMARY KEY|PRIMARY KEY)/);
    }

    // Ten times the bank: the same statements, still by index.
    const topicIds = (await getDb().topic.findMany({ where: { subjectId: subject.id }, select: { id: true } })).map((t) => t.id);
    await addQuestions(subject.id, topicIds, 270, 30);
    const large = await countFor(1);
    expect(large.map((s) => s.sql)).toEqual(small.map((s) => s.sql));
  });

  it("plans with the enrolment's exam date: a pick the day before the exam is in its final stretch", async () => {
    const { subject } = await bankOf(12);
    const now = new Date("2026-03-01T09:00:00Z");
    const withExam = await createUser();
    await enrol(withExam.id, subject.id, { examDate: new Date("2026-03-02T00:00:00Z") });
    const without = await createUser();
    await enrol(without.id, subject.id);
    const a = await pickInBank(withExam.id, now, 7);
    const b = await pickInBank(without.id, now, 7);
    expect(a!.pick.reason.phase).not.toBe(b!.pick.reason.phase);
  });

  it("sees a change another connection made to the bank at its next pick", async () => {
    const { subject, topics } = await bankOf(9);
    const user = await createUser();
    await enrol(user.id, subject.id);
    const now = new Date("2026-03-01T09:00:00Z");
    expect(await pickInBank(user.id, now, 3)).not.toBeNull();

    // Another process (a second server, a script) retires all but one question and renames its topic.
    const keep = await getDb().question.findFirstOrThrow({ where: { topicId: topics[2]!.id }, select: { id: true } });
    if (onPostgres) {
      const other = new pg.Client({ connectionString: getDatabaseUrl() });
      await other.connect();
      try {
        await other.query({ text: `UPDATE "Question" SET "status" = 'RETIRED' WHERE "id" <> $1`, values: [keep.id] });
        await other.query({ text: `UPDATE "Topic" SET "name" = 'Renamed elsewhere' WHERE "id" = $1`, values: [topics[2]!.id] });
      } finally {
        await other.end();
      }
    } else {
      const other = new Database(getDatabaseUrl().replace(/^file:/, ""));
      try {
        other.prepare(`UPDATE "Question" SET "status" = 'RETIRED' WHERE "id" <> ?`).run(keep.id);
        other.prepare(`UPDATE "Topic" SET "name" = 'Renamed elsewhere' WHERE "id" = ?`).run(topics[2]!.id);
      } finally {
        other.close();
      }
    }
    for (let seed = 1; seed <= 5; seed += 1) {
      const picked = await pickInBank(user.id, now, seed);
      expect(picked!.question.id).toBe(keep.id);
      expect(picked!.bank.topics.get(topics[2]!.id)!.name).toBe("Renamed elsewhere");
    }
  });
});
