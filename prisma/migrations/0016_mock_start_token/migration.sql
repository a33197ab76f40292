-- The mock exam start form's token (decision 0006): a second post of the same
-- form returns the exam it started instead of starting another. Exams started
-- before this have none; NULLs never collide in a unique index.
ALTER TABLE "MockExam" ADD COLUMN "startToken" TEXT;

CREATE UNIQUE INDEX "MockExam_userId_startToken_key" ON "MockExam"("userId", "startToken");
