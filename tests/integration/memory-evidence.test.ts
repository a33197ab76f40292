import { beforeEach, describe, expect, it } from "vitest";
import { BIN_COUNT, POPULATION_EVIDENCE_WEIGHT, addMemoryObservation, createMemoryEvidence, fitMemoryEvidence, parseMemoryEvidence, withPopulationEvidence } from "@/lib/scheduler/memory-evidence";
import { getDb } from "@/lib/server/db";
import { directRead, directTransaction, sqlBool } from "@/lib/server/direct-sql";
import { memoryPopulation, resetMemoryPopulation, settledMemoryPopulation } from "@/lib/services/memory-population";
import { applyAnswerToLearnerModel, FIT_COLUMNS_SQL, forgetMemoryFit, memoryFitOf, type FitColumns } from "@/lib/services/scheduling";
import { createAnswer } from "../factories/answers";
import { createQuestion } from "../factories/questions";
import { createUser } from "../factories/users";
import type { Confidence } from "@/lib/scheduler/types";

/**
 * The scheduler plans with a forgetting curve fitted from the student's later
 * reviews, kept as bins on User.memoryEvidence (decision 0004, third pass),
 * and other students' curves as a prior (memory-population.ts).
 */

const DAY = 86_400_000;

async function answer(userId: string, question: { id: string; topicId: string }, subjectId: string, correct: boolean, at: Date, confidence: Confidence = "SURE") {
  await directTransaction(async (sql) => {
    const fit = (await sql.one<FitColumns>(`SELECT ${FIT_COLUMNS_SQL} FROM "User" WHERE "id" = ?`, userId))!;
    await applyAnswerToLearnerModel(
      sql,
      { userId, questionId: question.id, topicId: question.topicId, subjectId, difficulty: "MEDIUM", optionCount: 4, correct, confidence, fit },
      at,
    );
  });
}

/** A new student and a new question; answerAfter(days, correct, confidence) answers it that many days after a fixed start. */
async function studentWithQuestion() {
  const user = await createUser();
  const question = await createQuestion();
  const { subjectId } = await getDb().topic.findUniqueOrThrow({ where: { id: question.topicId }, select: { subjectId: true } });
  const start = new Date("2026-03-01T09:00:00Z").getTime();
  const answerAfter = (days: number, correct: boolean, confidence?: Confidence) => answer(user.id, question, subjectId, correct, new Date(start + days * DAY), confidence);
  return { user, question, start, answerAfter };
}

async function storedEvidence(userId: string) {
  const row = await getDb().user.findUniqueOrThrow({ where: { id: userId }, select: { memoryEvidence: true } });
  return row.memoryEvidence === null ? null : parseMemoryEvidence(JSON.parse(row.memoryEvidence));
}

/** Evidence of a student who forgets fast: most reviews a few days after learning are missed. */
function fastForgetting() {
  let evidence = createMemoryEvidence();
  for (let i = 0; i < 60; i++) evidence = addMemoryObservation(evidence, { elapsedDays: 3, stability: 3, correct: i % 5 === 0, confidence: "SURE", optionCount: 4 });
  return evidence;
}

/** Reviews in one of the evidence's tables. */
const tally = (table: number[][] | undefined) => (table ?? []).reduce((n, bin) => n + (bin[0] ?? 0), 0);

/** The student's stored reviews: [in the whole, filed under first recalled, filed under the others]. */
async function filedReviews(userId: string): Promise<[number, number, number]> {
  const evidence = await storedEvidence(userId);
  return [tally(evidence?.bins), tally(evidence?.firstRight), tally(evidence?.firstWrong)];
}

beforeEach(() => resetMemoryPopulation());

