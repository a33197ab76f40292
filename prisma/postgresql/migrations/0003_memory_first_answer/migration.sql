-- PostgreSQL's form of SQLite migration 0014: the student's first answer to an
-- item, right or wrong, kept on their memory of it, backfilled from the answer
-- marked as the first attempt.
ALTER TABLE "MemoryState" ADD COLUMN "firstCorrect" BOOLEAN;

UPDATE "MemoryState" SET "firstCorrect" = "first"."correct"
FROM (SELECT "userId", "questionId", "correct" FROM "Answer" WHERE "firstAttempt") AS "first"
WHERE "first"."userId" = "MemoryState"."userId" AND "first"."questionId" = "MemoryState"."questionId";
