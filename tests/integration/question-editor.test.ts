import { describe, expect, it } from "vitest";
import { getDb } from "@/lib/server/db";
import { recordAnswer } from "@/lib/services/practice";
import { publishedBank } from "@/lib/services/published-bank";
import {
  createQuestion,
  deleteQuestion,
  editorTopics,
  nearDuplicateStems,
  questionForEditing,
  questionHistory,
  setStatus,
  updateQuestion,
} from "@/lib/services/question-editor";
import { editorInputFromForm, validateQuestionEditor, type QuestionEditorInput } from "@/lib/validation/question-editor";
import { createPresentation } from "../factories/presentations";
import { createTopic } from "../factories/questions";
import { createUser } from "../factories/users";

function input(topicId: string, overrides: Partial<QuestionEditorInput> = {}): QuestionEditorInput {
  return {
    stem: "A widow stopped seeing friends after her husband died. Which problem area fits?",
    explanation: "A death started it. Grief is the area.",
    options: [
      { text: "Grief", feedback: "Yes: a death.", correct: true },
      { text: "Role dispute", feedback: "No dispute is named.", correct: false },
      { text: "Transition", feedback: "No new role.", correct: false },
    ],
    topicId,
    difficulty: "MEDIUM",
    kind: "APPLICATION",
    sources: ["000_8e6e561306f24fb4.txt"],
    tags: ["grief"],
    status: "PUBLISHED",
    ...overrides,
  };
}

async function setup() {
  const instructor = await createUser({ role: "INSTRUCTOR", name: "Ida Instructor" });
  const student = await createUser();
  const topic = await createTopic();
  const created = await createQuestion(instructor, input(topic.id));
  return { instructor, student, topic, created };
}

async function versionsOf(questionId: string) {
  return getDb().questionVersion.findMany({
    where: { questionId },
    orderBy: { version: "asc" },
    include: { options: { orderBy: { position: "asc" } } },
  });
}

const reworded = (topicId: string) =>
  input(topicId, { stem: "A widower stopped seeing friends after his wife died. Which problem area fits?" });

