import "server-only";
import { createHash } from "node:crypto";
import type { Difficulty, MemoryPhase } from "../generated/prisma/client";
import { directRead, newRowId, sqlBool, sqlDate, sqlNumber, sqlNumberOrNull, type Sql } from "../server/direct-sql";
import { getDb } from "../server/db";
import { createQuestionCalibration, knowledgeProbability, updateAbility } from "../scheduler/ability";
import { reviewMemory } from "../scheduler/memory";
import { createMemoryFit, updateMemoryFit } from "../scheduler/memory-fit";
import {
  addMemoryObservation,
  createMemoryEvidence,
  firstRecalled,
  fitMemoryEvidence,
  POPULATION_EVIDENCE_WEIGHT,
  withPopulationEvidence,
  type MemoryEvidence,
} from "../scheduler/memory-evidence";
import { difficultyLabel } from "./difficulty-label";
import { memoryPopulation, memoryPopulationStamp, parseStored } from "./memory-population";
import { pickNextQuestion, type Pick } from "../scheduler/pick-next";
import { createRng } from "../scheduler/rng";
import type { Candidate, Confidence, MemoryFit, MemoryState, QuestionCalibration, TopicAbility } from "../scheduler/types";
import { publishedBank, type PublishedBank, type PublishedQuestion } from "./published-bank";

/**
 * The bridge between the database and the pure scheduler: it loads a student's
 * state as plain data, lets lib/scheduler decide, and writes the result back.
 * Called inside the caller's transaction, so an answer and the memory it
 * changes are stored together or not at all.
 */

/** A MemoryState row as plain SQL returns it (dates as text on SQLite). */
type MemoryRowSql = {
  questionId: string;
  stability: number;
  difficulty: number;
  due: unknown;
  lastReview: unknown;
  scheduledDays: number;
  learningSteps: number;
  reps: number;
  lapses: number;
  state: string;
  lastCorrectAt: unknown;
  mastered: unknown;
  createdAt: unknown;
};

const MEMORY_COLUMNS = `"questionId", "stability", "difficulty", "due", "lastReview", "scheduledDays", "learningSteps", "reps", "lapses", "state", "lastCorrectAt", "mastered", "createdAt"`;

/**
 * A stored memory as the scheduler reads it at `now`. A review stamped a
 * moment after `now` is not time running backwards: it is another request's
 * answer that read its clock later and committed first (two tabs, two app
 * servers whose clocks differ by a little). It reads as reviewed just now.
 */
function toMemory(row: MemoryRowSql, now: Date): MemoryState {
  const lastReview = sqlDate(row.lastReview);
  return {
    stability: sqlNumber(row.stability),
    difficulty: sqlNumber(row.difficulty),
    due: sqlDate(row.due)!,
    lastReview: lastReview !== null && lastReview.getTime() > now.getTime() ? now : lastReview,
    scheduledDays: sqlNumber(row.scheduledDays),
    learningSteps: sqlNumber(row.learningSteps),
    reps: sqlNumber(row.reps),
    lapses: sqlNumber(row.lapses),
    state: row.state as MemoryPhase,
    lastCorrectAt: sqlDate(row.lastCorrectAt),
    mastered: sqlBool(row.mastered),
  };
}

const DAY_MS = 86_400_000;

/**
 * How far ahead of an answer's clock a stored review may be and still be
 * another request of the same student that committed first (or an app server
 * whose clock is a little ahead), rather than a clock that was wrong.
 */
const CLOCK_SKEW_MS = 5 * 60_000;

/**
 * What User stores of the student's forgetting curve: the binned evidence of
 * their later reviews (memory-evidence.ts), which the scheduler fits, and the
 * older online fit (memory-fit.ts), still kept up to date beside it.
 */
export type FitColumns = { memoryStabilityScale: unknown; memoryDecay: unknown; memoryFitReviews: unknown; memoryEvidence: unknown };
export const FIT_COLUMNS_SQL = `"memoryStabilityScale", "memoryDecay", "memoryFitReviews", "memoryEvidence"`;

