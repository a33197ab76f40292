import { describe, expect, it } from "vitest";
import { getDb } from "@/lib/server/db";
import { ActionError } from "@/lib/server/action-client";
import { ADAPTIVE, currentPresentation, recordAnswer } from "@/lib/services/practice";
import { studentDashboard } from "@/lib/services/student-dashboard";
import { submitAnswerSchema } from "@/lib/validation/practice";
import { enrol } from "../factories/enrolments";
import { createQuestion } from "../factories/questions";
import { createUser } from "../factories/users";

const DAY_MS = 86_400_000;

async function subjectWithTopics(slug: string, perTopic: number) {
  const db = getDb();
  const subject = await db.subject.create({ data: { slug, name: `Subject ${slug}` } });
  const topics = [];
  for (const [i, name] of ["Grief", "Role disputes"].entries()) {
    const topic = await db.topic.create({ data: { slug: `${slug}-t${i}`, name, subjectId: subject.id, weight: 0.5, position: i } });
    for (let q = 0; q < perTopic; q++) await createQuestion({ topicId: topic.id });
    topics.push(topic);
  }
  return { subject, topics };
}

/** Answers the student's current question: the key (option "B") when `right`, else another option. */
async function answer(userId: string, right: boolean, now: Date) {
  const view = await currentPresentation(userId, ADAPTIVE, now);
  if (!view) throw new Error("no question");
  const option = view.options.find((o) => (o.text === "Option B") === right)!;
  await recordAnswer(userId, submitAnswerSchema.parse({ presentationId: view.presentationId, optionId: option.id }), now);
  const { questionId } = await getDb().presentation.findUniqueOrThrow({ where: { id: view.presentationId }, select: { questionId: true } });
  return { presentationId: view.presentationId, questionId };
}

