// Learner simulator. `npm run bench:learning -- --quick` runs one cell (30-day
// exam, 20 a day, FSRS truth, 100 students) and prints one JSON line;
// without --quick it runs the full grid and writes docs/learning-results.md
// and docs/learning-chart.svg. Options: --students N, --chunk N.
import { writeFileSync } from "node:fs";
import { runCell, summarize } from "./cell";
import type { CellSummary } from "./cell";
import { renderChart, renderMarkdown } from "./report";
import type { TruthKind } from "./truth";

const args = process.argv.slice(2);
const quick = args.includes("--quick");
function option(name: string, fallback: number): number {
  const index = args.indexOf(name);
  const value = index >= 0 ? Number(args[index + 1]) : NaN;
  return Number.isFinite(value) ? value : fallback;
}
const SEED = 20261123;
const round = (x: number): number => Math.round(x * 10000) / 10000;

if (quick) {
  const students = option("--students", 100);
  const truthArg = args.includes("--hlr") ? "hlr" : "fsrs";
  const params = process.env.SCHED_PARAMS === undefined ? undefined : (JSON.parse(process.env.SCHED_PARAMS) as Record<string, number>);
  const summary = summarize(
    runCell({
      truth: truthArg,
      examDays: option("--exam", 30),
      perDay: option("--per-day", 20),
      students,
      seed: option("--seed", SEED),
      chunk: option("--chunk", 1),
      ...(params === undefined ? {} : { params }),
    }),
  );
  console.error(describe(summary));
  const s = summary.scores;
  console.log(
    JSON.stringify({
      examScore: { ours: round(s.ours), fsrs: round(s.fsrs), sm2: round(s.sm2), leitner: round(s.leitner), random: round(s.random), eloOnly: round(s.eloOnly) },
      reviewsPerStudent: round(summary.reviewsPerStudent),
      readinessMAE: round(summary.readinessMAE),
    }),
  );
} else {
  const students = option("--students", 300);
  const chunk = option("--chunk", 5);
  const summaries: CellSummary[] = [];
  const started = Date.now();
  for (const truth of ["fsrs", "hlr"] as TruthKind[]) {
    for (const examDays of [14, 30, 60, 90]) {
      for (const perDay of [10, 20, 40]) {
        const summary = summarize(runCell({ truth, examDays, perDay, students, seed: SEED + examDays * 100 + perDay, chunk }));
        summaries.push(summary);
        console.log(describe(summary));
        const meta = { students, chunk, seconds: Math.round((Date.now() - started) / 1000), complete: false };
        writeFileSync("docs/learning-results.md", renderMarkdown(summaries, meta));
        writeFileSync("docs/learning-chart.svg", renderChart(summaries));
      }
    }
  }
  const meta = { students, chunk, seconds: Math.round((Date.now() - started) / 1000), complete: true };
  writeFileSync("docs/learning-results.md", renderMarkdown(summaries, meta));
  writeFileSync("docs/learning-chart.svg", renderChart(summaries));
  console.log("wrote docs/learning-results.md and docs/learning-chart.svg");
}

function describe(s: CellSummary): string {
  const pct = (x: number): string => (100 * x).toFixed(1);
  const parts = Object.entries(s.scores).map(([name, v]) => `${name}=${pct(v)}${s.limits[name as keyof typeof s.limits] === null ? "" : `@${String(s.limits[name as keyof typeof s.limits])}`}`);
  return `[${s.truth} exam=${String(s.examDays)}d ${String(s.perDay)}/day] ${parts.join(" ")} | margin vs ${s.bestBaseline} ${pct(s.margin)} [${pct(s.marginCi[0])}, ${pct(s.marginCi[1])}] win ${pct(s.winShare)}% | readiness MAE ${pct(s.readinessMAE)} bias ${pct(s.readinessBias)} cover ${pct(s.readinessCoverage)}% width ${pct(s.readinessWidth)} | ${s.seconds.toFixed(1)}s`;
}
