// Our scheduler in the simulator, driven only through lib/scheduler's public
// functions: planSession / pickNextQuestion, reviewMemory, updateAbility,
// estimateReadiness. The simulator plans `chunk` questions at a time (a
// session prefetch) and re-plans after they are answered.
import { initialItemRating, knowledgeProbability, shiftLogit, updateAbility } from "../../lib/scheduler/ability";
import type { FirstAnswer } from "../../lib/scheduler/first-answer-check";
import { retrievability, reviewMemory } from "../../lib/scheduler/memory";
import {
  POPULATION_EVIDENCE_WEIGHT,
  addMemoryObservation,
  createMemoryEvidence,
  firstRecalled,
  fitMemoryEvidence,
  isBoundaryFit,
  recallOffsetFor,
  withPopulationEvidence,
} from "../../lib/scheduler/memory-evidence";
import type { MemoryEvidence, MemoryPrior } from "../../lib/scheduler/memory-evidence";
import { createMemoryFit, updateMemoryFit } from "../../lib/scheduler/memory-fit";
import { planSession } from "../../lib/scheduler/pick-next";
import type { Pick } from "../../lib/scheduler/pick-next";
import { estimateReadiness, expectedCorrectNow } from "../../lib/scheduler/readiness";
import type { ScoreEstimate } from "../../lib/scheduler/readiness";
import { createRng } from "../../lib/scheduler/rng";
import type { Candidate, Confidence, MemoryFit, QuestionCalibration, Rng, SchedulerParams, TopicAbility, TopicWeight } from "../../lib/scheduler/types";
import type { SimScheduler } from "./baselines";
import { EXAM_LENGTH, OPTION_COUNT, TOPIC_WEIGHTS } from "./world";
import type { Bank } from "./world";

export const DAY_MS = 86_400_000;
/** Simulated day 0 starts at this UTC midnight. */
export const EPOCH_MS = Date.UTC(2026, 0, 5);

export function toDate(days: number): Date {
  return new Date(EPOCH_MS + Math.round(days * DAY_MS));
}

/**
 * How ours fits the student's forgetting curve: "evidence" (default) keeps
 * binned counts and refits them (memory-evidence.ts) for picking and
 * readiness; "online" is memory-fit.ts's one step per review; "split" picks
 * with the online fit and predicts readiness with the evidence fit.
 * Environment SIM_FIT, for measuring.
 */
type FitMode = "evidence" | "online" | "split";
const FIT_MODE: FitMode = ((): FitMode => {
  const mode = process.env.SIM_FIT ?? "evidence";
  if (mode !== "evidence" && mode !== "online" && mode !== "split") throw new Error(`SIM_FIT must be evidence, online or split, not ${mode}`);
  return mode;
})();

const PRIOR = process.env.SIM_PRIOR === undefined ? undefined : (JSON.parse(process.env.SIM_PRIOR) as MemoryPrior);
/**
 * Whether the evidence learns each review's practice count (memory-evidence.ts,
 * decision 0004 fifth pass); SIM_PRACTICES=0 leaves it out, which is the
 * two-parameter fit of the fourth pass. For measuring.
 */
const WITH_PRACTICES = process.env.SIM_PRACTICES !== "0";
/**
 * Whether readiness checks the ability model against the student's first
 * answers (first-answer-check.ts); SIM_FIRST_CHECK=0 leaves them out. For measuring.
 */
const WITH_FIRST_CHECK = process.env.SIM_FIRST_CHECK !== "0";
/**
 * Whether later reviews are kept by the item's first answer, so readiness
 * fits the first-answer offsets (memory-evidence.ts, version 3);
 * SIM_FIRST_OUTCOME=0 leaves them out, as before the tenth pass. For measuring.
 */
const WITH_FIRST_OUTCOME = process.env.SIM_FIRST_OUTCOME !== "0";
/** Weight (in reviews) of the population's evidence in each student's fit; 0 = none. Environment SIM_POP. */
const POPULATION_WEIGHT = Number(process.env.SIM_POP ?? String(POPULATION_EVIDENCE_WEIGHT));

/** Every student's later reviews in a cell, summed (students run one after another, as calibration does). */
export interface SharedEvidence {
  evidence: MemoryEvidence;
}
export function createSharedEvidence(): SharedEvidence {
  return { evidence: createMemoryEvidence() };
}

