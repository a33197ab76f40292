// Baseline schedulers, each the way its tool works: due reviews first (oldest
// due first), then new items up to a fixed new-items-a-day limit, then, so
// every scheduler spends the same daily budget, reviews ahead (earliest due
// first). Coverage-first takes new items first, spread evenly over the days
// left until the bank is met, then the most overdue. Random and Elo-only
// follow their own rules. Baselines ignore the student's confidence. Each keeps its state in
// typed arrays; a day's queue is built once per day.
import { Rating } from "ts-fsrs";
import { getFsrsModel } from "../../lib/scheduler/fsrs-model";
import { ABILITY_K, ITEM_K, initialItemRating, kFactor, sigmoid } from "../../lib/scheduler/ability";
import type { ScoreEstimate } from "../../lib/scheduler/readiness";
import type { Confidence, Rng } from "../../lib/scheduler/types";
import type { TruthMemory } from "./truth";
import type { Bank } from "./world";

export interface SimScheduler {
  beginDay(now: number): void;
  pick(now: number): number;
  observe(item: number, correct: boolean, now: number, confidence: Confidence): void;
  /** Ours only: predicted exam-day score with its 95% interval. */
  predictExamScore?(now: number, examAt: number): ScoreEstimate;
  /**
   * The headroom instrument's oracle only (headroom.ts): the student's true
   * memory and the simulator's per-item state (0 not met, 1 learnt here, 2
   * known before). No scheduler of the grid has it.
   */
  peekTruth?(truth: TruthMemory, seen: Uint8Array): void;
}

export class RandomScheduler implements SimScheduler {
  private last = -1;
  constructor(
    private readonly bank: Bank,
    private readonly rng: Rng,
  ) {}
  beginDay(): void {}
  pick(): number {
    let item = Math.floor(this.rng.next() * this.bank.size);
    if (item === this.last) item = (item + 1) % this.bank.size;
    this.last = item;
    return item;
  }
  observe(): void {}
}

/** Shared day loop of queue-based tools (Leitner, SM-2, FSRS). */
abstract class QueueScheduler implements SimScheduler {
  protected readonly seen: Uint8Array;
  protected readonly due: Float64Array;
  private readonly doneDay: Int32Array;
  private queue: number[] = [];
  private pointer = 0;
  private newToday = 0;
  private nextNew = 0;
  private day = -1;
  private dayEnd = 0;
  private limitToday = 0;
  /** New items before reviews (coverage-first) rather than after the due ones. */
  protected newFirst = false;
  constructor(
    protected readonly bank: Bank,
    private readonly newOrder: Int32Array,
    private readonly newLimit: number,
  ) {
    this.seen = new Uint8Array(bank.size);
    this.due = new Float64Array(bank.size);
    this.doneDay = new Int32Array(bank.size).fill(-1);
  }
  beginDay(now: number): void {
    this.day = Math.floor(now);
    this.dayEnd = this.day + 1;
    this.newToday = 0;
    this.limitToday = this.dailyNewLimit(this.day, this.newOrder.length - this.nextNew);
    this.pointer = 0;
    const queue: number[] = [];
    for (let i = 0; i < this.bank.size; i++) if (this.seen[i] === 1) queue.push(i);
    queue.sort((a, b) => (this.due[a] ?? 0) - (this.due[b] ?? 0));
    this.queue = queue;
  }
  pick(): number {
    while (this.pointer < this.queue.length && this.doneDay[this.queue[this.pointer] ?? 0] === this.day) this.pointer++;
    const head = this.queue[this.pointer];
    const newAllowed = this.nextNew < this.newOrder.length && this.newToday < this.limitToday;
    if (this.newFirst && newAllowed) return this.takeNew();
    if (head !== undefined && (this.due[head] ?? 0) < this.dayEnd) return this.take(head);
    if (newAllowed) return this.takeNew();
    if (head !== undefined) return this.take(head);
    if (this.nextNew < this.newOrder.length) return this.takeNew();
    return this.take(this.queue[0] ?? 0);
  }
  private take(item: number): number {
    this.doneDay[item] = this.day;
    return item;
  }
  private takeNew(): number {
    const item = this.newOrder[this.nextNew++] ?? 0;
    this.newToday++;
    return this.take(item);
  }
  observe(item: number, correct: boolean, now: number): void {
    const first = this.seen[item] === 0;
    this.seen[item] = 1;
    this.due[item] = now + this.grade(item, correct, now, first);
  }
  /** New items allowed on `day` with `unseen` items not yet met. */
  protected dailyNewLimit(_day: number, _unseen: number): number {
    return this.newLimit;
  }
  /** Updates the item's state and returns the interval in days. */
  protected abstract grade(item: number, correct: boolean, now: number, first: boolean): number;
}

const LEITNER_DAYS = [1, 2, 4, 8, 16];

export class LeitnerScheduler extends QueueScheduler {
  private readonly box: Int8Array;
  constructor(bank: Bank, newOrder: Int32Array, newLimit: number) {
    super(bank, newOrder, newLimit);
    this.box = new Int8Array(bank.size);
  }
  protected grade(item: number, correct: boolean, _now: number, first: boolean): number {
    const box = correct ? (first ? 1 : Math.min(4, (this.box[item] ?? 0) + 1)) : 0;
    this.box[item] = box;
    return LEITNER_DAYS[box] ?? 1;
  }
}

