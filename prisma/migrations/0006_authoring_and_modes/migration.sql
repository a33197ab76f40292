-- Authoring (review statuses, tags, search text, problem reports, audit),
-- practice modes (drills, bookmarks, mock exams) and per-subject enrolments.

-- AlterTable
ALTER TABLE "User" ADD COLUMN "currentSubjectId" TEXT;

-- AlterTable
ALTER TABLE "QuestionVersion" ADD COLUMN "authorId" TEXT;

-- AlterTable
ALTER TABLE "QuestionCalibration" ADD COLUMN "facility" REAL;

-- CreateTable
CREATE TABLE "Enrolment" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "userId" TEXT NOT NULL,
    "subjectId" TEXT NOT NULL,
    "examDate" DATETIME,
    "dailyGoal" INTEGER,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    CONSTRAINT "Enrolment_userId_fkey" FOREIGN KEY ("userId") REFERENCES "User" ("id") ON DELETE CASCADE ON UPDATE CASCADE,
    CONSTRAINT "Enrolment_subjectId_fkey" FOREIGN KEY ("subjectId") REFERENCES "Subject" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "Bookmark" (
    "userId" TEXT NOT NULL,
    "questionId" TEXT NOT NULL,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,

    PRIMARY KEY ("userId", "questionId"),
    CONSTRAINT "Bookmark_userId_fkey" FOREIGN KEY ("userId") REFERENCES "User" ("id") ON DELETE CASCADE ON UPDATE CASCADE,
    CONSTRAINT "Bookmark_questionId_fkey" FOREIGN KEY ("questionId") REFERENCES "Question" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "MockExam" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "userId" TEXT NOT NULL,
    "subjectId" TEXT NOT NULL,
    "questionCount" INTEGER NOT NULL,
    "timeLimitSec" INTEGER,
    "startedAt" DATETIME NOT NULL,
    "deadline" DATETIME,
    "timerHidden" BOOLEAN NOT NULL DEFAULT false,
    "submittedAt" DATETIME,
    "endedBy" TEXT,
    "correctCount" INTEGER,
    CONSTRAINT "MockExam_userId_fkey" FOREIGN KEY ("userId") REFERENCES "User" ("id") ON DELETE CASCADE ON UPDATE CASCADE,
    CONSTRAINT "MockExam_subjectId_fkey" FOREIGN KEY ("subjectId") REFERENCES "Subject" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "ProblemReport" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "userId" TEXT NOT NULL,
    "questionId" TEXT NOT NULL,
    "questionVersionId" TEXT NOT NULL,
    "category" TEXT NOT NULL,
    "reason" TEXT NOT NULL,
    "status" TEXT NOT NULL DEFAULT 'OPEN',
    "resolutionNote" TEXT,
    "resolvedById" TEXT,
    "resolvedAt" DATETIME,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    CONSTRAINT "ProblemReport_userId_fkey" FOREIGN KEY ("userId") REFERENCES "User" ("id") ON DELETE CASCADE ON UPDATE CASCADE,
    CONSTRAINT "ProblemReport_resolvedById_fkey" FOREIGN KEY ("resolvedById") REFERENCES "User" ("id") ON DELETE SET NULL ON UPDATE CASCADE,
    CONSTRAINT "ProblemReport_questionId_fkey" FOREIGN KEY ("questionId") REFERENCES "Question" ("id") ON DELETE CASCADE ON UPDATE CASCADE,
    CONSTRAINT "ProblemReport_questionVersionId_fkey" FOREIGN KEY ("questionVersionId") REFERENCES "QuestionVersion" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "AuditEntry" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "actorId" TEXT,
    "action" TEXT NOT NULL,
    "entityType" TEXT NOT NULL,
    "entityId" TEXT,
    "summary" TEXT NOT NULL,
    "details" JSONB,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    CONSTRAINT "AuditEntry_actorId_fkey" FOREIGN KEY ("actorId") REFERENCES "User" ("id") ON DELETE SET NULL ON UPDATE CASCADE
);