describe("question editor service", () => {
  it("gives questions created at the same moment in one topic distinct slugs, and saves every one", async () => {
    // On PostgreSQL two creators read the same highest slug under READ COMMITTED and the second insert
    // hit the unique slug: "Something went wrong on our side" in the editor (a fresh-clone CI run, e2e).
    const instructor = await createUser({ role: "INSTRUCTOR" });
    const topic = await createTopic();
    const results = await Promise.allSettled(
      Array.from({ length: 6 }, (_, i) => createQuestion(instructor, input(topic.id, { stem: `Concurrent stem number ${i} about roles?` }))),
    );
    expect(results.filter((r) => r.status === "rejected").map((r) => String(r.reason))).toEqual([]);
    const slugs = results.map((r) => (r as PromiseFulfilledResult<{ slug: string }>).value.slug);
    expect(new Set(slugs).size).toBe(6);
    expect(await getDb().question.count({ where: { topicId: topic.id } })).toBe(6);
  });

  it("creates a question with a stable slug, version 1 by its author, calibration, search text and an audit entry", async () => {
    const { instructor, topic, created } = await setup();
    expect(created.slug).toBe(`test-subject-${topic.slug}-001`);
    const second = await createQuestion(instructor, input(topic.id, { stem: "Another stem entirely about sleep?" }));
    expect(second.slug).toBe(`test-subject-${topic.slug}-002`);
    const row = await getDb().question.findUniqueOrThrow({ where: { id: created.id }, include: { calibration: true, versions: true } });
    expect(row.authorId).toBe(instructor.id);
    expect(row.versions).toHaveLength(1);
    expect(row.versions[0]!.authorId).toBe(instructor.id);
    expect(row.calibration).not.toBeNull();
    expect(row.searchText).toContain("a widow stopped seeing friends");
    expect(row.tags).toEqual(["grief"]);
    const audit = await getDb().auditEntry.findMany({ where: { entityId: created.id } });
    expect(audit.map((a) => a.action)).toEqual(["question.create"]);
  });

  it("edits the wording in place while nobody has answered or been shown the version", async () => {
    const { instructor, created, topic } = await setup();
    const before = await versionsOf(created.id);
    const outcome = await updateQuestion(instructor, created.id, reworded(topic.id));
    expect(outcome).toMatchObject({ versionCreated: false, wordingChanged: true, version: 1 });
    const after = await versionsOf(created.id);
    expect(after).toHaveLength(1);
    expect(after[0]!.id).toBe(before[0]!.id);
    expect(after[0]!.stem).toContain("A widower");
    const q = await getDb().question.findUniqueOrThrow({ where: { id: created.id } });
    expect(q.currentVersion).toBe(1);
    expect(q.searchText).toContain("a widower");
  });

  it("creates version 2 once the version has an answer; the old answer keeps version 1", async () => {
    const { instructor, student, created, topic } = await setup();
    const [v1] = await versionsOf(created.id);
    const presentation = await createPresentation(student.id, { id: created.id, versions: [v1!] });
    const answer = await recordAnswer(student.id, { presentationId: presentation.id, optionId: v1!.options[0]!.id, confidence: "SURE" });

    const outcome = await updateQuestion(instructor, created.id, reworded(topic.id));
    expect(outcome).toMatchObject({ versionCreated: true, version: 2 });
    const versions = await versionsOf(created.id);
    expect(versions.map((v) => v.version)).toEqual([1, 2]);
    expect(versions[0]!.stem).toContain("A widow stopped");
    expect(versions[1]!.authorId).toBe(instructor.id);
    const stored = await getDb().answer.findUniqueOrThrow({ where: { id: answer.answerId } });
    expect(stored.questionVersionId).toBe(v1!.id);
    expect((await getDb().question.findUniqueOrThrow({ where: { id: created.id } })).currentVersion).toBe(2);

    const history = await questionHistory(instructor, created.id);
    expect(history!.versions.map((v) => [v.version, v.attempts, v.facility, v.author])).toEqual([
      [1, 1, 1, "Ida Instructor"],
      [2, 0, null, "Ida Instructor"],
    ]);
    expect(history!.audit.map((a) => a.action)).toEqual(["question.edit", "question.create"]);
  });

  it("creates version 2 when an unanswered presentation shows the version, and that presentation still answers", async () => {
    const { instructor, student, created, topic } = await setup();
    const [v1] = await versionsOf(created.id);
    const presentation = await createPresentation(student.id, { id: created.id, versions: [v1!] });
    const outcome = await updateQuestion(instructor, created.id, reworded(topic.id));
    expect(outcome.versionCreated).toBe(true);
    const answer = await recordAnswer(student.id, { presentationId: presentation.id, optionId: v1!.options[1]!.id, confidence: "SURE" });
    expect(answer.correct).toBe(false);
    expect((await getDb().answer.findUniqueOrThrow({ where: { id: answer.answerId } })).questionVersionId).toBe(v1!.id);
  });

  it("never versions for metadata alone, and saving the same thing writes nothing", async () => {
    const { instructor, student, created, topic } = await setup();
    const [v1] = await versionsOf(created.id);
    await createPresentation(student.id, { id: created.id, versions: [v1!] });
    const outcome = await updateQuestion(instructor, created.id, input(topic.id, { difficulty: "HARD", tags: ["grief", "loss"], status: "IN_REVIEW" }));
    expect(outcome).toMatchObject({ versionCreated: false, wordingChanged: false, changedFields: ["difficulty", "tags", "status"] });
    expect(await versionsOf(created.id)).toHaveLength(1);
    const again = await updateQuestion(instructor, created.id, input(topic.id, { difficulty: "HARD", tags: ["grief", "loss"], status: "IN_REVIEW" }));
    expect(again.changedFields).toEqual([]);
    expect(await getDb().auditEntry.count({ where: { entityId: created.id } })).toBe(2);
  });

  it("refuses to delete a question with answers, deletes one without after recording it", async () => {
    const { instructor, student, created, topic } = await setup();
    const [v1] = await versionsOf(created.id);
    const presentation = await createPresentation(student.id, { id: created.id, versions: [v1!] });
    await recordAnswer(student.id, { presentationId: presentation.id, optionId: v1!.options[0]!.id, confidence: "SURE" });
    const refused = await deleteQuestion(instructor, created.id).then(
      () => null,
      (error: unknown) => error as { code: string; message: string },
    );
    expect(refused?.code).toBe("CONFLICT");
    expect(refused?.message).toMatch(/Retire it instead/);
    expect(await getDb().question.count({ where: { id: created.id } })).toBe(1);
    await setStatus(instructor, created.id, "RETIRED");
    expect((await getDb().question.findUniqueOrThrow({ where: { id: created.id } })).status).toBe("RETIRED");

    const spare = await createQuestion(instructor, input(topic.id, { stem: "A stem nobody saw?" }));
    await deleteQuestion(instructor, spare.id);
    expect(await getDb().question.count({ where: { id: spare.id } })).toBe(0);
    const entry = await getDb().auditEntry.findFirstOrThrow({ where: { entityId: spare.id, action: "question.delete" } });
    expect(entry.details).toMatchObject({ slug: spare.slug });
    // The deleted slug is never handed out again.
    const next = await createQuestion(instructor, input(topic.id, { stem: "Yet another stem?" }));
    expect(next.slug).not.toBe(spare.slug);
  });

  it("refuses to delete a question that an open presentation shows", async () => {
    const { instructor, student, created } = await setup();
    const [v1] = await versionsOf(created.id);
    await createPresentation(student.id, { id: created.id, versions: [v1!] });
    await expect(deleteQuestion(instructor, created.id)).rejects.toMatchObject({ code: "CONFLICT" });
  });

  it("finds near-duplicate stems in the same subject, not the question itself", async () => {
    const { instructor, created, topic } = await setup();
    const found = await nearDuplicateStems(instructor, {
      stem: "A widow stopped seeing friends after her husband died. Which problem area fits best?",
      topicId: topic.id,
    });
    expect(found.map((f) => f.id)).toEqual([created.id]);
    expect(await nearDuplicateStems(instructor, { stem: input(topic.id).stem, topicId: topic.id, questionId: created.id })).toEqual([]);
  });

  it("compares with each question's current stem only, not its earlier versions", async () => {
    const { instructor, student, created, topic } = await setup();
    // Answered, so the rewording makes version 2; version 1 keeps the old stem.
    const [v1] = await versionsOf(created.id);
    await createPresentation(student.id, { id: created.id, versions: [v1!] });
    await updateQuestion(instructor, created.id, input(topic.id, { stem: "Which technique links mood changes to interpersonal events in the past week?" }));
    expect((await versionsOf(created.id)).length).toBe(2);
    expect(await nearDuplicateStems(instructor, { stem: input(topic.id).stem, topicId: topic.id })).toEqual([]);
    const found = await nearDuplicateStems(instructor, { stem: "Which technique links mood changes to interpersonal events over the past week?", topicId: topic.id });
    expect(found.map((f) => f.id)).toEqual([created.id]);
  });

  it("refuses a student actor in every function", async () => {
    const { student, created, topic } = await setup();
    const calls: Array<() => Promise<unknown>> = [
      () => createQuestion(student, input(topic.id)),
      () => updateQuestion(student, created.id, reworded(topic.id)),
      () => questionForEditing(student, created.id),
      () => questionHistory(student, created.id),
      () => deleteQuestion(student, created.id),
      () => setStatus(student, created.id, "RETIRED"),
      () => nearDuplicateStems(student, { stem: "x", topicId: topic.id }),
      () => editorTopics(student),
    ];
    for (const call of calls) await expect(call()).rejects.toMatchObject({ code: "FORBIDDEN" });
    const row = await getDb().question.findUniqueOrThrow({ where: { id: created.id } });
    expect(row.status).toBe("PUBLISHED");
    expect(await getDb().question.count()).toBe(1);
  });

  it("validates the form's fields with errors keyed by field", () => {
    const result = validateQuestionEditor(
      editorInputFromForm({ stem: " ", optionText: ["A", ""], optionFeedback: ["fa", "fb"], explanation: "E", topicId: "t", difficulty: "EASY", kind: "RECALL", status: "DRAFT" }),
    );
    expect(result.ok).toBe(false);
    if (!result.ok) expect(Object.keys(result.fieldErrors).sort()).toEqual(["correct", "options.1.text", "stem"]);
  });

  it("rates a question nobody has answered by its current difficulty label, and its first answer moves that rating", async () => {
    const { instructor, student, created, topic } = await setup();
    // Created medium (0); made hard (1) before anyone answered it.
    await updateQuestion(instructor, created.id, input(topic.id, { difficulty: "HARD" }));
    const bank = await publishedBank(getDb());
    expect(bank.rating(bank.questions.get(created.id)!)).toBe(1);

    const [v1] = await versionsOf(created.id);
    const presentation = await createPresentation(student.id, { id: created.id, versions: [v1!] });
    // A wrong first answer: the item reads harder than the hard label's 1, not than medium's 0.
    await recordAnswer(student.id, { presentationId: presentation.id, optionId: v1!.options[1]!.id, confidence: "SURE" });
    const calibration = await getDb().questionCalibration.findUniqueOrThrow({ where: { questionId: created.id } });
    expect(calibration.firstAttempts).toBe(1);
    expect(calibration.rating).toBeGreaterThan(1);
  });
});
