// How far readiness's week-ahead predictions spread against the students'
// true exam scores in one grid cell (the grid's students and seeds, our
// scheduler alone). The grid's MAE mixes a shared bias with an error that
// differs by student; this splits them. slopeTrueOnPred is the least-squares
// slope of the true score on the prediction: 1 when the predictions spread
// as much as what they predict, below 1 when they spread more (noise in the
// student's estimated level passed on whole), near 0 when they carry no
// information about the student. maeOfPopulationMean is the MAE of
// predicting every student the cell's mean prediction: a readiness that
// does worse than it adds only noise. Prints one JSON line.
// Usage:
//   npx tsx bench/learning/readiness-spread.ts --truth actr --cohort prior --exam 14 --per-day 10 --students 100
import { runOurs } from "./cell";
import { instrumentCell } from "./instrument-args";

const spec = instrumentCell(process.argv.slice(2), { truth: "actr", cohort: "prior", examDays: 14, perDay: 10, students: 100 });
const run = runOurs(spec);
const truth = Array.from(run.examScores);
const predicted = truth.map((score, s) => score + (run.readinessErrors[s] ?? 0));

const mean = (xs: readonly number[]): number => xs.reduce((sum, x) => sum + x, 0) / xs.length;
const sd = (xs: readonly number[], centre: number): number => Math.sqrt(mean(xs.map((x) => (x - centre) ** 2)));
const meanTrue = mean(truth);
const meanPredicted = mean(predicted);
const covariance = mean(truth.map((y, s) => (y - meanTrue) * ((predicted[s] ?? 0) - meanPredicted)));
const sdTrue = sd(truth, meanTrue);
const sdPredicted = sd(predicted, meanPredicted);
const round = (x: number): number => Math.round(x * 10_000) / 10_000;

console.log(
  JSON.stringify({
    truth: spec.truth,
    cohort: spec.cohort,
    examDays: spec.examDays,
    perDay: spec.perDay,
    students: spec.students,
    mae: round(mean(predicted.map((p, s) => Math.abs(p - (truth[s] ?? 0))))),
    bias: round(meanPredicted - meanTrue),
    sdTrue: round(sdTrue),
    sdPredicted: round(sdPredicted),
    correlation: round(sdTrue > 0 && sdPredicted > 0 ? covariance / (sdTrue * sdPredicted) : 0),
    slopeTrueOnPred: round(sdPredicted > 0 ? covariance / sdPredicted ** 2 : 0),
    maeOfPopulationMean: round(mean(truth.map((y) => Math.abs(meanPredicted - y)))),
  }),
);
