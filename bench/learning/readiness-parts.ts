// Where readiness errs: runs our scheduler on one grid cell's students (the
// grid's seeds) and, on exam morning, splits the bank into the items the
// student has met and those they have not, each with the score readiness
// expects of it beside the truth's. The week-ahead prediction's error (the
// grid's readiness MAE and bias) is then the projection's part plus these
// two; an error in the unmet part comes from the ability estimate, one in the
// met part from the memory model. The same split a week before the exam, when
// the prediction is made, parts the prediction's error into the state's then
// and the projection's (the week's projected gain against the true one);
// there the met items are split by first answer as on exam morning, and the
// items not met by whether the class has answered them (rated by their own
// answers) or nobody has (placed by their label), which tells an error of
// the student's level (both alike) from one of the items' placement.
// Prints a table and one JSON line last.
// Usage:
//   npx tsx bench/learning/readiness-parts.ts --truth fsrs --cohort novice --exam 14 --per-day 10 --students 20
import { oursForCell, studentSeed } from "./cell";
import { instrumentCell } from "./instrument-args";
import { runStudent } from "./simulate";
import { createBank, createStudent } from "./world";

const cell = instrumentCell(process.argv.slice(2), { truth: "fsrs", cohort: "novice", examDays: 14, perDay: 10, students: 20 });
const { truth, cohort, examDays, perDay, students, seed } = cell;

/** Sums over students of exam-weighted expectations; `weight` is the part's share of the exam. */
type Part = { items: number; weight: number; model: number; truth: number };
const part = (): Part => ({ items: 0, weight: 0, model: 0, truth: 0 });
const met = part();
const unmet = part();
// The met items by their first answer: known before (or a lucky guess), or wrong and learnt since.
const metFirstRight = part();
const metFirstWrong = part();
// The right first answers split by the truth: known before (durable in the
// simulator: true P(correct) is exactly 1) or a lucky guess, learnt since.
const metKnownBefore = part();
const metLucky = part();
let predictedWeekAhead = 0;
let examScore = 0;
let morningModel = 0;
const weekMet = part();
const weekUnmet = part();
const weekUnmetRated = part();
// The items not met in the topics the student has met more of than the
// topic's share of the bank, and in the rest.
const weekUnmetBusyTopic = part();
const weekUnmetQuietTopic = part();
// The items not met by their label.
const weekUnmetByLabel = { easy: part(), medium: part(), hard: part() };
const weekUnmetUnrated = part();
const weekFirstRight = part();
const weekFirstWrong = part();
const weekKnownBefore = part();
const weekLucky = part();

/** The met items' parts, on exam morning or a week ahead. */
type MetParts = { all: Part; firstRight: Part; firstWrong: Part; knownBefore: Part; lucky: Part };
const morningMet: MetParts = { all: met, firstRight: metFirstRight, firstWrong: metFirstWrong, knownBefore: metKnownBefore, lucky: metLucky };
const weekAheadMet: MetParts = { all: weekMet, firstRight: weekFirstRight, firstWrong: weekFirstWrong, knownBefore: weekKnownBefore, lucky: weekLucky };

/** The parts a met item counts in: all, by its first answer, and a right one by the truth (known before: true P exactly 1). */
function metParts(first: boolean | undefined, truthNow: number, parts: MetParts): Part[] {
  const targets = [parts.all, first === false ? parts.firstWrong : parts.firstRight];
  if (first === true) targets.push(truthNow === 1 ? parts.knownBefore : parts.lucky);
  return targets;
}

/** One item, at its exam weight, into each of the parts. */
function addTo(targets: readonly Part[], weight: number, model: number, truthNow: number): void {
  for (const target of targets) {
    target.items += 1;
    target.weight += weight;
    target.model += weight * model;
    target.truth += weight * truthNow;
  }
}

