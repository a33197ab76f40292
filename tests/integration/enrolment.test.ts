import { randomUUID } from "node:crypto";
import { describe, expect, it } from "vitest";
import { getDb } from "@/lib/server/db";
import { createClass, joinClass } from "@/lib/services/classes";
import { chooseSubject, currentEnrolment, headerSubject, offeredSubjectCount, offeredSubjects } from "@/lib/services/enrolment";
import { ADAPTIVE, currentPresentation, recordAnswer } from "@/lib/services/practice";
import { pickForStudent } from "@/lib/services/scheduling";
import { saveStudySettings, studySettings } from "@/lib/services/settings";
import { todayProgress, todaySummary } from "@/lib/services/today";
import { submitAnswerSchema } from "@/lib/validation/practice";
import type { QuestionStatus } from "@/lib/generated/prisma/client";
import { enrol } from "../factories/enrolments";
import { createPresentation } from "../factories/presentations";
import { createQuestion } from "../factories/questions";
import { createUser } from "../factories/users";

const DAY = 86_400_000;

/** A subject with one topic and `count` questions of the given status. */
async function createSubject(name: string, count: number, status: QuestionStatus = "PUBLISHED") {
  const db = getDb();
  const slug = `${name.toLowerCase().replace(/\W+/g, "-")}-${randomUUID().slice(0, 6)}`;
  const subject = await db.subject.create({ data: { slug, name, description: `All about ${name}.` } });
  const topic = await db.topic.create({ data: { slug: `${slug}-topic`, name: `${name} basics`, subjectId: subject.id, weight: 1 } });
  const questions = [];
  for (let i = 0; i < count; i += 1) questions.push(await createQuestion({ topicId: topic.id, status }));
  return { ...subject, topicId: topic.id, questions };
}

/** Everything enrolling writes, to prove a refused choice wrote nothing. */
async function enrolmentState(userId: string) {
  const db = getDb();
  return {
    enrolments: await db.enrolment.findMany({ where: { userId }, orderBy: { subjectId: "asc" } }),
    current: (await db.user.findUniqueOrThrow({ where: { id: userId }, select: { currentSubjectId: true } })).currentSubjectId,
  };
}

