-- Whether the student marked their first answer to an item "I guessed", kept
-- on their memory of it beside "firstCorrect" (decision 0004, fifteenth
-- pass). A right first answer so marked files the item's later reviews with
-- the items first answered wrong.
ALTER TABLE "MemoryState" ADD COLUMN "firstGuessed" BOOLEAN;

-- Backfill from the answer marked as the first attempt, as 0014 did for
-- "firstCorrect"; a memory row with no first answer stays null.
UPDATE "MemoryState" SET "firstGuessed" = ("first"."confidence" = 'GUESSED')
FROM (SELECT "userId", "questionId", "confidence" FROM "Answer" WHERE "firstAttempt" = 1) AS "first"
WHERE "first"."userId" = "MemoryState"."userId" AND "first"."questionId" = "MemoryState"."questionId";
