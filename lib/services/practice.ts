import "server-only";
import { ActionError } from "../server/action-client";
import { getDb } from "../server/db";
import { Prisma } from "../generated/prisma/client";
import type { SubmitAnswerInput } from "../validation/practice";
import { applyAnswerToLearnerModel, pickForStudent } from "./scheduling";

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
  /** Why the scheduler chose it, e.g. "Review: you last saw this 6 days ago". */
  reason: string;
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

async function toView(questionId: string, reason: string): Promise<PracticeQuestionView | null> {
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
    reason,
  };
}

/** The adaptive scheduler's next question for this student, without its key. */
export async function nextPracticeQuestion(userId: string, now = new Date()): Promise<PracticeQuestionView | null> {
  const seed = Math.floor(Math.random() * 2 ** 32);
  const pick = await pickForStudent(getDb(), userId, now, seed);
  return pick ? toView(pick.questionId, pick.reason.message) : null;
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
 * Records one answer for the signed-in user. The answer row, the memory state,
 * topic ability, item calibration and session tally change together or not at all. A repeated
 * attempt token returns the stored result instead of writing twice.
 */
export async function recordAnswer(userId: string, input: SubmitAnswerInput, now = new Date()): Promise<AnswerFeedback> {
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
          version: {
            select: {
              questionId: true,
              _count: { select: { options: true } },
              question: { select: { status: true, topicId: true, difficulty: true } },
            },
          },
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
          createdAt: now,
          ...(input.sessionId ? { sessionId: input.sessionId } : {}),
        },
        select: { id: true },
      });
      await applyAnswerToLearnerModel(
        tx,
        {
          userId,
          questionId,
          topicId: option.version.question.topicId,
          difficulty: option.version.question.difficulty,
          optionCount: option.version._count.options,
          correct: option.correct,
          confidence: input.confidence,
        },
        now,
      );
      const hit = option.correct ? 1 : 0;
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