describe("the memory fit's evidence", () => {
  it("grows with each later review, not with first answers, in the answer's transaction", async () => {
    const { user, answerAfter } = await studentWithQuestion();
    await answerAfter(0, true);
    expect(await storedEvidence(user.id)).toBeNull();
    await answerAfter(3, false);
    const evidence = await storedEvidence(user.id);
    expect(evidence?.reviews).toBe(1);
    expect(evidence?.bins.reduce((n, bin) => n + (bin[0] ?? 0), 0)).toBe(1);
    expect(evidence?.bins.reduce((n, bin) => n + (bin[1] ?? 0), 0)).toBe(0);
  });

  it("files each review under the practices the item had before it (its answers so far)", async () => {
    const { user, answerAfter } = await studentWithQuestion();
    await answerAfter(0, true);
    await answerAfter(3, true);
    await answerAfter(9, false);
    const evidence = await storedEvidence(user.id);
    const reviewsInBand = (band: number) => evidence!.bins.slice(band * BIN_COUNT, (band + 1) * BIN_COUNT).reduce((n, bin) => n + (bin[0] ?? 0), 0);
    expect(evidence?.reviews).toBe(2);
    // The second answer came after one practice, the third after two.
    expect(reviewsInBand(0)).toBe(1);
    expect(reviewsInBand(1)).toBe(1);
    expect(evidence!.bins.reduce((sum, bin) => sum + (bin[4] ?? 0), 0)).toBeCloseTo(Math.log(2), 9);
  });

  it("files each later review under the item's first answer too, kept on the student's memory of the item", async () => {
    const user = await createUser();
    const start = new Date("2026-03-01T09:00:00Z").getTime();
    // Question a first answered right, question b wrong; each answered again 3 days later and 9 days later.
    // No Answer rows: the answer transaction reads its memory row, never the student's history of answers.
    for (const [firstCorrect, days] of [[true, 0], [false, 0.5]] as const) {
      const question = await createQuestion();
      const { subjectId } = await getDb().topic.findUniqueOrThrow({ where: { id: question.topicId }, select: { subjectId: true } });
      await answer(user.id, question, subjectId, firstCorrect, new Date(start + days * DAY));
      await answer(user.id, question, subjectId, !firstCorrect, new Date(start + (days + 3) * DAY));
      await answer(user.id, question, subjectId, true, new Date(start + (days + 9) * DAY));
      const memory = await directRead((sql) =>
        sql.all<{ firstCorrect: unknown }>(`SELECT "firstCorrect" FROM "MemoryState" WHERE "userId" = ? AND "questionId" = ?`, user.id, question.id),
      );
      // Later reviews, right or wrong, leave the first answer as it was.
      expect(memory.map((m) => sqlBool(m.firstCorrect))).toEqual([firstCorrect]);
    }
    expect((await storedEvidence(user.id))?.reviews).toBe(4);
    expect(await filedReviews(user.id)).toEqual([4, 2, 2]);
  });

  it("files a review of an item first answered right but marked \"I guessed\" with the items first answered wrong, and keeps the mark on the memory row", async () => {
    const user = await createUser();
    const start = new Date("2026-03-01T09:00:00Z").getTime();
    // Right and sure, right but guessed, right and unsure, wrong and guessed; each answered again 3 days later, sure.
    const firsts = [
      [true, "SURE"],
      [true, "GUESSED"],
      [true, "UNSURE"],
      [false, "GUESSED"],
    ] as const;
    for (const [correct, confidence] of firsts) {
      const question = await createQuestion();
      const { subjectId } = await getDb().topic.findUniqueOrThrow({ where: { id: question.topicId }, select: { subjectId: true } });
      await answer(user.id, question, subjectId, correct, new Date(start), confidence);
      await answer(user.id, question, subjectId, true, new Date(start + 3 * DAY));
      const row = await getDb().memoryState.findFirstOrThrow({ where: { userId: user.id, questionId: question.id }, select: { firstCorrect: true, firstGuessed: true } });
      // The later, sure answer leaves the first answer's mark as it was.
      expect(row).toEqual({ firstCorrect: correct, firstGuessed: confidence === "GUESSED" });
    }
    expect(await filedReviews(user.id)).toEqual([4, 2, 2]);
  });

  it("fills in a memory row's missing \"I guessed\" mark from the student's first Answer row, once (a row written before migration 0015)", async () => {
    const { user, question, start, answerAfter } = await studentWithQuestion();
    // First answered right (option 1 is the key) but marked "I guessed", as an older server stored it: no mark on the row.
    const first = await createAnswer(user.id, question, { optionIndex: 1, confidence: "GUESSED", createdAt: new Date(start) });
    expect(first.correct).toBe(true);
    await answerAfter(0, true, "GUESSED");
    await getDb().memoryState.updateMany({ where: { userId: user.id }, data: { firstGuessed: null } });

    await answerAfter(3, true);
    expect(await filedReviews(user.id)).toEqual([1, 0, 1]);
    const row = await getDb().memoryState.findFirstOrThrow({ where: { userId: user.id }, select: { firstCorrect: true, firstGuessed: true } });
    expect(row).toEqual({ firstCorrect: true, firstGuessed: true });
  });

  it("fills in a memory row's missing first answer from the student's first Answer row, once (a row written before migration 0014)", async () => {
    const { user, question, start, answerAfter } = await studentWithQuestion();
    // First answered wrong (option 0; option 1 is the key), as an older server stored it: no first answer on the row.
    const first = await createAnswer(user.id, question, { optionIndex: 0, createdAt: new Date(start) });
    expect(first.correct).toBe(false);
    await answerAfter(0, false);
    await getDb().memoryState.updateMany({ where: { userId: user.id }, data: { firstCorrect: null } });

    await answerAfter(3, true);
    expect(await filedReviews(user.id)).toEqual([1, 0, 1]);
    const row = await getDb().memoryState.findFirstOrThrow({ where: { userId: user.id }, select: { firstCorrect: true } });
    expect(row.firstCorrect).toBe(false);
  });

  it("files a review by the row's own first answer when only the \"I guessed\" mark is missing and no Answer row holds it, as not marked", async () => {
    const { user, answerAfter } = await studentWithQuestion();
    // First answered wrong; no Answer rows (the answer transaction alone), and the mark lost.
    await answerAfter(0, false);
    await getDb().memoryState.updateMany({ where: { userId: user.id }, data: { firstGuessed: null } });

    await answerAfter(3, true);
    expect(await filedReviews(user.id)).toEqual([1, 0, 1]);
    const row = await getDb().memoryState.findFirstOrThrow({ where: { userId: user.id }, select: { firstCorrect: true, firstGuessed: true } });
    expect(row).toEqual({ firstCorrect: false, firstGuessed: null });
  });

  it("starts afresh from a stored value that is not evidence, without failing the answer", async () => {
    const { user, answerAfter } = await studentWithQuestion();
    await getDb().user.update({ where: { id: user.id }, data: { memoryEvidence: "{not json" } });
    await answerAfter(0, true);
    await answerAfter(2, true);
    expect((await storedEvidence(user.id))?.reviews).toBe(1);
  });

  it("lends a new student other students' curve, and never counts a student's own reviews twice", async () => {
    const veteran = await createUser();
    const evidence = fastForgetting();
    await getDb().user.update({ where: { id: veteran.id }, data: { memoryEvidence: JSON.stringify(evidence) } });
    const newcomer = await createUser();

    const alone = memoryFitOf(newcomer.id, createMemoryEvidence()); // the population has not been read yet
    await settledMemoryPopulation();
    expect(memoryPopulation(newcomer.id).reviews).toBe(60);
    const borrowed = memoryFitOf(newcomer.id, createMemoryEvidence());
    // The population forgets fast: the newcomer's planned memories are shorter than FSRS's default.
    expect(borrowed.stabilityScale).toBeLessThan(alone.stabilityScale * 0.8);

    // The veteran's own reviews are the whole population: their prior is empty, their fit their own.
    expect(memoryPopulation(veteran.id).reviews).toBe(0);
    expect(memoryFitOf(veteran.id, evidence)).toEqual(fitMemoryEvidence(evidence));
  });

  it("serves a student's last fit again while their evidence and the population sample are unchanged, and fits afresh when either changes", async () => {
    const student = await createUser();
    const evidence = fastForgetting();
    const first = memoryFitOf(student.id, evidence);
    // The same evidence, parsed again from its stored text: the fit kept is served.
    expect(memoryFitOf(student.id, parseMemoryEvidence(JSON.parse(JSON.stringify(evidence)))!)).toBe(first);
    // One more review: a new fit, and it is the one served next.
    const more = addMemoryObservation(evidence, { elapsedDays: 20, stability: 3, correct: false, confidence: "SURE", optionCount: 4 });
    const second = memoryFitOf(student.id, more);
    expect(second).not.toBe(first);
    expect(second).toEqual(fitMemoryEvidence(withPopulationEvidence(more, memoryPopulation(student.id), POPULATION_EVIDENCE_WEIGHT)));
    expect(memoryFitOf(student.id, more)).toBe(second);
    // Forgotten (the account is deleted): fitted again.
    forgetMemoryFit(student.id);
    const again = memoryFitOf(student.id, more);
    expect(again).not.toBe(second);
    expect(again).toEqual(second);
    const secondKept = again;
    // Another student with the same evidence has a fit of their own.
    const other = await createUser();
    expect(memoryFitOf(other.id, more)).not.toBe(secondKept);
    // The population sample is read afresh: the fit is made again from it.
    const veteran = await createUser();
    await getDb().user.update({ where: { id: veteran.id }, data: { memoryEvidence: JSON.stringify(fastForgetting()) } });
    resetMemoryPopulation();
    memoryPopulation(student.id);
    await settledMemoryPopulation();
    const third = memoryFitOf(student.id, more);
    expect(third).not.toBe(secondKept);
    expect(third).toEqual(fitMemoryEvidence(withPopulationEvidence(more, memoryPopulation(student.id), POPULATION_EVIDENCE_WEIGHT)));
  });
});
