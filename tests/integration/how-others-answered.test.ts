import { describe, expect, it } from "vitest";
import { getDb } from "@/lib/server/db";
import { mockExamResults, openMockExam, saveMockItem, startMockExam, submitMockExam } from "@/lib/services/mock-exam";
import { currentPresentation, presentationForStudent, recordAnswer } from "@/lib/services/practice";
import { practiceScreen } from "@/lib/services/practice-screen";
import { startMockExamSchema } from "@/lib/validation/mock-exam";
import { submitAnswerSchema } from "@/lib/validation/practice";
import { createAnswer } from "../factories/answers";
import { createPresentation } from "../factories/presentations";
import { createQuestion, createTopic } from "../factories/questions";
import { createUser } from "../factories/users";

const NOW = new Date("2026-12-02T10:00:00Z");
const before = (minutes: number) => new Date(NOW.getTime() - minutes * 60_000);

/** `count` students' first attempts at a question's first version: option i % 4 (option 1 is the key). */
async function othersAnswer(question: Awaited<ReturnType<typeof createQuestion>>, count: number) {
  for (let i = 0; i < count; i += 1) {
    const user = await createUser();
    await createAnswer(user.id, question, { optionIndex: i % 4, createdAt: before(60 - i) });
  }
}

/** Nothing of other students' answers in what the browser gets before answering. */
function expectNoOthers(data: unknown) {
  expect(JSON.stringify(data)).not.toMatch(/others|shares|students/);
}

describe("how others answered, in practice", () => {
  it("is not shown with 19 students, is shown with 20, and never before the student's own answer", async () => {
    const question = await createQuestion();
    await othersAnswer(question, 18);
    const student = await createUser();

    const view = await currentPresentation(student.id, undefined, NOW);
    expect(view!.result).toBeNull();
    expectNoOthers(view);
    expectNoOthers(await practiceScreen(student.id, view!));

    // The 19th student: not enough yet.
    const option = question.versions[0]!.options[1]!;
    const nineteenth = await recordAnswer(student.id, submitAnswerSchema.parse({ presentationId: view!.presentationId, optionId: option.id }), NOW);
    expect(nineteenth.others).toBeNull();

    // A 20th student answers: both see the shares now (the first student on their answered presentation).
    const last = await createUser();
    const presentation = await createPresentation(last.id, question, { issuedAt: NOW });
    const twentieth = await recordAnswer(last.id, submitAnswerSchema.parse({ presentationId: presentation.id, optionId: option.id }), NOW);
    // 20 first attempts: options 0-3 chosen 5, 5, 4, 4 times by the first 18, plus two more of option 1 (the key).
    const [a, b, c, d] = question.versions[0]!.options.map((o) => o.id) as [string, string, string, string];
    expect(twentieth.others).toEqual({ students: 20, facility: 7 / 20, shares: { [a]: 5 / 20, [b]: 7 / 20, [c]: 4 / 20, [d]: 4 / 20 } });
    expect((await presentationForStudent(student.id, view!.presentationId))!.result!.others).toEqual(twentieth.others);

    // A student's later answers are not first attempts: they change nothing.
    const again = await createPresentation(last.id, question, { issuedAt: NOW });
    const repeat = await recordAnswer(last.id, submitAnswerSchema.parse({ presentationId: again.id, optionId: a }), NOW);
    expect(repeat.others).toEqual(twentieth.others);

    // The next question issued after an answer carries nothing of others' answers either.
    const other = await createQuestion({ topicId: question.topicId });
    await othersAnswer(other, 25);
    const fresh = await createUser();
    const next = await currentPresentation(fresh.id, undefined, NOW);
    expect(next!.result).toBeNull();
    expectNoOthers(next);
  });
});

describe("how others answered, on a mock exam's results", () => {
  it("shows the shares on the results of items 20 students have answered, and nothing while the exam is open", async () => {
    const topic = await createTopic();
    const questions = [];
    for (let i = 0; i < 5; i += 1) questions.push(await createQuestion({ topicId: topic.id }));
    await othersAnswer(questions[0]!, 19);

    const student = await createUser();
    const { examId } = await startMockExam(student.id, startMockExamSchema.parse({ questionCount: 5, timer: "off" }), NOW);
    const open = await openMockExam(student.id, examId, 0, NOW);
    expect(open.status).toBe("open");
    expectNoOthers(open);
    const items = await getDb().presentation.findMany({ where: { mockExamId: examId }, select: { id: true, questionId: true, optionOrder: true } });
    for (const item of items) await saveMockItem(student.id, { examId, presentationId: item.id, optionId: (item.optionOrder as string[])[0]! }, NOW);
    await submitMockExam(student.id, examId, NOW);

    const results = await mockExamResults(student.id, examId, NOW);
    if (results.status !== "submitted") throw new Error("the exam was not submitted");
    for (const item of results.results.items) {
      const questionId = items.find((i) => i.id === item.presentationId)!.questionId;
      if (questionId === questions[0]!.id) {
        // 19 others and this student's own first attempt.
        expect(item.others?.students).toBe(20);
        expect(Object.values(item.others!.shares).reduce((s, v) => s + v, 0)).toBeCloseTo(1, 12);
      } else {
        expect(item.others).toBeNull();
      }
    }
  });
});
