// Three truth models of memory. Schedulers never see these numbers; they only
// see observed answers (recalled, or guessed right) and the student's
// confidence.
//  - "fsrs": FSRS-6 with per-student stability, growth and decay, and item
//    difficulty tied to the item's IRT difficulty.
//  - "hlr": half-life regression (Settles & Meeder 2016), outside FSRS's
//    family: exponential forgetting, half-life 2^(features), with successes
//    credited by spacing (a massed repeat earns a fraction of a success).
//  - "actr": ACT-R's spacing model (Pavlik & Anderson 2005), a third family:
//    every practice leaves a trace whose strength decays as a power of its
//    age, t^-d, with a decay that grows with the item's activation at the time
//    of practice, d = c e^m + alpha (massed practice decays fast); activation
//    m = beta + ln(sum of traces), recall p = 1 / (1 + e^((tau - m) / s)).
import { default_w } from "ts-fsrs";
import type { Bank, Student } from "./world";

export type TruthKind = "fsrs" | "hlr" | "actr";
export const TRUTHS: readonly TruthKind[] = ["fsrs", "hlr", "actr"];

export interface TruthMemory {
  /** First encounter: the student knew it or not; the explanation starts a memory. */
  learn(item: number, now: number, known: boolean): void;
  /** True probability of recall at time `at` (days). */
  recall(item: number, at: number): number;
  /** After a later review where the student did or did not recall. */
  update(item: number, now: number, recalled: boolean): void;
}

const W = default_w;
const w = (i: number): number => W[i] ?? 0;

export function createTruth(kind: TruthKind, bank: Bank, student: Student): TruthMemory {
  if (kind === "actr") return new ActrTruth(bank, student);
  return kind === "fsrs" ? new FsrsTruth(bank, student) : new HlrTruth(bank, student);
}

class FsrsTruth implements TruthMemory {
  private readonly s: Float64Array;
  private readonly d: Float64Array;
  private readonly last: Float64Array;
  private readonly factor: number;
  private readonly negDecay: number;
  private readonly growth: number;
  constructor(
    private readonly bank: Bank,
    private readonly student: Student,
  ) {
    this.s = new Float64Array(bank.size);
    this.d = new Float64Array(bank.size);
    this.last = new Float64Array(bank.size);
    this.negDecay = -student.decay;
    this.factor = Math.pow(0.9, 1 / this.negDecay) - 1;
    this.growth = Math.exp(w(8)) * student.growthFactor;
  }
  learn(item: number, now: number, known: boolean): void {
    const itemD = Math.min(10, Math.max(1, 5 + 1.5 * (this.bank.difficulty[item] ?? 0)));
    this.s[item] = (known ? w(3) : w(0)) * this.student.stabilityFactor;
    this.d[item] = Math.max(1, known ? itemD - 1.5 : itemD);
    this.last[item] = now;
  }
  recall(item: number, at: number): number {
    const t = at - (this.last[item] ?? 0);
    if (t <= 0) return 1;
    return Math.pow(1 + (this.factor * t) / (this.s[item] ?? 1), this.negDecay);
  }
  update(item: number, now: number, recalled: boolean): void {
    const r = this.recall(item, now);
    const s = this.s[item] ?? 1;
    const d = this.d[item] ?? 5;
    if (recalled) {
      this.s[item] = Math.min(36500, s * (1 + this.growth * (11 - d) * Math.pow(s, -w(9)) * (Math.exp((1 - r) * w(10)) - 1)));
    } else {
      const forgot = w(11) * Math.pow(d, -w(12)) * (Math.pow(s + 1, w(13)) - 1) * Math.exp((1 - r) * w(14));
      this.s[item] = Math.max(0.01, Math.min(s, forgot * this.student.stabilityFactor));
      const delta = (2 * w(6) * (10 - d)) / 9;
      this.d[item] = Math.min(10, Math.max(1, d + delta));
    }
    this.last[item] = now;
  }
}

