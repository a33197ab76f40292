// Calibration of our fitted memory curve by the item's practices before the
// review: runs our scheduler on one grid cell's students (the grid's seeds)
// and, at every later review of an item learnt in the simulation, records
// the truth's chance of a correct answer beside the one our fitted curve
// (the fit readiness uses) predicts. Prints a table by practices and one
// JSON line last. SIM_PRACTICES=0 runs the two-parameter fit of the fourth
// pass (decision 0004). Usage:
//   npx tsx bench/learning/calibration.ts --truth actr --cohort novice --exam 90 --per-day 40 --students 4
import { createQuestionCalibration } from "../../lib/scheduler/ability";
import { createRng } from "../../lib/scheduler/rng";
import { OursScheduler, createSharedEvidence } from "./ours";
import { runStudent } from "./simulate";
import { TRUTHS } from "./truth";
import type { TruthKind } from "./truth";
import { createBank, createStudent } from "./world";
import type { Cohort } from "./world";

const args = process.argv.slice(2);
function option(name: string, fallback: string): string {
  const index = args.indexOf(name);
  return index >= 0 ? (args[index + 1] ?? fallback) : fallback;
}
const truth = option("--truth", "actr") as TruthKind;
if (!TRUTHS.includes(truth)) throw new Error(`--truth must be one of ${TRUTHS.join(", ")}`);
const cohort = option("--cohort", "novice") as Cohort;
if (cohort !== "novice" && cohort !== "prior") throw new Error("--cohort must be novice or prior");
const examDays = Number(option("--exam", "90"));
const perDay = Number(option("--per-day", "40"));
const students = Number(option("--students", "4"));
const chunk = Number(option("--chunk", "10"));
// The full grid's seed for the cell (bench/learning/run.ts).
const seed = Number(option("--seed", String(20261123 + examDays * 100 + perDay)));

/** Bands of practices before the review: 1, 2, 3, 4, 5, 6 or more. */
const BANDS = ["1", "2", "3", "4", "5", "6+"] as const;
const bandOf = (practices: number): number => Math.min(BANDS.length - 1, Math.max(0, practices - 1));
const count = new Float64Array(BANDS.length);
const predicted = new Float64Array(BANDS.length);
const actual = new Float64Array(BANDS.length);
let boundary = 0;
let reviews = 0;

const bank = createBank(seed);
const calibration = bank.label.map((label) => createQuestionCalibration(label));
const population = createSharedEvidence();
const scores: number[] = [];
const fits: object[] = [];
for (let s = 0; s < students; s++) {
  const studentSeed = seed * 100_003 + s;
  const student = createStudent(bank, studentSeed, examDays, cohort);
  const ours = new OursScheduler(bank, calibration, examDays + 0.375, perDay, createRng(studentSeed * 31 + 5), chunk, undefined, true, population);
  const run = runStudent(bank, student, truth, ours, examDays, perDay, (item, now, trueCorrect) => {
    const prediction = ours.predictedCorrect(item, now);
    if (prediction === null) return;
    const band = bandOf(prediction.practices);
    count[band] = (count[band] ?? 0) + 1;
    predicted[band] = (predicted[band] ?? 0) + prediction.predicted;
    actual[band] = (actual[band] ?? 0) + trueCorrect;
    if (prediction.boundary) boundary++;
    reviews++;
  });
  scores.push(run.examScore);
  fits.push(ours.currentFit());
}

const rows = BANDS.map((label, b) => {
  const n = count[b] ?? 0;
  return { practices: label, reviews: n, predicted: n > 0 ? (predicted[b] ?? 0) / n : NaN, truth: n > 0 ? (actual[b] ?? 0) / n : NaN };
});
const pct = (x: number): string => (Number.isNaN(x) ? "-" : x.toFixed(2));
console.error(`${truth} ${cohort} ${String(examDays)} d x ${String(perDay)}, ${String(students)} students, practices ${process.env.SIM_PRACTICES === "0" ? "off" : "on"}`);
console.error("practices before | reviews | predicted P(correct) | true P(correct)");
for (const row of rows) console.error(`${row.practices} | ${String(row.reviews)} | ${pct(row.predicted)} | ${pct(row.truth)}`);
const weightedError = rows.reduce((sum, row) => sum + (row.reviews > 0 ? row.reviews * Math.abs(row.predicted - row.truth) : 0), 0) / Math.max(1, reviews);
const examScore = scores.reduce((a, b) => a + b, 0) / Math.max(1, scores.length);
console.error(`mean |predicted - true| by band, review-weighted: ${weightedError.toFixed(3)}; fit on a bound at ${(100 * boundary / Math.max(1, reviews)).toFixed(1)}% of later reviews; exam score ${(100 * examScore).toFixed(1)}`);
console.error(`fits at the exam: ${JSON.stringify(fits)}`);
console.log(JSON.stringify({ truth, cohort, examDays, perDay, students, rows, weightedError, boundaryShare: boundary / Math.max(1, reviews), examScore, fits }));