function onlineFitOf(row: FitColumns): MemoryFit {
  const fallback = createMemoryFit();
  return {
    stabilityScale: sqlNumber(row.memoryStabilityScale),
    decay: sqlNumberOrNull(row.memoryDecay) ?? fallback.decay,
    reviews: sqlNumber(row.memoryFitReviews),
  };
}

function evidenceOf(row: FitColumns): MemoryEvidence {
  return parseStored(typeof row.memoryEvidence === "string" ? row.memoryEvidence : null) ?? createMemoryEvidence();
}

/** Students whose last fit this process keeps (memoryFitOf); the least recently used is dropped first. */
const FIT_CACHE_LIMIT = 5_000;
/** `evidence` is a SHA-256 of the evidence's JSON, not the JSON itself (about 9 KB at 2,000 reviews). */
type HeldFit = { evidence: string; population: object; fit: MemoryFit };
const heldFits = globalThis as unknown as { memoryFits?: Map<string, HeldFit> };
heldFits.memoryFits ??= new Map();
const fits = heldFits.memoryFits;

/**
 * The forgetting curve the scheduler plans with: the most probable one given
 * the student's own later reviews and, at a fixed weight, other students'
 * (memory-population.ts), with its standard errors for readiness. A student
 * with no later review yet gets the population's curve.
 *
 * The fit costs about 2 ms of the server's only JavaScript thread, and a
 * practice round trip asks for it twice with the same evidence (the answer's
 * transaction, then the next pick), so the last fit of each student is kept
 * with the evidence and the population sample it came from, and served
 * again while both are unchanged.
 */
export function memoryFitOf(userId: string, evidence: MemoryEvidence): MemoryFit {
  const population = memoryPopulation(userId);
  const stamp = memoryPopulationStamp();
  const key = createHash("sha256").update(JSON.stringify(evidence)).digest("base64");
  const kept = fits.get(userId);
  // Dropped and set again either way, so the map's order is least recently used first.
  fits.delete(userId);
  if (kept !== undefined && kept.evidence === key && kept.population === stamp) {
    fits.set(userId, kept);
    return kept.fit;
  }
  const fit = fitMemoryEvidence(withPopulationEvidence(evidence, population, POPULATION_EVIDENCE_WEIGHT));
  fits.set(userId, { evidence: key, population: stamp, fit });
  if (fits.size > FIT_CACHE_LIMIT) {
    const oldest = fits.keys().next();
    if (oldest.done !== true) fits.delete(oldest.value);
  }
  return fit;
}

/** Drops a student's kept fit (their account is deleted). */
export function forgetMemoryFit(userId: string): void {
  fits.delete(userId);
}

export type AnsweredItem = {
  userId: string;
  questionId: string;
  topicId: string;
  /** The subject of the question's topic: its enrolment's exam date plans the next review. */
  subjectId: string;
  difficulty: Difficulty;
  optionCount: number;
  correct: boolean;
  confidence: Confidence;
  /** The student's stored forgetting-curve fit, read with the answer. */
  fit: FitColumns;
};

/**
 * Updates memory (FSRS), topic ability and item calibration (Elo) for one
 * answer, inside the caller's transaction: a lock on the calibration, five
 * keyed reads and at most four writes, in plain SQL (lib/server/direct-sql.ts). Says whether this was the
 * student's first attempt at the question: it is when they have no memory of
 * it yet, since every answer writes that row in its own transaction and
 * nothing removes one while the question's answers remain.
 */