export class Sm2Scheduler extends QueueScheduler {
  private readonly ease: Float64Array;
  private readonly reps: Int32Array;
  private readonly interval: Float64Array;
  constructor(bank: Bank, newOrder: Int32Array, newLimit: number) {
    super(bank, newOrder, newLimit);
    this.ease = new Float64Array(bank.size).fill(2.5);
    this.reps = new Int32Array(bank.size);
    this.interval = new Float64Array(bank.size);
  }
  protected grade(item: number, correct: boolean): number {
    const q = correct ? 4 : 1;
    let interval: number;
    if (q >= 3) {
      const n = this.reps[item] ?? 0;
      interval = n === 0 ? 1 : n === 1 ? 6 : Math.round((this.interval[item] ?? 1) * (this.ease[item] ?? 2.5));
      this.reps[item] = n + 1;
    } else {
      this.reps[item] = 0;
      interval = 1;
    }
    this.interval[item] = interval;
    this.ease[item] = Math.max(1.3, (this.ease[item] ?? 2.5) + 0.1 - (5 - q) * (0.08 + (5 - q) * 0.02));
    return interval;
  }
}

/** Plain FSRS-6 (ts-fsrs defaults) at retention 0.9; correct = Good, wrong = Again. */
export class FsrsScheduler extends QueueScheduler {
  private readonly stability: Float64Array;
  private readonly difficulty: Float64Array;
  private readonly last: Float64Array;
  private readonly engine = getFsrsModel().engine;
  constructor(bank: Bank, newOrder: Int32Array, newLimit: number) {
    super(bank, newOrder, newLimit);
    this.stability = new Float64Array(bank.size);
    this.difficulty = new Float64Array(bank.size);
    this.last = new Float64Array(bank.size);
  }
  protected grade(item: number, correct: boolean, now: number, first: boolean): number {
    const g = correct ? Rating.Good : Rating.Again;
    const elapsed = first ? 0 : Math.max(0, Math.round(now - (this.last[item] ?? now)));
    const state = first ? null : { stability: this.stability[item] ?? 1, difficulty: this.difficulty[item] ?? 5 };
    const next = this.engine.next_state(state, elapsed, g);
    this.stability[item] = next.stability;
    this.difficulty[item] = next.difficulty;
    this.last[item] = now;
    return this.engine.next_interval(next.stability, elapsed);
  }
}

/**
 * What a sensible teacher would do by hand: new items first, spread evenly
 * over the days left until the bank is met (unseen / days left, at most the
 * daily budget), then the most overdue items by plain FSRS (earliest due
 * first). No limit to tune.
 */
export class CoverageFirstScheduler extends FsrsScheduler {
  constructor(
    bank: Bank,
    newOrder: Int32Array,
    private readonly examDays: number,
  ) {
    super(bank, newOrder, bank.size);
    this.newFirst = true;
  }
  protected override dailyNewLimit(day: number, unseen: number): number {
    return Math.ceil(unseen / Math.max(1, this.examDays - day));
  }
}

/**
 * Elo-only adaptive practice: a random topic each time, then the allowed item
 * whose predicted success is closest to 65%; no memory model. New items are
 * allowed up to the daily limit. Ratings update on every answer.
 */
export class EloOnlyScheduler implements SimScheduler {
  private readonly theta: Float64Array;
  private readonly thetaCount: Int32Array;
  private readonly seen: Uint8Array;
  private newToday = 0;
  private last = -1;
  private readonly byTopic: number[][];
  constructor(
    private readonly bank: Bank,
    private readonly calibration: Float64Array,
    private readonly calibrationCount: Int32Array,
    private readonly newLimit: number,
    private readonly rng: Rng,
  ) {
    const topics = new Set(Array.from(bank.topicOf)).size;
    this.theta = new Float64Array(topics);
    this.thetaCount = new Int32Array(topics);
    this.seen = new Uint8Array(bank.size);
    this.byTopic = Array.from({ length: topics }, () => []);
    for (let i = 0; i < bank.size; i++) this.byTopic[bank.topicOf[i] ?? 0]?.push(i);
  }
  beginDay(): void {
    this.newToday = 0;
  }
  private predicted(item: number): number {
    const c = 0.25;
    return c + (1 - c) * sigmoid((this.theta[this.bank.topicOf[item] ?? 0] ?? 0) - (this.calibration[item] ?? 0));
  }
  pick(): number {
    const allowNew = this.newToday < this.newLimit;
    const topics = this.byTopic.length;
    const start = Math.floor(this.rng.next() * topics);
    for (let k = 0; k < topics; k++) {
      const items = this.byTopic[(start + k) % topics] ?? [];
      let best = -1;
      let bestDistance = Infinity;
      for (const item of items) {
        if (item === this.last || (!allowNew && this.seen[item] === 0)) continue;
        const distance = Math.abs(this.predicted(item) - 0.65);
        if (distance < bestDistance) {
          bestDistance = distance;
          best = item;
        }
      }
      if (best >= 0) {
        if (this.seen[best] === 0) this.newToday++;
        this.last = best;
        return best;
      }
    }
    // Nothing allowed (no seen items yet and limit 0): take any unseen item.
    const item = this.seen.indexOf(0);
    this.last = item;
    return item;
  }
  observe(item: number, correct: boolean): void {
    const t = this.bank.topicOf[item] ?? 0;
    const error = (correct ? 1 : 0) - this.predicted(item);
    this.theta[t] = (this.theta[t] ?? 0) + kFactor(this.thetaCount[t] ?? 0, ABILITY_K) * error;
    this.thetaCount[t] = (this.thetaCount[t] ?? 0) + 1;
    if (this.seen[item] === 0) {
      this.calibration[item] = (this.calibration[item] ?? 0) - kFactor(this.calibrationCount[item] ?? 0, ITEM_K) * error;
      this.calibrationCount[item] = (this.calibrationCount[item] ?? 0) + 1;
    }
    this.seen[item] = 1;
  }
}

export function labelCalibration(bank: Bank): Float64Array {
  return Float64Array.from(bank.label, (label) => initialItemRating(label));
}
