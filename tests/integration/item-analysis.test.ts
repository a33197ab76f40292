import { describe, expect, it } from "vitest";
import {
  analyseVersion,
  examSumsFromMatrix,
  flagsFor,
  sumsFromMatrix,
  discriminativeEfficiency,
  type ExamSitting,
  type MatrixResponse,
} from "@/lib/analytics/item-analysis";
import { ActionError } from "@/lib/server/action-client";
import { getDb } from "@/lib/server/db";
import {
  EXAM_SUMS_SQL,
  ITEM_SUMS_SQL,
  itemAnalysisPage,
  itemAnalysisReport,
  QUESTION_NOT_FOUND,
  questionItemAnalysis,
  subjectsVisibleTo,
  SUBJECT_NOT_FOUND,
} from "@/lib/services/item-analysis";
import { parseItemAnalysisQuery } from "@/lib/validation/item-analysis";
import { classOverview, classProgressExport, classStudentDashboard } from "@/lib/services/class-progress";
import { createClass, getClassDetail } from "@/lib/services/classes";
import { createAnswer } from "../factories/answers";
import { createQuestion } from "../factories/questions";
import { createUser } from "../factories/users";
import { onPostgres } from "./postgres-databases";

type Question = Awaited<ReturnType<typeof createQuestion>>;
const T0 = new Date("2026-11-01T09:00:00Z");
const at = (minutes: number) => new Date(T0.getTime() + minutes * 60_000);

async function subjectWithTopic(slug: string) {
  const db = getDb();
  const subject = await db.subject.create({ data: { slug, name: `Subject ${slug}` } });
  const topic = await db.topic.create({ data: { slug: `${slug}-topic`, name: `Topic of ${slug}`, subjectId: subject.id, weight: 1 } });
  return { subject, topic };
}

function actorOf(user: { id: string; email: string; name: string; role: "STUDENT" | "INSTRUCTOR" | "ADMIN" }) {
  return { id: user.id, email: user.email, name: user.name, role: user.role };
}

