import { describe, expect, it } from "vitest";
import { getDb } from "@/lib/server/db";
import { ADAPTIVE, answerAndContinue, currentPresentation, presentationForStudent, recordAnswer } from "@/lib/services/practice";
import { submitAnswerSchema } from "@/lib/validation/practice";
import { createPresentation } from "../factories/presentations";
import { createQuestion } from "../factories/questions";
import { createUser } from "../factories/users";

function answerInput(presentationId: string, optionId: string, confidence?: string) {
  return submitAnswerSchema.parse({ presentationId, optionId, ...(confidence ? { confidence } : {}) });
}

/** Everything an answer writes, to prove a refused or repeated submit wrote nothing. */
async function writtenState(userId: string) {
  const db = getDb();
  return {
    answers: await db.answer.count({ where: { userId } }),
    memory: await db.memoryState.findMany({ where: { userId }, orderBy: { questionId: "asc" } }),
    abilities: await db.topicAbility.findMany({ where: { userId }, orderBy: { topicId: "asc" } }),
    calibrations: await db.questionCalibration.findMany({ orderBy: { questionId: "asc" } }),
    sessions: await db.practiceSession.findMany({ where: { userId }, select: { answeredCount: true, correctCount: true } }),
    days: await db.studyDay.findMany({ where: { userId } }),
    answered: await db.presentation.count({ where: { userId, answerId: { not: null } } }),
    fit: await db.user.findUniqueOrThrow({ where: { id: userId }, select: { memoryFitReviews: true, memoryStabilityScale: true } }),
  };
}

describe("presentations issued by the server", () => {
  it("stores the option order it shows and sends no key, feedback or explanation", async () => {
    const user = await createUser();
    const question = await createQuestion();
    const view = await currentPresentation(user.id);
    expect(view).not.toBeNull();
    expect(view!.result).toBeNull();
    expect(JSON.stringify(view)).not.toMatch(/correct|feedback|explanation|Because B|Not A/i);
    expect(view!.options.map((o) => o.letter)).toEqual(["A", "B", "C", "D"]);

    const stored = await getDb().presentation.findUniqueOrThrow({ where: { id: view!.presentationId } });
    expect(stored).toMatchObject({ userId: user.id, questionId: question.id, questionVersionId: question.versions[0]!.id, answerId: null });
    expect(stored.optionOrder).toEqual(view!.options.map((o) => o.id));
    expect(new Set(stored.optionOrder as string[])).toEqual(new Set(question.versions[0]!.options.map((o) => o.id)));
  });

  it("shuffles the options per presentation", async () => {
    const question = await createQuestion();
    const orders = new Set<string>();
    for (let i = 0; i < 12; i += 1) {
      const user = await createUser();
      const view = await currentPresentation(user.id);
      orders.add(view!.options.map((o) => o.id).join(","));
    }
    // 12 draws of 24 orders all alike: about 1 in 10^16 for a fair shuffle.
    expect(orders.size).toBeGreaterThan(1);
    expect(question.id).toBeTruthy();
  });

  it("shows the open presentation again on a reload, and a new one once it is answered", async () => {
    const user = await createUser();
    const first = await createQuestion();
    await createQuestion({ topicId: first.topicId });
    const shown = await currentPresentation(user.id);
    const again = await currentPresentation(user.id);
    expect(again).toEqual(shown);
    expect(await getDb().presentation.count({ where: { userId: user.id } })).toBe(1);

    await recordAnswer(user.id, answerInput(shown!.presentationId, shown!.options[0]!.id));
    const next = await currentPresentation(user.id);
    expect(next!.presentationId).not.toBe(shown!.presentationId);
    expect(next!.result).toBeNull();
  });

  it("a student's own answered presentation shows its result; another user's is not found", async () => {
    const alice = await createUser();
    const bob = await createUser();
    const question = await createQuestion();
    const presentation = await createPresentation(alice.id, question);
    expect((await presentationForStudent(alice.id, presentation.id))?.result).toBeNull();
    await recordAnswer(alice.id, answerInput(presentation.id, question.versions[0]!.options[1]!.id));
    expect((await presentationForStudent(alice.id, presentation.id))?.result?.correct).toBe(true);
    expect(await presentationForStudent(bob.id, presentation.id)).toBeNull();
    expect(await presentationForStudent(alice.id, "no-such-presentation-id")).toBeNull();
  });
});

