import { describe, expect, it } from "vitest";
import { createQuestionCalibration, shiftLogit, updateAbility } from "@/lib/scheduler/ability";
import { evaluateCandidates } from "@/lib/scheduler/candidate-value";
import { CLASS_LEVEL_SD, checkFirstAnswers, classLevel } from "@/lib/scheduler/first-answer-check";
import type { FirstAnswer } from "@/lib/scheduler/first-answer-check";
import { estimateReadiness, expectedCorrectNow } from "@/lib/scheduler/readiness";
import { resolveParams } from "@/lib/scheduler/params";
import { createRng } from "@/lib/scheduler/rng";
import type { Candidate, Confidence, TopicAbility } from "@/lib/scheduler/types";
import { MOCK_NOW, TWO_TOPICS, daysFrom, memoryFromHistory } from "./helpers";

/** 200 items of rating 0 over two topics; the first `met` have been answered once, a day ago. */
function bank(met: number): Candidate[] {
  return Array.from({ length: 200 }, (_, i) => ({
    questionId: `q${String(i)}`,
    topicId: i % 2 === 0 ? "grief" : "disputes",
    optionCount: 4,
    itemRating: 0,
    memory: i < met ? memoryFromHistory([{ daysAgo: 1, correct: i % 4 === 0 }]) : null,
  }));
}

/** Mean expected P(correct) of the items the student has not met. */
function unmetScore(candidates: Candidate[], abilities: Record<string, TopicAbility>, firstAnswers?: FirstAnswer[]): number {
  const { correct, unseen } = expectedCorrectNow({ now: MOCK_NOW, candidates, topics: TWO_TOPICS, abilities, ...(firstAnswers ? { firstAnswers } : {}) });
  let sum = 0;
  let n = 0;
  unseen.forEach((u, i) => {
    if (u === 1) {
      sum += correct[i] ?? 0;
      n++;
    }
  });
  return sum / n;
}

/**
 * A student meets `met` items of rating 0 (each known with probability
 * `know`), answering with the simulator's habits: "I guessed" 60% of the
 * times they did not know (right or wrong), 5% of the times they did. Returns
 * the Elo rows and the first answers.
 */
function student(know: number, met: number, seed: number): { abilities: Record<string, TopicAbility>; firstAnswers: FirstAnswer[] } {
  const rng = createRng(seed);
  const abilities: Record<string, TopicAbility> = {};
  const firstAnswers: FirstAnswer[] = [];
  for (let i = 0; i < met; i++) {
    const topicId = i % 2 === 0 ? "grief" : "disputes";
    const knew = rng.next() < know;
    const correct = knew || rng.next() < 0.25;
    const confidence: Confidence = rng.next() < (knew ? 0.05 : 0.6) ? "GUESSED" : "SURE";
    const result = updateAbility({
      ability: abilities[topicId] ?? { rating: 0, attempts: 0 },
      // Every item calibrated at 0, as the bank is: only the ability moves here.
      calibration: createQuestionCalibration("medium"),
      answer: { correct, confidence, optionCount: 4 },
      firstAttempt: true,
    });
    abilities[topicId] = result.ability;
    firstAnswers.push({ questionId: `q${String(i)}`, correct });
  }
  return { abilities, firstAnswers };
}

