import { describe, expect, it } from "vitest";
import { createRng } from "@/lib/scheduler/rng";

describe("createRng", () => {
  it("repeats a sequence for a seed, differs across seeds, stays in [0, 1)", () => {
    const a = createRng(123);
    const b = createRng(123);
    const c = createRng(124);
    const seqA = Array.from({ length: 1000 }, () => a.next());
    const seqB = Array.from({ length: 1000 }, () => b.next());
    const seqC = Array.from({ length: 1000 }, () => c.next());
    expect(seqA).toEqual(seqB);
    expect(seqA).not.toEqual(seqC);
    expect(Math.min(...seqA)).toBeGreaterThanOrEqual(0);
    expect(Math.max(...seqA)).toBeLessThan(1);
    const mean = seqA.reduce((x, y) => x + y, 0) / seqA.length;
    expect(mean).toBeGreaterThan(0.45);
    expect(mean).toBeLessThan(0.55);
  });
});