export async function applyAnswerToLearnerModel(sql: Sql, item: AnsweredItem, now: Date): Promise<{ firstAttempt: boolean }> {
  const { userId, questionId, topicId } = item;
  // The question's calibration is a counter many students update at once. On
  // PostgreSQL (READ COMMITTED, one connection per transaction) a plain read
  // then write would lose concurrent answers: this upsert creates the row or
  // locks it until commit, so the read below sees every committed answer and
  // the next one waits. On SQLite the transaction already holds the write lock.
  const initial = createQuestionCalibration(difficultyLabel(item.difficulty));
  await sql.run(
    `INSERT INTO "QuestionCalibration" ("questionId", "rating", "firstAttempts", "firstCorrect", "attempts", "correct", "facility", "updatedAt")
     VALUES (?, ?, ?, ?, ?, ?, NULL, ?)
     ON CONFLICT ("questionId") DO UPDATE SET "updatedAt" = "QuestionCalibration"."updatedAt"`,
    questionId,
    initial.rating,
    initial.firstAttempts,
    initial.firstCorrect,
    initial.attempts,
    initial.correct,
    now,
  );
  const [memoryRow, abilityRow, calibrationRow, enrolment] = [
    await sql.one<MemoryRowSql & { firstCorrect: unknown; firstGuessed: unknown }>(
      `SELECT ${MEMORY_COLUMNS}, "firstCorrect", "firstGuessed" FROM "MemoryState" WHERE "userId" = ? AND "questionId" = ?`,
      userId,
      questionId,
    ),
    await sql.one<{ rating: number; attempts: number }>(`SELECT "rating", "attempts" FROM "TopicAbility" WHERE "userId" = ? AND "topicId" = ?`, userId, topicId),
    await sql.one<{ rating: number; firstAttempts: number; firstCorrect: number; attempts: number; correct: number }>(
      `SELECT "rating", "firstAttempts", "firstCorrect", "attempts", "correct" FROM "QuestionCalibration" WHERE "questionId" = ?`,
      questionId,
    ),
    await sql.one<{ examDate: unknown }>(`SELECT "examDate" FROM "Enrolment" WHERE "userId" = ? AND "subjectId" = ?`, userId, item.subjectId),
  ];
  const answer = { correct: item.correct, confidence: item.confidence, optionCount: item.optionCount };
  const ability: TopicAbility = abilityRow ? { rating: sqlNumber(abilityRow.rating), attempts: sqlNumber(abilityRow.attempts) } : { rating: 0, attempts: 0 };
  // A row nobody has answered yet holds the rating of the label the question
  // was written with; the first answer starts from its current label's.
  const calibration: QuestionCalibration = calibrationRow
    ? {
        rating: sqlNumber(calibrationRow.firstAttempts) > 0 ? sqlNumber(calibrationRow.rating) : initial.rating,
        firstAttempts: sqlNumber(calibrationRow.firstAttempts),
        firstCorrect: sqlNumber(calibrationRow.firstCorrect),
        attempts: sqlNumber(calibrationRow.attempts),
        correct: sqlNumber(calibrationRow.correct),
      }
    : initial;
  const firstAttempt = memoryRow === undefined;

  const elo = updateAbility({ ability, calibration, answer, firstAttempt });
  // Answers of one student are applied one at a time (row-locks.ts), but not
  // always in the order their clocks were read: one applied after a review
  // stamped a moment later counts as given at that review, so no review moves
  // back in time. A review stamped far ahead came from a clock that was wrong:
  // this answer is reviewed at its own time.
  const storedReview = memoryRow ? sqlDate(memoryRow.lastReview) : null;
  const ahead = storedReview === null ? 0 : storedReview.getTime() - now.getTime();
  const reviewedAt = ahead > 0 && ahead <= CLOCK_SKEW_MS ? storedReview! : now;
  if (ahead > CLOCK_SKEW_MS) {
    console.warn(`question ${questionId}: user ${userId}'s last review is ${Math.round(ahead / 1000)} s ahead of this answer; a clock was ahead, so this answer is reviewed at its own time`);
  }
  const before = memoryRow ? toMemory(memoryRow, reviewedAt) : null;
  // The item's first answer, right or not and marked "I guessed" or not:
  // this one for a new memory row, else the row's. A row without it (written
  // by a server still on the code before migration 0014 or 0015, during a
  // rolling deploy) takes it from the first-attempt Answer row, once: the
  // upsert below keeps it on the row.
  let firstCorrect: boolean | null = item.correct;
  let firstGuessed: boolean | null = item.confidence === "GUESSED";
  if (memoryRow !== undefined) {
    firstCorrect = memoryRow.firstCorrect === null ? null : sqlBool(memoryRow.firstCorrect);
    firstGuessed = memoryRow.firstGuessed === null ? null : sqlBool(memoryRow.firstGuessed);
    if (firstCorrect === null || firstGuessed === null) {
      const first = await sql.one<{ correct: unknown; confidence: unknown }>(
        `SELECT "correct", "confidence" FROM "Answer" WHERE "userId" = ? AND "questionId" = ? AND "firstAttempt" = ? ORDER BY "createdAt" LIMIT 1`,
        userId,
        questionId,
        true,
      );
      if (first !== undefined) {
        firstCorrect ??= sqlBool(first.correct);
        firstGuessed ??= first.confidence === "GUESSED";
      }
    }
  }
  // A later review is one more observation of this student's forgetting curve.
  let evidence = evidenceOf(item.fit);
  if (before !== null && before.lastReview !== null && before.stability > 0) {
    // The item's first answer sorts the review into the items first recalled or not (firstRecalled, memory-evidence.ts).
    const observation = {
      elapsedDays: (reviewedAt.getTime() - before.lastReview.getTime()) / DAY_MS,
      stability: before.stability,
      correct: item.correct,
      confidence: item.confidence,
      optionCount: item.optionCount,
      // Answers to this item so far, right or wrong: the fit's practice count.
      practices: Math.max(1, before.reps),
      // A first answer whose mark is not known counts as not marked "I guessed".
      ...(firstCorrect === null ? {} : { firstRecalled: firstRecalled(firstCorrect, firstGuessed === true) }),
    };
    evidence = addMemoryObservation(evidence, observation);
    const online = updateMemoryFit(onlineFitOf(item.fit), observation);
    await sql.run(
      `UPDATE "User" SET "memoryEvidence" = ?, "memoryStabilityScale" = ?, "memoryDecay" = ?, "memoryFitReviews" = ? WHERE "id" = ?`,
      JSON.stringify(evidence),
      online.stabilityScale,
      online.decay,
      online.reviews,
      userId,
    );
  }
  const fit = memoryFitOf(userId, evidence);
  const review = reviewMemory({
    memory: before,
    answer,
    now: reviewedAt,
    examDate: sqlDate(enrolment?.examDate),
    priorRecall: knowledgeProbability(ability.rating, calibration.rating),
    params: { memoryFit: fit },
  });

  const m = review.memory;
  // A later answer updates the memory; "createdAt" stays as the first answer wrote it, and so do
  // "firstCorrect" and "firstGuessed" once set (a row without them gets the ones found above).
  await sql.run(
    `INSERT INTO "MemoryState" ("id", "userId", "questionId", "stability", "difficulty", "due", "lastReview", "scheduledDays", "learningSteps",
       "reps", "lapses", "state", "lastCorrectAt", "mastered", "createdAt", "firstCorrect", "firstGuessed", "updatedAt")
     VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
     ON CONFLICT ("userId", "questionId") DO UPDATE SET
       "stability" = excluded."stability", "difficulty" = excluded."difficulty", "due" = excluded."due", "lastReview" = excluded."lastReview",
       "scheduledDays" = excluded."scheduledDays", "learningSteps" = excluded."learningSteps", "reps" = excluded."reps",
       "lapses" = excluded."lapses", "state" = excluded."state", "lastCorrectAt" = excluded."lastCorrectAt",
       "mastered" = excluded."mastered", "updatedAt" = excluded."updatedAt",
       "firstCorrect" = COALESCE("MemoryState"."firstCorrect", excluded."firstCorrect"),
       "firstGuessed" = COALESCE("MemoryState"."firstGuessed", excluded."firstGuessed")`,
    newRowId(),
    userId,
    questionId,
    m.stability,
    m.difficulty,
    m.due,
    m.lastReview,
    m.scheduledDays,
    m.learningSteps,
    m.reps,
    m.lapses,
    m.state,
    m.lastCorrectAt,
    m.mastered,
    now,
    firstCorrect,
    firstGuessed,
    now,
  );
  await sql.run(
    `INSERT INTO "TopicAbility" ("id", "userId", "topicId", "rating", "attempts", "updatedAt") VALUES (?, ?, ?, ?, ?, ?)
     ON CONFLICT ("userId", "topicId") DO UPDATE SET "rating" = excluded."rating", "attempts" = excluded."attempts", "updatedAt" = excluded."updatedAt"`,
    newRowId(),
    userId,
    topicId,
    elo.ability.rating,
    elo.ability.attempts,
    now,
  );
  const c = elo.calibration;
  await sql.run(
    `INSERT INTO "QuestionCalibration" ("questionId", "rating", "firstAttempts", "firstCorrect", "attempts", "correct", "facility", "updatedAt")
     VALUES (?, ?, ?, ?, ?, ?, ?, ?)
     ON CONFLICT ("questionId") DO UPDATE SET "rating" = excluded."rating", "firstAttempts" = excluded."firstAttempts",
       "firstCorrect" = excluded."firstCorrect", "attempts" = excluded."attempts", "correct" = excluded."correct",
       "facility" = excluded."facility", "updatedAt" = excluded."updatedAt"`,
    questionId,
    c.rating,
    c.firstAttempts,
    c.firstCorrect,
    c.attempts,
    c.correct,
    c.firstAttempts > 0 ? c.firstCorrect / c.firstAttempts : null,
    now,
  );
  return { firstAttempt };
}

