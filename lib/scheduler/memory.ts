// Memory: FSRS-6 (ts-fsrs) with guess-aware evidence.
//
// A correct answer to a c = 1/options item happens with probability
// R + (1 - R) * c, so it is evidence of recall with posterior
// q = R / (R + (1 - R) * c). We run ts-fsrs for both outcomes (recalled /
// lapsed) and blend the new stability geometrically and the difficulty
// linearly by q. "I guessed" and wrong answers are lapses (q = 0).
import { Rating, State } from "ts-fsrs";
import type { Card, Grade } from "ts-fsrs";
import { InvalidNumberError, InvalidTimeError, assertFiniteNumber, assertValidDate } from "./errors";
import { DAY_MS, getFsrsModel, intervalForRetention, practiceFactor, retrievabilityAfter } from "./fsrs-model";
import type { FsrsModel } from "./fsrs-model";
import { resolveParams } from "./params";
import type { AnswerEvidence, MemoryPhase, MemoryState, SchedulerParams } from "./types";

const PHASE_TO_STATE: Record<MemoryPhase, State> = {
  NEW: State.New,
  LEARNING: State.Learning,
  REVIEW: State.Review,
  RELEARNING: State.Relearning,
};
const STATE_TO_PHASE: Record<State, MemoryPhase> = {
  [State.New]: "NEW",
  [State.Learning]: "LEARNING",
  [State.Review]: "REVIEW",
  [State.Relearning]: "RELEARNING",
};

/** A fresh, never-reviewed memory (what a MemoryState row starts as). */
export function createMemoryState(now: Date): MemoryState {
  assertValidDate("now", now);
  return {
    stability: 0,
    difficulty: 0,
    due: new Date(now.getTime()),
    lastReview: null,
    scheduledDays: 0,
    learningSteps: 0,
    reps: 0,
    lapses: 0,
    state: "NEW",
    lastCorrectAt: null,
    mastered: false,
  };
}

/** True when the student has never answered the item. */
export function isUnseen(memory: MemoryState | null): boolean {
  return memory === null || memory.lastReview === null || memory.state === "NEW";
}

const finiteIn = (x: number, min: number, max: number): boolean => Number.isFinite(x) && x >= min && x <= max;

/** Fast check without building messages; validateMemoryState explains a failure. */
export function isMemoryStateValid(memory: MemoryState, nowMs: number): boolean {
  if (!finiteIn(memory.stability, 0, Infinity) || !finiteIn(memory.difficulty, 0, 10)) return false;
  if (!finiteIn(memory.reps, 0, Infinity) || !finiteIn(memory.lapses, 0, Infinity)) return false;
  if (!(memory.due instanceof Date) || Number.isNaN(memory.due.getTime())) return false;
  const last = memory.lastReview;
  if (last === null) return true;
  if (!(last instanceof Date)) return false;
  const lastMs = last.getTime();
  if (Number.isNaN(lastMs) || lastMs > nowMs) return false;
  return memory.state === "NEW" || memory.stability > 0;
}

/** Checks a stored memory for NaN, impossible values and time running backwards. */
export function validateMemoryState(memory: MemoryState, now: Date, field = "memory"): void {
  if (isMemoryStateValid(memory, now.getTime())) return;
  assertFiniteNumber(`${field}.stability`, memory.stability, 0);
  assertFiniteNumber(`${field}.difficulty`, memory.difficulty, 0, 10);
  assertFiniteNumber(`${field}.reps`, memory.reps, 0);
  assertFiniteNumber(`${field}.lapses`, memory.lapses, 0);
  assertValidDate(`${field}.due`, memory.due);
  if (memory.lastReview !== null) {
    assertValidDate(`${field}.lastReview`, memory.lastReview);
    if (memory.lastReview.getTime() > now.getTime()) {
      throw new InvalidTimeError(`${field}.lastReview is after now (negative elapsed time)`);
    }
    if (memory.state !== "NEW" && memory.stability <= 0) {
      throw new InvalidNumberError(`${field}.stability`, memory.stability, "positive for a reviewed item");
    }
  }
}

/**
 * Probability of recalling the item at `now` (FSRS-6 forgetting curve), in
 * [0, 1]. 0 for an item never studied.
 */
export function retrievability(memory: MemoryState | null, now: Date, params?: Partial<SchedulerParams>): number {
  assertValidDate("now", now);
  if (memory === null || isUnseen(memory)) return 0;
  validateMemoryState(memory, now);
  const model = getFsrsModel(params?.fsrsWeights, params?.memoryFit);
  const lastReview = memory.lastReview ?? now;
  return retrievabilityAfter(model, (now.getTime() - lastReview.getTime()) / DAY_MS, memory.stability * practiceFactor(model, memory.reps));
}

/** Chance of a correct answer: recall, or a lucky guess among `optionCount` options. */
export function probabilityCorrect(recall: number, optionCount: number): number {
  const c = 1 / optionCount;
  return recall + (1 - recall) * c;
}

/** Posterior probability that a correct answer was recalled rather than guessed. */
export function recallPosterior(priorRecall: number, optionCount: number): number {
  const c = 1 / optionCount;
  const denominator = priorRecall + (1 - priorRecall) * c;
  return denominator <= 0 ? 0 : priorRecall / denominator;
}