const bank = createBank(seed);
const oursFor = oursForCell(cell, bank);
/** Items per topic, for "met more than its share". */
const topicItems = new Float64Array(bank.topicIds.length);
for (let i = 0; i < bank.size; i++) topicItems[bank.topicOf[i] ?? 0] = (topicItems[bank.topicOf[i] ?? 0] ?? 0) + 1;
for (let s = 0; s < students; s++) {
  const student = createStudent(bank, studentSeed(seed, s), examDays, cohort);
  const ours = oursFor(bank, studentSeed(seed, s));
  const onWeekAhead = (at: number, trueCorrectOf: (item: number) => number): void => {
    const expected = ours.itemExpectations(at);
    const metByTopic = new Float64Array(bank.topicIds.length);
    let metAll = 0;
    for (let i = 0; i < bank.size; i++) {
      if (expected.unseen[i] === 1) continue;
      metByTopic[bank.topicOf[i] ?? 0] = (metByTopic[bank.topicOf[i] ?? 0] ?? 0) + 1;
      metAll += 1;
    }
    const busy = (t: number): boolean => (metByTopic[t] ?? 0) > (metAll * (topicItems[t] ?? 0)) / bank.size;
    for (let i = 0; i < bank.size; i++) {
      const truthThen = trueCorrectOf(i);
      const topic = bank.topicOf[i] ?? 0;
      const targets =
        expected.unseen[i] === 1
          ? [
              weekUnmet,
              ours.classAnswersOf(i) > 0 ? weekUnmetRated : weekUnmetUnrated,
              busy(topic) ? weekUnmetBusyTopic : weekUnmetQuietTopic,
              weekUnmetByLabel[bank.label[i] ?? "medium"],
            ]
          : metParts(ours.firstAnswerOf(i), truthThen, weekAheadMet);
      addTo(targets, bank.examWeight[i] ?? 0, expected.correct[i] ?? 0, truthThen);
    }
  };
  const run = runStudent(bank, student, truth, ours, examDays, perDay, undefined, (at, trueCorrectOf) => {
    const expected = ours.itemExpectations(at);
    for (let i = 0; i < bank.size; i++) {
      const weight = bank.examWeight[i] ?? 0;
      const model = expected.correct[i] ?? 0;
      const truthNow = trueCorrectOf(i);
      const targets = expected.unseen[i] === 1 ? [unmet] : metParts(ours.firstAnswerOf(i), truthNow, morningMet);
      addTo(targets, weight, model, truthNow);
      morningModel += weight * model;
    }
  }, onWeekAhead);
  if (run.predicted === null) throw new Error("our scheduler made no readiness prediction");
  predictedWeekAhead += run.predicted.score;
  examScore += run.examScore;
}

const pct = (x: number): string => (100 * x).toFixed(1);
const describe = (name: string, p: Part) => ({
  part: name,
  itemsPerStudent: p.items / students,
  examShare: p.weight / students,
  // Mean expected chance of a correct answer over the part's items (exam-weighted).
  model: p.weight > 0 ? p.model / p.weight : NaN,
  truth: p.weight > 0 ? p.truth / p.weight : NaN,
  // The part's contribution to (readiness on exam morning - true score), in score points.
  error: (p.model - p.truth) / students,
});
const rows = [
  describe("met", met),
  describe("not met", unmet),
  describe("met, first answer right", metFirstRight),
  describe("met, first answer wrong", metFirstWrong),
  describe("met, first right: known before", metKnownBefore),
  describe("met, first right: lucky guess", metLucky),
  describe("week ahead: met then", weekMet),
  describe("week ahead: not met then", weekUnmet),
  describe("week ahead: not met, the class has answered", weekUnmetRated),
  describe("week ahead: not met, nobody has answered", weekUnmetUnrated),
  describe("week ahead: not met, in a topic met more than its share", weekUnmetBusyTopic),
  describe("week ahead: not met, in a topic met less", weekUnmetQuietTopic),
  describe("week ahead: not met, labelled easy", weekUnmetByLabel.easy),
  describe("week ahead: not met, labelled medium", weekUnmetByLabel.medium),
  describe("week ahead: not met, labelled hard", weekUnmetByLabel.hard),
  describe("week ahead: met, first answer right", weekFirstRight),
  describe("week ahead: met, first answer wrong", weekFirstWrong),
  describe("week ahead: met, first right: known before", weekKnownBefore),
  describe("week ahead: met, first right: lucky guess", weekLucky),
];
const weekModel = (weekMet.model + weekUnmet.model) / students;
const weekTruth = (weekMet.truth + weekUnmet.truth) / students;
const summary = {
  truth,
  cohort,
  examDays,
  perDay,
  students,
  predictedWeekAhead: predictedWeekAhead / students,
  readinessOnExamMorning: morningModel / students,
  examScore: examScore / students,
  // The week-ahead error = (readiness then - truth then) + (projected gain - true gain).
  weekAheadNowModel: weekModel,
  weekAheadNowTruth: weekTruth,
  projectionError: predictedWeekAhead / students - weekModel - (examScore / students - weekTruth),
  rows,
};
console.error(`${truth} ${cohort} ${String(examDays)} d x ${String(perDay)}, ${String(students)} students (seed ${String(seed)})`);
console.error(
  `predicted a week ahead ${pct(summary.predictedWeekAhead)}, readiness on exam morning ${pct(summary.readinessOnExamMorning)}, true exam score ${pct(summary.examScore)}`,
);
console.error(
  `a week ahead: readiness then ${pct(weekModel)}, true then ${pct(weekTruth)}; projected gain ${pct(summary.predictedWeekAhead - weekModel)}, true gain ${pct(summary.examScore - weekTruth)}`,
);
console.error("part | items a student | exam share | expected P(correct) | true P(correct) | error, points");
for (const row of rows) {
  console.error(`${row.part} | ${row.itemsPerStudent.toFixed(0)} | ${pct(row.examShare)}% | ${pct(row.model)} | ${pct(row.truth)} | ${(100 * row.error).toFixed(1)}`);
}
console.log(JSON.stringify(summary));
