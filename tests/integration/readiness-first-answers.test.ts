import { describe, expect, it } from "vitest";
import { addMemoryObservation, createMemoryEvidence, isBoundaryFit } from "@/lib/scheduler/memory-evidence";
import { createRng } from "@/lib/scheduler/rng";
import { estimateReadiness } from "@/lib/scheduler/readiness";
import { getDb } from "@/lib/server/db";
import { ADAPTIVE, currentPresentation, recordAnswer } from "@/lib/services/practice";
import { firstAnswersOf, readinessFromPlanning, readinessInputs, subjectReadiness } from "@/lib/services/readiness";
import { studentPlanning } from "@/lib/services/scheduling";
import { submitAnswerSchema } from "@/lib/validation/practice";
import { enrol } from "../factories/enrolments";
import { onPostgres } from "./postgres-databases";
import { createQuestion } from "../factories/questions";
import { createUser } from "../factories/users";

/**
 * Readiness checks its ability model against the student's own first answers
 * (lib/scheduler/first-answer-check.ts), and its memory curve against the
 * student's later reviews where the curve sits on a bound (the fit's recall
 * offset, lib/scheduler/memory-evidence.ts): the service must hand both over.
 */

const DAY_MS = 86_400_000;

async function subjectWithTopics(slug: string, perTopic: number) {
  const db = getDb();
  const subject = await db.subject.create({ data: { slug, name: `Subject ${slug}` } });
  for (const [i, name] of ["Grief", "Role disputes"].entries()) {
    const topic = await db.topic.create({ data: { slug: `${slug}-t${i}`, name, subjectId: subject.id, weight: 0.5, position: i } });
    for (let q = 0; q < perTopic; q++) await createQuestion({ topicId: topic.id });
  }
  return subject;
}

/** Enrols the user in the subject with an exam 30 days after `now`, 10 a day, and makes it their current subject. */
async function studying(userId: string, subjectId: string, now: Date): Promise<void> {
  await enrol(userId, subjectId, { examDate: new Date(now.getTime() + 30 * DAY_MS), dailyGoal: 10 });
  await getDb().user.update({ where: { id: userId }, data: { currentSubjectId: subjectId } });
}

/** Answers the student's current question: the key (option "B") when `right`, else option "A", with the confidence given. */
async function answer(userId: string, right: boolean, now: Date, confidence: "SURE" | "UNSURE" | "GUESSED" = "SURE"): Promise<string> {
  const view = await currentPresentation(userId, ADAPTIVE, now);
  if (!view) throw new Error("no question");
  const option = view.options.find((o) => o.text === (right ? "Option B" : "Option A"))!;
  await recordAnswer(userId, submitAnswerSchema.parse({ presentationId: view.presentationId, optionId: option.id, confidence }), now);
  const { questionId } = await getDb().presentation.findUniqueOrThrow({ where: { id: view.presentationId }, select: { questionId: true } });
  return questionId;
}

describe("readiness and the student's first answers", () => {
  it("reads each met question's first answer only, right or wrong with its confidence, and only the student's own", async () => {
    const subject = await subjectWithTopics("first-a", 4);
    const student = await createUser();
    const other = await createUser();
    const now = new Date("2026-03-10T12:00:00Z");
    for (const user of [student, other]) await studying(user.id, subject.id, now);
    const outcomes = new Map<string, [boolean, string]>();
    const confidences = ["SURE", "GUESSED", "UNSURE"] as const;
    for (let k = 0; k < 8; k++) {
      const at = new Date(now.getTime() + k * 60_000);
      const confidence = confidences[k % 3]!;
      const questionId = await answer(student.id, k % 3 === 0 || k === 4, at, confidence);
      // A question may come back (a learning step); its first answer is the one that counts.
      if (!outcomes.has(questionId)) outcomes.set(questionId, [k % 3 === 0 || k === 4, confidence]);
      await answer(other.id, true, at);
    }
    const read = await firstAnswersOf(student.id);
    expect(new Map(read.map((a) => [a.questionId, [a.correct, a.confidence]]))).toEqual(outcomes);
    expect(read).toHaveLength(outcomes.size);
  });

  it("scores the questions not met lower for a student whose first answers were all wrong than the ability rows alone would", async () => {
    const subject = await subjectWithTopics("first-b", 15);
    const student = await createUser();
    const now = new Date("2026-03-10T12:00:00Z");
    await studying(student.id, subject.id, now);
    for (let k = 0; k < 10; k++) await answer(student.id, false, new Date(now.getTime() + k * 60_000));

    const later = new Date(now.getTime() + DAY_MS);
    const { readiness, planning } = await subjectReadiness(student.id, subject.id, later);
    const modelOnly = estimateReadiness({
      now: later,
      candidates: planning.candidates,
      topics: planning.topics,
      abilities: planning.abilities,
      plan: planning.plan,
      rng: createRng(1),
      params: { memoryFit: planning.memoryFit },
    });
    expect(readiness.now.score).toBeLessThan(modelOnly.now.score - 0.01);
    // Never below guessing on the questions not met: 20 of 30 at least 0.25.
    expect(readiness.now.score).toBeGreaterThan(0.25 * (20 / 30));
  });
});