describe("recordAnswer", () => {
  it("answers with feedback lettered in the order the options were shown", async () => {
    const user = await createUser();
    const question = await createQuestion();
    const options = question.versions[0]!.options;
    const reversed = [...options].reverse().map((o) => o.id);
    const presentation = await createPresentation(user.id, question, { order: reversed });

    const result = await recordAnswer(user.id, answerInput(presentation.id, options[0]!.id));
    expect(result).toMatchObject({ correct: false, chosenOptionId: options[0]!.id, correctOptionId: options[1]!.id, replayed: false });
    expect(result.explanation).toBe("Because B.");
    expect(result.options.map((o) => [o.letter, o.text, o.feedback])).toEqual([
      ["A", "Option D", "Not D."],
      ["B", "Option C", "Not C."],
      ["C", "Option B", "Correct. B."],
      ["D", "Option A", "Not A."],
    ]);
  });

  it("a repeated submit of the same token returns the stored result and writes nothing", async () => {
    const user = await createUser();
    const question = await createQuestion();
    const version = question.versions[0]!;
    const presentation = await createPresentation(user.id, question);

    const first = await recordAnswer(user.id, answerInput(presentation.id, version.options[0]!.id));
    const before = await writtenState(user.id);
    // A retry (even naming another option) is the same attempt.
    const retry = await recordAnswer(user.id, answerInput(presentation.id, version.options[1]!.id));
    expect(retry).toEqual({ ...first, replayed: true });
    expect(await writtenState(user.id)).toEqual(before);
    expect(before.answers).toBe(1);
    expect(before.calibrations[0]).toMatchObject({ attempts: 1, correct: 0, firstAttempts: 1, firstCorrect: 0 });
  });

  it("stores concurrent submits of one presentation once", async () => {
    const user = await createUser();
    const question = await createQuestion();
    const presentation = await createPresentation(user.id, question);
    const input = answerInput(presentation.id, question.versions[0]!.options[1]!.id);
    const results = await Promise.all(Array.from({ length: 6 }, () => recordAnswer(user.id, input)));
    expect(new Set(results.map((r) => r.answerId)).size).toBe(1);
    expect(results.filter((r) => !r.replayed)).toHaveLength(1);
    const state = await writtenState(user.id);
    expect(state.answers).toBe(1);
    expect(state.memory[0]!.reps).toBe(1);
    expect(state.days[0]).toMatchObject({ answered: 1, correct: 1 });
  });

  it("refuses another user's token with a clear message and writes nothing", async () => {
    const alice = await createUser();
    const bob = await createUser();
    const question = await createQuestion();
    const bobs = await createPresentation(bob.id, question);
    const before = { alice: await writtenState(alice.id), bob: await writtenState(bob.id) };

    await expect(recordAnswer(alice.id, answerInput(bobs.id, question.versions[0]!.options[1]!.id))).rejects.toMatchObject({
      code: "NOT_FOUND",
      message: expect.stringMatching(/not shown to you/) as unknown,
    });
    expect({ alice: await writtenState(alice.id), bob: await writtenState(bob.id) }).toEqual(before);
    // Bob can still answer his own.
    await expect(recordAnswer(bob.id, answerInput(bobs.id, question.versions[0]!.options[1]!.id))).resolves.toMatchObject({ correct: true });
  });

  it("refuses an unknown or tampered token and writes nothing", async () => {
    const user = await createUser();
    const question = await createQuestion();
    const presentation = await createPresentation(user.id, question);
    const tampered = presentation.id.slice(0, -1) + (presentation.id.endsWith("A") ? "B" : "A");
    const before = await writtenState(user.id);
    await expect(recordAnswer(user.id, answerInput(tampered, question.versions[0]!.options[1]!.id))).rejects.toMatchObject({
      code: "NOT_FOUND",
    });
    expect(await writtenState(user.id)).toEqual(before);
    // Malformed tokens never reach the service.
    for (const bad of ["", "short", "has spaces in it here", "x".repeat(65), "<script>alert(1)</script>"]) {
      expect(submitAnswerSchema.safeParse({ presentationId: bad, optionId: "o1" }).success).toBe(false);
    }
  });

  it("refuses an option that is not in the presented version and writes nothing; the question stays open", async () => {
    const user = await createUser();
    const question = await createQuestion();
    const other = await createQuestion();
    const presentation = await createPresentation(user.id, question);
    const before = await writtenState(user.id);

    for (const optionId of [other.versions[0]!.options[1]!.id, "not-an-option-id"]) {
      await expect(recordAnswer(user.id, answerInput(presentation.id, optionId))).rejects.toMatchObject({
        code: "INVALID_INPUT",
        fieldErrors: { optionId: ["Choose one of the options shown."] },
      });
    }
    expect(await writtenState(user.id)).toEqual(before);
    await expect(recordAnswer(user.id, answerInput(presentation.id, question.versions[0]!.options[1]!.id))).resolves.toMatchObject({
      correct: true,
      replayed: false,
    });
  });

  it("does not serve or accept draft questions", async () => {
    const user = await createUser();
    const draft = await createQuestion({ status: "DRAFT" });
    expect(await currentPresentation(user.id)).toBeNull();
    const presentation = await createPresentation(user.id, draft);
    await expect(recordAnswer(user.id, answerInput(presentation.id, draft.versions[0]!.options[1]!.id))).rejects.toMatchObject({
      code: "NOT_FOUND",
    });
    expect(await getDb().answer.count()).toBe(0);
  });

  it("times the answer on the server and counts it on the student's own day and session", async () => {
    const user = await createUser();
    await getDb().user.update({ where: { id: user.id }, data: { timeZone: "Pacific/Auckland" } });
    await createQuestion();
    const issuedAt = new Date("2026-03-01T11:59:50Z");
    const view = await currentPresentation(user.id, ADAPTIVE, issuedAt);
    const answeredAt = new Date("2026-03-01T12:00:02Z");
    const result = await recordAnswer(user.id, answerInput(view!.presentationId, view!.options[0]!.id, "UNSURE"), answeredAt);

    const answer = await getDb().answer.findUniqueOrThrow({ where: { id: result.answerId } });
    expect(answer).toMatchObject({ responseMs: 12_000, confidence: "UNSURE", attemptToken: view!.presentationId });
    const presentation = await getDb().presentation.findUniqueOrThrow({ where: { id: view!.presentationId } });
    expect(presentation.answeredAt?.toISOString()).toBe(answeredAt.toISOString());
    expect(answer.sessionId).toBe(presentation.sessionId);
    const session = await getDb().practiceSession.findUniqueOrThrow({ where: { id: presentation.sessionId! } });
    expect(session.answeredCount).toBe(1);
    // 12:00 UTC is already 1 a.m. the next day in Auckland.
    const days = await getDb().studyDay.findMany({ where: { userId: user.id } });
    expect(days.map((d) => d.day)).toEqual(["2026-03-02"]);
  });
});

