import "server-only";
import { setImmediate as nextTurn } from "node:timers/promises";

/**
 * Runs a computation written as a generator a step at a time, giving the
 * event loop a turn after every step: requests that arrived meanwhile run
 * before the next step. A server has one JavaScript thread, and a CPU-bound
 * computation of tens of milliseconds run at once (readiness's projection of
 * the plan to the exam, lib/scheduler/readiness.ts) delays every request
 * queued behind it by as much. Steps should be short (a few milliseconds);
 * the result is the generator's, however long the turns in between take.
 */
export async function runStepwise<T>(steps: Generator<void, T, void>): Promise<T> {
  for (;;) {
    const step = steps.next();
    if (step.done === true) return step.value;
    await nextTurn();
  }
}
