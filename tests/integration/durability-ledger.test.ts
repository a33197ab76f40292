import { describe, expect, it } from "vitest";
import { getDb } from "@/lib/server/db";
import { recordAnswer } from "@/lib/services/practice";
import { submitAnswerSchema } from "@/lib/validation/practice";
import { check } from "../durability/ledger";
import { createPresentation } from "../factories/presentations";
import { createQuestion } from "../factories/questions";
import { createUser } from "../factories/users";

/**
 * The durability run (npm run test:durability) passes when its checks find
 * nothing; these show that they find what they look for: an acknowledged
 * answer that is missing or stored with another option, and each kind of
 * row an answer's transaction writes, left out.
 */
describe("the durability run's checks", () => {
  async function answered(count: number) {
    const question = await createQuestion();
    const option = question.versions[0]!.options[0]!;
    const student = await createUser();
    const acknowledged = [];
    for (let i = 0; i < count; i += 1) {
      const presentation = await createPresentation(student.id, question);
      await recordAnswer(student.id, submitAnswerSchema.parse({ presentationId: presentation.id, optionId: option.id }));
      acknowledged.push({ presentationId: presentation.id, optionId: option.id, email: student.email });
    }
    return { question, student, acknowledged };
  }

  it("find nothing wrong after answers written by the app", async () => {
    const { acknowledged } = await answered(3);
    const report = await check(process.env.DATABASE_URL!, acknowledged, 5, 0);
    expect(report).toMatchObject({ acknowledged: 3, stored: 3, lost: 0, duplicated: 0, wrongOption: 0, storedUnacknowledged: 0, halfWritten: 0 });
  });

  it("count an acknowledged answer that is not stored as lost, and one stored with another option", async () => {
    const { question, acknowledged } = await answered(2);
    const other = question.versions[0]!.options[1]!;
    const report = await check(
      process.env.DATABASE_URL!,
      [{ ...acknowledged[0]!, optionId: other.id }, acknowledged[1]!, { ...acknowledged[1]!, presentationId: "never-stored" }],
      5,
      0,
    );
    expect(report).toMatchObject({ lost: 1, wrongOption: 1 });
  });

  it("find an answer whose learner-model rows and study day were not written with it", async () => {
    const { student, acknowledged } = await answered(2);
    const db = getDb();
    await db.memoryState.updateMany({ where: { userId: student.id }, data: { reps: { increment: 1 } } });
    const firstMemory = await db.memoryState.findFirstOrThrow({ where: { userId: student.id }, select: { id: true, firstCorrect: true } });
    await db.memoryState.update({ where: { id: firstMemory.id }, data: { firstCorrect: !firstMemory.firstCorrect } });
    await db.studyDay.updateMany({ where: { userId: student.id }, data: { answered: { increment: 1 } } });
    await db.topicAbility.updateMany({ where: { userId: student.id }, data: { attempts: 0 } });
    await db.questionCalibration.updateMany({ data: { attempts: 7 } });
    await db.presentation.updateMany({ where: { id: acknowledged[0]!.presentationId }, data: { answeredAt: null } });
    const report = await check(process.env.DATABASE_URL!, acknowledged, 5, 0);
    expect(report.halfWrittenDetail).toEqual({
      answersWithoutTheirPresentation: 0,
      presentationsHalfClosed: 1,
      memoryStatesOutOfStep: 1,
      memoryStatesWithoutAnswers: 0,
      memoryFirstAnswersOutOfStep: 1,
      calibrationsOutOfStep: 1,
      topicAbilitiesOutOfStep: 1,
      firstAttemptsNotOne: 0,
      studyDaysOutOfStep: 1,
    });
    expect(report.halfWritten).toBe(6);
  });

  it("find a memory row whose first answer's \"I guessed\" mark is not the one that answer was given with", async () => {
    const { student, acknowledged } = await answered(2);
    const db = getDb();
    expect((await check(process.env.DATABASE_URL!, acknowledged, 5, 0)).halfWritten).toBe(0);
    await db.memoryState.updateMany({ where: { userId: student.id }, data: { firstGuessed: true } });
    const report = await check(process.env.DATABASE_URL!, acknowledged, 5, 0);
    expect(report.halfWrittenDetail.memoryFirstAnswersOutOfStep).toBe(1);
    expect(report.halfWritten).toBe(1);
  });

  it("find an answer whose presentation was not closed with it", async () => {
    const { acknowledged } = await answered(1);
    await getDb().presentation.updateMany({ where: { id: acknowledged[0]!.presentationId }, data: { answerId: null, answeredAt: null } });
    const report = await check(process.env.DATABASE_URL!, acknowledged, 5, 0);
    expect(report.halfWrittenDetail.answersWithoutTheirPresentation).toBe(1);
  });
});
