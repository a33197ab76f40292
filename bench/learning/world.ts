// The simulated world: a 600-item bank in 10 weighted topics (IRT difficulty,
// discrimination, guess rate near 0.25) and students with an ability, topic
// strengths and personal memory parameters. Everything comes from seeds.
import { createRng } from "../../lib/scheduler/rng";
import type { Rng } from "../../lib/scheduler/types";
import type { DifficultyLabel } from "../../lib/scheduler/types";

export const TOPIC_WEIGHTS = [0.16, 0.14, 0.12, 0.11, 0.1, 0.09, 0.08, 0.08, 0.07, 0.05] as const;
export const ITEMS_PER_TOPIC = 60;
export const OPTION_COUNT = 4;
/** Questions on the simulated exam sitting (readiness intervals are for an exam this long). */
export const EXAM_LENGTH = 100;

export interface Bank {
  size: number;
  topicOf: Int32Array;
  /** IRT difficulty b. */
  difficulty: Float64Array;
  /** IRT discrimination a. */
  discrimination: Float64Array;
  /** Chance of a lucky guess for this item. */
  guess: Float64Array;
  label: DifficultyLabel[];
  /** Exam-score weight of each item: topic weight / items in topic. */
  examWeight: Float64Array;
  topicIds: string[];
  questionIds: string[];
}

/**
 * "prior": the student may know an item before studying it (IRT ability);
 * "novice": knows no item before studying it (every first answer is a guess).
 */
export type Cohort = "prior" | "novice";

export interface Student {
  /** P(knows item before studying it) per item. */
  know: Float64Array;
  /** Pre-drawn uniform per item: knows it at first sight iff u < know. */
  knowDraw: Float64Array;
  /** Memory parameters: multiplier of stabilities, of recall growth, decay. */
  stabilityFactor: number;
  growthFactor: number;
  decay: number;
  /** Half-life regression parameters (second truth model). */
  hlrBase: number;
  hlrRight: number;
  hlrWrong: number;
  /** ACT-R (third truth model): the student's activation offset. */
  actrBase: number;
  /** Days on which the student studies (85% chance each). */
  studies: Uint8Array;
  seed: number;
}

export function gaussian(rng: Rng): number {
  const u = Math.max(rng.next(), 1e-12);
  const v = rng.next();
  return Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * v);
}

export function createBank(seed: number): Bank {
  const rng = createRng(seed);
  const size = TOPIC_WEIGHTS.length * ITEMS_PER_TOPIC;
  const bank: Bank = {
    size,
    topicOf: new Int32Array(size),
    difficulty: new Float64Array(size),
    discrimination: new Float64Array(size),
    guess: new Float64Array(size),
    label: [],
    examWeight: new Float64Array(size),
    topicIds: TOPIC_WEIGHTS.map((_, t) => `topic-${String(t)}`),
    questionIds: [],
  };
  for (let i = 0; i < size; i++) {
    const t = Math.floor(i / ITEMS_PER_TOPIC);
    bank.topicOf[i] = t;
    const b = gaussian(rng);
    bank.difficulty[i] = b;
    bank.discrimination[i] = Math.exp(0.25 * gaussian(rng));
    bank.guess[i] = 0.2 + 0.1 * rng.next();
    // Authors label difficulty with some noise.
    const seen = b + 0.5 * gaussian(rng);
    bank.label.push(seen < -0.5 ? "easy" : seen > 0.5 ? "hard" : "medium");
    bank.examWeight[i] = (TOPIC_WEIGHTS[t] ?? 0) / ITEMS_PER_TOPIC;
    bank.questionIds.push(`q-${String(i)}`);
  }
  return bank;
}

export function createStudent(bank: Bank, seed: number, days: number, cohort: Cohort = "prior"): Student {
  const rng = createRng(seed);
  const ability = 0.8 * gaussian(rng);
  const topicOffset = TOPIC_WEIGHTS.map(() => 0.5 * gaussian(rng));
  const know = new Float64Array(bank.size);
  const knowDraw = new Float64Array(bank.size);
  for (let i = 0; i < bank.size; i++) {
    const theta = ability + (topicOffset[bank.topicOf[i] ?? 0] ?? 0);
    know[i] = cohort === "novice" ? 0 : 1 / (1 + Math.exp(-(bank.discrimination[i] ?? 1) * (theta - (bank.difficulty[i] ?? 0))));
    knowDraw[i] = rng.next();
  }
  const studies = new Uint8Array(days);
  for (let d = 0; d < days; d++) studies[d] = rng.next() < 0.85 ? 1 : 0;
  const student: Student = {
    know,
    knowDraw,
    stabilityFactor: Math.exp(0.35 * gaussian(rng)),
    growthFactor: Math.exp(0.25 * gaussian(rng)),
    decay: 0.12 + 0.12 * rng.next(),
    hlrBase: 0.3 * gaussian(rng),
    hlrRight: 1.0 + 0.2 * gaussian(rng),
    hlrWrong: 0.3 + 0.1 * rng.next(),
    // Drawn after everything else, so the other parameters keep their values.
    actrBase: 0,
    studies,
    seed,
  };
  student.actrBase = 0.25 * gaussian(rng);
  return student;
}
