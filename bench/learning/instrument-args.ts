// Command-line options shared by the learner instruments (calibration.ts,
// readiness-parts.ts): one grid cell, named as the grid names it, with the
// grid's seed for that cell unless --seed is given.
import type { CellSpec } from "./cell";
import { gridCellSeed } from "./cell";
import { TRUTHS } from "./truth";
import type { TruthKind } from "./truth";
import type { Cohort } from "./world";

export interface InstrumentDefaults {
  truth: TruthKind;
  cohort: Cohort;
  examDays: number;
  perDay: number;
  students: number;
}

/** --truth, --cohort, --exam, --per-day, --students, --chunk (default 10, as the grid) and --seed. */
export function instrumentCell(args: readonly string[], defaults: InstrumentDefaults): CellSpec {
  const option = (name: string, fallback: string): string => {
    const index = args.indexOf(name);
    return index >= 0 ? (args[index + 1] ?? fallback) : fallback;
  };
  const truth = option("--truth", defaults.truth) as TruthKind;
  if (!TRUTHS.includes(truth)) throw new Error(`--truth must be one of ${TRUTHS.join(", ")}`);
  const cohort = option("--cohort", defaults.cohort) as Cohort;
  if (cohort !== "novice" && cohort !== "prior") throw new Error("--cohort must be novice or prior");
  const examDays = Number(option("--exam", String(defaults.examDays)));
  const perDay = Number(option("--per-day", String(defaults.perDay)));
  return {
    truth,
    cohort,
    examDays,
    perDay,
    students: Number(option("--students", String(defaults.students))),
    chunk: Number(option("--chunk", "10")),
    seed: Number(option("--seed", String(gridCellSeed(examDays, perDay)))),
  };
}
