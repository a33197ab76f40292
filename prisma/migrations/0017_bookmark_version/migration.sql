-- A bookmark remembers the version the student was shown (decision 0007): the
-- bookmarks page shows that wording, never a later draft's. Existing bookmarks
-- take the version of the student's latest presentation of the question issued
-- at or before the bookmark (a bookmark is set from one), else their latest.
ALTER TABLE "Bookmark" ADD COLUMN "questionVersionId" TEXT;

UPDATE "Bookmark" SET "questionVersionId" = COALESCE(
  (SELECT p."questionVersionId" FROM "Presentation" p
   WHERE p."userId" = "Bookmark"."userId" AND p."questionId" = "Bookmark"."questionId" AND p."issuedAt" <= "Bookmark"."createdAt"
   ORDER BY p."issuedAt" DESC LIMIT 1),
  (SELECT p."questionVersionId" FROM "Presentation" p
   WHERE p."userId" = "Bookmark"."userId" AND p."questionId" = "Bookmark"."questionId"
   ORDER BY p."issuedAt" DESC LIMIT 1)
);
