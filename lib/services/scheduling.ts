import "server-only";
import type { DbTx } from "../server/db";
import type { Difficulty, MemoryState as MemoryRow } from "../generated/prisma/client";
import { createQuestionCalibration, initialItemRating, knowledgeProbability, updateAbility } from "../scheduler/ability";
import { reviewMemory } from "../scheduler/memory";
import { createMemoryFit, updateMemoryFit } from "../scheduler/memory-fit";
import { pickNextQuestion, type Pick } from "../scheduler/pick-next";
import { createRng } from "../scheduler/rng";
import type { Candidate, Confidence, DifficultyLabel, MemoryFit, MemoryState, TopicAbility } from "../scheduler/types";
import { enrolmentPlan } from "./enrolment";

/**
 * The bridge between the database and the pure scheduler: it loads a student's
 * state as plain data, lets lib/scheduler decide, and writes the result back.
 * Called inside the caller's transaction, so an answer and the memory it
 * changes are stored together or not at all.
 */

const LABEL: Record<Difficulty, DifficultyLabel> = { EASY: "easy", MEDIUM: "medium", HARD: "hard" };

function toMemory(row: MemoryRow): MemoryState {
  return {
    stability: row.stability,
    difficulty: row.difficulty,
    due: row.due,
    lastReview: row.lastReview,
    scheduledDays: row.scheduledDays,
    learningSteps: row.learningSteps,
    reps: row.reps,
    lapses: row.lapses,
    state: row.state,
    lastCorrectAt: row.lastCorrectAt,
    mastered: row.mastered,
  };
}

const DAY_MS = 86_400_000;

type FitColumns = { memoryStabilityScale: number; memoryDecay: number | null; memoryFitReviews: number };
const FIT_COLUMNS = { memoryStabilityScale: true, memoryDecay: true, memoryFitReviews: true } as const;

/** The student's fitted forgetting curve; FSRS-6's default curve until they have one. */
function toMemoryFit(row: FitColumns): MemoryFit {
  const fallback = createMemoryFit();
  return { stabilityScale: row.memoryStabilityScale, decay: row.memoryDecay ?? fallback.decay, reviews: row.memoryFitReviews };
}

export type AnsweredItem = {
  userId: string;
  questionId: string;
  topicId: string;
  difficulty: Difficulty;
  optionCount: number;
  correct: boolean;
  confidence: Confidence;
};

/** Updates memory (FSRS), topic ability and item calibration (Elo) for one answer. */
export async function applyAnswerToLearnerModel(tx: DbTx, item: AnsweredItem, now: Date): Promise<void> {
  const { userId, questionId, topicId } = item;
  const [memoryRow, abilityRow, calibrationRow, user, enrolment] = [
    await tx.memoryState.findUnique({ where: { userId_questionId: { userId, questionId } } }),
    await tx.topicAbility.findUnique({ where: { userId_topicId: { userId, topicId } } }),
    await tx.questionCalibration.findUnique({ where: { questionId } }),
    await tx.user.findUniqueOrThrow({ where: { id: userId }, select: FIT_COLUMNS }),
    // The exam the answered question's subject is studied for.
    await tx.enrolment.findFirst({ where: { userId, subject: { topics: { some: { id: topicId } } } }, select: { examDate: true } }),
  ];
  const evidence = { correct: item.correct, confidence: item.confidence, optionCount: item.optionCount };
  const ability: TopicAbility = abilityRow ?? { rating: 0, attempts: 0 };
  const calibration = calibrationRow ?? createQuestionCalibration(LABEL[item.difficulty]);
  const firstAttempt = memoryRow === null;

  const elo = updateAbility({ ability, calibration, answer: evidence, firstAttempt });
  const before = memoryRow ? toMemory(memoryRow) : null;
  // A later review is one more observation of this student's forgetting curve.
  let fit = toMemoryFit(user);
  if (before !== null && before.lastReview !== null && before.stability > 0) {
    fit = updateMemoryFit(fit, {
      elapsedDays: Math.max(0, (now.getTime() - before.lastReview.getTime()) / DAY_MS),
      stability: before.stability,
      correct: item.correct,
      confidence: item.confidence,
      optionCount: item.optionCount,
    });
    await tx.user.update({
      where: { id: userId },
      data: { memoryStabilityScale: fit.stabilityScale, memoryDecay: fit.decay, memoryFitReviews: fit.reviews },
    });
  }
  const review = reviewMemory({
    memory: before,
    answer: evidence,
    now,
    examDate: enrolment?.examDate ?? null,
    priorRecall: knowledgeProbability(ability.rating, calibration.rating),
    params: { memoryFit: fit },
  });

  await tx.memoryState.upsert({
    where: { userId_questionId: { userId, questionId } },
    create: { userId, questionId, ...review.memory, createdAt: now },
    update: review.memory,
  });
  await tx.topicAbility.upsert({
    where: { userId_topicId: { userId, topicId } },
    create: { userId, topicId, ...elo.ability },
    update: elo.ability,
  });
  const { firstAttempts, firstCorrect } = elo.calibration;
  const calibrationUpdate = { ...elo.calibration, facility: firstAttempts > 0 ? firstCorrect / firstAttempts : null };
  await tx.questionCalibration.upsert({
    where: { questionId },
    create: { questionId, ...calibrationUpdate },
    update: calibrationUpdate,
  });
}

