-- The student's first answer to an item, right or wrong, kept on their memory
-- of it (decision 0004, tenth pass). The answer transaction files each later
-- review under it; reading it from the memory row it already reads replaces a
-- search of the student's Answer rows on every later review.
ALTER TABLE "MemoryState" ADD COLUMN "firstCorrect" BOOLEAN;

-- Backfill from the answer marked as the first attempt (migration 0011): one
-- join, not a search per row. A memory row with no first answer stays null,
-- which the fit reads as "not known" and files under neither group.
UPDATE "MemoryState" SET "firstCorrect" = "first"."correct"
FROM (SELECT "userId", "questionId", "correct" FROM "Answer" WHERE "firstAttempt" = 1) AS "first"
WHERE "first"."userId" = "MemoryState"."userId" AND "first"."questionId" = "MemoryState"."questionId";
