// The FSRS-6 memory model, from ts-fsrs. Card updates go through ts-fsrs
// itself (memory.ts); the hot path of picking (thousands of candidates per
// pick) uses the same closed-form formulas evaluated on plain numbers, which
// tests/unit/scheduler/fsrs-model.test.ts pins against ts-fsrs.
import { FSRS, computeDecayFactor, default_w, generatorParameters } from "ts-fsrs";
import { InvalidNumberError, assertFiniteNumber } from "./errors";
import type { MemoryFit } from "./types";

export const DAY_MS = 86_400_000;

/** A ready-to-use FSRS-6 parameter set. */
export interface FsrsModel {
  readonly w: readonly number[];
  /** Negative exponent of the power forgetting curve (-w20). */
  readonly decay: number;
  readonly factor: number;
  /** Multiplier applied to FSRS stability when predicting recall (student fit). */
  readonly scale: number;
  /**
   * Exponent of the item's practice count in the effective stability
   * (MemoryFit.practiceExponent); 0 without a fit.
   */
  readonly practiceExponent: number;
  /** n ^ practiceExponent for n = 0..PRACTICE_TABLE_SIZE - 1 (n below 1 counts as 1). */
  readonly practiceFactors: Float64Array | null;
  /** exp(w8), hoisted out of the recall-stability formula. */
  readonly expW8: number;
  /** ts-fsrs engine with day-level scheduling (no minute learning steps). */
  readonly engine: FSRS;
}

let defaultModel: FsrsModel | undefined;
const customModels = new Map<string, FsrsModel>();

/**
 * The model for a parameter set; ts-fsrs defaults when `weights` is omitted.
 * A memory fit replaces the forgetting curve's decay and scales stability for
 * predictions; card updates still use the FSRS weights.
 */
export function getFsrsModel(weights?: readonly number[], fit?: MemoryFit): FsrsModel {
  const base = baseModel(weights);
  if (fit === undefined) return base;
  assertFiniteNumber("memoryFit.stabilityScale", fit.stabilityScale, 1e-3, 1e3);
  assertFiniteNumber("memoryFit.decay", fit.decay, 0.01, 20);
  const exponent = fit.practiceExponent ?? 0;
  assertFiniteNumber("memoryFit.practiceExponent", exponent, -5, 5);
  return {
    ...base,
    decay: -fit.decay,
    factor: Math.pow(0.9, -1 / fit.decay) - 1,
    scale: fit.stabilityScale,
    practiceExponent: exponent,
    practiceFactors: exponent === 0 ? null : practiceTable(exponent),
  };
}

const PRACTICE_TABLE_SIZE = 64;
const practiceTables = new Map<number, Float64Array>();

// The hot path asks for n ^ exponent thousands of times per pick with small
// n, so the powers are tabled once per exponent (a student's fit changes
// after each answer; the few tables kept are cleared when they pile up).
function practiceTable(exponent: number): Float64Array {
  let table = practiceTables.get(exponent);
  if (table === undefined) {
    if (practiceTables.size >= 32) practiceTables.clear();
    table = new Float64Array(PRACTICE_TABLE_SIZE);
    for (let n = 0; n < PRACTICE_TABLE_SIZE; n++) table[n] = Math.pow(Math.max(1, n), exponent);
    practiceTables.set(exponent, table);
  }
  return table;
}

/**
 * Multiplier of FSRS stability for an item practised `practices` times
 * before the review in question (every answer, right or wrong): n ^
 * practiceExponent, 1 for n <= 1 or without a practice term.
 */
export function practiceFactor(model: FsrsModel, practices: number): number {
  const table = model.practiceFactors;
  if (table === null || !(practices > 1)) return 1;
  if (practices < PRACTICE_TABLE_SIZE) return table[Math.floor(practices)] ?? 1;
  return Math.pow(practices, model.practiceExponent);
}

function baseModel(weights?: readonly number[]): FsrsModel {
  if (weights === undefined) {
    defaultModel ??= buildModel(default_w);
    return defaultModel;
  }
  if (weights.length !== 21 || weights.some((v) => !Number.isFinite(v))) {
    throw new InvalidNumberError("fsrsWeights", weights.length, "21 finite FSRS-6 weights");
  }
  const key = weights.join(",");
  let model = customModels.get(key);
  if (model === undefined) {
    model = buildModel(weights);
    customModels.set(key, model);
  }
  return model;
}

function buildModel(weights: readonly number[]): FsrsModel {
  const params = generatorParameters({
    w: [...weights],
    enable_short_term: false,
    enable_fuzz: false,
    learning_steps: [],
    relearning_steps: [],
  });
  const { decay, factor } = computeDecayFactor(params.w);
  return { w: params.w, decay, factor, scale: 1, practiceExponent: 0, practiceFactors: null, expW8: Math.exp(params.w[8] ?? 0), engine: new FSRS(params) };
}

function weight(model: FsrsModel, index: number): number {
  return model.w[index] ?? 0;
}

/** R(t, S) = (1 + factor * t / (scale * S)) ^ decay, 1 at t <= 0 (scale 1 without a fit). */
export function retrievabilityAfter(model: FsrsModel, elapsedDays: number, stability: number): number {
  if (elapsedDays <= 0) return 1;
  // exp(decay * log(x)) is about twice as fast as Math.pow in V8, and this
  // runs thousands of times per pick.
  return Math.exp(model.decay * Math.log(1 + (model.factor * elapsedDays) / (model.scale * stability)));
}

/** Days until R falls to `retention` for a memory of `stability`. */
export function intervalForRetention(model: FsrsModel, stability: number, retention: number): number {
  return ((model.scale * stability) / model.factor) * (Math.pow(retention, 1 / model.decay) - 1);
}

/** Stability after a first exposure graded Again (1), Hard (2), Good (3) or Easy (4). */
export function initialStability(model: FsrsModel, grade: 1 | 2 | 3 | 4): number {
  return Math.max(weight(model, grade - 1), 0.1);
}

/** Stability after a successful (Good) review at retrievability r. */
export function stabilityAfterRecall(model: FsrsModel, difficulty: number, stability: number, r: number): number {
  const w9 = weight(model, 9);
  const w10 = weight(model, 10);
  const next = stability * (1 + model.expW8 * (11 - difficulty) * Math.pow(stability, -w9) * (Math.exp((1 - r) * w10) - 1));
  return Math.min(Math.max(next, 0.001), 36500);
}

/** Stability after a lapse at retrievability r (day-level, never above the old stability). */
export function stabilityAfterLapse(model: FsrsModel, difficulty: number, stability: number, r: number): number {
  const next =
    weight(model, 11) *
    Math.pow(difficulty, -weight(model, 12)) *
    (Math.pow(stability + 1, weight(model, 13)) - 1) *
    Math.exp((1 - r) * weight(model, 14));
  return Math.min(Math.max(next, 0.001), stability);
}
