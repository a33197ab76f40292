// One student, one scheduler, one grid cell: study days at 18:00, one question
// a minute up to the daily budget, exam on the morning of day `examDays`.
import { createRng } from "../../lib/scheduler/rng";
import type { SimScheduler } from "./baselines";
import { createTruth } from "./truth";
import type { TruthKind, TruthMemory } from "./truth";
import type { Bank, Student } from "./world";

export interface StudentRun {
  examScore: number;
  /** True expected score averaged over the mornings of the prep period. */
  knowledge: number;
  reviews: number;
  /** Predicted exam score a week before the exam (ours only), else NaN. */
  predicted: number;
}

const STUDY_HOUR = 0.75;
const EXAM_HOUR = 0.375;

/** Topic-weighted, guess-aware expected exam score from the student's true state. */
export function trueScore(bank: Bank, student: Student, truth: TruthMemory, seen: Uint8Array, at: number): number {
  let score = 0;
  for (let i = 0; i < bank.size; i++) {
    const g = bank.guess[i] ?? 0.25;
    const recall = seen[i] === 1 ? truth.recall(i, at) : (student.know[i] ?? 0);
    score += (bank.examWeight[i] ?? 0) * (g + (1 - g) * recall);
  }
  return score;
}

export function runStudent(
  bank: Bank,
  student: Student,
  truthKind: TruthKind,
  scheduler: SimScheduler,
  examDays: number,
  perDay: number,
): StudentRun {
  const truth = createTruth(truthKind, bank, student);
  const coins = createRng(student.seed * 7919 + 17);
  const seen = new Uint8Array(bank.size);
  let knowledgeSum = 0;
  let reviews = 0;
  let predicted = NaN;
  for (let day = 0; day < examDays; day++) {
    if (day > 0) knowledgeSum += trueScore(bank, student, truth, seen, day + EXAM_HOUR);
    if (day === examDays - 7 && scheduler.predictExamScore !== undefined) {
      predicted = scheduler.predictExamScore(day + STUDY_HOUR, examDays + EXAM_HOUR);
    }
    if (student.studies[day] !== 1) continue;
    scheduler.beginDay(day + STUDY_HOUR);
    for (let k = 0; k < perDay; k++) {
      const now = day + STUDY_HOUR + k / 1440;
      const item = scheduler.pick(now);
      const guessRight = coins.next() < (bank.guess[item] ?? 0.25);
      let correct: boolean;
      if (seen[item] === 0) {
        const known = (student.knowDraw[item] ?? 1) < (student.know[item] ?? 0);
        correct = known || guessRight;
        truth.learn(item, now, known);
        seen[item] = 1;
      } else {
        const recalled = coins.next() < truth.recall(item, now);
        correct = recalled || guessRight;
        truth.update(item, now, recalled);
      }
      scheduler.observe(item, correct, now);
      reviews++;
    }
  }
  const examScore = trueScore(bank, student, truth, seen, examDays + EXAM_HOUR);
  knowledgeSum += examScore;
  return { examScore, knowledge: knowledgeSum / examDays, reviews, predicted };
}