-- RedefineTables
PRAGMA defer_foreign_keys=ON;
PRAGMA foreign_keys=OFF;
CREATE TABLE "new_Question" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "slug" TEXT NOT NULL,
    "topicId" TEXT NOT NULL,
    "status" TEXT NOT NULL DEFAULT 'DRAFT',
    "difficulty" TEXT NOT NULL DEFAULT 'MEDIUM',
    "kind" TEXT NOT NULL DEFAULT 'RECALL',
    "sources" JSONB NOT NULL,
    "tags" JSONB NOT NULL DEFAULT '[]',
    "authorId" TEXT,
    "currentVersion" INTEGER NOT NULL DEFAULT 1,
    "searchText" TEXT NOT NULL DEFAULT '',
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" DATETIME NOT NULL,
    CONSTRAINT "Question_topicId_fkey" FOREIGN KEY ("topicId") REFERENCES "Topic" ("id") ON DELETE RESTRICT ON UPDATE CASCADE,
    CONSTRAINT "Question_authorId_fkey" FOREIGN KEY ("authorId") REFERENCES "User" ("id") ON DELETE SET NULL ON UPDATE CASCADE
);
INSERT INTO "new_Question" ("authorId", "createdAt", "currentVersion", "difficulty", "id", "kind", "slug", "sources", "status", "topicId", "updatedAt") SELECT "authorId", "createdAt", "currentVersion", "difficulty", "id", "kind", "slug", "sources", "status", "topicId", "updatedAt" FROM "Question";
DROP TABLE "Question";
ALTER TABLE "new_Question" RENAME TO "Question";
CREATE UNIQUE INDEX "Question_slug_key" ON "Question"("slug");
CREATE INDEX "Question_topicId_status_idx" ON "Question"("topicId", "status");
CREATE INDEX "Question_status_updatedAt_idx" ON "Question"("status", "updatedAt");
CREATE INDEX "Question_difficulty_idx" ON "Question"("difficulty");
CREATE INDEX "Question_kind_idx" ON "Question"("kind");
CREATE INDEX "Question_updatedAt_idx" ON "Question"("updatedAt");
CREATE TABLE "new_Presentation" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "userId" TEXT NOT NULL,
    "questionId" TEXT NOT NULL,
    "questionVersionId" TEXT NOT NULL,
    "optionOrder" JSONB NOT NULL,
    "mode" TEXT NOT NULL DEFAULT 'ADAPTIVE',
    "reason" TEXT NOT NULL DEFAULT '',
    "sessionId" TEXT,
    "topicId" TEXT,
    "mockExamId" TEXT,
    "position" INTEGER,
    "selectedOptionId" TEXT,
    "flagged" BOOLEAN NOT NULL DEFAULT false,
    "issuedAt" DATETIME NOT NULL,
    "answeredAt" DATETIME,
    "answerId" TEXT,
    CONSTRAINT "Presentation_userId_fkey" FOREIGN KEY ("userId") REFERENCES "User" ("id") ON DELETE CASCADE ON UPDATE CASCADE,
    CONSTRAINT "Presentation_answerId_fkey" FOREIGN KEY ("answerId") REFERENCES "Answer" ("id") ON DELETE SET NULL ON UPDATE CASCADE,
    CONSTRAINT "Presentation_sessionId_fkey" FOREIGN KEY ("sessionId") REFERENCES "PracticeSession" ("id") ON DELETE SET NULL ON UPDATE CASCADE,
    CONSTRAINT "Presentation_mockExamId_fkey" FOREIGN KEY ("mockExamId") REFERENCES "MockExam" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);
INSERT INTO "new_Presentation" ("answerId", "answeredAt", "id", "issuedAt", "mode", "optionOrder", "questionId", "questionVersionId", "reason", "sessionId", "userId") SELECT "answerId", "answeredAt", "id", "issuedAt", "mode", "optionOrder", "questionId", "questionVersionId", "reason", "sessionId", "userId" FROM "Presentation";
DROP TABLE "Presentation";
ALTER TABLE "new_Presentation" RENAME TO "Presentation";
CREATE UNIQUE INDEX "Presentation_answerId_key" ON "Presentation"("answerId");
CREATE INDEX "Presentation_userId_issuedAt_idx" ON "Presentation"("userId", "issuedAt");
CREATE INDEX "Presentation_userId_mode_issuedAt_idx" ON "Presentation"("userId", "mode", "issuedAt");
CREATE UNIQUE INDEX "Presentation_mockExamId_position_key" ON "Presentation"("mockExamId", "position");
CREATE TABLE "new_StudyDay" (
    "userId" TEXT NOT NULL,
    "subjectId" TEXT NOT NULL,
    "day" TEXT NOT NULL,
    "answered" INTEGER NOT NULL DEFAULT 0,
    "correct" INTEGER NOT NULL DEFAULT 0,

    PRIMARY KEY ("userId", "subjectId", "day"),
    CONSTRAINT "StudyDay_userId_fkey" FOREIGN KEY ("userId") REFERENCES "User" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);
