// One student, one scheduler, one grid cell: study days at 18:00, one question
// a minute up to the daily budget, exam on the morning of day `examDays`.
import type { ScoreEstimate } from "../../lib/scheduler/readiness";
import type { Confidence } from "../../lib/scheduler/types";
import { createRng } from "../../lib/scheduler/rng";
import type { SimScheduler } from "./baselines";
import { createTruth } from "./truth";
import type { TruthKind, TruthMemory } from "./truth";
import { EXAM_LENGTH, ITEMS_PER_TOPIC, TOPIC_WEIGHTS } from "./world";
import type { Bank, Student } from "./world";

export interface StudentRun {
  examScore: number;
  /** True expected score averaged over the mornings of the prep period. */
  knowledge: number;
  reviews: number;
  /** Score on one sat exam of EXAM_LENGTH questions on the blueprint (what a readiness interval must cover). */
  sittingScore: number;
  /** Predicted exam score a week before the exam, with its 95% interval (ours only), else null. */
  predicted: ScoreEstimate | null;
}

const STUDY_HOUR = 0.75;

/**
 * The student's own confidence: "I guessed" now and then when they did know
 * the answer (5%), most of the time when they did not (60%, right or wrong).
 */
function confidenceOf(knew: boolean, u: number): Confidence {
  if (knew) return u < 0.05 ? "GUESSED" : u < 0.3 ? "UNSURE" : "SURE";
  return u < 0.6 ? "GUESSED" : u < 0.9 ? "UNSURE" : "SURE";
}
/** The exam sits on the morning of its day (9:00). */
export const EXAM_HOUR = 0.375;

/** seen[] states: not met yet, met and learnt here (memory follows the truth model), met and known before. */
const UNSEEN = 0;
export const LEARNT = 1;
const KNOWN = 2;

/**
 * True chance of answering an item right at `at`: recalled (learnt here),
 * known before (prior knowledge is durable: being asked about something you
 * know does not make you forget it, just as an unseen item keeps its prior),
 * else guessed.
 */
function trueCorrect(bank: Bank, student: Student, truth: TruthMemory, seen: Uint8Array, item: number, at: number): number {
  const g = bank.guess[item] ?? 0.25;
  const state = seen[item];
  const recall = state === LEARNT ? truth.recall(item, at) : state === KNOWN ? 1 : (student.know[item] ?? 0);
  return g + (1 - g) * recall;
}

/** Topic-weighted, guess-aware expected exam score from the student's true state. */
export function trueScore(bank: Bank, student: Student, truth: TruthMemory, seen: Uint8Array, at: number): number {
  let score = 0;
  for (let i = 0; i < bank.size; i++) score += (bank.examWeight[i] ?? 0) * trueCorrect(bank, student, truth, seen, i, at);
  return score;
}

/**
 * One exam sitting on the blueprint: round(weight x EXAM_LENGTH) questions per
 * topic, drawn without replacement, each answered from the true state.
 */
function sitExam(bank: Bank, student: Student, truth: TruthMemory, seen: Uint8Array, at: number): number {
  const rng = createRng(student.seed * 104_729 + 3);
  let correct = 0;
  let asked = 0;
  TOPIC_WEIGHTS.forEach((weight, t) => {
    const pool = Array.from({ length: ITEMS_PER_TOPIC }, (_, k) => t * ITEMS_PER_TOPIC + k);
    const count = Math.min(pool.length, Math.round(weight * EXAM_LENGTH));
    for (let q = 0; q < count; q++) {
      const pick = q + Math.floor(rng.next() * (pool.length - q));
      const item = pool[pick] ?? 0;
      pool[pick] = pool[q] ?? 0;
      pool[q] = item;
      if (rng.next() < trueCorrect(bank, student, truth, seen, item, at)) correct++;
      asked++;
    }
  });
  return correct / asked;
}

export function runStudent(
  bank: Bank,
  student: Student,
  truthKind: TruthKind,
  scheduler: SimScheduler,
  examDays: number,
  perDay: number,
  /** Called before each later review of an item learnt here, with the true chance of a correct answer (instrumentation). */
  onLaterReview?: (item: number, now: number, trueCorrect: number) => void,
  /** Called on exam morning with each item's true chance of a correct answer then (instrumentation). */
  onExamMorning?: (at: number, trueCorrectOf: (item: number) => number) => void,
  /** Called a week before the exam, just after the readiness prediction, with each item's true chance of a correct answer then (instrumentation). */
  onWeekAhead?: (at: number, trueCorrectOf: (item: number) => number) => void,
): StudentRun {
  const truth = createTruth(truthKind, bank, student);
  const coins = createRng(student.seed * 7919 + 17);
  const seen = new Uint8Array(bank.size);
  scheduler.peekTruth?.(truth, seen);
  let knowledgeSum = 0;
  let reviews = 0;
  let predicted: ScoreEstimate | null = null;
  for (let day = 0; day < examDays; day++) {
    if (day > 0) knowledgeSum += trueScore(bank, student, truth, seen, day + EXAM_HOUR);
    if (day === examDays - 7 && scheduler.predictExamScore !== undefined) {
      predicted = scheduler.predictExamScore(day + STUDY_HOUR, examDays + EXAM_HOUR);
      onWeekAhead?.(day + STUDY_HOUR, (item) => trueCorrect(bank, student, truth, seen, item, day + STUDY_HOUR));
    }
    if (student.studies[day] !== 1) continue;
    scheduler.beginDay(day + STUDY_HOUR);
    for (let k = 0; k < perDay; k++) {
      const now = day + STUDY_HOUR + k / 1440;
      const item = scheduler.pick(now);
      const guessRight = coins.next() < (bank.guess[item] ?? 0.25);
      let knew: boolean;
      if (seen[item] === UNSEEN) {
        knew = (student.knowDraw[item] ?? 1) < (student.know[item] ?? 0);
        truth.learn(item, now, knew);
        seen[item] = knew ? KNOWN : LEARNT;
      } else if (seen[item] === KNOWN) {
        knew = true;
      } else {
        onLaterReview?.(item, now, trueCorrect(bank, student, truth, seen, item, now));
        knew = coins.next() < truth.recall(item, now);
        truth.update(item, now, knew);
      }
      const correct = knew || guessRight;
      scheduler.observe(item, correct, now, confidenceOf(knew, coins.next()));
      reviews++;
    }
  }
  const examScore = trueScore(bank, student, truth, seen, examDays + EXAM_HOUR);
  knowledgeSum += examScore;
  const sittingScore = sitExam(bank, student, truth, seen, examDays + EXAM_HOUR);
  onExamMorning?.(examDays + EXAM_HOUR, (item) => trueCorrect(bank, student, truth, seen, item, examDays + EXAM_HOUR));
  return { examScore, knowledge: knowledgeSum / examDays, reviews, sittingScore, predicted };
}
