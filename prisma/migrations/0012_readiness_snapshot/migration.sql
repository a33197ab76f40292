-- AlterTable
ALTER TABLE "Enrolment" ADD COLUMN "questionsMet" INTEGER;
ALTER TABLE "Enrolment" ADD COLUMN "readinessAt" DATETIME;
ALTER TABLE "Enrolment" ADD COLUMN "readinessExamHigh" REAL;
ALTER TABLE "Enrolment" ADD COLUMN "readinessExamLow" REAL;
ALTER TABLE "Enrolment" ADD COLUMN "readinessExamScore" REAL;
ALTER TABLE "Enrolment" ADD COLUMN "readinessHigh" REAL;
ALTER TABLE "Enrolment" ADD COLUMN "readinessIdleScore" REAL;
ALTER TABLE "Enrolment" ADD COLUMN "readinessLow" REAL;
ALTER TABLE "Enrolment" ADD COLUMN "readinessScore" REAL;
ALTER TABLE "Enrolment" ADD COLUMN "topicScores" TEXT;

