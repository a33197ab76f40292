// Readiness a week before the exam over the whole grid, our scheduler alone:
// for changes to readiness that leave the picks as they are, so the
// baselines need not run again. The same cells, students and seeds as the
// grid; prints one line a cell, the means per truth and cohort, and one JSON
// line last.
// Usage:
//   npx tsx bench/learning/readiness-grid.ts --students 40 [--truth actr] [--cohort novice]
import { COHORTS, gridSpecs, runOurs } from "./cell";
import { mean } from "./stats";
import { TRUTHS } from "./truth";
import type { TruthKind } from "./truth";
import type { Cohort } from "./world";

const args = process.argv.slice(2);
const option = (name: string): string | undefined => {
  const index = args.indexOf(name);
  return index >= 0 ? args[index + 1] : undefined;
};
const students = Number(option("--students") ?? "40");
const truths = TRUTHS.filter((t) => (option("--truth") ?? t) === t);
const cohorts = COHORTS.filter((c) => (option("--cohort") ?? c) === c);

type Row = { truth: TruthKind; cohort: Cohort; examDays: number; perDay: number; mae: number; bias: number; coverage: number; width: number };
const rows: Row[] = [];
const pct = (x: number): string => (100 * x).toFixed(1);
const started = Date.now();
for (const spec of gridSpecs(truths, cohorts, students, 10)) {
  const { truth, cohort, examDays, perDay } = spec;
  const run = runOurs(spec);
  const row: Row = {
    truth,
    cohort,
    examDays,
    perDay,
    mae: mean(run.readinessErrors.map(Math.abs)),
    bias: mean(run.readinessErrors),
    coverage: mean(run.readinessCovered),
    width: mean(run.readinessWidths),
  };
  rows.push(row);
  console.error(`${truth} ${cohort} ${String(examDays)} d x ${String(perDay)}: MAE ${pct(row.mae)} bias ${pct(row.bias)} cover ${pct(row.coverage)}% width ${pct(row.width)}`);
  // The grid's order ends a truth and cohort with its 90 d x 40 cell.
  if (examDays === 90 && perDay === 40) {
    const mine = rows.filter((r) => r.truth === truth && r.cohort === cohort);
    console.error(
      `== ${truth} ${cohort}: mean MAE ${pct(mean(Float64Array.from(mine, (r) => r.mae)))} mean coverage ${pct(mean(Float64Array.from(mine, (r) => r.coverage)))}%`,
    );
  }
}
console.error(`${String(Math.round((Date.now() - started) / 1000))} s`);
console.log(JSON.stringify({ students, rows }));
