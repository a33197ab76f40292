// The durability run's checks (tests/durability/run.ts), apart so that a test
// can show they catch what they look for (tests/integration/durability-ledger.test.ts).
import { compareLedger, STORED_ANSWERS_SQL, type Acknowledged, type StoredAnswer } from "../../bench/support/ledger";
import { withDatabase, type SqlDb } from "../support/database";

export type { Acknowledged } from "../../bench/support/ledger";

export type Report = {
  kills: number;
  acknowledged: number;
  stored: number;
  lost: number;
  duplicated: number;
  wrongOption: number;
  storedUnacknowledged: number;
  halfWritten: number;
  halfWrittenDetail: Record<string, number>;
  failedRequests: number;
};

async function count(db: SqlDb, text: string): Promise<number> {
  return Number((await db.one<{ n: number | string }>(text))?.n ?? 0);
}

/** Rows that one answer's transaction writes together; any mismatch is a half-written answer. */
export async function halfWritten(db: SqlDb): Promise<Record<string, number>> {
  return {
    // Each answer closes its presentation, in the same transaction.
    answersWithoutTheirPresentation: await count(
      db,
      `SELECT COUNT(*) AS "n" FROM "Answer" a LEFT JOIN "Presentation" p ON p."answerId" = a."id" WHERE p."id" IS NULL OR p."id" <> a."attemptToken"`,
    ),
    presentationsHalfClosed: await count(
      db,
      `SELECT COUNT(*) AS "n" FROM "Presentation" WHERE ("answerId" IS NULL) <> ("answeredAt" IS NULL)`,
    ),
    // The memory state of (student, question) counts every answer to it.
    memoryStatesOutOfStep: await count(
      db,
      `SELECT COUNT(*) AS "n" FROM (SELECT a."userId", a."questionId", COUNT(*) AS "answers" FROM "Answer" a GROUP BY a."userId", a."questionId") x
       LEFT JOIN "MemoryState" m ON m."userId" = x."userId" AND m."questionId" = x."questionId"
       WHERE m."id" IS NULL OR m."reps" <> x."answers"`,
    ),
    memoryStatesWithoutAnswers: await count(
      db,
      `SELECT COUNT(*) AS "n" FROM "MemoryState" m WHERE m."reps" > 0 AND NOT EXISTS (SELECT 1 FROM "Answer" a WHERE a."userId" = m."userId" AND a."questionId" = m."questionId")`,
    ),
    // The memory state keeps whether the first answer was right, and marked "I guessed", as that answer wrote it.
    memoryFirstAnswersOutOfStep: await count(
      db,
      `SELECT COUNT(*) AS "n" FROM "Answer" a JOIN "MemoryState" m ON m."userId" = a."userId" AND m."questionId" = a."questionId"
       WHERE a."firstAttempt" AND (m."firstCorrect" IS NULL OR m."firstCorrect" <> a."correct"
         OR m."firstGuessed" IS NULL OR m."firstGuessed" <> (a."confidence" = 'GUESSED'))`,
    ),
    // The item's calibration counts every answer, and its first attempts; the
    // student's topic ability counts their first attempts at the topic's items.
    calibrationsOutOfStep: await count(
      db,
      `SELECT COUNT(*) AS "n" FROM (SELECT "questionId", COUNT(*) AS "answers", SUM(CASE WHEN "firstAttempt" THEN 1 ELSE 0 END) AS "firsts" FROM "Answer" GROUP BY "questionId") x
       LEFT JOIN "QuestionCalibration" c ON c."questionId" = x."questionId"
       WHERE c."questionId" IS NULL OR c."attempts" <> x."answers" OR c."firstAttempts" <> x."firsts"`,
    ),
    topicAbilitiesOutOfStep: await count(
      db,
      `SELECT COUNT(*) AS "n" FROM (SELECT a."userId", q."topicId", SUM(CASE WHEN a."firstAttempt" THEN 1 ELSE 0 END) AS "firsts" FROM "Answer" a JOIN "Question" q ON q."id" = a."questionId" GROUP BY a."userId", q."topicId") x
       LEFT JOIN "TopicAbility" t ON t."userId" = x."userId" AND t."topicId" = x."topicId" WHERE t."id" IS NULL OR t."attempts" <> x."firsts"`,
    ),
    // Exactly one first attempt per student and question.
    firstAttemptsNotOne: await count(
      db,
      `SELECT COUNT(*) AS "n" FROM (SELECT "userId", "questionId", SUM(CASE WHEN "firstAttempt" THEN 1 ELSE 0 END) AS "firsts" FROM "Answer" GROUP BY "userId", "questionId") x WHERE x."firsts" <> 1`,
    ),
    // The study-day summary the dashboards read counts every answer.
    studyDaysOutOfStep: await count(
      db,
      `SELECT COUNT(*) AS "n" FROM (SELECT "userId", COUNT(*) AS "answers" FROM "Answer" GROUP BY "userId") x
       LEFT JOIN (SELECT "userId", SUM("answered") AS "answered" FROM "StudyDay" GROUP BY "userId") s ON s."userId" = x."userId"
       WHERE s."answered" IS NULL OR s."answered" <> x."answers"`,
    ),
  };
}

export async function check(databaseUrl: string, acknowledged: readonly Acknowledged[], kills: number, failedRequests: number): Promise<Report> {
  return withDatabase(databaseUrl, async (db) => {
    const rows = await db.all<StoredAnswer>(STORED_ANSWERS_SQL);
    const { lost, duplicated, wrongOption, unacknowledged } = compareLedger(acknowledged, rows);
    const detail = await halfWritten(db);
    return {
      kills,
      acknowledged: acknowledged.length,
      stored: rows.length,
      lost,
      duplicated,
      wrongOption,
      storedUnacknowledged: unacknowledged,
      halfWritten: Object.values(detail).reduce((a, b) => a + b, 0),
      halfWrittenDetail: detail,
      failedRequests,
    };
  });
}

