import { describe, expect, it } from "vitest";
import { getDb } from "@/lib/server/db";
import { nextPracticeQuestion, recordAnswer } from "@/lib/services/practice";
import { submitAnswerSchema } from "@/lib/validation/practice";
import { createQuestion } from "../factories/questions";
import { createUser } from "../factories/users";

function answerInput(versionId: string, optionId: string, token: string) {
  return submitAnswerSchema.parse({ questionVersionId: versionId, optionId, attemptToken: token, responseMs: 4200 });
}

describe("recordAnswer", () => {
  it("stores the same attempt token once and returns the stored result on a retry", async () => {
    const user = await createUser();
    const question = await createQuestion();
    const version = question.versions[0]!;
    const wrong = version.options[0]!;
    const key = version.options[1]!;

    const first = await recordAnswer(user.id, answerInput(version.id, wrong.id, "attempt-token-1"));
    const retry = await recordAnswer(user.id, answerInput(version.id, key.id, "attempt-token-1"));

    expect(first).toMatchObject({ correct: false, correctOptionId: key.id, replayed: false });
    expect(retry).toMatchObject({ answerId: first.answerId, correct: false, replayed: true });
    expect(await getDb().answer.count({ where: { userId: user.id } })).toBe(1);
    const calibration = await getDb().questionCalibration.findUniqueOrThrow({ where: { questionId: question.id } });
    expect(calibration).toMatchObject({ attempts: 1, correct: 0, firstAttempts: 1, firstCorrect: 0 });
  });

  it("fits the student's forgetting curve from later reviews, not from first attempts", async () => {
    const user = await createUser();
    const question = await createQuestion();
    const version = question.versions[0]!;
    const key = version.options[1]!;
    const day = 86_400_000;
    const start = new Date("2026-03-01T09:00:00Z");
    const fitOf = () =>
      getDb().user.findUniqueOrThrow({
        where: { id: user.id },
        select: { memoryStabilityScale: true, memoryDecay: true, memoryFitReviews: true },
      });

    await recordAnswer(user.id, answerInput(version.id, key.id, "token-fit-1"), start);
    expect(await fitOf()).toEqual({ memoryStabilityScale: 1, memoryDecay: null, memoryFitReviews: 0 });

    // Forgotten after 20 days: the curve for this student should fall faster.
    await recordAnswer(user.id, answerInput(version.id, version.options[0]!.id, "token-fit-2"), new Date(start.getTime() + 20 * day));
    const fit = await fitOf();
    expect(fit.memoryFitReviews).toBe(1);
    expect(fit.memoryStabilityScale).toBeLessThan(1);
    expect(fit.memoryDecay).not.toBeNull();
  });

  it("stores concurrent submits of one token once", async () => {
    const user = await createUser();
    const question = await createQuestion();
    const version = question.versions[0]!;
    const input = answerInput(version.id, version.options[1]!.id, "attempt-token-race");
    const results = await Promise.all([recordAnswer(user.id, input), recordAnswer(user.id, input), recordAnswer(user.id, input)]);
    expect(new Set(results.map((r) => r.answerId)).size).toBe(1);
    expect(await getDb().answer.count({ where: { userId: user.id } })).toBe(1);
  });

  it("returns every option's feedback and the explanation only after answering", async () => {
    const user = await createUser();
    const question = await createQuestion();
    const view = await nextPracticeQuestion(user.id);
    expect(view?.questionId).toBe(question.id);
    expect(JSON.stringify(view)).not.toMatch(/correct|feedback|explanation|Because B/i);

    const feedback = await recordAnswer(user.id, answerInput(view!.questionVersionId, view!.options[1]!.id, "token-feedback"));
    expect(feedback.correct).toBe(true);
    expect(feedback.explanation).toBe("Because B.");
    expect(feedback.options.map((o) => o.feedback)).toEqual(["Not A.", "Correct. B.", "Not C.", "Not D."]);
  });

  it("refuses an option from another question (a tampered option id) and writes nothing", async () => {
    const user = await createUser();
    const q1 = await createQuestion();
    const q2 = await createQuestion();
    const foreignOption = q2.versions[0]!.options[1]!;
    await expect(
      recordAnswer(user.id, answerInput(q1.versions[0]!.id, foreignOption.id, "token-tampered")),
    ).rejects.toMatchObject({ code: "INVALID_INPUT" });
    expect(await getDb().answer.count()).toBe(0);
  });

  it("never records an answer for another user", async () => {
    const alice = await createUser();
    const bob = await createUser();
    const question = await createQuestion();
    const version = question.versions[0]!;
    const bobsSession = await getDb().practiceSession.create({ data: { userId: bob.id } });

    // A forged userId in the payload is not part of the schema and is dropped.
    const forged = submitAnswerSchema.parse({
      questionVersionId: version.id,
      optionId: version.options[1]!.id,
      attemptToken: "token-forged-user",
      userId: bob.id,
    });
    await recordAnswer(alice.id, forged);
    expect(await getDb().answer.count({ where: { userId: bob.id } })).toBe(0);
    expect(await getDb().answer.count({ where: { userId: alice.id } })).toBe(1);

    // Alice cannot file an answer into Bob's practice session either.
    await expect(
      recordAnswer(alice.id, { ...forged, attemptToken: "token-foreign-session", sessionId: bobsSession.id }),
    ).rejects.toMatchObject({ code: "FORBIDDEN" });
    expect(await getDb().answer.count({ where: { sessionId: bobsSession.id } })).toBe(0);
    const session = await getDb().practiceSession.findUniqueOrThrow({ where: { id: bobsSession.id } });
    expect(session.answeredCount).toBe(0);
  });

  it("does not serve or accept draft questions", async () => {
    const user = await createUser();
    const draft = await createQuestion({ status: "DRAFT" });
    expect(await nextPracticeQuestion(user.id)).toBeNull();
    const version = draft.versions[0]!;
    await expect(
      recordAnswer(user.id, answerInput(version.id, version.options[1]!.id, "token-draft")),
    ).rejects.toMatchObject({ code: "NOT_FOUND" });
  });
});

