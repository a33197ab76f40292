-- First attempts (issue 16): Answer.firstAttempt marks a student's first answer
-- to a question, which item analysis and "how others answered" count. Every
-- writer sets it in the answer's own INSERT; the column has no default so a
-- writer cannot leave it out. The version index grows to cover what those
-- reads need (version, first attempt, option, student, correct, confidence),
-- replacing the version-only index of 0007, which it still serves as a prefix.
-- Author and mock-exam subject indexes: which subjects an instructor may
-- analyse, and a subject's exams for discriminative efficiency.

-- RedefineTables
PRAGMA defer_foreign_keys=ON;
PRAGMA foreign_keys=OFF;
CREATE TABLE "new_Answer" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "userId" TEXT NOT NULL,
    "questionId" TEXT NOT NULL,
    "questionVersionId" TEXT NOT NULL,
    "optionId" TEXT NOT NULL,
    "correct" BOOLEAN NOT NULL,
    "confidence" TEXT NOT NULL DEFAULT 'SURE',
    "responseMs" INTEGER NOT NULL,
    "sessionId" TEXT,
    "attemptToken" TEXT NOT NULL,
    "firstAttempt" BOOLEAN NOT NULL,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    CONSTRAINT "Answer_userId_fkey" FOREIGN KEY ("userId") REFERENCES "User" ("id") ON DELETE CASCADE ON UPDATE CASCADE,
    CONSTRAINT "Answer_questionId_fkey" FOREIGN KEY ("questionId") REFERENCES "Question" ("id") ON DELETE CASCADE ON UPDATE CASCADE,
    CONSTRAINT "Answer_questionVersionId_fkey" FOREIGN KEY ("questionVersionId") REFERENCES "QuestionVersion" ("id") ON DELETE CASCADE ON UPDATE CASCADE,
    CONSTRAINT "Answer_optionId_fkey" FOREIGN KEY ("optionId") REFERENCES "Option" ("id") ON DELETE CASCADE ON UPDATE CASCADE,
    CONSTRAINT "Answer_sessionId_fkey" FOREIGN KEY ("sessionId") REFERENCES "PracticeSession" ("id") ON DELETE SET NULL ON UPDATE CASCADE
);
-- Backfill: a student's earliest answer to a question (any version) is their
-- first attempt; ties on the instant are broken by id so exactly one counts.
-- One sort of the table (a window function), not a lookup per answer.
INSERT INTO "new_Answer" ("attemptToken", "confidence", "correct", "createdAt", "id", "optionId", "questionId", "questionVersionId", "responseMs", "sessionId", "userId", "firstAttempt")
SELECT "attemptToken", "confidence", "correct", "createdAt", "id", "optionId", "questionId", "questionVersionId", "responseMs", "sessionId", "userId",
       ROW_NUMBER() OVER (PARTITION BY "userId", "questionId" ORDER BY "createdAt", "id") = 1
FROM "Answer";
DROP TABLE "Answer";
ALTER TABLE "new_Answer" RENAME TO "Answer";
CREATE INDEX "Answer_userId_createdAt_idx" ON "Answer"("userId", "createdAt");
CREATE INDEX "Answer_questionId_createdAt_idx" ON "Answer"("questionId", "createdAt");
CREATE INDEX "Answer_sessionId_idx" ON "Answer"("sessionId");
CREATE INDEX "Answer_questionVersionId_firstAttempt_idx" ON "Answer"("questionVersionId", "firstAttempt", "optionId", "userId", "correct", "confidence");
CREATE UNIQUE INDEX "Answer_userId_attemptToken_key" ON "Answer"("userId", "attemptToken");
PRAGMA foreign_keys=ON;
PRAGMA defer_foreign_keys=OFF;

-- CreateIndex
CREATE INDEX "Question_authorId_idx" ON "Question"("authorId");

-- CreateIndex
CREATE INDEX "QuestionVersion_authorId_idx" ON "QuestionVersion"("authorId");

-- CreateIndex
CREATE INDEX "MockExam_subjectId_idx" ON "MockExam"("subjectId");