-- Every study day so far was IPT, the only subject before this migration.
INSERT INTO "new_StudyDay" ("answered", "correct", "day", "userId", "subjectId")
SELECT "answered", "correct", "day", "userId",
       COALESCE((SELECT "id" FROM "Subject" WHERE "slug" = 'ipt'), (SELECT "id" FROM "Subject" ORDER BY "createdAt" LIMIT 1), '')
FROM "StudyDay";
DROP TABLE "StudyDay";
ALTER TABLE "new_StudyDay" RENAME TO "StudyDay";
PRAGMA foreign_keys=ON;
PRAGMA defer_foreign_keys=OFF;

-- CreateIndex
CREATE INDEX "Enrolment_subjectId_idx" ON "Enrolment"("subjectId");

-- CreateIndex
CREATE UNIQUE INDEX "Enrolment_userId_subjectId_key" ON "Enrolment"("userId", "subjectId");

-- CreateIndex
CREATE INDEX "Bookmark_userId_createdAt_idx" ON "Bookmark"("userId", "createdAt");

-- CreateIndex
CREATE INDEX "MockExam_userId_startedAt_idx" ON "MockExam"("userId", "startedAt");

-- CreateIndex
CREATE INDEX "ProblemReport_status_createdAt_idx" ON "ProblemReport"("status", "createdAt");

-- CreateIndex
CREATE INDEX "ProblemReport_questionId_status_idx" ON "ProblemReport"("questionId", "status");

-- CreateIndex
CREATE UNIQUE INDEX "ProblemReport_userId_questionVersionId_key" ON "ProblemReport"("userId", "questionVersionId");

-- CreateIndex
CREATE INDEX "AuditEntry_entityType_entityId_createdAt_idx" ON "AuditEntry"("entityType", "entityId", "createdAt");

-- CreateIndex
CREATE INDEX "AuditEntry_createdAt_idx" ON "AuditEntry"("createdAt");

-- CreateIndex
CREATE INDEX "QuestionCalibration_attempts_idx" ON "QuestionCalibration"("attempts");

-- CreateIndex
CREATE INDEX "QuestionCalibration_facility_idx" ON "QuestionCalibration"("facility");


-- Data: what existed before keeps working.
-- Search text of every question's current version (slug, stem and options).
UPDATE "Question" SET "searchText" = lower(
  "slug" || ' ' ||
  COALESCE((SELECT v."stem" FROM "QuestionVersion" v WHERE v."questionId" = "Question"."id" AND v."version" = "Question"."currentVersion"), '') || ' ' ||
  COALESCE((SELECT group_concat(o."text", ' ') FROM "Option" o JOIN "QuestionVersion" v ON o."versionId" = v."id"
            WHERE v."questionId" = "Question"."id" AND v."version" = "Question"."currentVersion"), '')
);

UPDATE "QuestionCalibration" SET "facility" = CAST("firstCorrect" AS REAL) / "firstAttempts" WHERE "firstAttempts" > 0;

-- Students who set an exam date or goal, or practised, are enrolled in IPT with it.
INSERT INTO "Enrolment" ("id", "userId", "subjectId", "examDate", "dailyGoal", "createdAt")
SELECT 'enr_' || u."id", u."id", s."id", u."examDate", u."dailyGoal", u."createdAt"
FROM "User" u JOIN "Subject" s ON s."slug" = 'ipt'
WHERE u."examDate" IS NOT NULL OR u."dailyGoal" IS NOT NULL OR EXISTS (SELECT 1 FROM "Answer" a WHERE a."userId" = u."id");

UPDATE "User" SET "currentSubjectId" = (SELECT "subjectId" FROM "Enrolment" e WHERE e."userId" = "User"."id")
WHERE EXISTS (SELECT 1 FROM "Enrolment" e WHERE e."userId" = "User"."id");