function startOfUtcDay(now: Date): Date {
  return new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth(), now.getUTCDate()));
}

/**
 * Which questions a pick may choose from: a subject's (its published
 * questions and topics, planned with that subject's enrolment; without one,
 * the student's current subject, or every published question when they have
 * none), one topic's, or a given set (bookmarks), less any questions left
 * out (those of the student's open mock exams). The scheduler still orders
 * whatever is left adaptively.
 */
export type PickScope = { subjectId?: string; topicId?: string; questionIds?: readonly string[]; excludeQuestionIds?: ReadonlySet<string> };

/** What pickInBank needs of the student, read in one statement with the bank's stamp. */
type StudentRow = FitColumns & {
  currentSubjectId: string | null;
  examDate: unknown;
  dailyGoal: unknown;
  stamp: unknown;
};

/** Runs a body of reads: directRead by default; a test passes one that records the statements. */
export type SqlReader = <T>(body: (sql: Sql) => Promise<T>) => Promise<T>;

/**
 * The student's state a pick needs, in three statements by key: the student's
 * row joined with the enrolment the pick plans with (the scope's subject, else
 * their current one) and the published bank's stamp; their memory rows; their
 * topic abilities.
 */
async function studentState(sql: Sql, userId: string, subjectId: string | null) {
  const student = await sql.one<StudentRow>(
    `SELECT u."currentSubjectId", u."memoryStabilityScale", u."memoryDecay", u."memoryFitReviews", u."memoryEvidence",
            e."examDate", e."dailyGoal",
            (SELECT r."stamp" FROM "BankRevision" r WHERE r."id" = 1) AS "stamp"
     FROM "User" u
     LEFT JOIN "Enrolment" e ON e."userId" = u."id" AND e."subjectId" = COALESCE(CAST(? AS TEXT), u."currentSubjectId")
     WHERE u."id" = ?`,
    subjectId,
    userId,
  );
  if (!student) throw new Error(`no user ${userId}`);
  const memories = await sql.all<MemoryRowSql>(`SELECT ${MEMORY_COLUMNS} FROM "MemoryState" WHERE "userId" = ?`, userId);
  const abilities = await sql.all<{ topicId: string; rating: number; attempts: number }>(
    `SELECT "topicId", "rating", "attempts" FROM "TopicAbility" WHERE "userId" = ?`,
    userId,
  );
  return { student, memories, abilities };
}

