-- CreateTable
CREATE TABLE "Throttle" (
    "key" TEXT NOT NULL PRIMARY KEY,
    "windowStart" DATETIME NOT NULL,
    "count" INTEGER NOT NULL
);

-- RedefineTables
PRAGMA defer_foreign_keys=ON;
PRAGMA foreign_keys=OFF;
CREATE TABLE "new_User" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "email" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "passwordHash" TEXT NOT NULL,
    "role" TEXT NOT NULL DEFAULT 'STUDENT',
    "examDate" DATETIME,
    "dailyGoal" INTEGER,
    "sessionVersion" INTEGER NOT NULL DEFAULT 0,
    "demoAccount" BOOLEAN NOT NULL DEFAULT false,
    "memoryStabilityScale" REAL NOT NULL DEFAULT 1,
    "memoryDecay" REAL,
    "memoryFitReviews" INTEGER NOT NULL DEFAULT 0,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" DATETIME NOT NULL
);
INSERT INTO "new_User" ("createdAt", "dailyGoal", "email", "examDate", "id", "memoryDecay", "memoryFitReviews", "memoryStabilityScale", "name", "passwordHash", "role", "updatedAt") SELECT "createdAt", "dailyGoal", "email", "examDate", "id", "memoryDecay", "memoryFitReviews", "memoryStabilityScale", "name", "passwordHash", "role", "updatedAt" FROM "User";
DROP TABLE "User";
ALTER TABLE "new_User" RENAME TO "User";
CREATE UNIQUE INDEX "User_email_key" ON "User"("email");
CREATE INDEX "User_demoAccount_idx" ON "User"("demoAccount");
PRAGMA foreign_keys=ON;
PRAGMA defer_foreign_keys=OFF;

-- CreateIndex
CREATE INDEX "Throttle_windowStart_idx" ON "Throttle"("windowStart");