describe("the student dashboard", () => {
  it("shows the student's own readiness, mastery, activity and mistakes, and moves as they answer", async () => {
    const { subject } = await subjectWithTopics("dash-a", 3);
    const student = await createUser();
    const now = new Date("2026-03-10T12:00:00Z");
    await enrol(student.id, subject.id, { examDate: new Date(now.getTime() + 30 * DAY_MS), dailyGoal: 5 });
    await getDb().user.update({ where: { id: student.id }, data: { currentSubjectId: subject.id } });

    const before = await studentDashboard({ ...student, role: "STUDENT" }, null, now);
    expect(before).not.toBeNull();
    expect(before!.totals).toEqual({ met: 0, total: 6, answered: 0, doneToday: 0 });
    expect(before!.topics.every((t) => t.level === "not-started")).toBe(true);
    expect(before!.mistakes).toEqual([]);
    expect(before!.readiness.examDay).not.toBeNull();

    const missed = await answer(student.id, false, now);
    const second = await answer(student.id, true, new Date(now.getTime() + 60_000));
    const third = await answer(student.id, true, new Date(now.getTime() + 120_000));
    // A missed question may come straight back (a learning step): "met" counts questions, not answers.
    const met = new Set([missed, second, third].map((v) => v.questionId)).size;
    const later = new Date(now.getTime() + 180_000);
    const after = (await studentDashboard({ ...student, role: "STUDENT" }, null, later))!;

    expect(after.subject).toEqual({ id: subject.id, name: "Subject dash-a" });
    expect(after.totals).toEqual({ met, total: 6, answered: 3, doneToday: 3 });
    expect(after.daysLeft).toBe(30);
    // Every estimate is a share with its interval around it.
    for (const e of [after.readiness.now, after.readiness.examDay!]) {
      expect(e.low).toBeLessThanOrEqual(e.score);
      expect(e.score).toBeLessThanOrEqual(e.high);
      expect(e.high).toBeLessThanOrEqual(1);
    }
    // Two right answers of three move the expected score today above where it stood.
    expect(after.readiness.now.score).toBeGreaterThan(before!.readiness.now.score);
    expect(after.topics.reduce((s, t) => s + t.met, 0)).toBe(met);
    expect(after.topics.some((t) => t.level !== "not-started")).toBe(true);
    // Weakest first: by mastery level, then by expected score.
    const order = ["not-started", "attempted", "familiar", "proficient", "mastered"];
    const [a, b] = after.topics;
    expect(order.indexOf(a!.level) < order.indexOf(b!.level) || (a!.level === b!.level && a!.expected <= b!.expected)).toBe(true);
    // The wrong answer is a recent mistake that links to its explanation on the practice page
    // (unless the same question, served again, was then answered right: it is no longer a mistake).
    expect(after.mistakes).toHaveLength(1);
    expect(after.mistakes[0]).toMatchObject({ questionId: missed.questionId, href: `/practice?p=${missed.presentationId}` });
    // Today's cell of the calendar, and a reviews-due series that starts today.
    const todayCell = after.heatmap.flat().find((c) => c.day === after.today);
    expect(todayCell).toMatchObject({ answered: 3, level: 3 });
    expect(after.streak).toBe(1);
    expect(after.reviewsDue[0]!.day).toBe(after.today);
    expect(after.reviewsDue.reduce((s, d) => s + d.due, 0)).toBeGreaterThan(0);
    expect(after.weeklyAccuracy.at(-1)).toMatchObject({ answered: 3, correct: 2 });
  });

  it("shows another student nothing of the first one's answers", async () => {
    const { subject } = await subjectWithTopics("dash-b", 2);
    const now = new Date("2026-03-10T12:00:00Z");
    const first = await createUser();
    const second = await createUser();
    for (const s of [first, second]) {
      await enrol(s.id, subject.id, { examDate: new Date(now.getTime() + 10 * DAY_MS), dailyGoal: 10 });
      await getDb().user.update({ where: { id: s.id }, data: { currentSubjectId: subject.id } });
    }
    await answer(first.id, false, now);
    await answer(first.id, false, new Date(now.getTime() + 60_000));

    const view = (await studentDashboard({ ...second, role: "STUDENT" }, subject.id, new Date(now.getTime() + 120_000)))!;
    expect(view.totals).toEqual({ met: 0, total: 4, answered: 0, doneToday: 0 });
    expect(view.mistakes).toEqual([]);
    expect(view.heatmap.flat().every((c) => c.answered === 0)).toBe(true);
    expect(view.reviewsDue.every((d) => d.due === 0)).toBe(true);
  });

  it("lists the student's submitted mock exams in the subject, oldest first, and every subject they are enrolled in", async () => {
    const { subject } = await subjectWithTopics("dash-mocks", 2);
    const other = await subjectWithTopics("dash-mocks-other", 1);
    const now = new Date("2026-03-10T12:00:00Z");
    const student = await createUser();
    const classmate = await createUser();
    await enrol(student.id, subject.id, { examDate: new Date(now.getTime() + 10 * DAY_MS), dailyGoal: 10 });
    await enrol(student.id, other.subject.id, {});
    await enrol(classmate.id, subject.id, {});
    const exam = (userId: string, subjectId: string, daysAgo: number, correct: number | null, submitted: boolean) =>
      getDb().mockExam.create({
        data: {
          userId,
          subjectId,
          questionCount: 10,
          startedAt: new Date(now.getTime() - daysAgo * DAY_MS),
          submittedAt: submitted ? new Date(now.getTime() - daysAgo * DAY_MS + 600_000) : null,
          correctCount: correct,
        },
      });
    const older = await exam(student.id, subject.id, 3, 6, true);
    const newer = await exam(student.id, subject.id, 1, 8, true);
    // Not listed: one still open, one in the other subject, one of a classmate.
    await exam(student.id, subject.id, 0, null, false);
    await exam(student.id, other.subject.id, 2, 9, true);
    await exam(classmate.id, subject.id, 2, 10, true);

    const view = (await studentDashboard({ ...student, role: "STUDENT" }, subject.id, now))!;
    expect(view.mocks).toEqual([
      { id: older.id, submittedAt: older.submittedAt, correct: 6, total: 10, score: 0.6 },
      { id: newer.id, submittedAt: newer.submittedAt, correct: 8, total: 10, score: 0.8 },
    ]);
    expect(view.subjects).toEqual([
      { id: subject.id, name: "Subject dash-mocks", current: true },
      { id: other.subject.id, name: "Subject dash-mocks-other", current: false },
    ]);
  });

  it("refuses a subject the student is not enrolled in, and has nothing without any enrolment", async () => {
    const { subject } = await subjectWithTopics("dash-c", 1);
    const student = await createUser();
    expect(await studentDashboard({ ...student, role: "STUDENT" }, null)).toBeNull();
    await expect(studentDashboard({ ...student, role: "STUDENT" }, subject.id)).rejects.toMatchObject({ code: "NOT_FOUND" });
    await expect(studentDashboard({ ...student, role: "STUDENT" }, subject.id)).rejects.toBeInstanceOf(ActionError);
  });
});