describe("readiness and the student's forgetting curve", () => {
  it("scores met questions with the fit's recall offset when the stored evidence puts the curve on a bound", async () => {
    const subject = await subjectWithTopics("first-c", 6);
    const student = await createUser();
    const now = new Date("2026-03-10T12:00:00Z");
    await enrol(student.id, subject.id, { examDate: new Date(now.getTime() + 30 * DAY_MS), dailyGoal: 10 });
    // Later reviews recalled about 8% of the time however long after (31% right
    // of 4 options): no curve of the family is that flat and low.
    const rng = createRng(5);
    let evidence = createMemoryEvidence();
    for (let k = 0; k < 600; k++) {
      const stability = 0.1 + 0.3 * rng.next();
      evidence = addMemoryObservation(evidence, { elapsedDays: stability * Math.exp(-1 + 7 * rng.next()), stability, correct: rng.next() < 0.31, confidence: "SURE", optionCount: 4 });
    }
    await getDb().user.update({ where: { id: student.id }, data: { currentSubjectId: subject.id, memoryEvidence: JSON.stringify(evidence) } });
    for (let k = 0; k < 8; k++) await answer(student.id, true, new Date(now.getTime() + k * 60_000));

    const later = new Date(now.getTime() + 3 * DAY_MS);
    const { readiness, planning } = await subjectReadiness(student.id, subject.id, later);
    const fit = planning.memoryFit;
    expect(isBoundaryFit(fit)).toBe(true);
    // The stored reviews all came after one practice: their band's shift is well below 0.
    expect(fit.recallOffset?.byBand[0]).toBeLessThan(-1);
    const { recallOffset: _, ...curveAlone } = fit;
    const withoutOffset = estimateReadiness({
      now: later,
      candidates: planning.candidates,
      topics: planning.topics,
      abilities: planning.abilities,
      plan: planning.plan,
      firstAnswers: await firstAnswersOf(student.id),
      rng: createRng(1),
      params: { memoryFit: curveAlone },
    });
    expect(readiness.now.score).toBeLessThan(withoutOffset.now.score - 0.01);
  });
});

describe("readiness and the class's ratings", () => {
  it("gives each question the class has answered its label's rating and its count of first answers (and of right ones) beside the class's rating, and none of them to questions nobody has answered", async () => {
    const subject = await subjectWithTopics("first-d", 6);
    const classmate = await createUser();
    const student = await createUser();
    const now = new Date("2026-03-10T12:00:00Z");
    for (const user of [classmate, student]) await studying(user.id, subject.id, now);
    const answeredByClass = new Set<string>();
    for (let k = 0; k < 4; k++) answeredByClass.add(await answer(classmate.id, false, new Date(now.getTime() + k * 60_000)));
    // A second classmate's first answer, right.
    const other = await createUser();
    await studying(other.id, subject.id, now);
    const answeredRight = await answer(other.id, true, new Date(now.getTime() + 4 * 60_000));
    const wrongBefore = new Set(answeredByClass);
    const answersTo = (questionId: string) => (wrongBefore.has(questionId) ? 1 : 0) + (questionId === answeredRight ? 1 : 0);
    answeredByClass.add(answeredRight);
    // A new question changes the bank's stamp, so the next read sees the class's ratings at once.
    const topic = await getDb().topic.findFirstOrThrow({ where: { subjectId: subject.id } });
    await createQuestion({ topicId: topic.id });

    const { planning } = await subjectReadiness(student.id, subject.id, new Date(now.getTime() + DAY_MS));
    expect(planning.candidates).toHaveLength(13);
    for (const candidate of planning.candidates) {
      if (answeredByClass.has(candidate.questionId)) {
        const right = candidate.questionId === answeredRight;
        // Medium questions: the label's rating is 0, and wrong first answers alone rated them harder.
        expect(candidate.labelRating).toBe(0);
        if (!right) expect(candidate.itemRating).toBeGreaterThan(0);
        // Readiness trusts the rating by its first answers (ratingsOnClassScale), and reads the class's level from their share right (classLevel).
        expect(candidate.calibrationAnswers).toBe(answersTo(candidate.questionId));
        expect(candidate.calibrationCorrect).toBe(right ? 1 : 0);
      } else {
        // Their calibration rows exist (created with the question) but nobody has answered them.
        expect(candidate.labelRating).toBeUndefined();
        expect(candidate.calibrationAnswers).toBeUndefined();
        expect(candidate.calibrationCorrect).toBeUndefined();
        expect(candidate.itemRating).toBe(0);
      }
    }
    expect(planning.candidates.filter((c) => c.labelRating !== undefined)).toHaveLength(answeredByClass.size);
  });
});

