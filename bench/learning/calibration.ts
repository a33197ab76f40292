// Calibration of our fitted memory curve by the item's practices before the
// review: runs our scheduler on one grid cell's students (the grid's seeds)
// and, at every later review of an item learnt in the simulation, records
// the truth's chance of a correct answer beside the one our fitted curve
// (the fit readiness uses) predicts. Prints a table by practices and one
// JSON line last. SIM_PRACTICES=0 runs the two-parameter fit of the fourth
// pass (decision 0004). Usage:
//   npx tsx bench/learning/calibration.ts --truth actr --cohort novice --exam 90 --per-day 40 --students 4
import { oursForCell, studentSeed } from "./cell";
import { instrumentCell } from "./instrument-args";
import { runStudent } from "./simulate";
import { createBank, createStudent } from "./world";

const cell = instrumentCell(process.argv.slice(2), { truth: "actr", cohort: "novice", examDays: 90, perDay: 40, students: 4 });
const { truth, cohort, examDays, perDay, students, seed } = cell;

/** Bands of practices before the review: 1, 2, 3, 4, 5, 6 or more. */
const BANDS = ["1", "2", "3", "4", "5", "6+"] as const;
const bandOf = (practices: number): number => Math.min(BANDS.length - 1, Math.max(0, practices - 1));
const count = new Float64Array(BANDS.length);
const predicted = new Float64Array(BANDS.length);
const actual = new Float64Array(BANDS.length);
let boundary = 0;
let reviews = 0;

const bank = createBank(seed);
const oursFor = oursForCell(cell, bank);
const scores: number[] = [];
const fits: object[] = [];
for (let s = 0; s < students; s++) {
  const student = createStudent(bank, studentSeed(seed, s), examDays, cohort);
  const ours = oursFor(bank, studentSeed(seed, s));
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