describe("checkFirstAnswers", () => {
  const values = (candidates: Candidate[], abilities: Record<string, TopicAbility> = {}) =>
    evaluateCandidates({ now: MOCK_NOW, candidates, topics: TWO_TOPICS, abilities, horizonDays: 0, studyDelayDays: 0, planRetention: null, params: resolveParams() });

  it("without first answers, or only answers to questions outside the bank, shifts nothing and claims no precision", () => {
    const candidates = bank(40);
    const ids = candidates.map((c) => c.questionId);
    for (const answers of [[], [{ questionId: "elsewhere", correct: true }]]) {
      const check = checkFirstAnswers(values(candidates), ids, answers);
      expect(check.answers).toBe(0);
      expect([...check.shift]).toEqual([0, 0]);
      expect(Number.isNaN(check.overallSe)).toBe(true);
      expect(check.deviationSe.every((se) => Number.isNaN(se))).toBe(true);
    }
  });

  it("shifts the ability down when first answers come out worse than predicted, up when better, and not when they match", () => {
    const candidates = bank(80);
    const ids = candidates.map((c) => c.questionId);
    // At ability 0 against items at 0 the model predicts 0.25 + 0.75 / 2 = 0.625 right
    // (5 of 8 in each topic below, for the matching case).
    const answers = (rightEvery: number): FirstAnswer[] => ids.slice(0, 80).map((questionId, i) => ({ questionId, correct: i % rightEvery === 0 }));
    const worse = checkFirstAnswers(values(candidates), ids, answers(4));
    const better = checkFirstAnswers(values(candidates), ids, answers(1));
    const matching = checkFirstAnswers(values(candidates), ids, ids.slice(0, 80).map((questionId, i) => ({ questionId, correct: i % 16 < 10 })));
    expect(worse.answers).toBe(80);
    for (const shift of worse.shift) expect(shift).toBeLessThan(-1);
    for (const shift of better.shift) expect(shift).toBeGreaterThan(1);
    for (const shift of matching.shift) expect(Math.abs(shift)).toBeLessThan(0.05);
  });

  it("grows more certain with more first answers", () => {
    const candidates = bank(160);
    const ids = candidates.map((c) => c.questionId);
    // Half right in each topic.
    const answers = (n: number): FirstAnswer[] => ids.slice(0, n).map((questionId, i) => ({ questionId, correct: i % 4 < 2 }));
    const few = checkFirstAnswers(values(candidates), ids, answers(10));
    const many = checkFirstAnswers(values(candidates), ids, answers(160));
    expect(many.overallSe).toBeLessThan(few.overallSe / 2);
    expect(many.deviationSe[0]).toBeLessThan(few.deviationSe[0] ?? 0);
  });

  it("keeps a topic's own deviation from the student's overall shift, more of it the more answers the topic has", () => {
    const candidates = bank(120);
    const ids = candidates.map((c) => c.questionId);
    // grief (even items) all right, disputes (odd items) all wrong.
    const answers = ids.slice(0, 120).map((questionId, i) => ({ questionId, correct: i % 2 === 0 }));
    const check = checkFirstAnswers(values(candidates), ids, answers);
    expect(check.shift[0]).toBeGreaterThan(1);
    expect(check.shift[1]).toBeLessThan(-1);
  });

  it("stays finite, and claims no precision it lacks, when every prediction sits at 0 or 1 or every answer goes one way", () => {
    // A rating 40 logits from the item's predicts 0 or 1 exactly in floating point.
    const extreme: Record<string, TopicAbility> = { grief: { rating: 20, attempts: 50 }, disputes: { rating: 20, attempts: 50 } };
    for (const [rating, correct, answered, abilities] of [
      [20, true, 3, {}],
      [-20, false, 3, {}],
      [20, false, 300, {}],
      [-20, true, 300, {}],
      [0, false, 300, {}],
      [0, true, 300, {}],
      [-20, false, 300, extreme],
      [-20, true, 3, extreme],
    ] as const) {
      const candidates = bank(0).map((c) => ({ ...c, itemRating: rating }));
      const ids = candidates.map((c) => c.questionId);
      const firstAnswers = ids.slice(0, answered).map((questionId) => ({ questionId, correct }));
      const check = checkFirstAnswers(values(candidates, abilities), ids, firstAnswers);
      for (const shift of check.shift) expect(Number.isFinite(shift)).toBe(true);
      expect(check.overallSe > 0).toBe(true);
      const scored = expectedCorrectNow({ now: MOCK_NOW, candidates, topics: TWO_TOPICS, abilities, firstAnswers });
      for (const p of scored.correct) expect(p >= 0.25 && p <= 1).toBe(true);
    }
  });

  it("moves knowledge by the shift on the logit scale, within (0, 1)", () => {
    expect(shiftLogit(0.5, 0)).toBe(0.5);
    expect(shiftLogit(0.5, Math.log(3))).toBeCloseTo(0.75, 12);
    expect(shiftLogit(0, -3)).toBeGreaterThanOrEqual(0);
    expect(shiftLogit(1, 3)).toBeLessThanOrEqual(1);
  });
});