/** A pick with the published question it chose (current version, options in stored order). */
export type BankPick = { pick: Pick; question: PublishedQuestion; bank: PublishedBank };

/**
 * What the scheduler plans with for one student and subject: the published
 * candidates in scope with the student's memory of each, the topics and their
 * weights, the student's abilities, plan and forgetting curve, and what the
 * pick's interleaving needs (the last question answered, new questions met
 * today). The pick and the readiness estimate both start from it.
 */
export type StudentPlanning = {
  bank: PublishedBank;
  subjectId: string | null;
  candidates: Candidate[];
  topics: { topicId: string; weight: number }[];
  abilities: Record<string, TopicAbility>;
  plan: { examDate: Date | null; dailyGoal: number | null };
  memoryFit: MemoryFit;
  last: { questionId: string; at: number } | null;
  introducedToday: number;
};

/**
 * The student's planning state, in three indexed reads whatever the bank's
 * size (studentState); the bank itself comes from memory (published-bank.ts),
 * reloaded only when the stamp read with them has moved.
 */
export async function studentPlanning(userId: string, now: Date, scope: PickScope = {}, read: SqlReader = directRead): Promise<StudentPlanning> {
  const { student, memories, abilities } = await read((sql) => studentState(sql, userId, scope.subjectId ?? null));
  const bank = await publishedBank(getDb(), sqlNumberOrNull(student.stamp));
  const subjectId = scope.subjectId ?? student.currentSubjectId;

  // The last question answered in the subject and how many were met today, from the memory rows.
  const startOfDay = startOfUtcDay(now).getTime();
  const memoryByQuestion = new Map<string, MemoryState>();
  let last: { questionId: string; at: number } | null = null;
  let introducedToday = 0;
  for (const row of memories) {
    const question = bank.questions.get(row.questionId);
    if (subjectId !== null && question !== undefined && question.subjectId !== subjectId) continue;
    if (subjectId !== null && question === undefined) continue;
    const memory = toMemory(row, now);
    memoryByQuestion.set(row.questionId, memory);
    if (sqlDate(row.createdAt)!.getTime() >= startOfDay) introducedToday += 1;
    const at = memory.lastReview?.getTime();
    if (at !== undefined && (last === null || at > last.at)) last = { questionId: row.questionId, at };
  }
  // The bank's shared candidates; only those the student has met are copied, with their memory.
  let inScope = bank.candidatesOf(subjectId);
  if (scope.topicId !== undefined) inScope = inScope.filter((c) => c.topicId === scope.topicId);
  if (scope.questionIds !== undefined) {
    const wanted = new Set(scope.questionIds);
    inScope = inScope.filter((c) => wanted.has(c.questionId));
  }
  const excluded = scope.excludeQuestionIds;
  if (excluded !== undefined && excluded.size > 0) inScope = inScope.filter((c) => !excluded.has(c.questionId));
  const candidates: Candidate[] = inScope.map((c) => {
    const memory = memoryByQuestion.get(c.questionId);
    return memory ? { ...c, memory } : c;
  });
  return {
    bank,
    subjectId,
    candidates,
    topics: bank.topicsOf(subjectId).map((t) => ({ topicId: t.id, weight: t.weight })),
    abilities: Object.fromEntries(abilities.map((a) => [a.topicId, { rating: sqlNumber(a.rating), attempts: sqlNumber(a.attempts) }])),
    plan: { examDate: sqlDate(student.examDate), dailyGoal: sqlNumberOrNull(student.dailyGoal) },
    memoryFit: memoryFitOf(userId, evidenceOf(student)),
    last,
    introducedToday,
  };
}

