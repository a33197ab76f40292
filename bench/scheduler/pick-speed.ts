// Picking speed: pickNextQuestion over 2,000 candidates (60% seen, with real
// FSRS states), exam in 30 days. Budget: median <= 2 ms. Prints the median.
import { reviewMemory } from "../../lib/scheduler/memory";
import { pickNextQuestion } from "../../lib/scheduler/pick-next";
import { createRng } from "../../lib/scheduler/rng";
import type { Candidate, MemoryState, TopicAbility } from "../../lib/scheduler/types";

const DAY_MS = 86_400_000;
const NOW = new Date("2026-03-10T18:00:00.000Z");
const CANDIDATES = 2000;
const RUNS = 400;
const WARMUP = 50;

const rng = createRng(2026);
const topics = Array.from({ length: 10 }, (_, t) => ({ topicId: `topic-${String(t)}`, weight: 0.1 }));
const abilities: Record<string, TopicAbility> = {};
for (const topic of topics) abilities[topic.topicId] = { rating: rng.next() * 2 - 1, attempts: Math.floor(rng.next() * 80) };

const candidates: Candidate[] = [];
for (let i = 0; i < CANDIDATES; i++) {
  let memory: MemoryState | null = null;
  if (rng.next() < 0.6) {
    let at = NOW.getTime() - (5 + 40 * rng.next()) * DAY_MS;
    const reviews = 1 + Math.floor(rng.next() * 5);
    for (let k = 0; k < reviews && at < NOW.getTime(); k++) {
      memory = reviewMemory({
        memory,
        answer: { correct: rng.next() < 0.75, confidence: "SURE", optionCount: 4 },
        now: new Date(at),
        priorRecall: 0.5,
      }).memory;
      at += (1 + 8 * rng.next()) * DAY_MS;
    }
  }
  candidates.push({ questionId: `q-${String(i)}`, topicId: `topic-${String(i % 10)}`, optionCount: 4, itemRating: rng.next() * 3 - 1.5, memory });
}

const times: number[] = [];
let lastQuestionId: string | null = null;
let lastTopicId: string | null = null;
for (let run = 0; run < WARMUP + RUNS; run++) {
  const now = new Date(NOW.getTime() + run * 60_000);
  const started = performance.now();
  const pick = pickNextQuestion({
    now,
    candidates,
    topics,
    abilities,
    plan: { examDate: new Date(NOW.getTime() + 30 * DAY_MS), dailyGoal: 20 },
    lastQuestionId,
    lastTopicId,
    introducedToday: run % 20,
    rng,
  });
  const elapsed = performance.now() - started;
  if (run >= WARMUP) times.push(elapsed);
  lastQuestionId = pick?.questionId ?? null;
  lastTopicId = pick?.topicId ?? null;
}
times.sort((a, b) => a - b);
const at = (q: number): number => times[Math.min(times.length - 1, Math.floor(q * times.length))] ?? NaN;
console.log(`pickNextQuestion over ${String(CANDIDATES)} candidates, ${String(RUNS)} runs: p95 ${at(0.95).toFixed(3)} ms, max ${at(1).toFixed(3)} ms`);
console.log(`median ${at(0.5).toFixed(3)} ms (budget 2 ms: ${at(0.5) <= 2 ? "met" : "NOT met"})`);
