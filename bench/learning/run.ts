// Learner simulator. `npm run bench:learning -- --quick` runs the quick
// configuration (30-day exam, 20 a day, 100 students) under every truth model
// and cohort and prints one JSON line last; without --quick it runs the full
// grid (3 truths x 2 cohorts x 14/30/60/90 days x 10/20/40 a day) and writes
// docs/learning-results.md and docs/learning-chart.svg. Cells run in child
// processes (--workers N, default 2). Options: --students N, --chunk N,
// --truth fsrs|hlr|actr and --cohort prior|novice (quick only, to narrow it).
import { fork } from "node:child_process";
import { writeFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { COHORTS, GRID_SEED, gridSpecs } from "./cell";
import type { CellSpec, CellSummary } from "./cell";
import { renderChart, renderMarkdown } from "./report";
import { TRUTHS } from "./truth";
import type { TruthKind } from "./truth";
import type { Cohort } from "./world";

const args = process.argv.slice(2);
const quick = args.includes("--quick");
function option(name: string, fallback: number): number {
  const index = args.indexOf(name);
  const value = index >= 0 ? Number(args[index + 1]) : NaN;
  return Number.isFinite(value) ? value : fallback;
}
function textOption(name: string): string | null {
  const index = args.indexOf(name);
  return index >= 0 ? (args[index + 1] ?? null) : null;
}
const round = (x: number): number => Math.round(x * 10000) / 10000;
const params = process.env.SCHED_PARAMS === undefined ? undefined : (JSON.parse(process.env.SCHED_PARAMS) as Record<string, number>);

/** Runs the cells on `workers` child processes, heaviest first; calls back as each one ends. */
async function runParallel(specs: CellSpec[], workers: number, onDone: (summary: CellSummary) => void): Promise<void> {
  const queue = [...specs].sort((a, b) => b.examDays * b.perDay - a.examDays * a.perDay);
  const worker = fileURLToPath(new URL("./cell-worker.ts", import.meta.url));
  await Promise.all(
    Array.from({ length: Math.min(workers, queue.length) }, () => {
      const child = fork(worker, [], { execArgv: ["--import", "tsx"] });
      return new Promise<void>((resolve, reject) => {
        const next = (): void => {
          const spec = queue.shift();
          if (spec === undefined) {
            child.disconnect();
            resolve();
            return;
          }
          child.send(spec);
        };
        child.on("message", (summary: CellSummary) => {
          onDone(summary);
          next();
        });
        child.on("error", reject);
        child.on("exit", (code) => {
          if (code !== 0 && code !== null) reject(new Error(`cell worker exited with ${String(code)}`));
        });
        next();
      });
    }),
  );
}

const gridOrder = (s: CellSummary): number => TRUTHS.indexOf(s.truth) * 1e6 + COHORTS.indexOf(s.cohort) * 1e5 + s.examDays * 100 + s.perDay;

async function main(): Promise<void> {
  const workers = option("--workers", 2);
  const chunk = option("--chunk", quick ? 1 : 10);
  const started = Date.now();
  if (quick) {
    const students = option("--students", 100);
    const truths = TRUTHS.filter((t) => (textOption("--truth") ?? t) === t);
    const cohorts = COHORTS.filter((c) => (textOption("--cohort") ?? c) === c);
    const specs: CellSpec[] = truths.flatMap((truth) =>
      cohorts.map((cohort) => ({
        truth,
        cohort,
        examDays: option("--exam", 30),
        perDay: option("--per-day", 20),
        students,
        seed: option("--seed", GRID_SEED),
        chunk,
        ...(params === undefined ? {} : { params }),
      })),
    );
    const summaries: CellSummary[] = [];
    await runParallel(specs, workers, (summary) => {
      summaries.push(summary);
      console.error(describe(summary));
    });
    summaries.sort((a, b) => gridOrder(a) - gridOrder(b));
    const out: Partial<Record<TruthKind, Partial<Record<Cohort, object>>>> = {};
    for (const s of summaries) {
      const examScore = Object.fromEntries(Object.entries(s.scores).map(([name, v]) => [name, round(v)]));
      out[s.truth] = {
        ...out[s.truth],
        [s.cohort]: { examScore, readinessMAE: round(s.readinessMAE), readinessCoverage: round(s.readinessCoverage), reviewsPerStudent: round(s.reviewsPerStudent) },
      };
    }
    console.error(`quick run: ${String(Math.round((Date.now() - started) / 1000))} s`);
    console.log(JSON.stringify(out));
    return;
  }
  const students = option("--students", 100);
  const specs = gridSpecs(TRUTHS, COHORTS, students, chunk);
  const summaries: CellSummary[] = [];
  const write = (complete: boolean): void => {
    summaries.sort((a, b) => gridOrder(a) - gridOrder(b));
    const meta = { students, chunk, seconds: Math.round((Date.now() - started) / 1000), complete, total: specs.length };
    writeFileSync("docs/learning-results.md", renderMarkdown(summaries, meta));
    writeFileSync("docs/learning-chart.svg", renderChart(summaries));
  };
  await runParallel(specs, workers, (summary) => {
    summaries.push(summary);
    console.log(describe(summary));
    write(false);
  });
  write(true);
  console.log(`wrote docs/learning-results.md and docs/learning-chart.svg (${String(Math.round((Date.now() - started) / 1000))} s)`);
}

function describe(s: CellSummary): string {
  const pct = (x: number): string => (100 * x).toFixed(1);
  const parts = Object.entries(s.scores).map(([name, v]) => `${name}=${pct(v)}${s.limits[name as keyof typeof s.limits] === null ? "" : `@${String(s.limits[name as keyof typeof s.limits])}`}`);
  return `[${s.truth} ${s.cohort} exam=${String(s.examDays)}d ${String(s.perDay)}/day] ${parts.join(" ")} | margin vs ${s.bestBaseline} ${pct(s.margin)} [${pct(s.marginCi[0])}, ${pct(s.marginCi[1])}] win ${pct(s.winShare)}% | readiness MAE ${pct(s.readinessMAE)} bias ${pct(s.readinessBias)} cover ${pct(s.readinessCoverage)}% width ${pct(s.readinessWidth)} | ${s.seconds.toFixed(1)}s`;
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