/** Chooses the student's next question among the published ones in scope, with the reason. */
export async function pickInBank(userId: string, now: Date, seed: number, scope: PickScope = {}, read: SqlReader = directRead): Promise<BankPick | null> {
  const { bank, candidates, topics, abilities, plan, memoryFit, last, introducedToday } = await studentPlanning(userId, now, scope, read);
  const pick = pickNextQuestion({
    now,
    candidates,
    topics,
    abilities,
    plan,
    // A scope of one question (a single bookmark) may serve it again rather than nothing.
    lastQuestionId: candidates.length === 1 ? null : (last?.questionId ?? null),
    lastTopicId: last ? (bank.questions.get(last.questionId)?.topicId ?? null) : null,
    introducedToday,
    rng: createRng(seed),
    params: { memoryFit },
    // One candidate per question of the bank copy's map, filtered: no duplicates to look for.
    uniqueCandidates: true,
  });
  if (!pick) return null;
  const question = bank.questions.get(pick.questionId);
  if (!question || !candidates.some((c) => c.questionId === pick.questionId)) {
    throw new Error(`the scheduler picked ${pick.questionId}, which is not in scope`);
  }
  return { pick, question, bank };
}

/** Chooses the student's next question among the published ones in scope, with the reason. */
export async function pickForStudent(userId: string, now: Date, seed: number, scope: PickScope = {}): Promise<Pick | null> {
  return (await pickInBank(userId, now, seed, scope))?.pick ?? null;
}
