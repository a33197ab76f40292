// Shared fixtures for the scheduler tests. MOCK_NOW pins the clock.
import { reviewMemory } from "@/lib/scheduler/memory";
import type { Candidate, MemoryState, TopicWeight } from "@/lib/scheduler/types";

export const MOCK_NOW = new Date("2026-03-10T18:00:00.000Z");
export const DAY = 86_400_000;

export function daysFrom(base: Date, days: number): Date {
  return new Date(base.getTime() + days * DAY);
}

/** A memory built by really answering: correct answers at the given day offsets before MOCK_NOW. */
export function memoryFromHistory(answers: ReadonlyArray<{ daysAgo: number; correct: boolean }>): MemoryState {
  let memory: MemoryState | null = null;
  for (const { daysAgo, correct } of answers) {
    memory = reviewMemory({
      memory,
      answer: { correct, confidence: "SURE", optionCount: 4 },
      now: daysFrom(MOCK_NOW, -daysAgo),
      priorRecall: 0.5,
    }).memory;
  }
  if (memory === null) throw new Error("empty history");
  return memory;
}

export const TWO_TOPICS: TopicWeight[] = [
  { topicId: "grief", weight: 0.5 },
  { topicId: "disputes", weight: 0.5 },
];

export function unseen(questionId: string, topicId: string, itemRating = 0): Candidate {
  return { questionId, topicId, optionCount: 4, itemRating, memory: null };
}