export class OursScheduler implements SimScheduler {
  private readonly candidates: Candidate[];
  private readonly abilities: Record<string, TopicAbility> = {};
  private readonly topics: TopicWeight[];
  private queue: Pick[] = [];
  private introducedToday = 0;
  private lastQuestionId: string | null = null;
  private lastTopicId: string | null = null;
  private fit: MemoryFit = createMemoryFit();
  private evidence: MemoryEvidence = createMemoryEvidence();
  private evidenceFit: MemoryFit | null = null;
  private readonly firstAnswers: FirstAnswer[] = [];
  /** The same first answers by item index. */
  private readonly firstAnswerByItem = new Map<number, FirstAnswer>();
  constructor(
    private readonly bank: Bank,
    /** Shared across students: calibration from everyone's first attempts. */
    private readonly calibration: QuestionCalibration[],
    private readonly examAt: number,
    private readonly dailyGoal: number,
    private readonly rng: Rng,
    private readonly chunk: number,
    private readonly baseParams?: Partial<SchedulerParams>,
    private readonly fitMemory = true,
    private readonly population: SharedEvidence = createSharedEvidence(),
  ) {
    this.topics = bank.topicIds.map((topicId, t) => ({ topicId, weight: TOPIC_WEIGHTS[t] ?? 0 }));
    this.candidates = bank.questionIds.map((questionId, i) => {
      const row = calibration[i];
      const candidate: Candidate = { questionId, topicId: bank.topicIds[bank.topicOf[i] ?? 0] ?? "", optionCount: OPTION_COUNT, itemRating: row?.rating ?? 0, memory: null };
      // As the app reads QuestionCalibration: an item the class has answered carries its label's rating beside its own.
      if (row !== undefined && row.firstAttempts > 0) {
        candidate.labelRating = initialItemRating(bank.label[i] ?? "medium");
        candidate.calibrationAnswers = row.firstAttempts;
        candidate.calibrationCorrect = row.firstCorrect;
      }
      return candidate;
    });
  }
  private refit(): MemoryFit {
    const evidence = POPULATION_WEIGHT > 0 ? withPopulationEvidence(this.evidence, this.population.evidence, POPULATION_WEIGHT) : this.evidence;
    return fitMemoryEvidence(evidence, PRIOR);
  }
  private get params(): Partial<SchedulerParams> | undefined {
    this.evidenceFit ??= this.refit();
    const fit = FIT_MODE === "evidence" ? this.evidenceFit : this.fit;
    return this.fitMemory ? { ...this.baseParams, memoryFit: fit } : this.baseParams;
  }
  private get readinessParams(): Partial<SchedulerParams> | undefined {
    this.evidenceFit ??= this.refit();
    const fit = FIT_MODE === "online" ? this.fit : this.evidenceFit;
    return this.fitMemory ? { ...this.baseParams, memoryFit: fit } : this.baseParams;
  }
  private plan(): { examDate: Date; dailyGoal: number } {
    return { examDate: toDate(this.examAt), dailyGoal: this.dailyGoal };
  }
  beginDay(): void {
    this.introducedToday = 0;
    this.queue = [];
  }
  pick(now: number): number {
    if (this.queue.length === 0) {
      const input = {
        now: toDate(now),
        candidates: this.candidates,
        topics: this.topics,
        abilities: this.abilities,
        plan: this.plan(),
        lastQuestionId: this.lastQuestionId,
        lastTopicId: this.lastTopicId,
        introducedToday: this.introducedToday,
        rng: this.rng,
        ...(this.params === undefined ? {} : { params: this.params }),
      };
      this.queue = planSession(input, this.chunk);
    }
    const next = this.queue.shift();
    if (next === undefined) throw new Error("scheduler returned no question");
    const item = Number(next.questionId.slice(2));
    this.lastQuestionId = next.questionId;
    this.lastTopicId = next.topicId;
    return item;
  }
  observe(item: number, correct: boolean, now: number, confidence: Confidence): void {
    const candidate = this.candidates[item] as Candidate;
    const ability = this.abilities[candidate.topicId] ?? { rating: 0, attempts: 0 };
    const first = candidate.memory === null;
    const answer = { correct, confidence, optionCount: OPTION_COUNT };
    const result = reviewMemory({
      memory: candidate.memory,
      answer,
      now: toDate(now),
      examDate: toDate(this.examAt),
      priorRecall: knowledgeProbability(ability.rating, candidate.itemRating),
      ...(this.params === undefined ? {} : { params: this.params }),
    });
    const before = candidate.memory;
    if (this.fitMemory && before !== null && before.lastReview !== null) {
      const observation = {
        elapsedDays: (toDate(now).getTime() - before.lastReview.getTime()) / DAY_MS,
        stability: before.stability,
        correct,
        confidence,
        optionCount: OPTION_COUNT,
        ...(WITH_PRACTICES ? { practices: before.reps } : {}),
        ...(WITH_FIRST_OUTCOME ? { firstRecalled: this.firstRecalledOf(item) } : {}),
      };
      if (FIT_MODE !== "evidence") this.fit = updateMemoryFit(this.fit, observation);
      if (FIT_MODE !== "online") {
        this.evidence = addMemoryObservation(this.evidence, observation);
        this.population.evidence = addMemoryObservation(this.population.evidence, observation);
        this.evidenceFit = this.refit();
      }
    }
    candidate.memory = result.memory;
    if (first) {
      this.introducedToday++;
      const firstAnswer = { questionId: candidate.questionId, correct, confidence };
      this.firstAnswers.push(firstAnswer);
      this.firstAnswerByItem.set(item, firstAnswer);
      const calibration = this.calibration[item] as QuestionCalibration;
      const updated = updateAbility({ ability, calibration, answer, firstAttempt: true });
      this.abilities[candidate.topicId] = updated.ability;
      this.calibration[item] = updated.calibration;
      candidate.itemRating = updated.calibration.rating;
      candidate.labelRating = initialItemRating(this.bank.label[item] ?? "medium");
      candidate.calibrationAnswers = updated.calibration.firstAttempts;
      candidate.calibrationCorrect = updated.calibration.firstCorrect;
    }
  }
  /**
   * Instrumentation: the item's practices so far and the chance of a correct
   * answer now that the fitted curve (the one readiness uses, with its recall
   * offset when it has one) predicts, and whether that fit sits on a bound.
   */
  predictedCorrect(item: number, now: number): { practices: number; predicted: number; boundary: boolean } | null {
    const memory = (this.candidates[item] as Candidate).memory;
    if (memory === null) return null;
    const params = this.readinessParams;
    const fit = params?.memoryFit;
    const recall = shiftLogit(retrievability(memory, toDate(now), params), recallOffsetFor(fit, memory.reps));
    const c = 1 / OPTION_COUNT;
    return { practices: memory.reps, predicted: c + (1 - c) * recall, boundary: fit !== undefined && isBoundaryFit(fit) };
  }
  /**
   * Instrumentation: what readiness expects of each item at `now` (chance of
   * a correct answer, as estimateReadiness scores the bank) and whether the
   * student has met it.
   */
  itemExpectations(now: number): { correct: Float64Array; unseen: Uint8Array } {
    return expectedCorrectNow({
      now: toDate(now),
      candidates: this.candidates,
      topics: this.topics,
      abilities: this.abilities,
      ...(WITH_FIRST_CHECK ? { firstAnswers: this.firstAnswers } : {}),
      ...(this.readinessParams === undefined ? {} : { params: this.readinessParams }),
    });
  }
  /** Instrumentation: the class's first answers to the item so far (its calibration count). */
  classAnswersOf(item: number): number {
    return (this.candidates[item] as Candidate).calibrationAnswers ?? 0;
  }
  /** Instrumentation: each item's first answer (true: right), undefined for the items not met yet. */
  firstAnswerOf(item: number): boolean | undefined {
    return this.firstAnswerByItem.get(item)?.correct;
  }
  /** The item's first answer recalled (firstRecalled), not, or undefined for the items not met yet: how the evidence files its reviews. */
  private firstRecalledOf(item: number): boolean | undefined {
    const first = this.firstAnswerByItem.get(item);
    return first === undefined ? undefined : firstRecalled(first.correct, first.confidence === "GUESSED");
  }
  /** Instrumentation: the evidence fit as it stands (scale, decay, practice exponent, uncertainty). */
  currentFit(): MemoryFit {
    this.evidenceFit ??= this.refit();
    return this.evidenceFit;
  }
  predictExamScore(now: number, examAt: number): ScoreEstimate {
    const readiness = estimateReadiness({
      now: toDate(now),
      candidates: this.candidates,
      topics: this.topics,
      abilities: this.abilities,
      plan: { examDate: toDate(examAt), dailyGoal: this.dailyGoal },
      examLength: EXAM_LENGTH,
      ...(WITH_FIRST_CHECK ? { firstAnswers: this.firstAnswers } : {}),
      // Its own stream, so predicting does not change the picks that follow.
      rng: createRng(Math.floor(now * 1000) + 7),
      ...(this.readinessParams === undefined ? {} : { params: this.readinessParams }),
    });
    return readiness.examDay ?? readiness.now;
  }
}
