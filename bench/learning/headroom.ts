// How much room is there above the baselines? An instrument, not part of the
// grid: a scheduler that reads the student's TRUE memory (the truth model's
// recall of every item learnt here, and which items met were known before)
// and reviews an item when its true recall falls below a threshold,
// best-tuned over that threshold, the order of the due reviews, its
// new-items-a-day limit and a cap on the items met in all. No real scheduler
// sees the truth, so where even this one stays within a point or two of plain
// FSRS, one that sees only answers has little room. It is a strong policy,
// not a bound: under FSRS truth ours beats it. It is also run held to issue
// 14's point 1 (meet the bank first, as ours does), which shows what that
// rule costs under each truth. Decision 0004, twelfth pass, has the figures.
//
// Usage: one grid cell, with the grid's students and seed (as the other
// instruments), or with --quick the quick configuration's (30 d x 20, its
// seed and chunk, so the scores match `npm run bench:learning -- --quick`):
//   npx tsx bench/learning/headroom.ts --truth hlr --cohort novice --exam 60 --per-day 10 [--students 100]
//   npx tsx bench/learning/headroom.ts --quick --truth actr --cohort prior
// Prints one line per tuning tried, then one JSON line with every scheduler's
// mean exam score and the oracle's best setting.
import { GRID_SEED, permutation, runAll, runCell, summarize } from "./cell";
import { instrumentCell } from "./instrument-args";
import { DEFAULT_SCHEDULER_PARAMS } from "../../lib/scheduler/params";
import { meetingQuota } from "../../lib/scheduler/pacing";
import { LEARNT } from "./simulate";
import type { CellSpec } from "./cell";
import type { SimScheduler } from "./baselines";
import { mean } from "./stats";
import type { TruthMemory } from "./truth";
import { createBank } from "./world";
import type { Bank } from "./world";

/** True recall below which an item is due, tried for every other setting (--thresholds a,b,c to change). */
const THRESHOLDS = [0.15, 0.3, 0.5, 0.7, 0.85, 0.95] as const;

type DueOrder = "weakest" | "strongest";

/**
 * Threshold oracle: due reviews first (true recall at the session's start
 * below `threshold`, weakest or strongest first), then new items up to
 * `newLimit` a day in a fixed random order, then reviews ahead (weakest
 * first), then any new item; one review per item a day, as the baselines.
 */
export class ThresholdOracle implements SimScheduler {
  private truth: TruthMemory | null = null;
  private seen: Uint8Array = new Uint8Array(0);
  private readonly doneDay: Int32Array;
  private due: number[] = [];
  private ahead: number[] = [];
  private day = -1;
  private newToday = 0;
  private nextNew = 0;
  private quotaToday = 0;
  constructor(
    private readonly bank: Bank,
    private readonly newOrder: Int32Array,
    private readonly newLimit: number,
    private readonly threshold: number,
    private readonly order: DueOrder,
    /** Items met at most, in all (a focus set); the bank's size for none. */
    private readonly cap: number,
    /**
     * Issue 14's point 1 as our scheduler meets it: before anything else each
     * day, ours's meeting quota (pacing.ts meetingQuota with the default
     * parameters: the items not met spread evenly over the study days left
     * before the final stretch, at most the daily budget); with it the
     * new-items limit and the cap are not used.
     */
    private readonly coverage: { examDays: number; perDay: number } | null = null,
  ) {
    this.doneDay = new Int32Array(bank.size).fill(-1);
  }
  peekTruth(truth: TruthMemory, seen: Uint8Array): void {
    this.truth = truth;
    this.seen = seen;
  }
  beginDay(now: number): void {
    const truth = this.truth;
    if (truth === null) throw new Error("the oracle runs only where the simulator shows it the truth");
    this.day = Math.floor(now);
    this.newToday = 0;
    if (this.coverage !== null) {
      const params = DEFAULT_SCHEDULER_PARAMS;
      const daysLeft = this.coverage.examDays - this.day;
      this.quotaToday = meetingQuota({
        phase: daysLeft <= params.finalStretchDays ? "final-stretch" : "preparing",
        toMeet: this.newOrder.length - this.nextNew,
        daysLeft,
        introducedToday: 0,
        dailyGoal: this.coverage.perDay,
        params,
      });
    }
    const recall = new Float64Array(this.bank.size);
    const due: number[] = [];
    const ahead: number[] = [];
    for (let i = 0; i < this.bank.size; i++) {
      if (this.seen[i] !== LEARNT) continue;
      recall[i] = truth.recall(i, now);
      ((recall[i] ?? 0) < this.threshold ? due : ahead).push(i);
    }
    const sign = this.order === "weakest" ? 1 : -1;
    due.sort((a, b) => sign * ((recall[a] ?? 0) - (recall[b] ?? 0)));
    ahead.sort((a, b) => (recall[a] ?? 0) - (recall[b] ?? 0));
    this.due = due;
    this.ahead = ahead;
  }
  private nextOf(list: number[]): number | undefined {
    while (list.length > 0 && this.doneDay[list[0] ?? 0] === this.day) list.shift();
    return list[0];
  }
  private take(item: number): number {
    this.doneDay[item] = this.day;
    return item;
  }
  private takeNew(): number {
    this.newToday++;
    return this.take(this.newOrder[this.nextNew++] ?? 0);
  }
  pick(): number {
    if (this.coverage !== null && this.newToday < this.quotaToday && this.nextNew < this.newOrder.length) return this.takeNew();
    const due = this.nextOf(this.due);
    if (due !== undefined) return this.take(due);
    const hasNew = this.nextNew < Math.min(this.cap, this.newOrder.length);
    if (hasNew && this.newToday < this.newLimit) return this.takeNew();
    const ahead = this.nextOf(this.ahead);
    if (ahead !== undefined) return this.take(ahead);
    if (hasNew) return this.takeNew();
    // The focus set reviewed today: the weakest item met, again, or a new one.
    const again = this.ahead[0] ?? this.due[0];
    if (again !== undefined) return again;
    return this.nextNew < this.newOrder.length ? this.takeNew() : (this.newOrder[0] ?? 0);
  }
  observe(): void {}
}