describe("readiness and the class's counts of the student's own questions", () => {
  it("reads the counts of the questions the student has met as they stand, with the student's own first answers in them, however fresh the ratings copy is", async () => {
    const subject = await subjectWithTopics("first-e", 6);
    const classmate = await createUser();
    const student = await createUser();
    const now = new Date("2026-03-10T12:00:00Z");
    for (const user of [classmate, student]) await studying(user.id, subject.id, now);
    for (let k = 0; k < 6; k++) await answer(classmate.id, k % 2 === 0, new Date(now.getTime() + k * 60_000));
    // The bank's copy and its ratings are read now (the student's first pick)...
    await currentPresentation(student.id, ADAPTIVE, now);
    // ...and the student's first answers follow within the ratings' refresh interval.
    const met = new Set<string>();
    for (let k = 0; k < 4; k++) met.add(await answer(student.id, k !== 1, new Date(now.getTime() + (10 + k) * 60_000)));

    const later = new Date(now.getTime() + DAY_MS);
    const { planning } = await subjectReadiness(student.id, subject.id, later);
    const { candidates, firstAnswers } = await readinessInputs(student.id, planning);
    expect(firstAnswers.map((a) => a.questionId).sort()).toEqual([...met].sort());
    const rows = await getDb().questionCalibration.findMany({ where: { questionId: { in: [...met] } } });
    expect(rows).toHaveLength(met.size);
    for (const row of rows) {
      const candidate = candidates.find((c) => c.questionId === row.questionId)!;
      // The student's own first answer is counted: the first-answer check takes it out again (classLevel).
      expect(candidate.calibrationAnswers).toBe(row.firstAttempts);
      expect(candidate.calibrationCorrect).toBe(row.firstCorrect);
      expect(candidate.itemRating).toBeCloseTo(row.rating, 12);
      expect(candidate.labelRating).toBe(0);
    }
    // The other questions keep the copy's figures.
    for (const candidate of candidates) {
      if (met.has(candidate.questionId)) continue;
      const shared = planning.candidates.find((c) => c.questionId === candidate.questionId)!;
      expect(candidate).toEqual(shared);
    }
  });
});

describe("readiness on the server's one thread", () => {
  /** A student 30 days from the exam who has answered `answers` questions, half right, and the planning state ten minutes later. */
  async function plannedStudent(slug: string, answers: number) {
    const subject = await subjectWithTopics(slug, 8);
    const student = await createUser();
    const now = new Date("2026-03-10T12:00:00Z");
    await studying(student.id, subject.id, now);
    for (let k = 0; k < answers; k++) await answer(student.id, k % 2 === 0, new Date(now.getTime() + k * 60_000));
    const later = new Date(now.getTime() + 10 * 60_000);
    return { student, later, planning: await studentPlanning(student.id, later, { subjectId: subject.id }) };
  }

  // On PostgreSQL the reads before the projection give the event loop turns of their own, so only SQLite's synchronous reads can show it.
  it.skipIf(onPostgres)("lets other work run between the projected days instead of holding the thread for the whole projection", async () => {
    const { student, later, planning } = await plannedStudent("turns", 6);

    // Work queued behind the estimate (a request arriving meanwhile): counts the event loop's turns until it ends.
    let turns = 0;
    let done = false;
    const tick = (): void => {
      if (done) return;
      turns += 1;
      setImmediate(tick);
    };
    setImmediate(tick);
    const readiness = await readinessFromPlanning(student.id, planning, later);
    done = true;

    expect(readiness.examDay).not.toBeNull();
    // Thirty days to the exam, each projected at least once: a turn after each day at the least.
    expect(turns).toBeGreaterThanOrEqual(30);
  });

  it("projects once for two requests of the same estimate at the same time", async () => {
    const { student, later, planning } = await plannedStudent("twice", 4);
    const [first, second] = await Promise.all([readinessFromPlanning(student.id, planning, later), readinessFromPlanning(student.id, planning, later)]);
    // The same object: the second request waited for the first's projection instead of making its own.
    expect(second).toBe(first);
  });
});