describe("the learner model behind practice", () => {
  it("updates memory, topic ability and item calibration in the answer's transaction", async () => {
    const user = await createUser();
    const question = await createQuestion();
    const version = question.versions[0]!;
    const now = new Date("2026-11-22T09:00:00Z");
    await recordAnswer(user.id, answerInput(version.id, version.options[1]!.id, "token-model-1"), now);

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

  it("a wrong answer brings the item back sooner than a right one", async () => {
    const right = await createUser();
    const wrong = await createUser();
    const question = await createQuestion();
    const version = question.versions[0]!;
    const now = new Date("2026-11-22T09:00:00Z");
    await recordAnswer(right.id, answerInput(version.id, version.options[1]!.id, "token-right"), now);
    await recordAnswer(wrong.id, answerInput(version.id, version.options[0]!.id, "token-wrong"), now);
    const due = async (userId: string) =>
      (await getDb().memoryState.findUniqueOrThrow({ where: { userId_questionId: { userId, questionId: question.id } } })).due;
    expect((await due(wrong.id)).getTime()).toBeLessThan((await due(right.id)).getTime());
  });

  it("never serves the question just answered and says why it picked the next one", async () => {
    const user = await createUser();
    const first = await createQuestion();
    const second = await createQuestion({ topicId: first.topicId });
    const shown = await nextPracticeQuestion(user.id);
    expect(shown).not.toBeNull();
    const version = [first, second].find((q) => q.id === shown!.questionId)!.versions[0]!;
    await recordAnswer(user.id, answerInput(version.id, version.options[1]!.id, "token-never-twice"));
    for (let i = 0; i < 5; i += 1) {
      const next = await nextPracticeQuestion(user.id);
      expect(next?.questionId).not.toBe(shown!.questionId);
      expect(next?.reason).toMatch(/^New:/);
    }
  });
});