describe("the learner model behind practice", () => {
  it("updates memory, topic ability and item calibration in the answer's transaction", async () => {
    const user = await createUser();
    const question = await createQuestion();
    const now = new Date("2026-11-22T09:00:00Z");
    const presentation = await createPresentation(user.id, question, { issuedAt: now });
    await recordAnswer(user.id, answerInput(presentation.id, question.versions[0]!.options[1]!.id), now);

    const memory = await getDb().memoryState.findUniqueOrThrow({
      where: { userId_questionId: { userId: user.id, questionId: question.id } },
    });
    expect(memory.reps).toBe(1);
    expect(memory.lastReview?.toISOString()).toBe(now.toISOString());
    expect(memory.due.getTime()).toBeGreaterThan(now.getTime());
    const ability = await getDb().topicAbility.findUniqueOrThrow({
      where: { userId_topicId: { userId: user.id, topicId: question.topicId } },
    });
    expect(ability.attempts).toBe(1);
    expect(ability.rating).toBeGreaterThan(0);
    const calibration = await getDb().questionCalibration.findUniqueOrThrow({ where: { questionId: question.id } });
    expect(calibration).toMatchObject({ attempts: 1, correct: 1, firstAttempts: 1, firstCorrect: 1 });
    expect(calibration.rating).toBeLessThan(0);
  });

  it("fits the student's forgetting curve from later reviews, not from first attempts", async () => {
    const user = await createUser();
    const question = await createQuestion();
    const version = question.versions[0]!;
    const day = 86_400_000;
    const start = new Date("2026-03-01T09:00:00Z");
    const fitOf = () =>
      getDb().user.findUniqueOrThrow({
        where: { id: user.id },
        select: { memoryStabilityScale: true, memoryDecay: true, memoryFitReviews: true },
      });

    const first = await createPresentation(user.id, question, { issuedAt: start });
    await recordAnswer(user.id, answerInput(first.id, version.options[1]!.id), start);
    expect(await fitOf()).toEqual({ memoryStabilityScale: 1, memoryDecay: null, memoryFitReviews: 0 });

    // Forgotten after 20 days: the curve for this student should fall faster.
    const later = new Date(start.getTime() + 20 * day);
    const second = await createPresentation(user.id, question, { issuedAt: later });
    await recordAnswer(user.id, answerInput(second.id, version.options[0]!.id), later);
    const fit = await fitOf();
    expect(fit.memoryFitReviews).toBe(1);
    expect(fit.memoryStabilityScale).toBeLessThan(1);
    expect(fit.memoryDecay).not.toBeNull();
  });

  it("a wrong answer brings the item back sooner than a right one", async () => {
    const right = await createUser();
    const wrong = await createUser();
    const question = await createQuestion();
    const version = question.versions[0]!;
    const now = new Date("2026-11-22T09:00:00Z");
    await recordAnswer(right.id, answerInput((await createPresentation(right.id, question)).id, version.options[1]!.id), now);
    await recordAnswer(wrong.id, answerInput((await createPresentation(wrong.id, question)).id, version.options[0]!.id), now);
    const due = async (userId: string) =>
      (await getDb().memoryState.findUniqueOrThrow({ where: { userId_questionId: { userId, questionId: question.id } } })).due;
    expect((await due(wrong.id)).getTime()).toBeLessThan((await due(right.id)).getTime());
  });

  it("never serves the question just answered and says why it picked the next one", async () => {
    const user = await createUser();
    const first = await createQuestion();
    await createQuestion({ topicId: first.topicId });
    const shown = await currentPresentation(user.id);
    expect(shown).not.toBeNull();
    expect(shown!.reason).toMatch(/^New:/);
    await recordAnswer(user.id, answerInput(shown!.presentationId, shown!.options[0]!.id));
    const next = await currentPresentation(user.id);
    const nextRow = await getDb().presentation.findUniqueOrThrow({ where: { id: next!.presentationId } });
    const shownRow = await getDb().presentation.findUniqueOrThrow({ where: { id: shown!.presentationId } });
    expect(nextRow.questionId).not.toBe(shownRow.questionId);
    expect(next!.reason).toMatch(/^New:/);
  });

});

