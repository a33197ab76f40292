import { randomUUID } from "node:crypto";
import Database from "better-sqlite3";

/**
 * Factories for the item analysis and "how others answered" e2e specs,
 * writing first attempts straight into the e2e database (answering through
 * the app 20 or 30 times would make the specs slow and the shared database
 * busy). Each writes in one short transaction.
 */

/** Dates as Prisma stores them in this database. */
function storedNow(db: Database.Database): string | number {
  const sample = db.prepare(`SELECT "createdAt" FROM "Question" LIMIT 1`).get() as { createdAt: string | number };
  return typeof sample.createdAt === "number" ? Date.now() : new Date().toISOString().replace("Z", "+00:00");
}

/** `count` new students, each with a first attempt at one version: option i modulo the options, in stored order. */
function insertFirstAttempts(db: Database.Database, now: string | number, target: { questionId: string; versionId: string }, choices: number[]) {
  const options = db.prepare(`SELECT "id", "correct" FROM "Option" WHERE "versionId" = ? ORDER BY "position"`).all(target.versionId) as Array<{ id: string; correct: number }>;
  const token = randomUUID().slice(0, 8);
  const user = db.prepare(`INSERT INTO "User" ("id", "email", "name", "passwordHash", "role", "createdAt", "updatedAt") VALUES (?, ?, ?, 'x', 'STUDENT', ?, ?)`);
  const answer = db.prepare(
    `INSERT INTO "Answer" ("id", "userId", "questionId", "questionVersionId", "optionId", "correct", "confidence", "responseMs", "attemptToken", "firstAttempt", "createdAt")
     VALUES (?, ?, ?, ?, ?, ?, 'SURE', 4000, ?, 1, ?)`,
  );
  choices.forEach((choice, i) => {
    const option = options[choice % options.length]!;
    const userId = `e2eseed${token}${i}`;
    user.run(userId, `seeded-${token}-${i}@example.com`, `Seeded Student ${i}`, now, now);
    answer.run(`e2eseeda${token}${i}`, userId, target.questionId, target.versionId, option.id, option.correct, `seed-${token}-${i}`, now);
  });
}

/**
 * `count` other students' first attempts at one version (options in turn):
 * enough for "how others answered" to show on it. One short transaction.
 */
export function seedOthersAnswers(file: string, versionId: string, count: number): void {
  const db = new Database(file);
  try {
    const version = db.prepare(`SELECT "questionId" FROM "QuestionVersion" WHERE "id" = ?`).get(versionId) as { questionId: string };
    const now = storedNow(db);
    db.transaction(() => insertFirstAttempts(db, now, { questionId: version.questionId, versionId }, Array.from({ length: count }, (_, i) => i)))();
  } finally {
    db.close();
  }
}

/**
 * A factory for the item analysis e2e spec, writing straight into the e2e
 * database: one draft question in "Study Skills (E2E)", authored by the given
 * instructor (so it is one of their subjects), and `students` new students'
 * first attempts at it, spread over the key (A) and distractors B and C, so
 * distractor D is dead. A draft: no other spec's student is ever served it, so
 * nobody else can choose D. One short transaction of about 2 x students rows.
 */
export function seedDeadDistractor(file: string, authorEmail: string, students = 30): { questionId: string; slug: string } {
  const db = new Database(file);
  try {
    const author = db.prepare(`SELECT "id" FROM "User" WHERE "email" = ?`).get(authorEmail) as { id: string };
    const topic = db.prepare(`SELECT t."id" FROM "Topic" t JOIN "Subject" s ON s."id" = t."subjectId" WHERE s."slug" = 'e2e-study-skills' LIMIT 1`).get() as {
      id: string;
    };
    const now = storedNow(db);
    const token = randomUUID().slice(0, 8);
    const questionId = `e2eia${token}`;
    const versionId = `e2eiav${token}`;
    const slug = `e2e-item-analysis-${token}`;
    const optionIds = ["a", "b", "c", "d"].map((letter) => `e2eiao${token}${letter}`);
    const choices = Array.from({ length: students }, (_, i) => [0, 0, 1, 2][i % 4]!);

    db.transaction(() => {
      db.prepare(
        `INSERT INTO "Question" ("id", "slug", "topicId", "status", "sources", "authorId", "currentVersion", "createdAt", "updatedAt")
         VALUES (?, ?, ?, 'DRAFT', '[]', ?, 1, ?, ?)`,
      ).run(questionId, slug, topic.id, author.id, now, now);
      db.prepare(
        `INSERT INTO "QuestionVersion" ("id", "questionId", "version", "stem", "explanation", "contentHash", "authorId", "createdAt") VALUES (?, ?, 1, ?, ?, ?, ?, ?)`,
      ).run(versionId, questionId, `Which study habit does the item analysis spec (${token}) test?`, "Spaced practice.", slug, author.id, now);
      const option = db.prepare(`INSERT INTO "Option" ("id", "versionId", "position", "text", "correct", "feedback") VALUES (?, ?, ?, ?, ?, ?)`);
      ["Spaced practice", "Cramming", "Rereading", "Highlighting"].forEach((text, position) =>
        option.run(optionIds[position], versionId, position, text, position === 0 ? 1 : 0, position === 0 ? "Right." : "Not this."),
      );
      insertFirstAttempts(db, now, { questionId, versionId }, choices);
    })();
    return { questionId, slug };
  } finally {
    db.close();
  }
}