describe("enrolments", () => {
  it("enrols a student in the only offered subject without asking", async () => {
    const ipt = await createSubject("IPT", 2);
    // A subject without a published question is not offered.
    await createSubject("Drafts only", 2, "DRAFT");
    const user = await createUser();
    const enrolment = await currentEnrolment(user.id);
    expect(enrolment).toMatchObject({ subjectId: ipt.id, subjectName: "IPT", examDate: null, dailyGoal: null });
    expect(await enrolmentState(user.id)).toMatchObject({ current: ipt.id, enrolments: [{ subjectId: ipt.id }] });
    // Asking again neither duplicates nor changes it.
    expect((await currentEnrolment(user.id))?.id).toBe(enrolment?.id);
    expect(await getDb().enrolment.count()).toBe(1);
  });

  it("enrols once when a new student's first pages load at once, and when a choice is sent twice at once", async () => {
    const only = await createSubject("Only", 2);
    const student = await createUser();

    const loads = await Promise.allSettled(Array.from({ length: 5 }, () => currentEnrolment(student.id)));

    expect(loads.map((l) => (l.status === "fulfilled" ? l.value?.subjectId : String(l.reason)))).toEqual(Array(5).fill(only.id));
    const chosen = await Promise.allSettled(Array.from({ length: 5 }, () => chooseSubject(student.id, only.id)));
    expect(chosen.map((c) => (c.status === "fulfilled" ? c.value.subjectId : String(c.reason)))).toEqual(Array(5).fill(only.id));
    expect(await getDb().enrolment.count({ where: { userId: student.id } })).toBe(1);
  });

  it("a join and a choice of the same subject at once both finish (no deadlock)", async () => {
    const ipt = await getDb().subject.create({ data: { slug: "ipt", name: "IPT" } });
    const topic = await getDb().topic.create({ data: { slug: "ipt-topic", name: "IPT basics", subjectId: ipt.id, weight: 1 } });
    await createQuestion({ topicId: topic.id });
    const instructor = await createUser({ role: "INSTRUCTOR" });
    const created = await createClass(instructor, { name: "Cohort", examDate: new Date("2027-06-15T00:00:00Z"), subjectId: ipt.id });
    for (let trial = 0; trial < 6; trial += 1) {
      const student = await createUser();
      const outcomes = await Promise.allSettled([chooseSubject(student.id, ipt.id), joinClass(student, created.joinCode), chooseSubject(student.id, ipt.id)]);
      expect(outcomes.map((o) => (o.status === "fulfilled" ? "ok" : String(o.reason)))).toEqual(["ok", "ok", "ok"]);
      expect(await getDb().enrolment.count({ where: { userId: student.id } })).toBe(1);
    }
  });

  it("with two offered subjects asks the student to choose, then keeps the choice", async () => {
    const ipt = await createSubject("IPT", 2);
    const cbt = await createSubject("CBT", 3);
    await getDb().question.update({ where: { id: cbt.questions[0]!.id }, data: { status: "RETIRED" } });
    const user = await createUser();
    expect(await currentEnrolment(user.id)).toBeNull();
    expect(await enrolmentState(user.id)).toEqual({ enrolments: [], current: null });

    const offered = await offeredSubjects(user.id);
    expect(offered).toEqual([
      { id: ipt.id, name: "IPT", description: "All about IPT.", questionCount: 2, enrolled: false, current: false },
      { id: cbt.id, name: "CBT", description: "All about CBT.", questionCount: 2, enrolled: false, current: false },
    ]);

    expect(await chooseSubject(user.id, cbt.id)).toMatchObject({ subjectId: cbt.id, subjectName: "CBT" });
    expect((await currentEnrolment(user.id))?.subjectId).toBe(cbt.id);
    expect((await offeredSubjects(user.id)).map((s) => [s.name, s.enrolled, s.current])).toEqual([
      ["IPT", false, false],
      ["CBT", true, true],
    ]);
    await chooseSubject(user.id, ipt.id);
    expect((await offeredSubjects(user.id)).map((s) => [s.name, s.enrolled, s.current])).toEqual([
      ["IPT", true, true],
      ["CBT", true, false],
    ]);
  });

  it("refuses an unoffered or unknown subject with a clear message and writes nothing", async () => {
    await createSubject("IPT", 1);
    await createSubject("CBT", 1);
    const drafts = await createSubject("Drafts only", 1, "DRAFT");
    const user = await createUser();
    for (const id of [drafts.id, "no-such-subject"]) {
      await expect(chooseSubject(user.id, id)).rejects.toMatchObject({
        code: "NOT_FOUND",
        message: "That subject is not offered. Choose one of the subjects listed.",
      });
    }
    expect(await enrolmentState(user.id)).toEqual({ enrolments: [], current: null });
  });

  it("keeps the exam date and daily goal per subject", async () => {
    const ipt = await createSubject("IPT", 1);
    const cbt = await createSubject("CBT", 1);
    const user = await createUser();
    await getDb().user.update({ where: { id: user.id }, data: { timeZone: "Europe/Berlin" } });
    await chooseSubject(user.id, ipt.id);
    await saveStudySettings(user.id, { examDate: "2027-05-20", dailyGoal: 15, timeZone: null });

    await chooseSubject(user.id, cbt.id);
    expect(await studySettings(user.id)).toEqual({ examDate: null, dailyGoal: null, timeZone: "Europe/Berlin" });
    await saveStudySettings(user.id, { examDate: null, dailyGoal: 40, timeZone: "Asia/Tokyo" });

    await chooseSubject(user.id, ipt.id);
    // The time zone is the user's, for every subject.
    expect(await studySettings(user.id)).toEqual({ examDate: "2027-05-20", dailyGoal: 15, timeZone: "Asia/Tokyo" });
    const rows = await getDb().enrolment.findMany({ where: { userId: user.id }, select: { subjectId: true, examDate: true, dailyGoal: true } });
    expect(rows).toEqual(
      expect.arrayContaining([
        { subjectId: ipt.id, examDate: new Date("2027-05-19T22:00:00Z"), dailyGoal: 15 },
        { subjectId: cbt.id, examDate: null, dailyGoal: 40 },
      ]),
    );
    // Nothing is stored on the user any more.
    expect(await getDb().user.findUniqueOrThrow({ where: { id: user.id } })).toMatchObject({ examDate: null, dailyGoal: null });
  });

  it("does not show a question of the previous subject after the student switches subject", async () => {
    const ipt = await createSubject("IPT", 3);
    const cbt = await createSubject("CBT", 3);
    const user = await createUser();
    await chooseSubject(user.id, ipt.id);
    const now = new Date("2026-03-01T12:00:00Z");
    // An IPT question is shown and left unanswered; then the student switches to CBT.
    expect((await currentPresentation(user.id, ADAPTIVE, now))!.topicName).toBe("IPT basics");
    await chooseSubject(user.id, cbt.id);
    expect((await currentPresentation(user.id, ADAPTIVE, new Date(now.getTime() + 60_000)))!.topicName).toBe("CBT basics");
    // Back in IPT, the question left open there is shown again, as a reload would.
    await chooseSubject(user.id, ipt.id);
    expect((await currentPresentation(user.id, ADAPTIVE, new Date(now.getTime() + 120_000)))!.topicName).toBe("IPT basics");
  });

  it("picks only the chosen subject's questions, and practice follows the current subject", async () => {
    const ipt = await createSubject("IPT", 4);
    const cbt = await createSubject("CBT", 3);
    const user = await createUser();
    const cbtIds = new Set(cbt.questions.map((q) => q.id));
    const now = new Date("2026-03-01T12:00:00Z");
    const db = getDb();
    for (let seed = 1; seed <= 20; seed += 1) {
      const pick = await pickForStudent(user.id, now, seed, { subjectId: cbt.id });
      expect(cbtIds.has(pick!.questionId), `seed ${seed}`).toBe(true);
    }
    const emptySubject = await db.subject.create({ data: { slug: "empty", name: "Empty" } });
    expect(await pickForStudent(user.id, now, 1, { subjectId: emptySubject.id })).toBeNull();

    // Practice through the service, answering each question shown, stays in CBT.
    await chooseSubject(user.id, cbt.id);
    for (let i = 0; i < 5; i += 1) {
      const view = await currentPresentation(user.id, ADAPTIVE, new Date(now.getTime() + i * 60_000));
      expect(view!.topicName).toBe("CBT basics");
      await recordAnswer(user.id, submitAnswerSchema.parse({ presentationId: view!.presentationId, optionId: view!.options[0]!.id }), now);
    }
    const answered = await db.answer.findMany({ where: { userId: user.id }, select: { questionId: true } });
    expect(answered.every((a) => cbtIds.has(a.questionId))).toBe(true);
    expect(ipt.questions.length).toBe(4);
  });

  it("counts today, the goal and the streak per subject", async () => {
    const ipt = await createSubject("IPT", 2);
    const cbt = await createSubject("CBT", 2);
    const user = await createUser();
    const now = new Date("2026-03-01T12:00:00Z");
    await enrol(user.id, cbt.id, { dailyGoal: 7 });
    await enrol(user.id, ipt.id, { dailyGoal: 3 });
    await getDb().studyDay.createMany({
      data: [
        { userId: user.id, subjectId: ipt.id, day: "2026-02-28", answered: 5, correct: 4 },
        { userId: user.id, subjectId: ipt.id, day: "2026-02-27", answered: 5, correct: 4 },
        { userId: user.id, subjectId: cbt.id, day: "2026-03-01", answered: 2, correct: 1 },
      ],
    });
    expect(await todaySummary(user.id, now)).toMatchObject({ subjectName: "IPT", doneToday: 0, dailyGoal: 3, streak: 2 });
    expect(await todayProgress(user.id, now)).toEqual({ done: 0, goal: 3 });

    await chooseSubject(user.id, cbt.id);
    expect(await todaySummary(user.id, now)).toMatchObject({ subjectName: "CBT", doneToday: 2, dailyGoal: 7, streak: 1 });
    expect(await todayProgress(user.id, now)).toEqual({ done: 2, goal: 7 });

    // An answer counts toward its own subject's day.
    const presentation = await createPresentation(user.id, ipt.questions[0]!, { issuedAt: now });
    await recordAnswer(user.id, submitAnswerSchema.parse({ presentationId: presentation.id, optionId: ipt.questions[0]!.versions[0]!.options[1]!.id }), now);
    expect(await todayProgress(user.id, now)).toEqual({ done: 2, goal: 7 });
    await chooseSubject(user.id, ipt.id);
    expect(await todaySummary(user.id, now)).toMatchObject({ doneToday: 1, streak: 3 });
  });

  it("plans an answer's next review toward the exam of the answered question's subject", async () => {
    const ipt = await createSubject("IPT", 1);
    const cbt = await createSubject("CBT", 1);
    const user = await createUser();
    const now = new Date("2026-03-01T12:00:00Z");
    const cbtExam = new Date(now.getTime() + 2 * DAY);
    await enrol(user.id, ipt.id);
    await enrol(user.id, cbt.id, { examDate: cbtExam });
    const db = getDb();
    // Two well-known items a month out: a correct answer would push each further.
    for (const question of [ipt.questions[0]!, cbt.questions[0]!]) {
      await db.memoryState.create({
        data: { userId: user.id, questionId: question.id, stability: 40, difficulty: 4, due: now, lastReview: new Date(now.getTime() - 40 * DAY), reps: 4, state: "REVIEW" },
      });
      const presentation = await createPresentation(user.id, question, { issuedAt: now });
      await recordAnswer(user.id, submitAnswerSchema.parse({ presentationId: presentation.id, optionId: question.versions[0]!.options[1]!.id }), now);
    }
    const due = async (questionId: string) =>
      (await db.memoryState.findUniqueOrThrow({ where: { userId_questionId: { userId: user.id, questionId } } })).due.getTime();
    expect(await due(cbt.questions[0]!.id)).toBeLessThanOrEqual(cbtExam.getTime());
    expect(await due(ipt.questions[0]!.id)).toBeGreaterThan(now.getTime() + 10 * DAY);
  });

  it("a class enrols its members in its subject with its exam date, and the first subject becomes current", async () => {
    const ipt = await createSubject("IPT", 1);
    const cbt = await createSubject("CBT", 1);
    const instructor = await createUser({ role: "INSTRUCTOR" });
    const exam = new Date("2027-06-15T00:00:00Z");
    const cls = await createClass(instructor, { name: "CBT cohort", examDate: exam, subjectId: cbt.id });

    // A newcomer: enrolled in CBT with the class's date, CBT becomes current.
    const newcomer = await createUser();
    expect((await joinClass(newcomer, cls.joinCode)).examDateAdopted).toEqual(exam);
    expect(await currentEnrolment(newcomer.id)).toMatchObject({ subjectId: cbt.id, examDate: exam });

    // A student already on IPT stays on it; the CBT enrolment gets the date.
    const student = await createUser();
    await enrol(student.id, ipt.id, { examDate: new Date("2027-01-10T00:00:00Z") });
    expect((await joinClass(student, cls.joinCode)).examDateAdopted).toEqual(exam);
    expect((await currentEnrolment(student.id))?.subjectId).toBe(ipt.id);
    const cbtEnrolment = await getDb().enrolment.findUniqueOrThrow({ where: { userId_subjectId: { userId: student.id, subjectId: cbt.id } } });
    expect(cbtEnrolment.examDate).toEqual(exam);

    // A subject that does not exist is refused at creation, with nothing written.
    await expect(createClass(instructor, { name: "Ghost", examDate: null, subjectId: "no-such-subject" })).rejects.toMatchObject({
      code: "INVALID_INPUT",
      fieldErrors: { subjectId: ["Choose one of the subjects listed."] },
    });
    expect(await getDb().classroom.count()).toBe(1);
  });
});

describe("the site header's subject", () => {
  it("names the subject studied now and counts only subjects with a published question as offered", async () => {
    const student = await createUser();
    const first = await createSubject("Header first", 1);
    await createSubject("Header second", 2);
    // Drafts and retired questions offer nothing.
    await createSubject("Header drafts", 2, "DRAFT");
    await createSubject("Header retired", 1, "RETIRED");
    expect(await offeredSubjectCount()).toBe(2);
    expect(await headerSubject(student.id)).toEqual({ name: null, offered: 2 });
    await chooseSubject(student.id, first.id);
    expect(await headerSubject(student.id)).toEqual({ name: "Header first", offered: 2 });
    // Someone who no longer exists has no subject.
    expect(await headerSubject("no-such-user")).toEqual({ name: null, offered: 2 });
  });
});

