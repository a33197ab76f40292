-- The student's later reviews in bins (lib/scheduler/memory-evidence.ts): the fit the scheduler uses (decision 0004, third pass).
ALTER TABLE "User" ADD COLUMN "memoryEvidence" TEXT;
