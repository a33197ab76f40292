import "server-only";
import type { DbTx } from "../server/db";
import type { Difficulty, MemoryState as MemoryRow } from "../generated/prisma/client";
import { createQuestionCalibration, knowledgeProbability, updateAbility } from "../scheduler/ability";
import { reviewMemory } from "../scheduler/memory";
import { createMemoryFit, updateMemoryFit } from "../scheduler/memory-fit";
import { pickNextQuestion, type Pick } from "../scheduler/pick-next";
import { createRng } from "../scheduler/rng";
import type { Candidate, Confidence, DifficultyLabel, MemoryFit, MemoryState, TopicAbility } from "../scheduler/types";
import { publishedBank, type PublishedBank, type PublishedQuestion } from "./published-bank";

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
 * questions and topics, planned with that subject's enrolment; without one,
 * the student's current subject, or every published question when they have
 * none), one topic's, or a given set (bookmarks). The scheduler still orders
 * whatever is left adaptively.
 */
export type PickScope = { subjectId?: string; topicId?: string; questionIds?: readonly string[] };

/** What pickInBank needs of the student, read in one statement with the bank's stamp. */
type StudentRow = {
  currentSubjectId: string | null;
  memoryStabilityScale: number;
  memoryDecay: number | null;
  memoryFitReviews: number | bigint;
  examDate: Date | string | number | null;
  dailyGoal: number | bigint | null;
  stamp: number | bigint | null;
};

function toDate(value: Date | string | number | null): Date | null {
  if (value === null) return null;
  const date = value instanceof Date ? value : new Date(value);
  if (Number.isNaN(date.getTime())) throw new Error(`unreadable date ${String(value)}`);
  return date;
}

const toNumber = (value: number | bigint | null): number | null => (value === null ? null : Number(value));

/**
 * The student's row, the enrolment the pick plans with (the scope's subject,
 * else their current one) and the published bank's stamp: one statement, by
 * primary key and the enrolment's (userId, subjectId) key.
 */
async function studentRow(db: DbTx, userId: string, subjectId: string | null): Promise<StudentRow> {
  const rows = await db.$queryRaw<StudentRow[]>`
    SELECT u."currentSubjectId", u."memoryStabilityScale", u."memoryDecay", u."memoryFitReviews",
           e."examDate", e."dailyGoal",
           (SELECT r."stamp" FROM "BankRevision" r WHERE r."id" = 1) AS "stamp"
    FROM "User" u
    LEFT JOIN "Enrolment" e ON e."userId" = u."id" AND e."subjectId" = COALESCE(CAST(${subjectId} AS TEXT), u."currentSubjectId")
    WHERE u."id" = ${userId}`;
  const row = rows[0];
  if (!row) throw new Error(`no user ${userId}`);
  return row;
}

/** A pick with the published question it chose (current version, options in stored order). */
export type BankPick = { pick: Pick; question: PublishedQuestion; bank: PublishedBank };

/**
 * Chooses the student's next question among the published ones in scope,
 * with the reason. Three indexed reads whatever the bank's size: the
 * student's row with the enrolment and the bank stamp, their memory rows and
 * their topic abilities; the bank itself comes from memory (published-bank.ts).
 */
export async function pickInBank(db: DbTx, userId: string, now: Date, seed: number, scope: PickScope = {}): Promise<BankPick | null> {
  const student = await studentRow(db, userId, scope.subjectId ?? null);
  const [memories, abilities] = [
    await db.memoryState.findMany({ where: { userId } }),
    await db.topicAbility.findMany({ where: { userId }, select: { topicId: true, rating: true, attempts: true } }),
  ];
  const bank = await publishedBank(db, toNumber(student.stamp));
  const subjectId = scope.subjectId ?? student.currentSubjectId;
  let inScope = bank.questionsOf(subjectId);
  if (scope.topicId !== undefined) inScope = inScope.filter((q) => q.topicId === scope.topicId);
  if (scope.questionIds !== undefined) {
    const wanted = new Set(scope.questionIds);
    inScope = inScope.filter((q) => wanted.has(q.id));
  }

  // The last question answered in the subject and how many were met today, from the memory rows.
  const startOfDay = startOfUtcDay(now).getTime();
  const memoryByQuestion = new Map<string, MemoryState>();
  let last: { questionId: string; at: number } | null = null;
  let introducedToday = 0;
  for (const row of memories) {
    const question = bank.questions.get(row.questionId);
    if (subjectId !== null && question !== undefined && question.subjectId !== subjectId) continue;
    if (subjectId !== null && question === undefined) continue;
    memoryByQuestion.set(row.questionId, toMemory(row));
    if (row.createdAt.getTime() >= startOfDay) introducedToday += 1;
    const at = row.lastReview?.getTime();
    if (at !== undefined && (last === null || at > last.at)) last = { questionId: row.questionId, at };
  }
  const byId = new Map(inScope.map((q) => [q.id, q]));
  const candidates: Candidate[] = inScope.map((q) => ({
    questionId: q.id,
    topicId: q.topicId,
    optionCount: q.options.length,
    itemRating: bank.rating(q),
    memory: memoryByQuestion.get(q.id) ?? null,
  }));
  const pick = pickNextQuestion({
    now,
    candidates,
    topics: bank.topicsOf(subjectId).map((t) => ({ topicId: t.id, weight: t.weight })),
    abilities: Object.fromEntries(abilities.map((a) => [a.topicId, { rating: a.rating, attempts: a.attempts }])),
    plan: { examDate: toDate(student.examDate), dailyGoal: toNumber(student.dailyGoal) },
    // A scope of one question (a single bookmark) may serve it again rather than nothing.
    lastQuestionId: candidates.length === 1 ? null : (last?.questionId ?? null),
    lastTopicId: last ? (bank.questions.get(last.questionId)?.topicId ?? null) : null,
    introducedToday,
    rng: createRng(seed),
    params: {
      memoryFit: toMemoryFit({
        memoryStabilityScale: student.memoryStabilityScale,
        memoryDecay: student.memoryDecay,
        memoryFitReviews: Number(student.memoryFitReviews),
      }),
    },
  });
  if (!pick) return null;
  const question = byId.get(pick.questionId);
  if (!question) throw new Error(`the scheduler picked ${pick.questionId}, which is not in scope`);
  return { pick, question, bank };
}

/** Chooses the student's next question among the published ones in scope, with the reason. */
export async function pickForStudent(db: DbTx, userId: string, now: Date, seed: number, scope: PickScope = {}): Promise<Pick | null> {
  return (await pickInBank(db, userId, now, seed, scope))?.pick ?? null;
}
