import { describe, expect, it } from "vitest";
import { getDb } from "@/lib/server/db";
import { recordAnswer } from "@/lib/services/practice";
import { submitAnswerSchema } from "@/lib/validation/practice";
import { createPresentation } from "../factories/presentations";
import { createQuestion } from "../factories/questions";
import { createUser } from "../factories/users";

/**
 * A question's calibration counts every first and later answer of every
 * student. On PostgreSQL each answer's transaction has its own connection,
 * so a read-then-write of the counters would lose answers that commit in
 * between (scheduling.ts locks the row). Runs on whichever database the
 * integration suite uses (npm run test:pg for PostgreSQL).
 */
describe("50 students answering one question at once", () => {
  it("counts every answer in the question's calibration, the answers and the study days", async () => {
    const question = await createQuestion();
    const options = question.versions[0]!.options;
    const correctOption = options.find((o) => o.correct)!;
    const wrongOption = options.find((o) => !o.correct)!;
    const students = await Promise.all(Array.from({ length: 50 }, () => createUser()));
    const presentations = await Promise.all(students.map((s) => createPresentation(s.id, question)));

    const results = await Promise.all(
      students.map((student, i) =>
        recordAnswer(
          student.id,
          submitAnswerSchema.parse({ presentationId: presentations[i]!.id, optionId: (i % 5 < 2 ? correctOption : wrongOption).id }),
        ),
      ),
    );

    const correct = results.filter((r) => r.correct).length;
    expect(correct).toBe(20);
    const db = getDb();
    expect(await db.answer.count({ where: { questionId: question.id } })).toBe(50);
    const calibration = await db.questionCalibration.findUniqueOrThrow({ where: { questionId: question.id } });
    expect(calibration).toMatchObject({ attempts: 50, correct: 20, firstAttempts: 50, firstCorrect: 20 });
    expect(calibration.facility).toBeCloseTo(20 / 50, 10);
    expect(await db.memoryState.count({ where: { questionId: question.id } })).toBe(50);
    const days = await db.studyDay.findMany({ select: { answered: true } });
    expect(days.reduce((sum, d) => sum + d.answered, 0)).toBe(50);
  });
});
