import { describe, expect, it } from "vitest";
import { getDb } from "@/lib/server/db";
import { bookmarkList, isBookmarked, removeBookmark, setBookmark } from "@/lib/services/bookmarks";
import { mistakeList } from "@/lib/services/mistakes";
import { currentPresentation, recordAnswer } from "@/lib/services/practice";
import { drillTopics, sessionProgress } from "@/lib/services/practice-modes";
import { reportProblem } from "@/lib/services/problem-reports";
import { setStatus, updateQuestion } from "@/lib/services/question-editor";
import type { QuestionEditorInput } from "@/lib/validation/question-editor";
import { reportProblemSchema } from "@/lib/validation/practice-modes";
import { submitAnswerSchema } from "@/lib/validation/practice";
import { createAnswer } from "../factories/answers";
import { createQuestion, createTopic } from "../factories/questions";
import { createUser } from "../factories/users";

type Question = Awaited<ReturnType<typeof createQuestion>>;

const MINUTE = 60_000;

/** Answers the open presentation of a scope: right (option 1 is the key) or wrong. */
async function answerCurrent(userId: string, scope: Parameters<typeof currentPresentation>[1], correct: boolean, now: Date) {
  const view = await currentPresentation(userId, scope, now);
  if (!view) throw new Error("nothing to practise");
  const presentation = await getDb().presentation.findUniqueOrThrow({ where: { id: view.presentationId }, select: { questionVersionId: true, questionId: true } });
  const options = await getDb().option.findMany({ where: { versionId: presentation.questionVersionId } });
  const option = options.find((o) => o.correct === correct)!;
  await recordAnswer(userId, submitAnswerSchema.parse({ presentationId: view.presentationId, optionId: option.id }), now);
  return { view, questionId: presentation.questionId };
}

/** An answer written directly, for a history at chosen times. */
async function pastAnswer(userId: string, question: Question, correct: boolean, at: Date) {
  const optionIndex = question.versions[0]!.options.findIndex((o) => o.correct === correct);
  await createAnswer(userId, question, { optionIndex, createdAt: at, responseMs: 1000 });
}

describe("topic drill", () => {
  it("serves only the drilled topic's questions and records the mode and topic", async () => {
    const user = await createUser();
    const drilled = await createTopic();
    const other = await createTopic();
    const inTopic = [await createQuestion({ topicId: drilled.id }), await createQuestion({ topicId: drilled.id }), await createQuestion({ topicId: drilled.id })];
    for (let i = 0; i < 6; i += 1) await createQuestion({ topicId: other.id });
    const ids = new Set(inTopic.map((q) => q.id));
    let now = new Date("2026-12-01T10:00:00Z");
    for (let i = 0; i < 5; i += 1) {
      const { view, questionId } = await answerCurrent(user.id, { mode: "TOPIC_DRILL", topicId: drilled.id }, i % 2 === 0, now);
      expect(ids.has(questionId), `drill question ${i}`).toBe(true);
      expect(view.mode).toBe("TOPIC_DRILL");
      expect(view.drillTopicSlug).toBe(drilled.slug);
      now = new Date(now.getTime() + MINUTE);
    }
    const stored = await getDb().presentation.findMany({ where: { userId: user.id } });
    expect(stored.every((p) => p.mode === "TOPIC_DRILL" && p.topicId === drilled.id)).toBe(true);
  });

  it("keeps an open adaptive question apart from a drill, and shows each again in its own mode", async () => {
    const user = await createUser();
    const topic = await createTopic();
    for (let i = 0; i < 3; i += 1) await createQuestion({ topicId: topic.id });
    const now = new Date();
    const adaptive = await currentPresentation(user.id, { mode: "ADAPTIVE" }, now);
    const drill = await currentPresentation(user.id, { mode: "TOPIC_DRILL", topicId: topic.id }, now);
    expect(drill!.presentationId).not.toBe(adaptive!.presentationId);
    expect((await currentPresentation(user.id, { mode: "ADAPTIVE" }, now))!.presentationId).toBe(adaptive!.presentationId);
    expect((await currentPresentation(user.id, { mode: "TOPIC_DRILL", topicId: topic.id }, now))!.presentationId).toBe(drill!.presentationId);
  });

  it("counts the session's drill questions and the topic's size, and lists met / total per topic", async () => {
    const user = await createUser();
    const topic = await createTopic();
    for (let i = 0; i < 4; i += 1) await createQuestion({ topicId: topic.id });
    await createQuestion({ topicId: topic.id, status: "DRAFT" });
    let now = new Date();
    for (let i = 0; i < 2; i += 1) {
      await answerCurrent(user.id, { mode: "TOPIC_DRILL", topicId: topic.id }, true, now);
      now = new Date(now.getTime() + MINUTE);
    }
    const third = await currentPresentation(user.id, { mode: "TOPIC_DRILL", topicId: topic.id }, now);
    expect(await sessionProgress(user.id, third!.presentationId)).toMatchObject({ position: 3, target: 4 });
    const other = await createUser();
    expect(await sessionProgress(other.id, third!.presentationId)).toBeNull();
    const { topics } = await drillTopics(user.id);
    expect(topics.find((t) => t.id === topic.id)).toMatchObject({ met: 2, total: 4 });
  });
});