function startOfUtcDay(now: Date): Date {
  return new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth(), now.getUTCDate()));
}

/**
 * Which questions a pick may choose from: a subject's (its published
 * questions and topics, planned with that subject's enrolment; without it,
 * every published question, planned with the current subject's enrolment),
 * one topic's, or a given set (bookmarks). The scheduler still orders
 * whatever is left adaptively.
 */
export type PickScope = { subjectId?: string; topicId?: string; questionIds?: readonly string[] };

/** Chooses the student's next question among the published ones in scope, with the reason. */
export async function pickForStudent(tx: DbTx, userId: string, now: Date, seed: number, scope: PickScope = {}): Promise<Pick | null> {
  const { subjectId } = scope;
  const inSubject = subjectId ? { topic: { subjectId } } : {};
  const ofSubject = subjectId ? { question: inSubject } : {};
  const [user, questions, memories, abilities, topics, last, introducedToday] = [
    await tx.user.findUniqueOrThrow({ where: { id: userId }, select: { currentSubjectId: true, ...FIT_COLUMNS } }),
    await tx.question.findMany({
      where: {
        status: "PUBLISHED",
        ...inSubject,
        ...(scope.topicId !== undefined ? { topicId: scope.topicId } : {}),
        ...(scope.questionIds !== undefined ? { id: { in: [...scope.questionIds] } } : {}),
      },
      select: {
        id: true,
        topicId: true,
        difficulty: true,
        currentVersion: true,
        calibration: { select: { rating: true } },
        versions: { select: { version: true, _count: { select: { options: true } } } },
      },
    }),
    await tx.memoryState.findMany({ where: { userId, ...ofSubject } }),
    await tx.topicAbility.findMany({ where: { userId }, select: { topicId: true, rating: true, attempts: true } }),
    await tx.topic.findMany({ where: subjectId ? { subjectId } : {}, select: { id: true, weight: true } }),
    await tx.answer.findFirst({
      where: { userId, ...ofSubject },
      orderBy: { createdAt: "desc" },
      select: { questionId: true, question: { select: { topicId: true } } },
    }),
    await tx.memoryState.count({ where: { userId, createdAt: { gte: startOfUtcDay(now) }, ...ofSubject } }),
  ];
  const planSubject = subjectId ?? user.currentSubjectId;
  const plan = planSubject ? await enrolmentPlan(tx, userId, planSubject) : { examDate: null, dailyGoal: null };
  const memoryByQuestion = new Map(memories.map((m) => [m.questionId, toMemory(m)]));
  const candidates: Candidate[] = questions.map((q) => ({
    questionId: q.id,
    topicId: q.topicId,
    optionCount: q.versions.find((v) => v.version === q.currentVersion)?._count.options ?? 4,
    itemRating: q.calibration?.rating ?? initialItemRating(LABEL[q.difficulty]),
    memory: memoryByQuestion.get(q.id) ?? null,
  }));
  return pickNextQuestion({
    now,
    candidates,
    topics: topics.map((t) => ({ topicId: t.id, weight: t.weight })),
    abilities: Object.fromEntries(abilities.map((a) => [a.topicId, { rating: a.rating, attempts: a.attempts }])),
    plan,
    // A scope of one question (a single bookmark) may serve it again rather than nothing.
    lastQuestionId: candidates.length === 1 ? null : (last?.questionId ?? null),
    lastTopicId: last?.question.topicId ?? null,
    introducedToday,
    rng: createRng(seed),
    params: { memoryFit: toMemoryFit(user) },
  });
}
