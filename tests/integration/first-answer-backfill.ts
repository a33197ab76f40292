/*
 * One scenario for the backfills of MemoryState."firstCorrect" and
 * "firstGuessed" from the Answer row marked as the first attempt, shared by
 * SQLite migrations 0014 and 0015's tests (first-attempts.test.ts) and
 * PostgreSQL migrations 0003 and 0004's (postgres-backfill.test.ts). `bool` writes a boolean as the backend stores
 * it (0/1 in SQLite, true/false in PostgreSQL).
 */

export const at = (minutes: number): string => new Date(Date.UTC(2026, 10, 1, 9, minutes)).toISOString();

/** Two students, one topic, two questions of one version each, a right and a wrong option each. */
export function backfillFixtureSql(bool: (value: boolean) => string): string {
  return `
    INSERT INTO "User" ("id", "email", "name", "passwordHash", "updatedAt") VALUES ('u1', 'a@x', 'A', 'h', '${at(0)}'), ('u2', 'b@x', 'B', 'h', '${at(0)}');
    INSERT INTO "Subject" ("id", "slug", "name") VALUES ('s', 's', 'S');
    INSERT INTO "Topic" ("id", "slug", "subjectId", "name") VALUES ('t', 't', 's', 'T');
    INSERT INTO "Question" ("id", "slug", "topicId", "sources", "updatedAt") VALUES ('q1', 'q1', 't', '[]', '${at(0)}'), ('q2', 'q2', 't', '[]', '${at(0)}');
    INSERT INTO "QuestionVersion" ("id", "questionId", "version", "stem", "explanation", "contentHash") VALUES ('q1v1', 'q1', 1, 's', 'e', 'h1'), ('q2v1', 'q2', 1, 's', 'e', 'h2');
    INSERT INTO "Option" ("id", "versionId", "position", "text", "correct", "feedback")
      VALUES ('k1', 'q1v1', 0, 'o', ${bool(true)}, 'f'), ('w1', 'q1v1', 1, 'o', ${bool(false)}, 'f'), ('k2', 'q2v1', 0, 'o', ${bool(true)}, 'f'), ('w2', 'q2v1', 1, 'o', ${bool(false)}, 'f');
  `;
}

export type BackfillAnswer = {
  id: string;
  userId: string;
  questionId: string;
  versionId: string;
  optionId: string;
  correct: boolean;
  confidence: "SURE" | "UNSURE" | "GUESSED";
  token: string;
  first: boolean;
  createdAt: string;
};

/**
 * u1: q1 first wrong and sure, then right twice (the first of them guessed);
 * q2 first right but guessed, then wrong. u2: q1 first right and unsure.
 */
export const BACKFILL_ANSWERS: readonly BackfillAnswer[] = [
  { id: "a1", userId: "u1", questionId: "q1", versionId: "q1v1", optionId: "w1", correct: false, confidence: "SURE", token: "t1", first: true, createdAt: at(10) },
  { id: "a2", userId: "u1", questionId: "q1", versionId: "q1v1", optionId: "k1", correct: true, confidence: "GUESSED", token: "t2", first: false, createdAt: at(20) },
  { id: "a3", userId: "u1", questionId: "q1", versionId: "q1v1", optionId: "k1", correct: true, confidence: "SURE", token: "t3", first: false, createdAt: at(30) },
  { id: "b1", userId: "u1", questionId: "q2", versionId: "q2v1", optionId: "k2", correct: true, confidence: "GUESSED", token: "t4", first: true, createdAt: at(10) },
  { id: "b2", userId: "u1", questionId: "q2", versionId: "q2v1", optionId: "w2", correct: false, confidence: "SURE", token: "t5", first: false, createdAt: at(40) },
  { id: "c1", userId: "u2", questionId: "q1", versionId: "q1v1", optionId: "k1", correct: true, confidence: "UNSURE", token: "t6", first: true, createdAt: at(50) },
];

/** Memory rows [id, userId, questionId]; m4 has no answers (a row the backfill cannot know). */
export const BACKFILL_MEMORIES: readonly (readonly [string, string, string])[] = [
  ["m1", "u1", "q1"],
  ["m2", "u1", "q2"],
  ["m3", "u2", "q1"],
  ["m4", "u2", "q2"],
];

/** What each memory row's firstCorrect must be after its backfill. */
export const BACKFILL_EXPECTED = { m1: false, m2: true, m3: true, m4: null } as const;

/** What each memory row's firstGuessed must be after its backfill. */
export const BACKFILL_GUESSED_EXPECTED = { m1: false, m2: true, m3: false, m4: null } as const;

/**
 * Each backfill: the SQLite and PostgreSQL migrations that add the column
 * (by their number's prefix), the column, and what it must hold after.
 */
export const BACKFILLS = [
  { sqlite: "0014_", postgres: "0003_", column: "firstCorrect", expected: BACKFILL_EXPECTED, what: "whether the student's first answer to its question was right" },
  { sqlite: "0015_", postgres: "0004_", column: "firstGuessed", expected: BACKFILL_GUESSED_EXPECTED, what: "whether the student marked their first answer to its question \"I guessed\"" },
] as const;
