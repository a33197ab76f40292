import { describe, expect, it } from "vitest";
import { parseAiken, writeAiken } from "@/lib/questions/formats/aiken";
import { exchangeFromBank } from "@/lib/questions/formats/exchange";
import { fixture, loadBundledBank } from "./format-helpers";

describe("parseAiken", () => {
  it("reads single- and multi-line stems, 'A.' and 'A)' options, questions with and without blank lines between", () => {
    const r = parseAiken(fixture("aiken/features.txt"));
    expect(r.problems).toEqual([]);
    expect(r.questions.map((q) => q.line)).toEqual([1, 8, 14]);
    expect(r.questions[1]?.stem).toBe('A client says:\n"My sister and I want different things from our mother\'s care."\nWhich problem area is this?');
    expect(r.questions.map((q) => q.options.findIndex((o) => o.correct))).toEqual([2, 0, 0]);
    expect(r.questions[2]?.options).toHaveLength(6);
    for (const q of r.questions) {
      expect(q).toMatchObject({ externalId: null, topic: null, explanation: null, tags: [], sources: [] });
      expect(q.options.every((o) => o.feedback === null)).toBe(true);
    }
  });

  it("names the line of each broken question and keeps the good ones", () => {
    const r = parseAiken(fixture("aiken/broken.txt"));
    const expected: [number, string][] = [
      [1, "no ANSWER: line"],
      [8, 'names 2 options'],
      [13, "there is no option D"],
      [15, "7 options"],
      [27, "option C is out of order"],
    ];
    expect(r.problems.map((p) => p.line)).toEqual(expected.map(([line]) => line));
    r.problems.forEach((p, i) => expect(p.reason).toContain(expected[i]?.[1]));
    expect(r.questions.map((q) => q.stem)).toEqual(["A good one at the end"]);
  });

  it("refuses a file in another format", () => {
    const r = parseAiken("::Q:: Which?{=a ~b}\n");
    expect(r.problems).toEqual([{ line: 1, reason: 'no "ANSWER:" line anywhere: this does not look like an Aiken file' }]);
  });
});

// The whole bank: seconds of work on a loaded machine, not a unit-sized budget.
describe("Aiken round trip on the bundled bank", { timeout: 30_000 }, () => {
  it("keeps stem, options and key; says what it loses", () => {
    const original = loadBundledBank().questions.map(exchangeFromBank);
    const written = writeAiken(original);
    expect(written.losses.join(" ")).toContain("no feedback");
    const parsed = parseAiken(written.text);
    expect(parsed.problems).toEqual([]);
    expect(parsed.questions.map((q) => ({ stem: q.stem, options: q.options.map((o) => ({ text: o.text, correct: o.correct })) }))).toEqual(
      original.map((q) => ({ stem: q.stem, options: q.options.map((o) => ({ text: o.text, correct: o.correct })) })),
    );
  });
});
