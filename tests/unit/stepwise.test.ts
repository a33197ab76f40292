import { describe, expect, it } from "vitest";
import { runStepwise } from "@/lib/server/stepwise";

describe("runStepwise", () => {
  it("gives the event loop a turn after every step and resolves with the generator's result", async () => {
    const log: string[] = [];
    function* work(): Generator<void, number, void> {
      for (let i = 0; i < 3; i++) {
        log.push(`step ${String(i)}`);
        yield;
      }
      log.push("done");
      return 42;
    }
    // Work that arrives meanwhile (a request): each turn it gets runs between two steps.
    let turns = 0;
    const other = (): void => {
      if (log.includes("done")) return;
      turns += 1;
      log.push(`turn ${String(turns)}`);
      setImmediate(other);
    };
    setImmediate(other);
    await expect(runStepwise(work())).resolves.toBe(42);
    expect(log.slice(0, 6)).toEqual(["step 0", "turn 1", "step 1", "turn 2", "step 2", "turn 3"]);
  });

  it("passes a step's error on", async () => {
    function* failing(): Generator<void, void, void> {
      yield;
      throw new Error("bad step");
    }
    await expect(runStepwise(failing())).rejects.toThrow("bad step");
  });
});