describe("review mistakes", () => {
  it("lists exactly the questions last answered wrong in 30 days, missed most often first", async () => {
    const user = await createUser();
    const topic = await createTopic();
    const [twice, once, fixed, right, stale] = [
      await createQuestion({ topicId: topic.id }),
      await createQuestion({ topicId: topic.id }),
      await createQuestion({ topicId: topic.id }),
      await createQuestion({ topicId: topic.id }),
      await createQuestion({ topicId: topic.id }),
    ];
    const now = new Date("2026-12-02T12:00:00Z");
    const ago = (days: number) => new Date(now.getTime() - days * 86_400_000);
    await pastAnswer(user.id, twice, false, ago(5));
    await pastAnswer(user.id, twice, false, ago(4));
    await pastAnswer(user.id, once, false, ago(1));
    await pastAnswer(user.id, fixed, false, ago(3));
    await pastAnswer(user.id, fixed, true, ago(2));
    await pastAnswer(user.id, right, true, ago(1));
    await pastAnswer(user.id, stale, false, ago(40));
    // Another student's mistakes are not this one's.
    await pastAnswer((await createUser()).id, right, false, ago(1));

    const list = await mistakeList(user.id, now);
    expect(list.map((m) => m.questionId)).toEqual([twice.id, once.id]);
    expect(list[0]).toMatchObject({ timesMissed: 2, topicName: topic.name, stem: twice.versions[0]!.stem });

    // Mistakes mode serves them in that order, skipping the one just answered.
    const first = await answerCurrent(user.id, { mode: "MISTAKES" }, false, now);
    expect(first.questionId).toBe(twice.id);
    expect(first.view.mode).toBe("MISTAKES");
    const second = await currentPresentation(user.id, { mode: "MISTAKES" }, new Date(now.getTime() + MINUTE));
    const shown = await getDb().presentation.findUniqueOrThrow({ where: { id: second!.presentationId } });
    expect(shown.questionId).toBe(once.id);
    expect(shown.mode).toBe("MISTAKES");
  });

  it("answering a mistake right takes it off the list, and an empty list serves nothing", async () => {
    const user = await createUser();
    const question = await createQuestion();
    await createQuestion({ topicId: question.topicId });
    const now = new Date();
    await pastAnswer(user.id, question, false, new Date(now.getTime() - 2 * MINUTE));
    const { questionId } = await answerCurrent(user.id, { mode: "MISTAKES" }, true, now);
    expect(questionId).toBe(question.id);
    expect(await mistakeList(user.id, now)).toEqual([]);
    expect(await currentPresentation(user.id, { mode: "MISTAKES" }, new Date(now.getTime() + MINUTE))).toBeNull();
  });
});

describe("bookmarks", () => {
  it("toggles a bookmark from a presentation, lists it, and practises only bookmarked questions", async () => {
    const user = await createUser();
    const topic = await createTopic();
    const questions = [];
    for (let i = 0; i < 6; i += 1) questions.push(await createQuestion({ topicId: topic.id }));
    expect(await currentPresentation(user.id, { mode: "BOOKMARKS" })).toBeNull();

    const view = await currentPresentation(user.id, { mode: "ADAPTIVE" });
    await setBookmark(user.id, view!.presentationId, true);
    await setBookmark(user.id, view!.presentationId, true);
    expect(await isBookmarked(user.id, view!.presentationId)).toBe(true);
    const list = await bookmarkList(user.id);
    expect(list).toHaveLength(1);
    const bookmarkedId = list[0]!.questionId;

    let now = new Date(Date.now() + MINUTE);
    for (let i = 0; i < 3; i += 1) {
      const { questionId, view: shown } = await answerCurrent(user.id, { mode: "BOOKMARKS" }, i === 0, now);
      expect(questionId).toBe(bookmarkedId);
      expect(shown.mode).toBe("BOOKMARKS");
      now = new Date(now.getTime() + MINUTE);
    }

    await setBookmark(user.id, view!.presentationId, false);
    expect(await isBookmarked(user.id, view!.presentationId)).toBe(false);
    expect(await bookmarkList(user.id)).toEqual([]);
    expect(await currentPresentation(user.id, { mode: "BOOKMARKS" }, now)).toBeNull();
  });

  it("refuses another student's presentation and removes only the student's own bookmark", async () => {
    const alice = await createUser();
    const bob = await createUser();
    await createQuestion();
    const view = await currentPresentation(alice.id);
    await expect(setBookmark(bob.id, view!.presentationId, true)).rejects.toMatchObject({ code: "NOT_FOUND" });
    expect(await getDb().bookmark.count()).toBe(0);
    await setBookmark(alice.id, view!.presentationId, true);
    const questionId = (await bookmarkList(alice.id))[0]!.questionId;
    await removeBookmark(bob.id, questionId);
    expect(await bookmarkList(alice.id)).toHaveLength(1);
    await removeBookmark(alice.id, questionId);
    expect(await bookmarkList(alice.id)).toHaveLength(0);
  });
});

