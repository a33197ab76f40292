-- AlterTable
ALTER TABLE "Classroom" ADD COLUMN "examDate" DATETIME;

