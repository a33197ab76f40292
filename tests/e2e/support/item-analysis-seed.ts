import { randomUUID } from "node:crypto";
import { withE2eDb } from "./e2e-database";
import type { E2eDb } from "./e2e-database";

/**
 * Factories for the item analysis and "how others answered" e2e specs,
 * writing first attempts straight into the e2e database, SQLite or
 * PostgreSQL (answering through the app 20 or 30 times would make the specs
 * slow and the shared database busy). Each writes in one short transaction.
 */

/** Runs the body in one transaction on a connection of its own. */
function inTransaction<T>(body: (db: E2eDb) => Promise<T>): Promise<T> {
  return withE2eDb(async (db) => {
    await db.run("BEGIN");
    try {
      const result = await body(db);
      await db.run("COMMIT");
      return result;
    } catch (error) {
      await db.run("ROLLBACK");
      throw error;
    }
  });
}

/** `count` new students, each with a first attempt at one version: option i modulo the options, in stored order. */
async function insertFirstAttempts(db: E2eDb, now: Date, target: { questionId: string; versionId: string }, choices: number[]): Promise<void> {
  const options = await db.all<{ id: string; correct: boolean | number }>(`SELECT "id", "correct" FROM "Option" WHERE "versionId" = ? ORDER BY "position"`, target.versionId);
  const token = randomUUID().slice(0, 8);
  for (const [i, choice] of choices.entries()) {
    const option = options[choice % options.length]!;
    const userId = `e2eseed${token}${i}`;
    await db.run(
      `INSERT INTO "User" ("id", "email", "name", "passwordHash", "role", "createdAt", "updatedAt") VALUES (?, ?, ?, 'x', 'STUDENT', ?, ?)`,
      userId,
      `seeded-${token}-${i}@example.com`,
      `Seeded Student ${i}`,
      now,
      now,
    );
    await db.run(
      `INSERT INTO "Answer" ("id", "userId", "questionId", "questionVersionId", "optionId", "correct", "confidence", "responseMs", "attemptToken", "firstAttempt", "createdAt")
       VALUES (?, ?, ?, ?, ?, ${option.correct ? "TRUE" : "FALSE"}, 'SURE', 4000, ?, TRUE, ?)`,
      `e2eseeda${token}${i}`,
      userId,
      target.questionId,
      target.versionId,
      option.id,
      `seed-${token}-${i}`,
      now,
    );
  }
}

/**
 * `count` other students' first attempts at one version (options in turn):
 * enough for "how others answered" to show on it. One short transaction.
 */
export async function seedOthersAnswers(versionId: string, count: number): Promise<void> {
  await inTransaction(async (db) => {
    const version = await db.one<{ questionId: string }>(`SELECT "questionId" FROM "QuestionVersion" WHERE "id" = ?`, versionId);
    await insertFirstAttempts(db, new Date(), { questionId: version!.questionId, versionId }, Array.from({ length: count }, (_, i) => i));
  });
}

/**
 * A factory for the item analysis e2e spec, writing straight into the e2e
 * database: one draft question in "Study Skills (E2E)", authored by the given
 * instructor (so it is one of their subjects), and `students` new students'
 * first attempts at it, spread over the key (A) and distractors B and C, so
 * distractor D is dead. A draft: no other spec's student is ever served it, so
 * nobody else can choose D. One short transaction of about 2 x students rows.
 */
export async function seedDeadDistractor(authorEmail: string, students = 30): Promise<{ questionId: string; slug: string }> {
  return inTransaction(async (db) => {
    const author = (await db.one<{ id: string }>(`SELECT "id" FROM "User" WHERE "email" = ?`, authorEmail))!;
    const topic = (await db.one<{ id: string }>(
      `SELECT t."id" FROM "Topic" t JOIN "Subject" s ON s."id" = t."subjectId" WHERE s."slug" = 'e2e-study-skills' LIMIT 1`,
    ))!;
    const now = new Date();
    const token = randomUUID().slice(0, 8);
    const questionId = `e2eia${token}`;
    const versionId = `e2eiav${token}`;
    const slug = `e2e-item-analysis-${token}`;
    const optionIds = ["a", "b", "c", "d"].map((letter) => `e2eiao${token}${letter}`);
    const choices = Array.from({ length: students }, (_, i) => [0, 0, 1, 2][i % 4]!);

    await db.run(
      `INSERT INTO "Question" ("id", "slug", "topicId", "status", "sources", "authorId", "currentVersion", "createdAt", "updatedAt")
       VALUES (?, ?, ?, 'DRAFT', '[]', ?, 1, ?, ?)`,
      questionId,
      slug,
      topic.id,
      author.id,
      now,
      now,
    );
    await db.run(
      `INSERT INTO "QuestionVersion" ("id", "questionId", "version", "stem", "explanation", "contentHash", "authorId", "createdAt") VALUES (?, ?, 1, ?, ?, ?, ?, ?)`,
      versionId,
      questionId,
      `Which study habit does the item analysis spec (${token}) test?`,
      "Spaced practice.",
      slug,
      author.id,
      now,
    );
    for (const [position, text] of ["Spaced practice", "Cramming", "Rereading", "Highlighting"].entries()) {
      await db.run(
        `INSERT INTO "Option" ("id", "versionId", "position", "text", "correct", "feedback") VALUES (?, ?, ?, ?, ${position === 0 ? "TRUE" : "FALSE"}, ?)`,
        optionIds[position]!,
        versionId,
        position,
        text,
        position === 0 ? "Right." : "Not this.",
      );
    }
    await insertFirstAttempts(db, now, { questionId, versionId }, choices);
    return { questionId, slug };
  });
}
