// A novice on the real bank, driven through the scheduler's public functions
// the way lib/services/scheduling.ts drives it: every first answer is a blind
// guess (the student knows none of the material), later answers come from a
// simple exponential memory (half-life 1 day after the explanation, x2.5 per
// spaced recall, halved by a lapse) or a lucky guess. Studies at 18:00 on
// every day not skipped; the exam is on the morning of day `examDays`.
import { knowledgeProbability, updateAbility, createQuestionCalibration } from "@/lib/scheduler/ability";
import { reviewMemory } from "@/lib/scheduler/memory";
import { createMemoryFit, updateMemoryFit } from "@/lib/scheduler/memory-fit";
import { pickNextQuestion } from "@/lib/scheduler/pick-next";
import { createRng } from "@/lib/scheduler/rng";
import type { Candidate, DifficultyLabel, SchedulerParams, MemoryFit, QuestionCalibration, TopicAbility, TopicWeight } from "@/lib/scheduler/types";

export interface BankItem {
  id: string;
  topic: string;
  difficulty: DifficultyLabel;
  optionCount: number;
}

export interface NoviceBank {
  topics: TopicWeight[];
  items: BankItem[];
}

export interface NoviceRun {
  /** Distinct items shown before the exam. */
  met: number;
  /** Distinct items met per topic. */
  metByTopic: Record<string, number>;
  reviews: number;
}

const DAY_MS = 86_400_000;
const START_MS = Date.UTC(2026, 2, 2);

export interface NoviceOptions {
  examDays: number;
  perDay: number;
  seed: number;
  /** Days (0-based) the student does not study. */
  skippedDays?: ReadonlySet<number>;
  /** "exponential" (default) as above; "never": the student never recalls anything (every answer a guess). */
  memory?: "exponential" | "never";
  params?: Partial<SchedulerParams>;
}

export function runNovice(bank: NoviceBank, options: NoviceOptions): NoviceRun {
  const { examDays, perDay, seed } = options;
  const extra = options.params ?? {};
  const coins = createRng(seed);
  const rng = createRng(seed * 31 + 7);
  const examDate = new Date(START_MS + (examDays + 0.375) * DAY_MS);
  const candidates: Candidate[] = bank.items.map((item) => ({
    questionId: item.id,
    topicId: item.topic,
    optionCount: item.optionCount,
    itemRating: createQuestionCalibration(item.difficulty).rating,
    memory: null,
  }));
  const position = new Map(candidates.map((c, i) => [c.questionId, i]));
  const calibrations: QuestionCalibration[] = bank.items.map((item) => createQuestionCalibration(item.difficulty));
  const abilities: Record<string, TopicAbility> = {};
  const halfLife = new Float64Array(candidates.length);
  const lastSeen = new Float64Array(candidates.length);
  let fit: MemoryFit = createMemoryFit();
  let lastQuestionId: string | null = null;
  let lastTopicId: string | null = null;
  let reviews = 0;
  for (let day = 0; day < examDays; day++) {
    if (options.skippedDays?.has(day) === true) continue;
    let introducedToday = 0;
    for (let k = 0; k < perDay; k++) {
      const nowMs = START_MS + (day + 0.75) * DAY_MS + k * 60_000;
      const now = new Date(nowMs);
      const pick = pickNextQuestion({
        now,
        candidates,
        topics: bank.topics,
        abilities,
        plan: { examDate, dailyGoal: perDay },
        lastQuestionId,
        lastTopicId,
        introducedToday,
        rng,
        params: { ...extra, memoryFit: fit },
      });
      if (pick === null) throw new Error("no pick");
      const i = position.get(pick.questionId) ?? -1;
      const candidate = candidates[i] as Candidate;
      const guess = 1 / candidate.optionCount;
      const first = candidate.memory === null;
      const t = (nowMs - (lastSeen[i] ?? 0)) / DAY_MS;
      const h = halfLife[i] ?? 1;
      const recalled = !first && options.memory !== "never" && coins.next() < Math.pow(2, -t / h);
      const correct = recalled || coins.next() < guess;
      if (first) halfLife[i] = 1;
      else if (recalled) halfLife[i] = h * (1 + 1.5 * Math.min(1, t / h));
      else halfLife[i] = Math.max(0.5, h / 2);
      lastSeen[i] = nowMs;
      const answer = { correct, confidence: "SURE" as const, optionCount: candidate.optionCount };
      const ability = abilities[candidate.topicId] ?? { rating: 0, attempts: 0 };
      const before = candidate.memory;
      if (before !== null && before.lastReview !== null) {
        fit = updateMemoryFit(fit, {
          elapsedDays: (nowMs - before.lastReview.getTime()) / DAY_MS,
          stability: before.stability,
          correct,
          confidence: "SURE",
          optionCount: candidate.optionCount,
        });
      }
      candidate.memory = reviewMemory({
        memory: before,
        answer,
        now,
        examDate,
        priorRecall: knowledgeProbability(ability.rating, candidate.itemRating),
        params: { memoryFit: fit },
      }).memory;
      if (first) {
        introducedToday++;
        const updated = updateAbility({ ability, calibration: calibrations[i] as QuestionCalibration, answer, firstAttempt: true });
        abilities[candidate.topicId] = updated.ability;
        calibrations[i] = updated.calibration;
        candidate.itemRating = updated.calibration.rating;
      }
      lastQuestionId = pick.questionId;
      lastTopicId = pick.topicId;
      reviews++;
    }
  }
  const metByTopic: Record<string, number> = {};
  let met = 0;
  candidates.forEach((c) => {
    if (c.memory !== null) {
      met++;
      metByTopic[c.topicId] = (metByTopic[c.topicId] ?? 0) + 1;
    }
  });
  return { met, metByTopic, reviews };
}