describe("an answer that carries the next question", () => {
  it("issues the next question of the same scope, unanswered and without its key; a repeat issues nothing more", async () => {
    const user = await createUser();
    const first = await createQuestion();
    for (let i = 0; i < 3; i += 1) await createQuestion({ topicId: first.topicId });
    // Another topic's questions: a drill's next question must not come from it.
    for (let i = 0; i < 3; i += 1) await createQuestion();
    const drill = { mode: "TOPIC_DRILL" as const, topicId: first.topicId };
    const now = new Date("2026-03-01T12:00:00Z");
    const shown = await currentPresentation(user.id, drill, now);

    const later = new Date(now.getTime() + 30_000);
    const { recorded, next } = await answerAndContinue(user.id, answerInput(shown!.presentationId, shown!.options[0]!.id), later);
    expect(recorded.replayed).toBe(false);
    expect(next).not.toBeNull();
    expect(next!.presentationId).not.toBe(shown!.presentationId);
    expect(next!.result).toBeNull();
    expect(JSON.stringify(next)).not.toMatch(/correct|feedback|explanation|Because B|Not A/i);
    const issued = await getDb().presentation.findUniqueOrThrow({ where: { id: next!.presentationId } });
    expect(issued).toMatchObject({ userId: user.id, mode: "TOPIC_DRILL", topicId: first.topicId, answerId: null });

    // A double submit: the stored result, the same next question, nothing new written.
    const presentations = await getDb().presentation.count({ where: { userId: user.id } });
    const again = await answerAndContinue(user.id, answerInput(shown!.presentationId, shown!.options[0]!.id), later);
    expect(again.recorded.replayed).toBe(true);
    expect(again.next!.presentationId).toBe(next!.presentationId);
    expect(await getDb().presentation.count({ where: { userId: user.id } })).toBe(presentations);
    expect(await getDb().answer.count({ where: { userId: user.id } })).toBe(1);
  });

  it("stores the smaller of the server's and the page's time on screen, so the page can only shorten it", async () => {
    const user = await createUser();
    await createQuestion();
    await createQuestion();
    const issuedAt = new Date("2026-03-01T12:00:00Z");
    const first = await currentPresentation(user.id, ADAPTIVE, issuedAt);
    // Shown 40 s after it was issued (the previous feedback was read meanwhile), answered 5 s later.
    const answeredAt = new Date(issuedAt.getTime() + 45_000);
    await recordAnswer(user.id, submitAnswerSchema.parse({ presentationId: first!.presentationId, optionId: first!.options[0]!.id, shownMs: "5000" }), answeredAt);
    const second = await currentPresentation(user.id, ADAPTIVE, answeredAt);
    // A page claiming more time than the server measured is not believed.
    await recordAnswer(user.id, submitAnswerSchema.parse({ presentationId: second!.presentationId, optionId: second!.options[0]!.id, shownMs: "999999" }), new Date(answeredAt.getTime() + 7_000));
    const times = await getDb().answer.findMany({ where: { userId: user.id }, orderBy: { createdAt: "asc" }, select: { responseMs: true } });
    expect(times.map((t) => t.responseMs)).toEqual([5_000, 7_000]);
    expect(submitAnswerSchema.safeParse({ presentationId: first!.presentationId, optionId: "x", shownMs: "-3" }).success).toBe(false);
    expect(submitAnswerSchema.safeParse({ presentationId: first!.presentationId, optionId: "x", shownMs: "soon" }).success).toBe(false);
  });
});
