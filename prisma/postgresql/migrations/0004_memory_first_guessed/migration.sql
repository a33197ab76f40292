-- PostgreSQL's form of SQLite migration 0015: whether the student marked
-- their first answer to an item "I guessed", kept on their memory of it,
-- backfilled from the answer marked as the first attempt.
ALTER TABLE "MemoryState" ADD COLUMN "firstGuessed" BOOLEAN;

UPDATE "MemoryState" SET "firstGuessed" = ("first"."confidence" = 'GUESSED')
FROM (SELECT "userId", "questionId", "confidence" FROM "Answer" WHERE "firstAttempt") AS "first"
WHERE "first"."userId" = "MemoryState"."userId" AND "first"."questionId" = "MemoryState"."questionId";