async function expectCode(promise: Promise<unknown>, code: string, message?: string) {
  const error: unknown = await promise.then(
    () => null,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(ActionError);
  expect((error as ActionError).code).toBe(code);
  if (message) expect((error as ActionError).message).toBe(message);
}

describe("who may see which subject's items", () => {
  it("students are refused; an instructor sees the subjects of their classes and of questions or versions they wrote; an admin sees all", async () => {
    const db = getDb();
    const student = await createUser();
    const teacher = await createUser({ role: "INSTRUCTOR" });
    const other = await createUser({ role: "INSTRUCTOR" });
    const admin = await createUser({ role: "ADMIN" });
    const byClass = await subjectWithTopic("by-class");
    const byQuestion = await subjectWithTopic("by-question");
    const byVersion = await subjectWithTopic("by-version");
    const foreign = await subjectWithTopic("foreign");

    await db.classroom.create({ data: { name: "Mine", joinCode: "AAAA2222", ownerId: teacher.id, subjectId: byClass.subject.id } });
    await db.classroom.create({ data: { name: "Theirs", joinCode: "BBBB3333", ownerId: other.id, subjectId: foreign.subject.id } });
    // A class without a subject adds nothing.
    await db.classroom.create({ data: { name: "No subject", joinCode: "CCCC4444", ownerId: teacher.id } });
    const authored = await createQuestion({ topicId: byQuestion.topic.id });
    await db.question.update({ where: { id: authored.id }, data: { authorId: teacher.id } });
    const edited = await createQuestion({ topicId: byVersion.topic.id });
    await db.questionVersion.update({ where: { id: edited.versions[0]!.id }, data: { authorId: teacher.id } });
    const theirs = await createQuestion({ topicId: foreign.topic.id });
    await db.question.update({ where: { id: theirs.id }, data: { authorId: other.id } });

    await expectCode(subjectsVisibleTo(actorOf(student)), "FORBIDDEN");
    await expectCode(itemAnalysisReport(actorOf(student), "by-class"), "FORBIDDEN");
    await expectCode(itemAnalysisPage(actorOf(student), parseItemAnalysisQuery({}).query), "FORBIDDEN");

    expect((await subjectsVisibleTo(actorOf(teacher))).map((s) => s.slug)).toEqual(["by-class", "by-question", "by-version"]);
    expect((await subjectsVisibleTo(actorOf(other))).map((s) => s.slug)).toEqual(["foreign"]);
    expect((await subjectsVisibleTo(actorOf(admin))).map((s) => s.slug)).toEqual(["by-class", "by-question", "by-version", "foreign"]);

    expect((await itemAnalysisReport(actorOf(teacher), "by-version"))!.subject.slug).toBe("by-version");
    // Another instructor's subject and a subject that does not exist look the same.
    await expectCode(itemAnalysisReport(actorOf(teacher), "foreign"), "NOT_FOUND", SUBJECT_NOT_FOUND);
    await expectCode(itemAnalysisReport(actorOf(teacher), "no-such-subject"), "NOT_FOUND", SUBJECT_NOT_FOUND);
    await expectCode(itemAnalysisPage(actorOf(teacher), parseItemAnalysisQuery({ subject: "foreign" }).query), "NOT_FOUND", SUBJECT_NOT_FOUND);
    expect((await itemAnalysisReport(actorOf(admin), "foreign"))!.subject.slug).toBe("foreign");
    // Without a subject named: the first visible one; an instructor with none gets an empty page, not an error.
    expect((await itemAnalysisPage(actorOf(teacher), parseItemAnalysisQuery({}).query)).report!.subject.slug).toBe("by-class");
    const newcomer = await createUser({ role: "INSTRUCTOR" });
    expect(await itemAnalysisPage(actorOf(newcomer), parseItemAnalysisQuery({}).query)).toMatchObject({ subjects: [], report: null, rows: [] });
  });
});

describe("what an instructor sees of another instructor's subject (decision 0003, Accepted)", () => {
  it("subjects have no owner: a class in any subject opens its item analysis, per-question aggregates with no student in them; the other's class stays private", async () => {
    const owner = await createUser({ role: "INSTRUCTOR" });
    const newcomer = await createUser({ role: "INSTRUCTOR" });
    const pupil = await createUser({ name: "Priya Private", email: "priya.private@example.com" });
    const { subject, topic } = await subjectWithTopic("shared");
    const question = await createQuestion({ topicId: topic.id });
    const theirs = await createClass(actorOf(owner), { name: "Owner's cohort", examDate: null, subjectId: subject.id });
    await getDb().classMembership.create({ data: { classId: theirs.id, userId: pupil.id } });
    await createAnswer(pupil.id, question, { optionIndex: 2, createdAt: at(1) });

    await expectCode(itemAnalysisReport(actorOf(newcomer), "shared"), "NOT_FOUND", SUBJECT_NOT_FOUND);
    // Any instructor may make a class in any subject, and with it sees the subject's items.
    await createClass(actorOf(newcomer), { name: "Newcomer's cohort", examDate: null, subjectId: subject.id });
    const report = (await itemAnalysisReport(actorOf(newcomer), "shared"))!;
    expect(report.rows).toHaveLength(1);
    expect(report.rows[0]!.stats.n).toBe(1);
    // Counts and shares per question and option, over every student's first attempts: no name, email or id.
    const shown = JSON.stringify([report, await questionItemAnalysis(actorOf(newcomer), question.id)]);
    for (const personal of [pupil.id, pupil.name, pupil.email, owner.id, theirs.id]) expect(shown).not.toContain(personal);

    // The other instructor's class, its roster, dashboards and CSV are theirs alone.
    await expectCode(getClassDetail(actorOf(newcomer), theirs.id), "NOT_FOUND");
    await expectCode(classOverview(actorOf(newcomer), theirs.id, null), "NOT_FOUND");
    await expectCode(classProgressExport(actorOf(newcomer), theirs.id), "NOT_FOUND");
    await expectCode(classStudentDashboard(actorOf(newcomer), theirs.id, pupil.id), "NOT_FOUND");
  });
});

/**
 * The same first attempts as tests/unit/analytics/item-analysis.test.ts's
 * matrix, written as answers in a subject (options A, B the key, C, D), plus
 * what the statistics must ignore: later answers, another subject's answers,
 * and a question's second version answered by others.
 */
const MATRIX: Array<[string, number, number]> = [
  // student, question index, option index (1 is the key)
  ["S1", 0, 1],
  ["S1", 1, 1],
  ["S1", 2, 1],
  ["S2", 0, 1],
  ["S2", 1, 1],
  ["S2", 2, 0],
  ["S3", 0, 1],
  ["S3", 1, 0],
  ["S3", 2, 0],
  ["S4", 0, 1],
  ["S4", 1, 2],
  ["S4", 2, 2],
  ["S5", 0, 0],
  ["S5", 1, 1],
  ["S5", 2, 1],
  ["S6", 0, 2],
];

describe("the service's numbers", () => {
  it("equal the pure matrix path on the same seeded answers", async () => {
    const db = getDb();
    const admin = actorOf(await createUser({ role: "ADMIN" }));
    const { subject, topic } = await subjectWithTopic("matrix");
    const questions: Question[] = [];
    for (let i = 0; i < 3; i += 1) questions.push(await createQuestion({ topicId: topic.id }));
    const students = new Map<string, string>();
    for (const name of ["S1", "S2", "S3", "S4", "S5", "S6"]) students.set(name, (await createUser({ name })).id);

    const responses: MatrixResponse[] = [];
    for (const [index, [student, q, option]] of MATRIX.entries()) {
      const question = questions[q]!;
      const confidence = (student === "S5" && q === 0) || (student === "S3" && q === 1) ? "GUESSED" : "SURE";
      await createAnswer(students.get(student)!, question, { optionIndex: option, createdAt: at(index), confidence });
      const version = question.versions[0]!;
      responses.push({ student, item: version.id, option: version.options[option]!.id, correct: option === 1, confidence });
    }
    // Later answers (not first attempts) change nothing: S3 gets I1 wrong, S5 gets I1 right.
    await createAnswer(students.get("S3")!, questions[0]!, { optionIndex: 3, createdAt: at(100) });
    await createAnswer(students.get("S5")!, questions[0]!, { optionIndex: 1, createdAt: at(101) });
    // Another subject's answers change no one's ability estimate here.
    const elsewhere = await subjectWithTopic("elsewhere");
    const outside = await createQuestion({ topicId: elsewhere.topic.id });
    await createAnswer(students.get("S6")!, outside, { optionIndex: 1, createdAt: at(102) });

    const report = (await itemAnalysisReport(admin, subject.slug))!;
    const { items, options } = sumsFromMatrix(responses);
    expect(report.rows).toHaveLength(3);
    expect(report.unattemptedQuestions).toBe(0);
    for (const question of questions) {
      const version = question.versions[0]!;
      const row = report.rows.find((r) => r.versionId === version.id)!;
      const expected = analyseVersion({ sums: items.get(version.id)!, options: version.options, optionSums: options });
      expect(row.stats.n).toBe(expected.n);
      expect(row.stats.discriminationN).toBe(expected.discriminationN);
      for (const key of ["facility", "standardDeviation", "discrimination", "guessedShare", "randomGuessScore"] as const) {
        expect(row.stats[key], key).toBeCloseTo(expected[key]!, 12);
      }
      expect(row.options.map((o) => [o.letter, o.count, o.share])).toEqual(expected.options.map((o) => [o.letter, o.count, o.share]));
      row.options.forEach((o, i) => {
        const want = expected.options[i]!.meanAbility;
        if (want === null) expect(o.meanAbility).toBeNull();
        else expect(o.meanAbility).toBeCloseTo(want, 12);
      });
      expect(row.stats.efficiency).toBeNull();
    }
    // The hand-computed values of the unit test, once more: I1's r = -0.559017, I2's 0.408248.
    expect(report.rows.find((r) => r.questionId === questions[0]!.id)!.stats.discrimination).toBeCloseTo(-0.559017, 6);
    expect(report.rows.find((r) => r.questionId === questions[1]!.id)!.stats.discrimination).toBeCloseTo(0.408248, 6);
    expect(report.rows.find((r) => r.questionId === questions[0]!.id)!.stats.facility).toBeCloseTo(4 / 6, 12);
    expect(await db.answer.count()).toBe(MATRIX.length + 3);
  });

  it("gives discriminative efficiency from submitted mock exams, as the pure path does", async () => {
    const db = getDb();
    const admin = actorOf(await createUser({ role: "ADMIN" }));
    const { subject, topic } = await subjectWithTopic("mock");
    const questions: Question[] = [];
    for (let i = 0; i < 4; i += 1) questions.push(await createQuestion({ topicId: topic.id }));
    // Five sittings of a four-item exam (null = left unanswered); the last student had practised Q1 first.
    const sittings: Array<{ answers: Array<boolean | null>; practisedFirst?: boolean }> = [
      { answers: [true, true, true, false] },
      { answers: [true, false, false, false] },
      { answers: [false, true, true, true] },
      { answers: [false, false, true, null] },
      { answers: [true, true, false, null] },
      { answers: [true, true, true, true], practisedFirst: true },
    ];
    const pure: ExamSitting[] = [];
    for (const [s, sitting] of sittings.entries()) {
      const user = await createUser();
      if (sitting.practisedFirst) await createAnswer(user.id, questions[0]!, { optionIndex: 0, createdAt: at(s * 10) });
      const submittedAt = at(s * 10 + 5);
      const exam = await db.mockExam.create({
        data: {
          userId: user.id,
          subjectId: subject.id,
          questionCount: 4,
          startedAt: at(s * 10 + 1),
          submittedAt,
          endedBy: "submitted",
          correctCount: sitting.answers.filter((a) => a === true).length,
        },
      });
      const items: ExamSitting["items"][number][] = [];
      for (const [position, correct] of sitting.answers.entries()) {
        const question = questions[position]!;
        const version = question.versions[0]!;
        const answer = correct === null ? null : await createAnswer(user.id, question, { optionIndex: correct ? 1 : 0, createdAt: submittedAt });
        await db.presentation.create({
          data: {
            id: `p-${s}-${position}`,
            userId: user.id,
            questionId: question.id,
            questionVersionId: version.id,
            optionOrder: version.options.map((o) => o.id),
            mode: "MOCK_EXAM",
            mockExamId: exam.id,
            position,
            issuedAt: at(s * 10 + 1),
            ...(answer ? { answerId: answer.id, answeredAt: submittedAt } : {}),
          },
        });
        items.push({ item: version.id, correct, firstAttempt: answer?.firstAttempt ?? true });
      }
      pure.push({ items });
    }
    // An exam still open says nothing yet.
    const open = await createUser();
    await db.mockExam.create({ data: { userId: open.id, subjectId: subject.id, questionCount: 4, startedAt: at(90) } });

    const report = (await itemAnalysisReport(admin, subject.slug))!;
    const expected = examSumsFromMatrix(pure);
    for (const question of questions) {
      const version = question.versions[0]!;
      const row = report.rows.find((r) => r.versionId === version.id)!;
      const want = discriminativeEfficiency(expected.get(version.id)!);
      expect(row.stats.efficiencyN).toBe(expected.get(version.id)!.n);
      if (want === null) expect(row.stats.efficiency).toBeNull();
      else expect(row.stats.efficiency).toBeCloseTo(want, 12);
    }
    // Q1 is the unit test's E1: efficiency -2/3 over five first attempts (the practised sitting left out).
    const q1 = report.rows.find((r) => r.questionId === questions[0]!.id)!;
    expect(q1.stats.efficiencyN).toBe(5);
    expect(q1.stats.efficiency).toBeCloseTo(-2 / 3, 12);
  });

  it("flags a dead distractor once 30 students have answered, links each row to its question, and filters and sorts", async () => {
    const admin = actorOf(await createUser({ role: "ADMIN" }));
    const { subject, topic } = await subjectWithTopic("flags");
    const other = await getDb().topic.create({ data: { slug: "flags-other", name: "Other topic", subjectId: subject.id, weight: 0 } });
    const dead = await createQuestion({ topicId: topic.id });
    const fine = await createQuestion({ topicId: other.id });
    await createQuestion({ topicId: other.id });
    for (let i = 0; i < 30; i += 1) {
      const user = await createUser();
      // Nobody chooses D of `dead`; `fine` gets every option.
      await createAnswer(user.id, dead, { optionIndex: [1, 1, 0, 2][i % 4]!, createdAt: at(i) });
      await createAnswer(user.id, fine, { optionIndex: i % 4, createdAt: at(i) });
    }
    const report = (await itemAnalysisReport(admin, subject.slug))!;
    expect(report.unattemptedQuestions).toBe(1);
    const deadRow = report.rows.find((r) => r.questionId === dead.id)!;
    expect(deadRow.flags.map((f) => f.label)).toContain("Dead distractor D");
    expect(deadRow.flags).toEqual(flagsFor(deadRow.stats, null));
    expect(report.rows.find((r) => r.questionId === fine.id)!.flags.map((f) => f.code)).not.toContain("dead-distractor");

    const flaggedOnly = await itemAnalysisPage(admin, parseItemAnalysisQuery({ subject: subject.slug, flagged: "1" }).query);
    expect(flaggedOnly.rows.every((r) => r.flags.length > 0)).toBe(true);
    const byTopic = await itemAnalysisPage(admin, parseItemAnalysisQuery({ subject: subject.slug, topic: "flags-other" }).query);
    expect(byTopic.rows.map((r) => r.questionId)).toEqual([fine.id]);
    expect(byTopic.topic?.slug).toBe("flags-other");
    // A topic the subject does not have is named back, and every topic is shown.
    const unknown = await itemAnalysisPage(admin, parseItemAnalysisQuery({ subject: subject.slug, topic: "no-such-topic" }).query);
    expect(unknown).toMatchObject({ topic: null, unknownTopic: "no-such-topic", total: 2 });
    const byN = await itemAnalysisPage(admin, parseItemAnalysisQuery({ subject: subject.slug, sort: "facility", dir: "desc" }).query);
    const facilities = byN.rows.map((r) => r.stats.facility!);
    expect(facilities).toEqual([...facilities].sort((a, b) => b - a));
  });
});

describe.skipIf(onPostgres)("query plans of the item analysis statements (SQLite)", () => {
  async function plan(sql: string, ...params: unknown[]): Promise<string> {
    const rows = await getDb().$queryRawUnsafe<Array<{ detail: string }>>(`EXPLAIN QUERY PLAN ${sql}`, ...params);
    return rows.map((r) => r.detail).join("\n");
  }

  it("reaches a subject's first attempts through the topic and question indexes and the covering version index, never scanning Answer", async () => {
    const detail = await plan(ITEM_SUMS_SQL, true, "s1");
    expect(detail).toMatch(/SEARCH t USING (COVERING )?INDEX Topic_subjectId_position_idx \(subjectId=\?\)/);
    expect(detail).toMatch(/SEARCH q USING (COVERING )?INDEX Question_topicId_status_idx \(topicId=\?\)/);
    expect(detail).toMatch(/SEARCH a USING COVERING INDEX Answer_questionVersionId_firstAttempt_idx \(questionVersionId=\? AND firstAttempt=\?\)/);
    // Read once: the student's totals come from window functions over the same rows, not a second pass.
    expect(detail.match(/Answer_/g)).toHaveLength(1);
    expect(detail).not.toMatch(/SCAN a\b/);
  });

  it("reaches a subject's mock exams through the subject index and each answer by its key", async () => {
    const detail = await plan(EXAM_SUMS_SQL, "s1", true);
    expect(detail).toMatch(/SEARCH e USING INDEX MockExam_subjectId_idx \(subjectId=\?\)/);
    expect(detail).toMatch(/SEARCH a USING INDEX sqlite_autoindex_Answer_1 \(id=\?\)/);
    expect(detail).not.toMatch(/SCAN (a|p)\b/);
  });

  it("counts one version's first attempts per option from the index alone", async () => {
    const detail = await plan(`SELECT "optionId", COUNT(*) AS "n" FROM "Answer" WHERE "questionVersionId" = ? AND "firstAttempt" = ? GROUP BY "optionId"`, "v1", true);
    expect(detail).toMatch(/SEARCH Answer USING COVERING INDEX Answer_questionVersionId_firstAttempt_idx \(questionVersionId=\? AND firstAttempt=\?\)/);
    expect(detail).not.toMatch(/TEMP B-TREE/);
  });
});

describe("reusing a subject's statistics", () => {
  it("serves the same figures for up to a minute, then recomputes; an edit to the subject's questions shows at once; access is checked every time", async () => {
    const db = getDb();
    const admin = actorOf(await createUser({ role: "ADMIN" }));
    const outsider = actorOf(await createUser({ role: "INSTRUCTOR" }));
    const { subject, topic } = await subjectWithTopic("reused");
    const question = await createQuestion({ topicId: topic.id });
    const first = await createUser();
    await createAnswer(first.id, question, { optionIndex: 1, createdAt: at(0) });

    const t = Date.parse("2026-11-01T10:00:00Z");
    const before = (await itemAnalysisReport(admin, subject.slug, t))!;
    expect(before.rows[0]!.stats.n).toBe(1);
    expect(before.computedAt.getTime()).toBe(t);
    // The statistics were computed; someone who may not see the subject still may not.
    await expectCode(itemAnalysisReport(outsider, subject.slug, t + 1_000), "NOT_FOUND", SUBJECT_NOT_FOUND);

    // A new first attempt: the figures a few seconds later are the same copy.
    await createAnswer((await createUser()).id, question, { optionIndex: 0, createdAt: at(1) });
    const reused = (await itemAnalysisReport(admin, subject.slug, t + 30_000))!;
    expect(reused.computedAt.getTime()).toBe(t);
    expect(reused.rows[0]!.stats.n).toBe(1);
    // After a minute they are recomputed.
    const later = (await itemAnalysisReport(admin, subject.slug, t + 61_000))!;
    expect(later.computedAt.getTime()).toBe(t + 61_000);
    expect(later.rows[0]!.stats.n).toBe(2);

    // An edit to the question (a new wording of its stem) shows on the next view.
    await db.questionVersion.update({ where: { id: question.versions[0]!.id }, data: { stem: "A reworded stem for the reuse test" } });
    const edited = (await itemAnalysisReport(admin, subject.slug, t + 62_000))!;
    expect(edited.computedAt.getTime()).toBe(t + 62_000);
    expect(edited.rows[0]!.stem).toBe("A reworded stem for the reuse test");

    // Views arriving together share one computation.
    const [a, b] = await Promise.all([itemAnalysisReport(admin, subject.slug, t + 200_000), itemAnalysisReport(admin, subject.slug, t + 200_001)]);
    expect(a).toBe(b);
  });
});

describe("one question's analysis", () => {
  it("shows its versions' options to an instructor of its subject and an admin; another instructor, a student and a made-up id get nothing", async () => {
    const db = getDb();
    const teacher = actorOf(await createUser({ role: "INSTRUCTOR" }));
    const other = actorOf(await createUser({ role: "INSTRUCTOR" }));
    const admin = actorOf(await createUser({ role: "ADMIN" }));
    const student = actorOf(await createUser());
    const { topic } = await subjectWithTopic("one-question");
    const question = await createQuestion({ topicId: topic.id });
    await db.question.update({ where: { id: question.id }, data: { authorId: teacher.id } });
    const untouched = await createQuestion({ topicId: topic.id });
    for (const [i, option] of [1, 1, 0].entries()) await createAnswer((await createUser()).id, question, { optionIndex: option, createdAt: at(i) });

    const view = await questionItemAnalysis(teacher, question.id);
    expect(view.question).toMatchObject({ id: question.id, slug: question.slug });
    expect(view.rows).toHaveLength(1);
    expect(view.rows[0]!.stats.n).toBe(3);
    expect(view.rows[0]!.options.map((o) => o.count)).toEqual([1, 2, 0, 0]);
    expect((await questionItemAnalysis(admin, question.id)).rows).toHaveLength(1);
    // A question of the subject nobody has answered yet: its page says so.
    expect((await questionItemAnalysis(teacher, untouched.id)).rows).toEqual([]);

    await expectCode(questionItemAnalysis(other, question.id), "NOT_FOUND", QUESTION_NOT_FOUND);
    await expectCode(questionItemAnalysis(teacher, "cmx0000000000000000000000"), "NOT_FOUND", QUESTION_NOT_FOUND);
    await expectCode(questionItemAnalysis(student, question.id), "FORBIDDEN");
  });
});

