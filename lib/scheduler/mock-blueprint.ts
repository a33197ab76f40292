import { InvalidNumberError, SchedulerInputError, assertFiniteNumber } from "./errors";
import type { Rng } from "./types";

/**
 * Mock exams are drawn to the subject's topic blueprint: each topic gets a
 * share of the N questions in proportion to its weight (largest remainder,
 * so the shares always add up to N), and within a topic the questions the
 * student most needs (never met, or last answered wrong) come first.
 */

export const MOCK_EXAM_MIN_QUESTIONS = 5;
export const MOCK_EXAM_MAX_QUESTIONS = 100;

export type BlueprintTopic = { topicId: string; weight: number };

/**
 * Splits `total` seats among topics by weight with the largest-remainder
 * (Hamilton) method. Ties in the remainder go to the larger weight, then to
 * the earlier topic, so the result is deterministic. When every weight is
 * zero the topics share equally.
 */
export function apportionByWeight(topics: readonly BlueprintTopic[], total: number): Map<string, number> {
  if (!Number.isInteger(total) || total < 0) throw new InvalidNumberError("total", total, "a whole number of at least 0");
  for (const topic of topics) assertFiniteNumber(`weight of ${topic.topicId}`, topic.weight, 0);
  if (new Set(topics.map((t) => t.topicId)).size !== topics.length) {
    throw new SchedulerInputError("INVALID_INPUT", "each topic may appear once in a blueprint");
  }
  const seats = new Map(topics.map((t) => [t.topicId, 0]));
  if (topics.length === 0 || total === 0) return seats;

  const weightSum = topics.reduce((sum, t) => sum + t.weight, 0);
  const weights = weightSum > 0 ? topics.map((t) => t.weight / weightSum) : topics.map(() => 1 / topics.length);
  const quotas = weights.map((w) => w * total);
  let given = 0;
  topics.forEach((t, i) => {
    const whole = Math.floor(quotas[i]!);
    seats.set(t.topicId, whole);
    given += whole;
  });
  const byRemainder = topics
    .map((t, i) => ({ topicId: t.topicId, remainder: quotas[i]! - Math.floor(quotas[i]!), weight: weights[i]!, index: i }))
    .sort((a, b) => b.remainder - a.remainder || b.weight - a.weight || a.index - b.index);
  for (const entry of byRemainder) {
    if (given >= total) break;
    seats.set(entry.topicId, (seats.get(entry.topicId) ?? 0) + 1);
    given += 1;
  }
  return seats;
}

export type MockCandidate = {
  questionId: string;
  topicId: string;
  /** Never answered by this student, or their last answer to it was wrong. */
  needed: boolean;
};

function shuffleInPlace<T>(items: T[], rng: Rng): T[] {
  for (let i = items.length - 1; i > 0; i -= 1) {
    const j = Math.floor(rng.next() * (i + 1));
    [items[i], items[j]] = [items[j]!, items[i]!];
  }
  return items;
}

/** Needed questions first (in random order), then the rest (in random order). */
function byNeed(candidates: readonly MockCandidate[], rng: Rng): MockCandidate[] {
  const needed = shuffleInPlace(candidates.filter((c) => c.needed), rng);
  const rest = shuffleInPlace(candidates.filter((c) => !c.needed), rng);
  return [...needed, ...rest];
}

export type MockDraw = {
  /** Question ids in the order the exam shows them. */
  questionIds: string[];
  /** Seats each topic was due by its weight, before any shortfall was filled from others. */
  planned: Map<string, number>;
};

/**
 * Draws `count` distinct questions for a mock exam. A topic with fewer
 * questions than its seats gives what it has; the shortfall is filled from the
 * other topics' remaining questions (needed ones first). Candidates of topics
 * outside the blueprint are ignored. The exam order is shuffled so topics are
 * mixed.
 */
export function drawMockExam(args: {
  topics: readonly BlueprintTopic[];
  candidates: readonly MockCandidate[];
  count: number;
  rng: Rng;
}): MockDraw {
  const { topics, count, rng } = args;
  if (!Number.isInteger(count) || count < 1) throw new InvalidNumberError("count", count, "a whole number of at least 1");
  const inBlueprint = new Set(topics.map((t) => t.topicId));
  const seen = new Set<string>();
  const candidates = args.candidates.filter((c) => {
    if (!inBlueprint.has(c.topicId) || seen.has(c.questionId)) return false;
    seen.add(c.questionId);
    return true;
  });
  if (candidates.length < count) {
    throw new SchedulerInputError("INVALID_INPUT", `only ${candidates.length} questions are available for ${count} seats`);
  }

  const planned = apportionByWeight(topics, count);
  const chosen: MockCandidate[] = [];
  const leftovers: MockCandidate[] = [];
  for (const topic of topics) {
    const ordered = byNeed(
      candidates.filter((c) => c.topicId === topic.topicId),
      rng,
    );
    const seats = planned.get(topic.topicId) ?? 0;
    chosen.push(...ordered.slice(0, seats));
    leftovers.push(...ordered.slice(seats));
  }
  if (chosen.length < count) chosen.push(...byNeed(leftovers, rng).slice(0, count - chosen.length));
  return { questionIds: shuffleInPlace(chosen, rng).map((c) => c.questionId), planned };
}
