import { describe, expect, it, vi } from "vitest";
import { getDb } from "@/lib/server/db";
import { ADAPTIVE, currentPresentation, recordAnswer } from "@/lib/services/practice";
import { studentDashboardOf } from "@/lib/services/student-dashboard";
import { submitAnswerSchema } from "@/lib/validation/practice";
import { enrol } from "../factories/enrolments";
import { createPresentation } from "../factories/presentations";
import { createQuestion, createTopic } from "../factories/questions";
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

/**
 * One student's answers reach the server at once (two tabs, a double tap,
 * two app servers): the learner model's rows they share (the student's
 * forgetting-curve evidence, the topic's ability, the question's memory) are
 * read and written by one answer at a time, and an answer whose clock reads
 * earlier than one that committed before it is still stored.
 */
describe("one student answering several questions at once", () => {
  const T0 = new Date("2026-12-02T10:00:00Z");
  const at = (ms: number) => new Date(T0.getTime() + ms);

  /**
   * One student answers one question twice, right both times, with the
   * answers applied in the order given, each at its own clock (ms after T0);
   * returns the question's memory row afterwards.
   */
  async function answerTwiceInOrder(clocks: readonly [number, number]) {
    const student = await createUser();
    const question = await createQuestion();
    const key = question.versions[0]!.options[1]!.id;
    for (const ms of clocks) {
      const presentation = await createPresentation(student.id, question, { issuedAt: T0 });
      await recordAnswer(student.id, submitAnswerSchema.parse({ presentationId: presentation.id, optionId: key }), at(ms));
    }
    const db = getDb();
    expect(await db.answer.count({ where: { userId: student.id, correct: true } })).toBe(2);
    return db.memoryState.findUniqueOrThrow({ where: { userId_questionId: { userId: student.id, questionId: question.id } } });
  }

  it("stores an answer whose clock reads before the memory's last review (another answer committed first), and never moves that review back", async () => {
    // The later clock commits first; the earlier one then finds the review ahead of it.
    const memory = await answerTwiceInOrder([900, 400]);
    expect(memory.reps).toBe(2);
    expect(memory.lastReview).toEqual(at(900));
  });

  it("reviews at the answer's own time when the stored review is days ahead (a clock that was wrong), and still stores it", async () => {
    const warn = vi.spyOn(console, "warn").mockImplementation(() => undefined);
    let memory;
    try {
      memory = await answerTwiceInOrder([3 * 86_400_000, 1000]);
      expect(warn).toHaveBeenCalledOnce();
    } finally {
      warn.mockRestore();
    }
    expect(memory.reps).toBe(2);
    expect(memory.lastReview).toEqual(at(1000));
  });

  it("issues the next question and shows the dashboard when a review's time is a moment ahead of the request's clock", async () => {
    const student = await createUser();
    const topic = await createTopic();
    const questions = [await createQuestion({ topicId: topic.id }), await createQuestion({ topicId: topic.id })];
    await enrol(student.id, topic.subjectId, { examDate: at(14 * 86_400_000) });
    const presentation = await createPresentation(student.id, questions[0]!, { issuedAt: T0 });
    await recordAnswer(student.id, submitAnswerSchema.parse({ presentationId: presentation.id, optionId: questions[0]!.versions[0]!.options[1]!.id }), at(900));

    // A request that read its clock before that answer committed.
    const next = await currentPresentation(student.id, ADAPTIVE, at(400));
    expect(next).not.toBeNull();
    const dashboard = await studentDashboardOf(student.id, topic.subjectId, at(400));
    expect(dashboard?.readiness).toBeDefined();
  });

  it("ten tabs asking for a question at once get one presentation, in one practice session", async () => {
    const student = await createUser();
    const topic = await createTopic();
    for (let i = 0; i < 5; i += 1) await createQuestion({ topicId: topic.id });
    await enrol(student.id, topic.subjectId, { examDate: at(14 * 86_400_000) });

    const views = await Promise.all(Array.from({ length: 10 }, () => currentPresentation(student.id, ADAPTIVE, T0)));

    expect(new Set(views.map((v) => v?.presentationId)).size).toBe(1);
    const db = getDb();
    expect(await db.presentation.count({ where: { userId: student.id } })).toBe(1);
    expect(await db.practiceSession.count({ where: { userId: student.id } })).toBe(1);
  });

  it("counts every one of ten concurrent answers in the topic's ability and the student's forgetting-curve fit", async () => {
    const student = await createUser();
    const topic = await createTopic();
    const questions = await Promise.all(Array.from({ length: 10 }, () => createQuestion({ topicId: topic.id })));
    const answerAll = (when: Date) =>
      Promise.all(
        questions.map(async (question, i) => {
          const presentation = await createPresentation(student.id, question, { issuedAt: when });
          const optionId = question.versions[0]!.options[i % 2]!.id;
          return recordAnswer(student.id, submitAnswerSchema.parse({ presentationId: presentation.id, optionId }), when);
        }),
      );
    // First answers at once, then every question reviewed at once two days later.
    await answerAll(T0);
    await answerAll(at(2 * 86_400_000));

    const db = getDb();
    const ability = await db.topicAbility.findUniqueOrThrow({ where: { userId_topicId: { userId: student.id, topicId: topic.id } } });
    // Ability moves on first answers only: one per question.
    expect(ability.attempts).toBe(10);
    const user = await db.user.findUniqueOrThrow({ where: { id: student.id }, select: { memoryFitReviews: true } });
    expect(user.memoryFitReviews).toBe(10);
    const memories = await db.memoryState.findMany({ where: { userId: student.id }, select: { reps: true } });
    expect(memories.map((m) => m.reps)).toEqual(Array(10).fill(2));
  });
});