describe("the bookmarks page", () => {
  /** The factory's question as the editor would save it, with a new stem and status. */
  const rewritten = (topicId: string, stem: string, status: QuestionEditorInput["status"]): QuestionEditorInput => ({
    stem,
    explanation: "Because B.",
    options: ["A", "B", "C", "D"].map((text, position) => ({ text: `Option ${text}`, feedback: position === 1 ? "Correct. B." : `Not ${text}.`, correct: position === 1 })),
    topicId,
    difficulty: "MEDIUM",
    kind: "RECALL",
    sources: ["000_8e6e561306f24fb4.txt"],
    tags: [],
    status,
  });

  it("shows the wording the student was shown, never a draft's rewrite; a question no longer published is listed, not practised", async () => {
    const instructor = await createUser({ role: "INSTRUCTOR" });
    const user = await createUser();
    const topic = await createTopic();
    const question = await createQuestion({ topicId: topic.id });
    const seen = question.versions[0]!.stem;
    const view = await currentPresentation(user.id);
    await setBookmark(user.id, view!.presentationId, true);
    expect(await bookmarkList(user.id)).toEqual([expect.objectContaining({ questionId: question.id, stem: seen, published: true })]);

    // Back to draft with a new stem (a new version: the first one was shown).
    const draft = "An unpublished rewrite that no student has seen?";
    expect(await updateQuestion(instructor, question.id, rewritten(topic.id, draft, "DRAFT"))).toMatchObject({ versionCreated: true });
    const listed = await bookmarkList(user.id);
    expect(listed).toEqual([expect.objectContaining({ questionId: question.id, stem: seen, published: false })]);
    expect(JSON.stringify(listed)).not.toContain("unpublished rewrite");
    expect(await currentPresentation(user.id, { mode: "BOOKMARKS" })).toBeNull();

    // Published again: practised in its new wording; the list keeps the wording that was bookmarked.
    await setStatus(instructor, question.id, "PUBLISHED");
    expect((await currentPresentation(user.id, { mode: "BOOKMARKS" }))!.stem).toBe(draft);
    expect(await bookmarkList(user.id)).toEqual([expect.objectContaining({ stem: seen, published: true })]);
  });
});

describe("problem reports", () => {
  it("stores one report per student and version; a second is refused and writes nothing; another's presentation is refused", async () => {
    const alice = await createUser();
    const bob = await createUser();
    const question = await createQuestion();
    const view = await currentPresentation(alice.id);
    const input = reportProblemSchema.parse({ presentationId: view!.presentationId, category: "WRONG_KEY", reason: "  Option C is also defensible.  " });

    await expect(reportProblem(bob.id, input)).rejects.toMatchObject({ code: "NOT_FOUND" });
    expect(await getDb().problemReport.count()).toBe(0);

    await reportProblem(alice.id, input);
    const stored = await getDb().problemReport.findMany();
    expect(stored).toHaveLength(1);
    expect(stored[0]).toMatchObject({
      userId: alice.id,
      questionId: question.id,
      questionVersionId: question.versions[0]!.id,
      category: "WRONG_KEY",
      reason: "Option C is also defensible.",
      status: "OPEN",
    });

    await expect(reportProblem(alice.id, { ...input, category: "TYPO", reason: "A second report of it." })).rejects.toMatchObject({
      code: "CONFLICT",
      message: expect.stringContaining("You already reported this version") as unknown,
    });
    expect(await getDb().problemReport.count()).toBe(1);
  });

  it("asks for a category and a reason of 10 to 1000 characters", () => {
    const base = { presentationId: "abcdefghijklmnopqrstuvwx", category: "UNCLEAR", reason: "Too vague a stem." };
    expect(reportProblemSchema.safeParse(base).success).toBe(true);
    expect(reportProblemSchema.safeParse({ ...base, reason: "   short   " }).success).toBe(false);
    expect(reportProblemSchema.safeParse({ ...base, reason: "x".repeat(1001) }).success).toBe(false);
    expect(reportProblemSchema.safeParse({ ...base, category: "ANGRY" }).success).toBe(false);
  });
});