describe("readiness of the items not met, checked against first answers", () => {
  it("a student who knows nothing is expected near the guessing rate on the items not met, where the Elo rows alone stall well above it", () => {
    // Twenty first answers, ten a topic: about what a novice has at 14 days x 10.
    const { abilities, firstAnswers } = student(0, 20, 11);
    const candidates = bank(20);
    const modelOnly = unmetScore(candidates, abilities);
    const checked = unmetScore(candidates, abilities, firstAnswers);
    // The truth is 0.25: every answer is a guess among four options.
    expect(modelOnly).toBeGreaterThan(0.3);
    expect(checked).toBeLessThan(0.29);
    expect(checked).toBeGreaterThanOrEqual(0.25);
  });

  it("a student who knows half the items and says so when guessing is not rated down for their honesty", () => {
    const truth = 0.25 + 0.75 * 0.5;
    const errors = { modelOnly: 0, checked: 0 };
    for (let seed = 1; seed <= 5; seed++) {
      const { abilities, firstAnswers } = student(0.5, 160, seed);
      const candidates = bank(160);
      errors.modelOnly += (unmetScore(candidates, abilities) - truth) / 5;
      errors.checked += (unmetScore(candidates, abilities, firstAnswers) - truth) / 5;
    }
    // Elo's y = c for a lucky guess owned up to pulls the rows down.
    expect(errors.modelOnly).toBeLessThan(-0.05);
    expect(Math.abs(errors.checked)).toBeLessThan(0.03);
  });

  it("carries the check into the exam-day projection and the interval", () => {
    const { abilities, firstAnswers } = student(0, 20, 3);
    const base = {
      now: MOCK_NOW,
      candidates: bank(20),
      topics: TWO_TOPICS,
      abilities,
      plan: { examDate: daysFrom(MOCK_NOW, 10), dailyGoal: 10 },
      rng: createRng(1),
    };
    const modelOnly = estimateReadiness(base);
    const checked = estimateReadiness({ ...base, rng: createRng(1), firstAnswers });
    if (modelOnly.examDay === null || checked.examDay === null) throw new Error("no exam-day estimate");
    // 180 of the 200 items are not met, and each is expected lower.
    expect(checked.now.score).toBeLessThan(modelOnly.now.score - 0.015);
    expect(checked.examDay.score).toBeLessThan(modelOnly.examDay.score - 0.015);
    expect(checked.examDay.low).toBeLessThanOrEqual(checked.examDay.score);
    expect(checked.examDay.high).toBeGreaterThanOrEqual(checked.examDay.score);
  });
});