export interface ReviewMemoryInput {
  /** Current state, or null on the first encounter. */
  memory: MemoryState | null;
  answer: AnswerEvidence;
  now: Date;
  /** User.examDate: intervals never pass it. */
  examDate?: Date | null;
  /**
   * On a first encounter, the prior chance the student already knew the item
   * (knowledgeProbability from ability.ts). Ignored on later reviews, where
   * the FSRS retrievability is the prior.
   */
  priorRecall?: number;
  params?: Partial<SchedulerParams>;
}

export interface ReviewMemoryResult {
  memory: MemoryState;
  /** Posterior probability that the answer reflected recall (0 for a lapse). */
  recallEvidence: number;
  /** Retrievability (or prior knowledge on a first encounter) before the answer. */
  priorRecall: number;
  /** Whole days until the item is due again. */
  intervalDays: number;
}

/** Updates one (user, question) memory after an answer. Pure: returns a new state. */
export function reviewMemory(input: ReviewMemoryInput): ReviewMemoryResult {
  const { answer, now } = input;
  assertValidDate("now", now);
  if (!Number.isInteger(answer.optionCount) || answer.optionCount < 2) {
    throw new InvalidNumberError("answer.optionCount", answer.optionCount, "an integer >= 2");
  }
  const params = resolveParams(input.params);
  const model = getFsrsModel(params.fsrsWeights, params.memoryFit);
  const examDate = input.examDate ?? null;
  if (examDate !== null) assertValidDate("examDate", examDate);
  const first = input.memory === null || isUnseen(input.memory);
  const previous = input.memory ?? createMemoryState(now);
  if (input.memory !== null) validateMemoryState(input.memory, now);

  let prior: number;
  if (first) {
    prior = input.priorRecall ?? 0.5;
    assertFiniteNumber("priorRecall", prior, 0, 1);
  } else {
    const last = previous.lastReview ?? now;
    prior = retrievabilityAfter(model, (now.getTime() - last.getTime()) / DAY_MS, previous.stability * practiceFactor(model, previous.reps));
  }
  const confident = answer.correct && answer.confidence !== "GUESSED";
  const q = confident ? recallPosterior(prior, answer.optionCount) : 0;

  const card = toCard(previous, first);
  const hitGrade: Grade = first
    ? answer.confidence === "SURE" ? Rating.Easy : Rating.Good
    : answer.confidence === "SURE" ? Rating.Good : Rating.Hard;
  const miss = model.engine.next(card, now, Rating.Again).card;
  let stability = miss.stability;
  let difficulty = miss.difficulty;
  let bookkeeping = miss;
  if (q > 0) {
    const hit = model.engine.next(card, now, hitGrade).card;
    stability = Math.exp(q * Math.log(hit.stability) + (1 - q) * Math.log(miss.stability));
    difficulty = q * hit.difficulty + (1 - q) * miss.difficulty;
    bookkeeping = hit;
  }

  const { due, intervalDays } = scheduleDue(model, stability * practiceFactor(model, bookkeeping.reps), now, examDate, params);
  let lastCorrectAt = previous.lastCorrectAt;
  let mastered = previous.mastered;
  if (confident) {
    // Keep the first correct answer of a same-day streak, so "a day apart" is
    // measured from it rather than from the latest repeat.
    if (lastCorrectAt === null) {
      lastCorrectAt = new Date(now.getTime());
    } else if (now.getTime() - lastCorrectAt.getTime() >= DAY_MS) {
      mastered = true;
      lastCorrectAt = new Date(now.getTime());
    }
  } else {
    lastCorrectAt = null;
    mastered = false;
  }
  return {
    memory: {
      stability,
      difficulty,
      due,
      lastReview: new Date(now.getTime()),
      scheduledDays: intervalDays,
      learningSteps: bookkeeping.learning_steps,
      reps: bookkeeping.reps,
      lapses: bookkeeping.lapses,
      state: STATE_TO_PHASE[bookkeeping.state],
      lastCorrectAt,
      mastered,
    },
    recallEvidence: q,
    priorRecall: prior,
    intervalDays,
  };
}

/**
 * Next due date (`stability` already multiplied by the practice factor,
 * fsrs-model.ts practiceFactor): when R falls to the target retention (the exam retention
 * before the exam, 0.9 without one or after it), never later than the exam.
 */
export function scheduleDue(
  model: FsrsModel,
  stability: number,
  now: Date,
  examDate: Date | null,
  params: SchedulerParams,
): { due: Date; intervalDays: number } {
  const beforeExam = examDate !== null && examDate.getTime() > now.getTime();
  const retention = beforeExam ? params.examRetention : params.normalRetention;
  let dueMs = now.getTime() + Math.max(1, Math.round(intervalForRetention(model, stability, retention))) * DAY_MS;
  if (beforeExam && dueMs > examDate.getTime()) dueMs = examDate.getTime();
  return { due: new Date(dueMs), intervalDays: Math.round((dueMs - now.getTime()) / DAY_MS) };
}

function toCard(memory: MemoryState, first: boolean): Card {
  if (first) {
    return {
      due: memory.due,
      stability: 0,
      difficulty: 0,
      elapsed_days: 0,
      scheduled_days: 0,
      learning_steps: 0,
      reps: 0,
      lapses: 0,
      state: State.New,
    };
  }
  const card: Card = {
    due: memory.due,
    stability: memory.stability,
    difficulty: Math.max(1, memory.difficulty),
    elapsed_days: 0,
    scheduled_days: memory.scheduledDays,
    learning_steps: memory.learningSteps,
    reps: memory.reps,
    lapses: memory.lapses,
    state: PHASE_TO_STATE[memory.state],
  };
  if (memory.lastReview !== null) card.last_review = memory.lastReview;
  return card;
}
