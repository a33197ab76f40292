// Runs every scheduler on one grid cell with the same students and seeds.
import { createQuestionCalibration } from "../../lib/scheduler/ability";
import { createRng } from "../../lib/scheduler/rng";
import type { QuestionCalibration, Rng, SchedulerParams } from "../../lib/scheduler/types";
import { CoverageFirstScheduler, EloOnlyScheduler, FsrsScheduler, LeitnerScheduler, RandomScheduler, Sm2Scheduler, labelCalibration } from "./baselines";
import type { SimScheduler } from "./baselines";
import { OursScheduler, createSharedEvidence } from "./ours";
import { EXAM_HOUR, runStudent } from "./simulate";
import { bootstrapMean, mean } from "./stats";
import type { TruthKind } from "./truth";
import { createBank, createStudent } from "./world";
import type { Bank, Cohort } from "./world";

export const SCHEDULERS = ["ours", "fsrs", "sm2", "leitner", "random", "eloOnly", "coverage"] as const;
export type SchedulerName = (typeof SCHEDULERS)[number];
export const NEW_LIMITS = [5, 10, 20, 40] as const;

export interface CellSpec {
  truth: TruthKind;
  cohort: Cohort;
  examDays: number;
  perDay: number;
  students: number;
  seed: number;
  chunk: number;
  params?: Partial<SchedulerParams>;
}

export interface SchedulerResult {
  name: SchedulerName;
  /** Best new-items-a-day limit (null for ours, random and coverage-first). */
  limit: number | null;
  examScores: Float64Array;
  knowledge: Float64Array;
  reviews: number;
  /** Mean exam score of every limit tried. */
  byLimit: Record<string, number>;
}

export interface CellResult {
  spec: CellSpec;
  results: Record<SchedulerName, SchedulerResult>;
  readinessErrors: Float64Array;
  /** 1 when the score of a sat exam (EXAM_LENGTH questions) fell inside the predicted 95% interval. */
  readinessCovered: Uint8Array;
  readinessWidths: Float64Array;
  seconds: number;
}

/** The grid's base seed; a cell's own seed adds its exam length and budget (gridCellSeed). */
export const GRID_SEED = 20261123;

export function gridCellSeed(examDays: number, perDay: number): number {
  return GRID_SEED + examDays * 100 + perDay;
}

export const COHORTS: readonly Cohort[] = ["novice", "prior"];

/**
 * The grid's cells for the given truths and cohorts (14/30/60/90 days x
 * 10/20/40 a day each), in the grid's order, with each cell's own seed.
 */
export function gridSpecs(truths: readonly TruthKind[], cohorts: readonly Cohort[], students: number, chunk: number): CellSpec[] {
  const specs: CellSpec[] = [];
  for (const truth of truths)
    for (const cohort of cohorts)
      for (const examDays of [14, 30, 60, 90])
        for (const perDay of [10, 20, 40]) specs.push({ truth, cohort, examDays, perDay, students, seed: gridCellSeed(examDays, perDay), chunk });
  return specs;
}

/** The seed of a cell's `index`-th student (the same student for every scheduler). */
export function studentSeed(cellSeed: number, index: number): number {
  return cellSeed * 100_003 + index;
}

function schedulerRng(seed: number): Rng {
  return createRng(seed * 31 + 5);
}

/**
 * Our scheduler for each student of a cell, one after another as the app's
 * students come: item calibration and the population's memory evidence are
 * shared across them. The grid and the instruments (calibration.ts,
 * readiness-parts.ts) build it the same way.
 */
export function oursForCell(spec: CellSpec, bank: Bank): (bank: Bank, studentSeed: number) => OursScheduler {
  const calibration: QuestionCalibration[] = bank.label.map((label) => createQuestionCalibration(label));
  const population = createSharedEvidence();
  return (b, seed) => new OursScheduler(b, calibration, spec.examDays + EXAM_HOUR, spec.perDay, schedulerRng(seed), spec.chunk, spec.params, true, population);
}

export function permutation(size: number, seed: number): Int32Array {
  const rng = createRng(seed);
  const order = Int32Array.from({ length: size }, (_, i) => i);
  for (let i = size - 1; i > 0; i--) {
    const j = Math.floor(rng.next() * (i + 1));
    const tmp = order[i] ?? 0;
    order[i] = order[j] ?? 0;
    order[j] = tmp;
  }
  return order;
}

export type Factory = (bank: Bank, studentSeed: number) => SimScheduler;

export function runAll(spec: CellSpec, bank: Bank, factory: Factory, withReadiness: boolean) {
  const examScores = new Float64Array(spec.students);
  const knowledge = new Float64Array(spec.students);
  const readinessErrors = new Float64Array(withReadiness ? spec.students : 0);
  const readinessCovered = new Uint8Array(withReadiness ? spec.students : 0);
  const readinessWidths = new Float64Array(withReadiness ? spec.students : 0);
  let reviews = 0;
  for (let s = 0; s < spec.students; s++) {
    const seed = studentSeed(spec.seed, s);
    const student = createStudent(bank, seed, spec.examDays, spec.cohort);
    const run = runStudent(bank, student, spec.truth, factory(bank, seed), spec.examDays, spec.perDay);
    examScores[s] = run.examScore;
    knowledge[s] = run.knowledge;
    reviews += run.reviews;
    if (withReadiness) {
      if (run.predicted === null) throw new Error("the scheduler under test made no readiness prediction");
      readinessErrors[s] = run.predicted.score - run.examScore;
      readinessCovered[s] = run.predicted.low <= run.sittingScore && run.sittingScore <= run.predicted.high ? 1 : 0;
      readinessWidths[s] = run.predicted.high - run.predicted.low;
    }
  }
  return { examScores, knowledge, reviews: reviews / spec.students, readinessErrors, readinessCovered, readinessWidths };
}