describe("items nobody has answered yet, scored on the class's scale", () => {
  /** Mean expected P(correct), among the items the student has not met, of those `pick` selects. */
  const meanOf = (candidates: Candidate[], abilities: Record<string, TopicAbility>, firstAnswers: FirstAnswer[], pick: (i: number) => boolean): number => {
    const { correct, unseen } = expectedCorrectNow({ now: MOCK_NOW, candidates, topics: TWO_TOPICS, abilities, firstAnswers });
    let sum = 0;
    let n = 0;
    unseen.forEach((u, i) => {
      if (u === 1 && pick(i)) {
        sum += correct[i] ?? 0;
        n++;
      }
    });
    return sum / n;
  };
  const onTwoTopics = (i: number) => (i % 2 === 0 ? "grief" : "disputes");

  it("an item nobody has answered sits where the class's rated items of its label have gone, not at the label's starting rating", () => {
    // Every item is labelled medium (0). The class has rated items 0-139 and
    // its Elo ratings drifted to 2; items 140-199 nobody has answered yet, so
    // they still stand at the label's 0. The student, rated 2 on that same
    // drifted scale, met items 0-79 and got 10 of every 16 right: exactly the
    // 0.25 + 0.75 * sigmoid(2 - 2) = 0.625 the model predicts for them.
    const candidates: Candidate[] = Array.from({ length: 200 }, (_, i) => ({
      questionId: `q${String(i)}`,
      topicId: onTwoTopics(i),
      optionCount: 4,
      ...(i < 140 ? { itemRating: 2, labelRating: 0 } : { itemRating: 0 }),
      memory: i < 80 ? memoryFromHistory([{ daysAgo: 1, correct: i % 16 < 10 }]) : null,
    }));
    const abilities: Record<string, TopicAbility> = { grief: { rating: 2, attempts: 40 }, disputes: { rating: 2, attempts: 40 } };
    const firstAnswers = candidates.slice(0, 80).map((c, i) => ({ questionId: c.questionId, correct: i % 16 < 10 }));
    const ratedUnmet = meanOf(candidates, abilities, firstAnswers, (i) => i < 140);
    const unrated = meanOf(candidates, abilities, firstAnswers, (i) => i >= 140);
    expect(ratedUnmet).toBeCloseTo(0.625, 2);
    // They are medium items like the rest: near 0.625 (the drift of 2 is
    // shrunk by 8 unmoved items' worth, so 140 / 148 of it), not at
    // 0.25 + 0.75 * sigmoid(2 - 0) = 0.91.
    expect(Math.abs(unrated - 0.625)).toBeLessThan(0.03);

    // The same on exam day: without the labels' ratings the unrated items would be scored off the class's scale.
    const plan = { now: MOCK_NOW, topics: TWO_TOPICS, abilities, firstAnswers, plan: { examDate: daysFrom(MOCK_NOW, 10), dailyGoal: 10 } };
    const placed = estimateReadiness({ ...plan, candidates, rng: createRng(2) });
    const offScale = estimateReadiness({ ...plan, candidates: candidates.map(({ labelRating: _, ...c }) => c), rng: createRng(2) });
    if (placed.examDay === null || offScale.examDay === null) throw new Error("no exam-day estimate");
    expect(placed.examDay.score).toBeLessThan(offScale.examDay.score - 0.05);
    expect(placed.now.score).toBeLessThan(offScale.now.score - 0.05);
    if (placed.examDayWithoutStudy === null || offScale.examDayWithoutStudy === null) throw new Error("no estimate without study");
    expect(placed.examDayWithoutStudy.score).toBeLessThan(offScale.examDayWithoutStudy.score - 0.05);

    // A plan that meets every item before the exam: on exam day nothing is
    // left unmet, so the difference is the projection's simulated first
    // answers, which must come from the placed ratings too.
    const meetAll = { ...plan, plannedReviews: 600 };
    const placedAll = estimateReadiness({ ...meetAll, candidates, rng: createRng(2) });
    const offScaleAll = estimateReadiness({ ...meetAll, candidates: candidates.map(({ labelRating: _, ...c }) => c), rng: createRng(2) });
    if (placedAll.examDay === null || offScaleAll.examDay === null) throw new Error("no exam-day estimate");
    expect(placedAll.examDay.score).toBeLessThan(offScaleAll.examDay.score - 0.005);
  });
  it("scores the items not met on expected difficulties, not on the noisy ratings the pick chose the met ones by", () => {
    // 200 medium items, all truly of the same difficulty: a student rated 0
    // knows each with even odds, P(correct) = 0.625. The class rated every
    // item from `answers` first answers, and by chance half came out at +0.6
    // and half at -0.6. The pick met the 80 hardest-looking first, and the
    // student got 10 of every 16 right: the 0.625 the truth gives.
    const met = (i: number) => i % 4 < 2 && i < 160;
    // The met items in order, j = 0..79: right when j % 16 < 10.
    const rightFirst = (i: number) => (Math.floor(i / 4) * 2 + (i % 4)) % 16 < 10;
    const scoreNotMet = (answers: number | undefined): number => {
      const candidates: Candidate[] = Array.from({ length: 200 }, (_, i) => ({
        questionId: `q${String(i)}`,
        topicId: onTwoTopics(i),
        optionCount: 4,
        itemRating: i % 4 < 2 ? 0.6 : -0.6,
        labelRating: 0,
        ...(answers === undefined ? {} : { calibrationAnswers: answers }),
        memory: met(i) ? memoryFromHistory([{ daysAgo: 1, correct: rightFirst(i) }]) : null,
      }));
      const abilities: Record<string, TopicAbility> = { grief: { rating: 0, attempts: 40 }, disputes: { rating: 0, attempts: 40 } };
      const firstAnswers = candidates.flatMap((c, i) => (met(i) ? [{ questionId: c.questionId, correct: rightFirst(i) }] : []));
      expect(firstAnswers.filter((a) => a.correct)).toHaveLength(50);
      expect(firstAnswers).toHaveLength(80);
      return meanOf(candidates, abilities, firstAnswers, () => true);
    };
    // On the raw ratings the check credits the student with the met items'
    // error (they looked 0.6 harder than they were) and the items left,
    // which look easy, score about 0.77.
    expect(scoreNotMet(undefined)).toBeGreaterThan(0.75);
    // Ten answers an item say little against the label: close to the truth.
    expect(Math.abs(scoreNotMet(10) - 0.625)).toBeLessThan(0.05);
    // Ratings that rest on many answers are the items' own: trusted as before.
    expect(scoreNotMet(1e6)).toBeGreaterThan(0.75);
  });
});

