import { describe, expect, it } from "vitest";
import { reserveAttempt } from "@/lib/services/throttle";

const WINDOW_MS = 15 * 60_000;

describe("attempt counters under parallel requests", () => {
  it("refuses none of the first attempts on a new key while the limit is not reached", async () => {
    // Two requests meeting a key nobody has used: one creates the counter, the other must count against it,
    // even when it looked for the row before the first one's insert was visible and found it after.
    for (let round = 0; round < 20; round += 1) {
      const rule = { key: `parallel-first:${round}`, limit: 10, windowMs: WINDOW_MS };
      const now = new Date();
      const results = await Promise.all([reserveAttempt(rule, now), reserveAttempt(rule, now), reserveAttempt(rule, now)]);
      expect(results).toEqual([{ ok: true }, { ok: true }, { ok: true }]);
    }
  });

  it("lets exactly the limit through when many arrive at once", async () => {
    const rule = { key: "parallel-flood", limit: 5, windowMs: WINDOW_MS };
    const now = new Date();
    const results = await Promise.all(Array.from({ length: 12 }, () => reserveAttempt(rule, now)));
    expect(results.filter((r) => r.ok)).toHaveLength(5);
    for (const refused of results.filter((r) => !r.ok)) expect(refused).toEqual({ ok: false, retryAfterMs: WINDOW_MS });
  });
});
