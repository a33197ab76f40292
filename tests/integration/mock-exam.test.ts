import { describe, expect, it } from "vitest";
import { getDb } from "@/lib/server/db";
import { ActionError } from "@/lib/server/action-client";
import { prismaSql } from "@/lib/server/direct-sql";
import {
  changeMockTimer,
  listMockExams,
  mockExamResults,
  openMockExam,
  runningMockExams,
  saveMockItem,
  startMockExam,
  submitMockExam,
} from "@/lib/services/mock-exam";
import { deleteOwnAccount } from "@/lib/services/account-lifecycle";
import { registerStudent } from "@/lib/services/accounts";
import { setBookmark } from "@/lib/services/bookmarks";
import { lockOwnExamRow, lockUserRow } from "@/lib/services/row-locks";
import { ADAPTIVE, answerAndContinue, currentPresentation, presentationForStudent, recordAnswer, type PracticeScope } from "@/lib/services/practice";
import { deleteAccountSchema } from "@/lib/validation/account";
import { startMockExamSchema } from "@/lib/validation/mock-exam";
import { submitAnswerSchema } from "@/lib/validation/practice";
import { createAnswer } from "../factories/answers";
import { createPresentation } from "../factories/presentations";
import { createQuestion } from "../factories/questions";
import { createUser } from "../factories/users";

const NOW = new Date("2026-12-02T10:00:00Z");
const minutes = (n: number) => new Date(NOW.getTime() + n * 60_000);

/** A subject with two topics weighted 0.75 / 0.25 and `perTopic` published questions in each. */
async function bankWithTwoTopics(perTopic = 10) {
  const db = getDb();
  const subject = await db.subject.create({ data: { slug: `s-${Math.random().toString(36).slice(2, 8)}`, name: "Mock subject" } });
  const heavy = await db.topic.create({ data: { slug: `heavy-${subject.id}`, name: "Heavy topic", subjectId: subject.id, weight: 0.75, position: 0 } });
  const light = await db.topic.create({ data: { slug: `light-${subject.id}`, name: "Light topic", subjectId: subject.id, weight: 0.25, position: 1 } });
  const questions = [];
  for (const topic of [heavy, light]) for (let i = 0; i < perTopic; i += 1) questions.push(await createQuestion({ topicId: topic.id }));
  // A draft in the heavy topic must never be drawn.
  const draft = await createQuestion({ topicId: heavy.id, status: "DRAFT" });
  return { subject, heavy, light, questions, draft };
}

async function examItems(examId: string) {
  return getDb().presentation.findMany({ where: { mockExamId: examId }, orderBy: { position: "asc" } });
}

/** The key of an item (the option stored as correct). */
async function keyOf(item: { questionVersionId: string }) {
  return getDb().option.findFirstOrThrow({ where: { versionId: item.questionVersionId, correct: true }, select: { id: true } });
}

async function writtenState(userId: string) {
  const db = getDb();
  return {
    answers: await db.answer.count({ where: { userId } }),
    memory: await db.memoryState.count({ where: { userId } }),
    memoryReps: (await db.memoryState.findMany({ where: { userId }, select: { reps: true } })).map((m) => m.reps),
    abilities: await db.topicAbility.findMany({ where: { userId }, select: { attempts: true, rating: true }, orderBy: { topicId: "asc" } }),
    days: await db.studyDay.findMany({ where: { userId }, select: { answered: true, correct: true } }),
    exams: await db.mockExam.findMany({ where: { userId }, select: { submittedAt: true, correctCount: true, endedBy: true, deadline: true, timerHidden: true } }),
    items: await db.presentation.findMany({ where: { userId }, select: { selectedOptionId: true, flagged: true, answerId: true }, orderBy: { position: "asc" } }),
  };
}