describe("the class's level (classLevel) and a student read against it", () => {
  /** 200 items of rating 0; the class has given `answers` first answers to each, `right` of them right. */
  function classBank(answers: number, right: number, met = 0): Candidate[] {
    return bank(met).map((c) => ({ ...c, labelRating: 0, calibrationAnswers: answers, calibrationCorrect: right }));
  }
  const placedAt0 = new Float64Array(200);

  it("stands where the others' first answers to the student's items put it, allowing for the class's spread, and not before they have given enough", () => {
    // The student answered the first 40 items, every other one right.
    const mine: FirstAnswer[] = Array.from({ length: 40 }, (_, i) => ({ questionId: `q${String(i)}`, correct: i % 2 === 0 }));
    /** Each of the student's items: 8 other first answers, `others` of them right, plus the student's own; the other items all right. */
    const counted = (others: number, perItem = 8): Candidate[] =>
      bank(40).map((c, i) =>
        i < 40
          ? { ...c, labelRating: 0, calibrationAnswers: perItem + 1, calibrationCorrect: others + (i % 2 === 0 ? 1 : 0) }
          : { ...c, labelRating: 0, calibrationAnswers: 50, calibrationCorrect: 50 },
      );
    // 5 of 8 right at rating 0: half the class's knowledge, so the level is the items', 0.
    expect(classLevel(counted(5), placedAt0, mine)?.level).toBeCloseTo(0, 6);
    // A student's spread about the class, widened by the level's own uncertainty: more with fewer answers.
    const sd = classLevel(counted(5), placedAt0, mine)?.sd ?? NaN;
    expect(sd).toBeGreaterThan(CLASS_LEVEL_SD);
    expect(classLevel(counted(5 * 4, 8 * 4), placedAt0, mine)?.sd).toBeLessThan(sd);
    const better = classLevel(counted(7), placedAt0, mine)?.level ?? NaN;
    const worse = classLevel(counted(3), placedAt0, mine)?.level ?? NaN;
    expect(worse).toBeLessThan(-1);
    // 7 of 8 right: knowledge 5/6, which one student at the level would have at logit(5/6) = ln 5;
    // a class spread about it knows less of what it knows well, so its level sits further out.
    expect(better).toBeGreaterThan(Math.log(5));
    // The student's own answers are not the class's: alone, there is no class.
    expect(classLevel(counted(0, 0), placedAt0, mine)).toBeUndefined();
    // 40 items with at most 1 other answer each, 20 of them with one: 20 in all, too few.
    const sparse = bank(40).map((c, i) => (i < 40 ? { ...c, labelRating: 0, calibrationAnswers: 1 + (i % 2), calibrationCorrect: i % 2 === 0 ? 1 : 0 } : c));
    expect(classLevel(sparse, placedAt0, mine)).toBeUndefined();
    // Without first answers of the student's, nothing to stand on.
    expect(classLevel(counted(5), placedAt0, [])).toBeUndefined();
  });

  it("pulls students whose first answers are all chance toward the class of novices they belong to: a lucky run of guesses reads less as knowledge", () => {
    // 40 novices, 30 first answers each at chance; the class's 40 first answers to each item at chance too.
    const alone: number[] = [];
    const inClass: number[] = [];
    for (let seed = 1; seed <= 40; seed++) {
      const { abilities, firstAnswers } = student(0, 30, seed);
      alone.push(unmetScore(bank(30), abilities, firstAnswers));
      inClass.push(unmetScore(classBank(40, 10, 30), abilities, firstAnswers));
    }
    const mean = (xs: number[]) => xs.reduce((a, b) => a + b, 0) / xs.length;
    const sd = (xs: number[]) => Math.sqrt(mean(xs.map((x) => (x - mean(xs)) ** 2)));
    // Measured: alone mean 0.286, sd 0.048, luckiest 0.458; against the class 0.279, 0.041, 0.428. A class at
    // chance says little about where it stands (the level's own error widens the prior), so the pull is gentle.
    expect(mean(inClass)).toBeLessThan(mean(alone) - 0.005);
    expect(sd(inClass)).toBeLessThan(0.9 * sd(alone));
    expect(Math.max(...inClass)).toBeLessThan(Math.max(...alone));
  });

  it("stays finite where the class's answers alone would not settle (at or below chance, or all right), and then holds a student only loosely", () => {
    const mine: FirstAnswer[] = Array.from({ length: 40 }, (_, i) => ({ questionId: `q${String(i)}`, correct: true }));
    for (const right of [0, 5, 10, 40]) {
      const candidates = bank(40).map((c, i) => (i < 40 ? { ...c, labelRating: 0, calibrationAnswers: 41, calibrationCorrect: right + 1 } : c));
      const level = classLevel(candidates, placedAt0, mine);
      expect(level).toBeDefined();
      expect(Math.abs(level?.level ?? NaN)).toBeLessThan(10);
      expect(level?.sd ?? 0).toBeGreaterThan(CLASS_LEVEL_SD);
    }
  });

  it("lets a student who knew every item they met read high even in a class at or below chance on those items", () => {
    const firstAnswers = Array.from({ length: 60 }, (_, i) => ({ questionId: `q${String(i)}`, correct: true }));
    for (const othersRight of [9, 10, 11]) {
      // 40 others answered each of the student's items, `othersRight` of them right; the student's own answer is counted too.
      const candidates = classBank(41, othersRight + 1, 60);
      expect(unmetScore(candidates, {}, firstAnswers)).toBeGreaterThan(0.8);
    }
  });

  it("reads the student's level from the class and their answers, whatever their Elo ratings", () => {
    const firstAnswers = Array.from({ length: 60 }, (_, i) => ({ questionId: `q${String(i)}`, correct: i % 4 !== 0 }));
    const elo = (rating: number): Record<string, TopicAbility> => ({ grief: { rating, attempts: 30 }, disputes: { rating, attempts: 30 } });
    const spread = (candidates: Candidate[]) => Math.abs(unmetScore(candidates, elo(2), firstAnswers) - unmetScore(candidates, elo(-2), firstAnswers));
    // Against the class (25 of 40 others right on the student's items), Elo ratings 4 logits apart move the reading little...
    const inClass = spread(classBank(41, 26, 60));
    // ...where, read alone, the check's prior leans on them.
    const alone = spread(bank(60));
    expect(inClass).toBeLessThan(0.03);
    expect(alone).toBeGreaterThan(inClass + 0.02);
  });

  it("still lets a student's own first answers move them well off the class's level", () => {
    // The class knows half; this student knew every item met (60 of 60 right).
    const abilities: Record<string, TopicAbility> = {};
    const firstAnswers = Array.from({ length: 60 }, (_, i) => ({ questionId: `q${String(i)}`, correct: true }));
    const inClass = unmetScore(classBank(40, 25, 60), abilities, firstAnswers);
    expect(inClass).toBeGreaterThan(0.85);
  });
});