class HlrTruth implements TruthMemory {
  private readonly right: Float64Array;
  private readonly wrong: Float64Array;
  private readonly last: Float64Array;
  private readonly halfLife: Float64Array;
  constructor(
    private readonly bank: Bank,
    private readonly student: Student,
  ) {
    this.right = new Float64Array(bank.size);
    this.wrong = new Float64Array(bank.size);
    this.last = new Float64Array(bank.size);
    this.halfLife = new Float64Array(bank.size);
  }
  private refresh(item: number): void {
    const st = this.student;
    const exponent = st.hlrBase + st.hlrRight * (this.right[item] ?? 0) - st.hlrWrong * (this.wrong[item] ?? 0) - 0.4 * (this.bank.difficulty[item] ?? 0);
    this.halfLife[item] = Math.min(3650, Math.max(0.05, Math.pow(2, exponent)));
  }
  learn(item: number, now: number, known: boolean): void {
    this.right[item] = known ? 3 : 0;
    this.wrong[item] = 0;
    this.last[item] = now;
    this.refresh(item);
  }
  recall(item: number, at: number): number {
    const t = at - (this.last[item] ?? 0);
    if (t <= 0) return 1;
    return Math.pow(2, -t / (this.halfLife[item] ?? 1));
  }
  update(item: number, now: number, recalled: boolean): void {
    const h = this.halfLife[item] ?? 1;
    const t = now - (this.last[item] ?? 0);
    if (recalled) this.right[item] = (this.right[item] ?? 0) + Math.min(1, t / h);
    else this.wrong[item] = (this.wrong[item] ?? 0) + 1;
    this.last[item] = now;
    this.refresh(item);
  }
}

// Pavlik & Anderson (2005), as usually cited: decay scale c, decay intercept
// alpha, retrieval threshold tau, noise s, and h, which shrinks time between
// sessions to the model's "psychological" time (time within a session counts
// in full). Ages are in seconds.
const ACTR_C = 0.217;
const ACTR_ALPHA = 0.177;
const ACTR_TAU = -0.704;
const ACTR_S = 0.255;
const ACTR_H = 0.025;
const SECONDS_PER_DAY = 86_400;
/** A student who knows an item learnt it before: traces this many days before the first encounter. */
const PRIOR_PRACTICE_DAYS = [120, 60, 30, 14, 7] as const;

class ActrTruth implements TruthMemory {
  private readonly times: number[][];
  private readonly decays: number[][];
  private readonly offset: Float64Array;
  /** First and last practice (any item) of each study day: the day's session, in days. */
  private readonly sessionStart = new Map<number, number>();
  private readonly sessionEnd = new Map<number, number>();
  constructor(bank: Bank, student: Student) {
    this.times = Array.from({ length: bank.size }, () => []);
    this.decays = Array.from({ length: bank.size }, () => []);
    // Student and item offsets on activation (harder items are weaker).
    this.offset = Float64Array.from(bank.difficulty, (b) => student.actrBase - 0.25 * b);
  }
  /**
   * Psychological age in seconds of a trace laid at `then`, seen at `at`
   * (Pavlik & Anderson 2005): time within study sessions counts in full, time
   * between sessions is multiplied by h. A study day is one session.
   */
  private age(then: number, at: number): number {
    const elapsed = at - then;
    const day = Math.floor(then);
    if (day === Math.floor(at)) return Math.max(1, elapsed * SECONDS_PER_DAY);
    const endThen = this.sessionEnd.get(day);
    const startNow = this.sessionStart.get(Math.floor(at));
    const within = Math.min(elapsed, (endThen === undefined ? 0 : Math.max(0, endThen - then)) + (startNow === undefined ? 0 : Math.max(0, at - startNow)));
    return Math.max(1, (within + ACTR_H * (elapsed - within)) * SECONDS_PER_DAY);
  }
  private activation(item: number, at: number): number {
    const times = this.times[item] ?? [];
    const decays = this.decays[item] ?? [];
    let sum = 0;
    for (let k = 0; k < times.length; k++) {
      sum += Math.exp(-(decays[k] ?? ACTR_ALPHA) * Math.log(this.age(times[k] ?? 0, at)));
    }
    return sum > 0 ? (this.offset[item] ?? 0) + Math.log(sum) : -Infinity;
  }
  private practise(item: number, at: number, logged: boolean): void {
    const m = this.activation(item, at);
    this.decays[item]?.push(ACTR_C * Math.exp(m) + ACTR_ALPHA);
    this.times[item]?.push(at);
    if (!logged) return;
    const day = Math.floor(at);
    if (!this.sessionStart.has(day)) this.sessionStart.set(day, at);
    this.sessionEnd.set(day, Math.max(at, this.sessionEnd.get(day) ?? at));
  }
  learn(item: number, now: number, known: boolean): void {
    if (known) for (const daysBefore of PRIOR_PRACTICE_DAYS) this.practise(item, now - daysBefore, false);
    this.practise(item, now, true);
  }
  recall(item: number, at: number): number {
    const m = this.activation(item, at);
    return m === -Infinity ? 0 : 1 / (1 + Math.exp((ACTR_TAU - m) / ACTR_S));
  }
  update(item: number, now: number): void {
    this.practise(item, now, true);
  }
}
