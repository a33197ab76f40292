import "server-only";
import { ActionError } from "../action-client";
import { getDb } from "../db";
import { Prisma } from "../generated/prisma/client";
import type { SubmitAnswerInput } from "../validation/practice";

/**
 * Practice: serving a question without its key, and recording an answer.
 * The question view sent to the browser never contains which option is correct,
 * the feedback or the explanation; those come back only from recordAnswer.
 */

export type PracticeQuestionView = {
  questionId: string;
  questionVersionId: string;
  topicName: string;
  stem: string;
  options: Array<{ id: string; text: string }>;
};

export type AnswerFeedback = {
  answerId: string;
  questionId: string;
  correct: boolean;
  chosenOptionId: string;
  correctOptionId: string;
  explanation: string;
  options: Array<{ id: string; text: string; correct: boolean; feedback: string }>;
  /** True when this submit repeated an attempt token that was already stored. */
  replayed: boolean;
};

async function toView(questionId: string): Promise<PracticeQuestionView | null> {
  const question = await getDb().question.findUnique({
    where: { id: questionId },
    select: {
      id: true,
      currentVersion: true,
      topic: { select: { name: true } },
      versions: {
        select: { id: true, version: true, stem: true, options: { select: { id: true, text: true }, orderBy: { position: "asc" } } },
      },
    },
  });
  const version = question?.versions.find((v) => v.version === question.currentVersion);
  if (!question || !version) return null;
  return {
    questionId: question.id,
    questionVersionId: version.id,
    topicName: question.topic.name,
    stem: version.stem,
    options: version.options,
  };
}

/**
 * A simple first pick: an unseen published question if any, otherwise the one
 * answered longest ago; never the question answered last.
 */
export async function nextPracticeQuestion(userId: string): Promise<PracticeQuestionView | null> {
  const db = getDb();
  const last = await db.answer.findFirst({ where: { userId }, orderBy: { createdAt: "desc" }, select: { questionId: true } });
  const unseen = await db.question.findMany({
    where: { status: "PUBLISHED", answers: { none: { userId } } },
    select: { id: true },
    orderBy: [{ topic: { position: "asc" } }, { slug: "asc" }],
    take: 50,
  });
  const unseenPick = unseen[Math.floor(Math.random() * unseen.length)];
  if (unseenPick) return toView(unseenPick.id);

  const seen = await db.answer.groupBy({
    by: ["questionId"],
    where: { userId, question: { status: "PUBLISHED" } },
    _max: { createdAt: true },
    orderBy: { _max: { createdAt: "asc" } },
    take: 2,
  });
  const pick = seen.find((s) => s.questionId !== last?.questionId) ?? seen[0];
  return pick ? toView(pick.questionId) : null;
}

async function feedbackFor(answerId: string, replayed: boolean): Promise<AnswerFeedback> {
  const answer = await getDb().answer.findUniqueOrThrow({
    where: { id: answerId },
    select: {
      id: true,
      questionId: true,
      correct: true,
      optionId: true,
      version: {
        select: {
          explanation: true,
          options: { select: { id: true, text: true, correct: true, feedback: true }, orderBy: { position: "asc" } },
        },
      },
    },
  });
  const key = answer.version.options.find((o) => o.correct);
  if (!key) throw new Error(`question version of answer ${answer.id} has no correct option`);
  return {
    answerId: answer.id,
    questionId: answer.questionId,
    correct: answer.correct,
    chosenOptionId: answer.optionId,
    correctOptionId: key.id,
    explanation: answer.version.explanation,
    options: answer.version.options,
    replayed,
  };
}

/**
 * Records one answer for the signed-in user. The answer row, the calibration
 * counts and the session tally change together or not at all. A repeated
 * attempt token returns the stored result instead of writing twice.
 */
export async function recordAnswer(userId: string, input: SubmitAnswerInput): Promise<AnswerFeedback> {
  const db = getDb();
  const previous = await db.answer.findUnique({
    where: { userId_attemptToken: { userId, attemptToken: input.attemptToken } },
    select: { id: true, optionId: true },
  });
  if (previous) return feedbackFor(previous.id, true);

  try {
    const answerId = await db.$transaction(async (tx) => {
      const option = await tx.option.findUnique({
        where: { id: input.optionId },
        select: {
          id: true,
          correct: true,
          versionId: true,
          version: { select: { questionId: true, question: { select: { status: true } } } },
        },
      });
      if (!option || option.versionId !== input.questionVersionId) {
        throw new ActionError("INVALID_INPUT", "That option does not belong to this question. Reload the page and try again.", {
          optionId: ["Choose one of the options shown."],
        });
      }
      if (option.version.question.status === "DRAFT") {
        throw new ActionError("NOT_FOUND", "This question is not available for practice.");
      }
      if (input.sessionId) {
        const session = await tx.practiceSession.findUnique({ where: { id: input.sessionId }, select: { userId: true } });
        if (!session || session.userId !== userId) {
          throw new ActionError("FORBIDDEN", "That practice session is not yours.");
        }
      }
      const questionId = option.version.questionId;
      const earlier = await tx.answer.count({ where: { userId, questionId } });
      const answer = await tx.answer.create({
        data: {
          userId,
          questionId,
          questionVersionId: option.versionId,
          optionId: option.id,
          correct: option.correct,
          confidence: input.confidence,
          responseMs: input.responseMs,
          attemptToken: input.attemptToken,
          ...(input.sessionId ? { sessionId: input.sessionId } : {}),
        },
        select: { id: true },
      });
      const firstTime = earlier === 0;
      const hit = option.correct ? 1 : 0;
      await tx.questionCalibration.upsert({
        where: { questionId },
        create: { questionId, rating: 0, attempts: 1, correct: hit, firstAttempts: firstTime ? 1 : 0, firstCorrect: firstTime ? hit : 0 },
        update: {
          attempts: { increment: 1 },
          correct: { increment: hit },
          ...(firstTime ? { firstAttempts: { increment: 1 }, firstCorrect: { increment: hit } } : {}),
        },
      });
      if (input.sessionId) {
        await tx.practiceSession.update({
          where: { id: input.sessionId },
          data: { answeredCount: { increment: 1 }, correctCount: { increment: hit } },
        });
      }
      return answer.id;
    });
    return feedbackFor(answerId, false);
  } catch (error) {
    // Two submits with the same token raced: the loser returns the winner's row.
    if (error instanceof Prisma.PrismaClientKnownRequestError && error.code === "P2002") {
      const stored = await db.answer.findUnique({
        where: { userId_attemptToken: { userId, attemptToken: input.attemptToken } },
        select: { id: true },
      });
      if (stored) return feedbackFor(stored.id, true);
    }
    throw error;
  }
}