async function expectRefused(promise: Promise<unknown>, code: string) {
  const error: unknown = await promise.then(
    () => null,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(ActionError);
  expect((error as ActionError).code).toBe(code);
}

describe("starting a mock exam", () => {
  it("draws published questions of the subject to the blueprint, as shuffled MOCK_EXAM presentations 0..N-1", async () => {
    const user = await createUser();
    const { heavy, light, draft } = await bankWithTwoTopics();
    const { examId } = await startMockExam(user.id, startMockExamSchema.parse({ questionCount: 8, timer: "on", minutes: "12" }), NOW);

    const exam = await getDb().mockExam.findUniqueOrThrow({ where: { id: examId } });
    expect(exam).toMatchObject({ userId: user.id, questionCount: 8, timeLimitSec: 720, startedAt: NOW, deadline: minutes(12), submittedAt: null });
    const items = await examItems(examId);
    expect(items.map((i) => i.position)).toEqual([0, 1, 2, 3, 4, 5, 6, 7]);
    expect(items.every((i) => i.mode === "MOCK_EXAM" && i.userId === user.id && i.answerId === null && i.selectedOptionId === null)).toBe(true);
    expect(new Set(items.map((i) => i.questionId)).size).toBe(8);
    expect(items.map((i) => i.questionId)).not.toContain(draft.id);
    const topicOf = await getDb().question.findMany({ where: { id: { in: items.map((i) => i.questionId) } }, select: { topicId: true } });
    // 8 x 0.75 = 6 heavy, 8 x 0.25 = 2 light.
    expect(topicOf.filter((q) => q.topicId === heavy.id)).toHaveLength(6);
    expect(topicOf.filter((q) => q.topicId === light.id)).toHaveLength(2);
    // Every option order is a permutation of the version's options.
    for (const item of items) {
      const options = await getDb().option.findMany({ where: { versionId: item.questionVersionId }, select: { id: true } });
      expect(new Set(item.optionOrder as string[])).toEqual(new Set(options.map((o) => o.id)));
    }
  });

  it("turns the timer off on request and defaults to 1.5 minutes per question", async () => {
    const user = await createUser();
    await bankWithTwoTopics();
    const off = await startMockExam(user.id, startMockExamSchema.parse({ questionCount: 5, timer: "off" }), NOW);
    expect(await getDb().mockExam.findUniqueOrThrow({ where: { id: off.examId } })).toMatchObject({ deadline: null, timeLimitSec: null });
    const timed = await startMockExam(user.id, startMockExamSchema.parse({ questionCount: 6, timer: "on", minutes: "" }), NOW);
    expect(await getDb().mockExam.findUniqueOrThrow({ where: { id: timed.examId } })).toMatchObject({ timeLimitSec: 540, deadline: minutes(9) });
  });

  it("refuses 0, 10000 and more questions than the bank has, writing nothing", async () => {
    const user = await createUser();
    await bankWithTwoTopics(3);
    expect(startMockExamSchema.safeParse({ questionCount: "0" }).success).toBe(false);
    expect(startMockExamSchema.safeParse({ questionCount: "10000" }).success).toBe(false);
    expect(startMockExamSchema.safeParse({ questionCount: "4" }).success).toBe(false);
    expect(startMockExamSchema.safeParse({ questionCount: "101" }).success).toBe(false);
    await expectRefused(startMockExam(user.id, startMockExamSchema.parse({ questionCount: 7 }), NOW), "INVALID_INPUT");
    expect(await getDb().mockExam.count()).toBe(0);
    expect(await getDb().presentation.count()).toBe(0);
  });

  it("prefers questions never met or last answered wrong", async () => {
    const user = await createUser();
    const { light, questions } = await bankWithTwoTopics(4);
    const lightQuestions = questions.filter((q) => q.topicId === light.id);
    // Three of the four light questions were answered right last time; one was wrong.
    for (const [index, q] of lightQuestions.entries()) {
      await createAnswer(user.id, q, { optionIndex: index === 0 ? 0 : 1, createdAt: minutes(-60) });
    }
    // 4 seats x 0.25 = 1 light seat: always the one answered wrong.
    for (let run = 0; run < 5; run += 1) {
      const { examId } = await startMockExam(user.id, startMockExamSchema.parse({ questionCount: 5, timer: "off" }), NOW);
      const drawn = (await examItems(examId)).map((i) => i.questionId);
      const drawnLight = lightQuestions.filter((q) => drawn.includes(q.id)).map((q) => q.id);
      expect(drawnLight).toEqual([lightQuestions[0]!.id]);
      // Ended, so the next draw may take its questions again (a running exam's are left out).
      await submitMockExam(user.id, examId, NOW);
    }
  });

  it("starts one exam for one start form however often it is posted, also at once; another form or another student starts another", async () => {
    const user = await createUser();
    const other = await createUser();
    // Room for three exams running at once, which never share a question.
    await bankWithTwoTopics(10);
    const form = (token: string) => startMockExamSchema.parse({ questionCount: 5, timer: "off", startToken: token });
    const token = "start-0123456789abcdef";

    const first = await startMockExam(user.id, form(token), NOW);
    // A double click, a retry after a lost connection, two posts racing.
    const again = await Promise.all([startMockExam(user.id, form(token), minutes(1)), startMockExam(user.id, form(token), minutes(1))]);
    expect(again.map((e) => e.examId)).toEqual([first.examId, first.examId]);
    expect(await getDb().mockExam.count({ where: { userId: user.id } })).toBe(1);
    expect(await getDb().presentation.count({ where: { mockExamId: first.examId } })).toBe(5);

    // A new rendering of the form has a new token; the same token from another student is theirs alone.
    const second = await startMockExam(user.id, form("start-fedcba9876543210"), minutes(2));
    const theirs = await startMockExam(other.id, form(token), minutes(2));
    expect(new Set([first.examId, second.examId, theirs.examId]).size).toBe(3);
    expect(await getDb().mockExam.count()).toBe(3);

    // Two posts of a new form at once, before either has started anything: one exam (on PostgreSQL, through the unique index).
    const racing = "start-race-0123456789";
    const raced = await Promise.all([startMockExam(user.id, form(racing), minutes(2)), startMockExam(user.id, form(racing), minutes(2))]);
    expect(raced[1]).toEqual(raced[0]);
    expect(await getDb().mockExam.count({ where: { userId: user.id, startToken: racing } })).toBe(1);

    // The same form shown again once its exam has ended (the Back button) starts one new exam, posted twice at once or not.
    await submitMockExam(user.id, first.examId, minutes(3));
    const afterEnd = await Promise.all([startMockExam(user.id, form(token), minutes(4)), startMockExam(user.id, form(token), minutes(4))]);
    expect(afterEnd[0].examId).not.toBe(first.examId);
    expect(afterEnd[1]).toEqual(afterEnd[0]);
    expect(await startMockExam(user.id, form(token), minutes(5))).toEqual(afterEnd[0]);
    // first, second, the raced one and the one after the end.
    expect(await getDb().mockExam.count({ where: { userId: user.id } })).toBe(4);

    // Not a token: refused by the form's schema.
    for (const bad of ["", "short", "x".repeat(200), "has spaces in it here"]) {
      expect(startMockExamSchema.safeParse({ questionCount: "5", startToken: bad }).success, bad).toBe(false);
    }
  });
});

describe("taking a mock exam", () => {
  it("changes selections and flags, keeps them for a reload, refuses foreign options and items", async () => {
    const user = await createUser();
    await bankWithTwoTopics();
    const { examId } = await startMockExam(user.id, startMockExamSchema.parse({ questionCount: 5, timer: "on", minutes: "10" }), NOW);
    const [first, second] = await examItems(examId);
    const order = first!.optionOrder as string[];

    await saveMockItem(user.id, { examId, presentationId: first!.id, optionId: order[0] }, minutes(1));
    await saveMockItem(user.id, { examId, presentationId: first!.id, optionId: order[2] }, minutes(2));
    await saveMockItem(user.id, { examId, presentationId: second!.id, flagged: true }, minutes(2));
    const view = await openMockExam(user.id, examId, 0, minutes(3));
    expect(view.status).toBe("open");
    if (view.status !== "open") return;
    expect(view.view.current.selectedOptionId).toBe(order[2]);
    expect(view.view.items.slice(0, 2)).toEqual([
      { position: 0, answered: true, flagged: false },
      { position: 1, answered: false, flagged: true },
    ]);
    expect(view.view.current.options.map((o) => o.id)).toEqual(order);
    // The exam view never carries the key, feedback or explanation.
    expect(JSON.stringify(view)).not.toMatch(/correct|feedback|explanation|Because B|Not A/i);

    const before = await writtenState(user.id);
    const otherOption = (second!.optionOrder as string[])[0]!;
    await expectRefused(saveMockItem(user.id, { examId, presentationId: first!.id, optionId: otherOption }, minutes(4)), "INVALID_INPUT");
    await expectRefused(saveMockItem(user.id, { examId, presentationId: "no-such-presentation-id", optionId: order[0] }, minutes(4)), "NOT_FOUND");
    await expectRefused(saveMockItem(user.id, { examId: "nosuchexam000", presentationId: first!.id, optionId: order[0] }, minutes(4)), "NOT_FOUND");
    expect(await writtenState(user.id)).toEqual(before);
    // No answer exists before submission.
    expect(before.answers).toBe(0);
  });

  it("another user's exam is not found for reading, saving, the timer, submitting or results, and nothing is written", async () => {
    const alice = await createUser();
    const mallory = await createUser();
    await bankWithTwoTopics();
    const { examId } = await startMockExam(alice.id, startMockExamSchema.parse({ questionCount: 5 }), NOW);
    const [first] = await examItems(examId);
    const before = await writtenState(alice.id);

    expect(await openMockExam(mallory.id, examId, 0, NOW)).toEqual({ status: "not-found" });
    expect(await mockExamResults(mallory.id, examId, NOW)).toEqual({ status: "not-found" });
    await expectRefused(saveMockItem(mallory.id, { examId, presentationId: first!.id, optionId: (first!.optionOrder as string[])[0] }, NOW), "NOT_FOUND");
    await expectRefused(changeMockTimer(mallory.id, examId, "off", NOW), "NOT_FOUND");
    await expectRefused(submitMockExam(mallory.id, examId, NOW), "NOT_FOUND");
    // Mallory's own exam cannot reach Alice's items either.
    const own = await startMockExam(mallory.id, startMockExamSchema.parse({ questionCount: 5 }), NOW);
    await expectRefused(saveMockItem(mallory.id, { examId: own.examId, presentationId: first!.id, flagged: true }, NOW), "NOT_FOUND");
    expect(await writtenState(alice.id)).toEqual(before);
    expect(await listMockExams(mallory.id, NOW)).toHaveLength(1);
  });

  it("the timer can be hidden, extended by ten minutes and turned off", async () => {
    const user = await createUser();
    await bankWithTwoTopics();
    const { examId } = await startMockExam(user.id, startMockExamSchema.parse({ questionCount: 5, minutes: "10" }), NOW);
    await changeMockTimer(user.id, examId, "hide", minutes(1));
    await changeMockTimer(user.id, examId, "extend", minutes(1));
    let exam = await getDb().mockExam.findUniqueOrThrow({ where: { id: examId } });
    expect(exam).toMatchObject({ timerHidden: true, deadline: minutes(20), timeLimitSec: 1200 });
    await changeMockTimer(user.id, examId, "off", minutes(2));
    exam = await getDb().mockExam.findUniqueOrThrow({ where: { id: examId } });
    expect(exam).toMatchObject({ deadline: null, timeLimitSec: null });
    await expectRefused(changeMockTimer(user.id, examId, "extend", minutes(3)), "CONFLICT");
    // Without a deadline the exam never expires.
    expect((await openMockExam(user.id, examId, 0, minutes(60 * 24))).status).toBe("open");
  });
});

describe("submitting a mock exam", () => {
  it("records exactly one answer per answered item, updates memory once, scores, and a resubmit writes nothing", async () => {
    const user = await createUser();
    await bankWithTwoTopics();
    const { examId } = await startMockExam(user.id, startMockExamSchema.parse({ questionCount: 5, minutes: "10" }), NOW);
    const items = await examItems(examId);
    // Items 0 and 1 right, item 2 wrong, 3 and 4 unanswered (4 flagged only).
    for (const index of [0, 1]) await saveMockItem(user.id, { examId, presentationId: items[index]!.id, optionId: (await keyOf(items[index]!)).id }, minutes(1));
    const key2 = (await keyOf(items[2]!)).id;
    const wrong2 = (items[2]!.optionOrder as string[]).find((id) => id !== key2)!;
    await saveMockItem(user.id, { examId, presentationId: items[2]!.id, optionId: wrong2 }, minutes(1));
    await saveMockItem(user.id, { examId, presentationId: items[4]!.id, flagged: true }, minutes(1));

    const outcome = await submitMockExam(user.id, examId, minutes(5));
    expect(outcome).toEqual({ replayed: false, endedBy: "submitted" });
    const after = await writtenState(user.id);
    expect(after.answers).toBe(3);
    expect(after.memory).toBe(3);
    expect(after.memoryReps).toEqual([1, 1, 1]);
    expect(after.days).toEqual([{ answered: 3, correct: 2 }]);
    expect(after.exams[0]).toMatchObject({ submittedAt: minutes(5), correctCount: 2, endedBy: "submitted" });
    const stored = await examItems(examId);
    expect(stored.map((i) => i.answerId !== null)).toEqual([true, true, true, false, false]);
    expect(stored.every((i) => (i.answerId === null) === (i.answeredAt === null))).toBe(true);
    const answers = await getDb().answer.findMany({ where: { userId: user.id } });
    expect(answers.map((a) => a.attemptToken).sort()).toEqual(stored.slice(0, 3).map((i) => i.id).sort());

    // Again: the same results, nothing written; actions on it are refused.
    expect(await submitMockExam(user.id, examId, minutes(6))).toEqual({ replayed: true, endedBy: "submitted" });
    await expectRefused(saveMockItem(user.id, { examId, presentationId: items[3]!.id, optionId: (items[3]!.optionOrder as string[])[0] }, minutes(6)), "CONFLICT");
    await expectRefused(changeMockTimer(user.id, examId, "extend", minutes(6)), "CONFLICT");
    expect(await writtenState(user.id)).toEqual(after);
    expect(await openMockExam(user.id, examId, 0, minutes(6))).toEqual({ status: "submitted" });

    const results = await mockExamResults(user.id, examId, minutes(7));
    expect(results.status).toBe("submitted");
    if (results.status !== "submitted") return;
    expect(results.results).toMatchObject({ correctCount: 2, questionCount: 5, answeredCount: 3, endedBy: "submitted", timeUsedSec: 300 });
    expect(results.results.items.map((i) => [i.chosenOptionId !== null, i.correct])).toEqual([
      [true, true],
      [true, true],
      [true, false],
      [false, false],
      [false, false],
    ]);
    expect(results.results.items[2]!.options.map((o) => o.id)).toEqual(items[2]!.optionOrder);
    expect(results.results.items[2]!.explanation).toBe("Because B.");
    // Each item names its own presentation, in order: "Report a problem" on the results refers to it.
    expect(results.results.items.map((i) => i.presentationId)).toEqual(items.map((i) => i.id));
    expect(results.results.topics.reduce((sum, t) => sum + t.total, 0)).toBe(5);
  });

  it("eight students submitting exams over the same questions at once all finish, each item counted once", async () => {
    const { questions } = await bankWithTwoTopics(5);
    const students = await Promise.all(Array.from({ length: 8 }, () => createUser()));
    // Each exam shuffles the same ten questions into its own order.
    const exams = await Promise.all(
      students.map(async (student) => {
        const { examId } = await startMockExam(student.id, startMockExamSchema.parse({ questionCount: 10, minutes: "30" }), NOW);
        for (const item of await examItems(examId)) {
          await saveMockItem(student.id, { examId, presentationId: item.id, optionId: (await keyOf(item)).id }, minutes(1));
        }
        return { student, examId };
      }),
    );

    const outcomes = await Promise.allSettled(exams.map(({ student, examId }) => submitMockExam(student.id, examId, minutes(2))));

    expect(outcomes.map((o) => (o.status === "fulfilled" ? o.value : String(o.reason)))).toEqual(
      exams.map(() => ({ replayed: false, endedBy: "submitted" })),
    );
    const calibrations = await getDb().questionCalibration.findMany({ where: { questionId: { in: questions.map((q) => q.id) } } });
    expect(calibrations.map((c) => c.attempts)).toEqual(Array(10).fill(8));
  });

  it("an account deleted while its own exam is being submitted: both finish, and the account and all its rows go (no deadlock)", async () => {
    await bankWithTwoTopics(5);
    const password = "a long passphrase";
    const confirmation = deleteAccountSchema.parse({ password, confirmation: "delete my account" });
    let serial = 0;
    async function studentInExam() {
      serial += 1;
      const user = await registerStudent({ name: `Deleting ${serial}`, email: `deleting-${serial}-${Date.now()}@example.com`, password }, { address: `10.2.0.${serial}` });
      const { examId } = await startMockExam(user.id, startMockExamSchema.parse({ questionCount: 5, minutes: "30" }), NOW);
      for (const item of await examItems(examId)) {
        await saveMockItem(user.id, { examId, presentationId: item.id, optionId: (await keyOf(item)).id }, minutes(1));
      }
      return { user: { ...user, role: "STUDENT" as const }, examId };
    }
    const warmUp = await studentInExam();
    const started = performance.now();
    await deleteOwnAccount(warmUp.user, confirmation, minutes(2));
    const deletionMs = performance.now() - started;

    // A submit's lock order, held open: it claims the exam's row, then (writing the first answer) takes
    // the student's row. The deletion starts between the two and has long reached its writes when the
    // submit goes on.
    const { user, examId } = await studentInExam();
    let deletion: Promise<void> | null = null;
    const submit = getDb().$transaction(
      async (tx) => {
        await lockOwnExamRow(prismaSql(tx), examId, user.id);
        deletion = deleteOwnAccount(user, confirmation, minutes(2));
        deletion.catch(() => {});
        await new Promise((resolve) => setTimeout(resolve, 3 * deletionMs + 200));
        await lockUserRow(prismaSql(tx), user.id);
      },
      { timeout: 60_000 },
    );
    const [submitted, deleted] = await Promise.allSettled([submit, submit.catch(() => {}).then(() => deletion)]);

    expect(submitted.status === "fulfilled" ? "done" : String(submitted.reason)).toBe("done");
    expect(deleted.status === "fulfilled" ? "deleted" : String(deleted.reason)).toBe("deleted");
    const db = getDb();
    expect(await db.user.count({ where: { id: user.id } })).toBe(0);
    expect(await db.presentation.count({ where: { userId: user.id } })).toBe(0);
    expect(await db.mockExam.count({ where: { userId: user.id } })).toBe(0);
  }, 60_000);

  it("a choice saved while the exam is being submitted is either in the submitted exam or refused, never acknowledged and left out", async () => {
    await bankWithTwoTopics(5);
    for (let trial = 0; trial < 12; trial += 1) {
      const user = await createUser();
      const { examId } = await startMockExam(user.id, startMockExamSchema.parse({ questionCount: 5, minutes: "30" }), NOW);
      const items = await examItems(examId);
      const item = items[trial % items.length]!;
      const optionId = (await keyOf(item)).id;

      const [save] = await Promise.allSettled([
        saveMockItem(user.id, { examId, presentationId: item.id, optionId }, minutes(1)),
        submitMockExam(user.id, examId, minutes(1)),
      ]);

      const answer = await getDb().answer.findFirst({ where: { userId: user.id, attemptToken: item.id }, select: { optionId: true } });
      const stored = await getDb().presentation.findUniqueOrThrow({ where: { id: item.id }, select: { selectedOptionId: true } });
      if (save.status === "fulfilled") {
        expect(save.value.status).toBe("saved");
        expect(answer?.optionId).toBe(optionId);
      } else {
        expect(save.reason).toBeInstanceOf(ActionError);
        expect((save.reason as ActionError).code).toBe("CONFLICT");
        expect(answer).toBeNull();
        expect(stored.selectedOptionId).toBeNull();
      }
    }
  });

  it("expires at the deadline on the next access and submits what was answered", async () => {
    const user = await createUser();
    await bankWithTwoTopics();
    const { examId } = await startMockExam(user.id, startMockExamSchema.parse({ questionCount: 5, minutes: "10" }), NOW);
    const items = await examItems(examId);
    await saveMockItem(user.id, { examId, presentationId: items[0]!.id, optionId: (await keyOf(items[0]!)).id }, minutes(2));
    expect(await mockExamResults(user.id, examId, minutes(9))).toEqual({ status: "open" });

    // A save after the deadline saves nothing and ends the exam.
    const late = await saveMockItem(user.id, { examId, presentationId: items[1]!.id, optionId: (items[1]!.optionOrder as string[])[0] }, minutes(11));
    expect(late).toEqual({ status: "expired" });
    const state = await writtenState(user.id);
    expect(state.answers).toBe(1);
    expect(state.exams[0]).toMatchObject({ endedBy: "expired", correctCount: 1, submittedAt: minutes(10) });
    expect(state.items[1]!.selectedOptionId).toBeNull();
    expect(await submitMockExam(user.id, examId, minutes(12))).toEqual({ replayed: true, endedBy: "expired" });
    expect(await writtenState(user.id)).toEqual(state);
  });

  it("a page load after the deadline submits it, and the list shows it finished", async () => {
    const user = await createUser();
    await bankWithTwoTopics();
    const { examId } = await startMockExam(user.id, startMockExamSchema.parse({ questionCount: 5, minutes: "5" }), NOW);
    expect(await openMockExam(user.id, examId, 0, minutes(6))).toEqual({ status: "submitted" });
    const [listed] = await listMockExams(user.id, minutes(7));
    expect(listed).toMatchObject({ id: examId, correctCount: 0, endedBy: "expired" });
    expect(await getDb().answer.count({ where: { userId: user.id } })).toBe(0);
  });
});

describe("mock exam items stay out of practice", () => {
  it("an open exam's items are not shown by practice, not readable by id and not answerable through recordAnswer", async () => {
    const user = await createUser();
    await bankWithTwoTopics();
    const { examId } = await startMockExam(user.id, startMockExamSchema.parse({ questionCount: 5 }), NOW);
    const items = await examItems(examId);
    const practice = await import("@/lib/services/practice");
    const { submitAnswerSchema } = await import("@/lib/validation/practice");

    const shown = await practice.currentPresentation(user.id, practice.ADAPTIVE, minutes(1));
    expect(items.map((i) => i.id)).not.toContain(shown!.presentationId);
    expect(await practice.presentationForStudent(user.id, items[0]!.id)).toBeNull();
    const before = await writtenState(user.id);
    const key = (await keyOf(items[0]!)).id;
    await expectRefused(practice.recordAnswer(user.id, submitAnswerSchema.parse({ presentationId: items[0]!.id, optionId: key }), minutes(1)), "NOT_FOUND");
    expect((await writtenState(user.id)).answers).toBe(before.answers);
    expect((await examItems(examId)).every((i) => i.answerId === null)).toBe(true);
  });
});

describe("an open exam's keys stay closed (decision 0006)", () => {
  const schema = (questionCount: number, timer: { minutes: string } | "off") =>
    startMockExamSchema.parse(timer === "off" ? { questionCount, timer: "off" } : { questionCount, minutes: timer.minutes });

  it("an exam item cannot be bookmarked, while the exam runs or after: refused as a foreign presentation, nothing stored", async () => {
    const user = await createUser();
    await bankWithTwoTopics();
    const { examId } = await startMockExam(user.id, schema(5, "off"), NOW);
    const items = await examItems(examId);
    const foreign: unknown = await setBookmark(user.id, "no-such-presentation-id-000", true).catch((e: unknown) => e);
    const refused: unknown = await setBookmark(user.id, items[0]!.id, true).catch((e: unknown) => e);
    expect(refused).toBeInstanceOf(ActionError);
    expect(refused).toMatchObject({ code: "NOT_FOUND", message: (foreign as ActionError).message });
    expect(await getDb().bookmark.count()).toBe(0);
    expect(await currentPresentation(user.id, { mode: "BOOKMARKS" }, minutes(1))).toBeNull();

    await submitMockExam(user.id, examId, minutes(2));
    await expectRefused(setBookmark(user.id, items[0]!.id, true), "NOT_FOUND");
    expect(await getDb().bookmark.count()).toBe(0);
  });

  it("lists the student's running exams (what practice holds back), not ended or other students' ones", async () => {
    const user = await createUser();
    const other = await createUser();
    const { subject } = await bankWithTwoTopics(10);
    const running = (at: Date) => runningMockExams(user.id, subject.id, at);
    expect(await running(NOW)).toEqual([]);
    const untimed = await startMockExam(user.id, schema(6, "off"), NOW);
    const timed = await startMockExam(user.id, schema(5, { minutes: "10" }), minutes(1));
    await startMockExam(other.id, schema(5, "off"), NOW);
    expect((await running(minutes(2))).map((e) => ({ id: e.id, questionCount: e.questionCount, deadline: e.deadline }))).toEqual([
      { id: timed.examId, questionCount: 5, deadline: minutes(11) },
      { id: untimed.examId, questionCount: 6, deadline: null },
    ]);
    // Past its deadline an exam is over, submitted or not; a submitted one is over too.
    expect((await running(minutes(12))).map((e) => e.id)).toEqual([untimed.examId]);
    // Another subject's practice page does not name this subject's exam.
    const elsewhere = await getDb().subject.create({ data: { slug: `other-${subject.id}`, name: "Other subject" } });
    expect(await runningMockExams(user.id, elsewhere.id, minutes(12))).toEqual([]);
    await submitMockExam(user.id, untimed.examId, minutes(13));
    expect(await running(minutes(14))).toEqual([]);
  });

  it("no practice mode serves a question of an open exam; once the exam ends they are served again", async () => {
    const user = await createUser();
    const { questions, heavy } = await bankWithTwoTopics(3);
    const questionIds = new Set(questions.map((q) => q.id));
    const dayBefore = minutes(-24 * 60);
    // Before the exam: every question missed once (mistakes), two bookmarked from practice.
    for (const q of questions) await createAnswer(user.id, q, { optionIndex: 0, createdAt: dayBefore });
    const bookmarked = questions.slice(0, 2);
    for (const q of bookmarked) await setBookmark(user.id, (await createPresentation(user.id, q, { issuedAt: dayBefore })).id, true, dayBefore);

    // Six seats for six published questions: the exam holds every one.
    const { examId } = await startMockExam(user.id, schema(6, "off"), NOW);
    expect(new Set((await examItems(examId)).map((i) => i.questionId))).toEqual(questionIds);

    const scopes: PracticeScope[] = [ADAPTIVE, { mode: "TOPIC_DRILL", topicId: heavy.id }, { mode: "MISTAKES" }, { mode: "BOOKMARKS" }];
    for (const scope of scopes) expect(await currentPresentation(user.id, scope, minutes(1)), scope.mode).toBeNull();

    // A question that is not in the exam is served meanwhile.
    const fresh = await createQuestion({ topicId: heavy.id });
    for (const scope of scopes.slice(0, 2)) {
      const view = await currentPresentation(user.id, scope, minutes(2));
      const shown = await getDb().presentation.findUniqueOrThrow({ where: { id: view!.presentationId } });
      expect(shown.questionId, scope.mode).toBe(fresh.id);
    }

    await submitMockExam(user.id, examId, minutes(3));
    const mistake = await currentPresentation(user.id, { mode: "MISTAKES" }, minutes(4));
    const bookmark = await currentPresentation(user.id, { mode: "BOOKMARKS" }, minutes(4));
    const served = async (id: string) => (await getDb().presentation.findUniqueOrThrow({ where: { id } })).questionId;
    expect(questionIds.has(await served(mistake!.presentationId))).toBe(true);
    expect(bookmarked.map((q) => q.id)).toContain(await served(bookmark!.presentationId));
  });

  it("a practice question issued before the exam started is not shown again, and its answer is refused without the key, until the exam ends", async () => {
    const user = await createUser();
    await bankWithTwoTopics(3);
    const early = await currentPresentation(user.id, ADAPTIVE, minutes(-5));
    const { examId } = await startMockExam(user.id, schema(6, { minutes: "10" }), NOW);
    const issued = await getDb().presentation.findUniqueOrThrow({ where: { id: early!.presentationId } });
    const item = (await examItems(examId)).find((i) => i.questionId === issued.questionId)!;
    // The same version, so the same option ids as the exam item: the practice key would be the exam's.
    expect(item.questionVersionId).toBe(issued.questionVersionId);
    const key = (await keyOf(issued)).id;

    expect(await currentPresentation(user.id, ADAPTIVE, minutes(1))).toBeNull();
    const before = await writtenState(user.id);
    const input = submitAnswerSchema.parse({ presentationId: issued.id, optionId: key });
    for (const attempt of [() => recordAnswer(user.id, input, minutes(2)), () => answerAndContinue(user.id, input, minutes(2))]) {
      const refused: unknown = await attempt().catch((e: unknown) => e);
      expect(refused).toBeInstanceOf(ActionError);
      expect((refused as ActionError).code).toBe("CONFLICT");
      expect(JSON.stringify({ ...(refused as ActionError), message: (refused as ActionError).message })).not.toMatch(/Because B|Correct\. B/);
    }
    expect(await writtenState(user.id)).toEqual(before);
    expect((await presentationForStudent(user.id, issued.id))!.result).toBeNull();

    // The deadline has passed: the exam is over, and the answer is taken (the exam item is not touched).
    const recorded = await recordAnswer(user.id, input, minutes(11));
    expect(recorded).toMatchObject({ correct: true, correctOptionId: key, replayed: false });
    expect(await getDb().presentation.findUniqueOrThrow({ where: { id: item.id }, select: { answerId: true } })).toEqual({ answerId: null });
  });

  it("a second exam started while one runs leaves out the first one's questions; too few left is refused", async () => {
    const user = await createUser();
    await bankWithTwoTopics(5);
    const first = await startMockExam(user.id, schema(5, "off"), NOW);
    const second = await startMockExam(user.id, schema(5, { minutes: "30" }), minutes(1));
    const questionsOf = async (examId: string) => (await examItems(examId)).map((i) => i.questionId);
    const [a, b] = [await questionsOf(first.examId), await questionsOf(second.examId)];
    expect(a.filter((id) => b.includes(id))).toEqual([]);

    // All ten are in a running exam: a third is refused and writes nothing.
    await expectRefused(startMockExam(user.id, schema(5, "off"), minutes(2)), "INVALID_INPUT");
    expect(await getDb().mockExam.count({ where: { userId: user.id } })).toBe(2);

    // Submitting the first frees its questions (its results show their keys); the second's stay out.
    await submitMockExam(user.id, first.examId, minutes(3));
    const third = await startMockExam(user.id, schema(5, "off"), minutes(4));
    expect((await questionsOf(third.examId)).filter((id) => b.includes(id))).toEqual([]);
    // And once the second's deadline has passed, its questions may be drawn again.
    await submitMockExam(user.id, third.examId, minutes(5));
    const fourth = await startMockExam(user.id, schema(10, "off"), minutes(32));
    expect(new Set(await questionsOf(fourth.examId)).size).toBe(10);
  });
});