function main(): void {
  const args = process.argv.slice(2);
  const cell = instrumentCell(args, { truth: "hlr", cohort: "novice", examDays: 30, perDay: 20, students: 100 });
  const spec: CellSpec = args.includes("--quick") ? { ...cell, examDays: 30, perDay: 20, seed: GRID_SEED, chunk: 1 } : cell;
  const { truth, cohort } = spec;
  const listed = args.includes("--thresholds") ? (args[args.indexOf("--thresholds") + 1] ?? "") : null;
  const thresholds = listed === null ? THRESHOLDS : listed.split(",").map(Number);
  if (thresholds.length === 0 || thresholds.some((x) => !(x > 0 && x < 1))) throw new Error("--thresholds takes recall levels between 0 and 1, comma-separated");
  const started = Date.now();
  const summary = summarize(runCell(spec));
  const bank = createBank(spec.seed);
  let best = { score: -1, threshold: 0, limit: 0, order: "weakest" as DueOrder, cap: 0 };
  for (const cap of [50, 100, 200, 400, bank.size])
    for (const order of ["weakest", "strongest"] as const)
      for (const threshold of thresholds)
        for (const limit of [5, 10, 20, 40]) {
          if (limit * spec.examDays < cap / 2) continue;
          const run = runAll(spec, bank, (b, seed) => new ThresholdOracle(b, permutation(b.size, seed), limit, threshold, order, cap), false);
          const score = mean(run.examScores);
          console.error(`oracle cap ${String(cap)} ${order} threshold ${String(threshold)} limit ${String(limit)}: ${(100 * score).toFixed(2)}`);
          if (score > best.score) best = { score, threshold, limit, order, cap };
        }
  // The same oracle held to point 1: it meets the bank first, as ours does.
  let covered = { score: -1, threshold: 0, order: "weakest" as DueOrder };
  for (const order of ["weakest", "strongest"] as const)
    for (const threshold of thresholds) {
      const cover = { examDays: spec.examDays, perDay: spec.perDay };
      const run = runAll(spec, bank, (b, seed) => new ThresholdOracle(b, permutation(b.size, seed), 0, threshold, order, b.size, cover), false);
      const score = mean(run.examScores);
      console.error(`oracle meeting the bank first, ${order} threshold ${String(threshold)}: ${(100 * score).toFixed(2)}`);
      if (score > covered.score) covered = { score, threshold, order };
    }
  const round = (x: number): number => Math.round(x * 10000) / 10000;
  const scores = Object.fromEntries(Object.entries(summary.scores).map(([name, v]) => [name, round(v)]));
  console.log(
    JSON.stringify({
      truth,
      cohort,
      examDays: spec.examDays,
      perDay: spec.perDay,
      students: spec.students,
      examScore: { ...scores, oracle: round(best.score), oracleMeetingFirst: round(covered.score) },
      oracle: { threshold: best.threshold, limit: best.limit, order: best.order, cap: best.cap },
      oracleMeetingFirst: { threshold: covered.threshold, order: covered.order },
      seconds: Math.round((Date.now() - started) / 1000),
    }),
  );
}

main();