/** Our scheduler alone on a cell's students: exam scores and the week-ahead readiness errors. */
export function runOurs(spec: CellSpec): ReturnType<typeof runAll> {
  const bank = createBank(spec.seed);
  return runAll(spec, bank, oursForCell(spec, bank), true);
}

export function runCell(spec: CellSpec): CellResult {
  const started = performance.now();
  const bank = createBank(spec.seed);
  const results = {} as Record<SchedulerName, SchedulerResult>;

  const ours = runAll(spec, bank, oursForCell(spec, bank), true);
  results.ours = { name: "ours", limit: null, examScores: ours.examScores, knowledge: ours.knowledge, reviews: ours.reviews, byLimit: {} };
  const random = runAll(spec, bank, (b, seed) => new RandomScheduler(b, schedulerRng(seed)), false);
  results.random = { name: "random", limit: null, examScores: random.examScores, knowledge: random.knowledge, reviews: random.reviews, byLimit: {} };
  const coverage = runAll(spec, bank, (b, seed) => new CoverageFirstScheduler(b, permutation(b.size, seed), spec.examDays), false);
  results.coverage = { name: "coverage", limit: null, examScores: coverage.examScores, knowledge: coverage.knowledge, reviews: coverage.reviews, byLimit: {} };

  const limited: Record<Exclude<SchedulerName, "ours" | "random" | "coverage">, (limit: number) => Factory> = {
    fsrs: (limit) => (b, seed) => new FsrsScheduler(b, permutation(b.size, seed), limit),
    sm2: (limit) => (b, seed) => new Sm2Scheduler(b, permutation(b.size, seed), limit),
    leitner: (limit) => (b, seed) => new LeitnerScheduler(b, permutation(b.size, seed), limit),
    eloOnly: (limit) => {
      const calibration = labelCalibration(bank);
      const counts = new Int32Array(bank.size);
      return (b, seed) => new EloOnlyScheduler(b, calibration, counts, limit, schedulerRng(seed));
    },
  };
  for (const name of ["fsrs", "sm2", "leitner", "eloOnly"] as const) {
    let best: SchedulerResult | null = null;
    const byLimit: Record<string, number> = {};
    for (const limit of NEW_LIMITS) {
      const run = runAll(spec, bank, limited[name](limit), false);
      const score = mean(run.examScores);
      byLimit[String(limit)] = score;
      if (best === null || score > mean(best.examScores)) {
        best = { name, limit, examScores: run.examScores, knowledge: run.knowledge, reviews: run.reviews, byLimit };
      }
    }
    if (best !== null) results[name] = best;
  }
  return {
    spec,
    results,
    readinessErrors: ours.readinessErrors,
    readinessCovered: ours.readinessCovered,
    readinessWidths: ours.readinessWidths,
    seconds: (performance.now() - started) / 1000,
  };
}

export interface CellSummary {
  truth: TruthKind;
  cohort: Cohort;
  examDays: number;
  perDay: number;
  scores: Record<SchedulerName, number>;
  knowledge: Record<SchedulerName, number>;
  limits: Record<SchedulerName, number | null>;
  bestBaseline: SchedulerName;
  /** ours minus the best baseline, mean and bootstrap 95% interval (score points as fractions). */
  margin: number;
  marginCi: [number, number];
  oursCi: [number, number];
  /** Share of students for whom ours beats the best baseline. */
  winShare: number;
  readinessMAE: number;
  readinessBias: number;
  /** Share of students whose sat exam score fell inside the 95% interval predicted a week before. */
  readinessCoverage: number;
  /** Mean width of that interval (fraction). */
  readinessWidth: number;
  reviewsPerStudent: number;
  seconds: number;
}

export function summarize(cell: CellResult): CellSummary {
  const scores = {} as Record<SchedulerName, number>;
  const knowledge = {} as Record<SchedulerName, number>;
  const limits = {} as Record<SchedulerName, number | null>;
  for (const name of SCHEDULERS) {
    scores[name] = mean(cell.results[name].examScores);
    knowledge[name] = mean(cell.results[name].knowledge);
    limits[name] = cell.results[name].limit;
  }
  const bestBaseline = SCHEDULERS.filter((n) => n !== "ours").reduce((a, b) => (scores[a] >= scores[b] ? a : b));
  const ours = cell.results.ours.examScores;
  const other = cell.results[bestBaseline].examScores;
  const diff = ours.map((v, i) => v - (other[i] ?? 0));
  let wins = 0;
  diff.forEach((d) => {
    if (d > 0) wins++;
  });
  const absErrors = cell.readinessErrors.map((e) => Math.abs(e));
  return {
    truth: cell.spec.truth,
    cohort: cell.spec.cohort,
    examDays: cell.spec.examDays,
    perDay: cell.spec.perDay,
    scores,
    knowledge,
    limits,
    bestBaseline,
    margin: mean(diff),
    marginCi: bootstrapMean(diff),
    oursCi: bootstrapMean(ours),
    winShare: wins / diff.length,
    readinessMAE: mean(absErrors),
    readinessBias: mean(cell.readinessErrors),
    readinessCoverage: mean(cell.readinessCovered),
    readinessWidth: mean(cell.readinessWidths),
    reviewsPerStudent: cell.results.ours.reviews,
    seconds: cell.seconds,
  };
}
