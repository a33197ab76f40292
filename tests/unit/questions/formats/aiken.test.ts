import { describe, expect, it } from "vitest";
import fc from "fast-check";
import { parseAiken, writeAiken } from "@/lib/questions/formats/aiken";
import { parseRichText, plainTextOf } from "@/lib/questions/markdown";
import { emptyExchangeQuestion, exchangeFromBank } from "@/lib/questions/formats/exchange";
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

  it("reads 'A)text' options without a space as Moodle does, and names a stray option and a non-letter answer plainly", () => {
    const text = [
      "A) An option with no question before it",
      "",
      "ANSWER: no letter here",
      "",
      "Which area fits a move to a new city?",
      "A)Grief (no space)",
      "B)Role transition (no space)",
      "ANSWER: B",
      "",
      "A.J. is a 34-year-old teacher. Which area fits her new job?",
      "A. Role transition",
      "B. Grief",
      "ANSWER: A",
      "",
      "E. coli is named in a case. Which area fits a patient's new diagnosis?",
      "A. Role transition",
      "B. Grief",
      "ANSWER: A",
      "",
      "B) A stray option",
    ].join("\n");
    const r = parseAiken(text);
    expect(r.problems).toEqual([
      { line: 1, reason: 'an option ("A) ...") with no question before it' },
      { line: 3, reason: 'the answer "no letter here" is not an option letter (A, B, ...)' },
      { line: 20, reason: 'an option ("B) ...") with no question before it' },
    ]);
    expect(r.questions.map((q) => [q.line, q.stem, q.options.map((o) => o.text), q.options.findIndex((o) => o.correct)])).toEqual([
      [5, "Which area fits a move to a new city?", ["Grief (no space)", "Role transition (no space)"], 1],
      [10, "A.J. is a 34-year-old teacher. Which area fits her new job?", ["Role transition", "Grief"], 0],
      [15, "E. coli is named in a case. Which area fits a patient's new diagnosis?", ["Role transition", "Grief"], 0],
    ]);
    expect(parseAiken("Which?\nA. One\nB. Two\nANSWER: Question not started").problems).toEqual([
      { line: 4, reason: 'the answer "Question not started" is not an option letter (A, B, ...)' },
    ]);
    expect(parseAiken("Which?\nA. One\nB. Two\nANSWER: AB").problems).toEqual([
      { line: 4, reason: 'the answer "AB" is not an option letter (A, B, ...)' },
    ]);
    expect(parseAiken("Which?\nA. One\nB. Two\nANSWER: A, B").problems).toEqual([
      { line: 4, reason: 'the answer "A, B" names 2 options: exactly one must be correct' },
    ]);
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

describe("Aiken is plain text", () => {
  it("imports stars, backticks and list-like lines as written (escaped for our Markdown)", () => {
    const r = parseAiken(["What is 3*4*5?", "- pick one", "A. 60", "B. *12*", "C) `20`", "ANSWER: A", ""].join("\n"));
    expect(r.problems).toEqual([]);
    expect(r.questions[0]?.stem).toBe("What is 3\\*4\\*5?\n\\- pick one");
    expect(r.questions[0]?.options.map((o) => o.text)).toEqual(["60", "\\*12\\*", "\\`20\\`"]);
  });

  it("writes our Markdown as plain text, says emphasis is lost, and reads it back as written", () => {
    const question = { ...emptyExchangeQuestion(), stem: "The **key** is 3\\*4", options: [{ text: "*one*", correct: true, feedback: null }, { text: "two", correct: false, feedback: null }] };
    const written = writeAiken([question]);
    expect(written.text).toBe("The key is 3*4\nA. one\nB. two\nANSWER: A\n");
    expect(written.losses.join(" ")).toContain("emphasis");
    expect(parseAiken(written.text).questions[0]?.stem).toBe("The key is 3\\*4");
    expect(writeAiken([{ ...question, stem: "plain", options: question.options.slice(1).concat(question.options.slice(1)) }]).losses.join(" ")).not.toContain("emphasis");
  });
});

describe("Aiken round trip of any text (property)", () => {
  it("reads back what it wrote as the same words on screen, markup characters included", () => {
    const piece = fc.constantFrom("a", "b", " ", "*", "`", "\\", "-", "_", "1", ".", ")", "**x**", "*y*", "`z`");
    const text = fc.array(piece, { minLength: 1, maxLength: 12 }).map((parts) => parts.join("")).filter((t) => /[ab]/.test(t) && parseRichText(t).every((block) => block.type === "paragraph"));
    fc.assert(
      fc.property(text, fc.array(text, { minLength: 2, maxLength: 4 }), (stem, optionTexts) => {
        const question = { ...emptyExchangeQuestion(), stem, options: optionTexts.map((t, i) => ({ text: t, correct: i === 0, feedback: null })) };
        const parsed = parseAiken(writeAiken([question]).text);
        const shown = (t: string) => plainTextOf(parseRichText(t)).replace(/\s+/g, " ").trim();
        // Aiken is plain text: what reached the screen before is what reaches it after (emphasis aside; a list's
        // bullets would come back as the "- " they are written as, so the texts here are paragraphs).
        expect(parsed.questions.map((q) => [q.stem, ...q.options.map((o) => o.text)].map(shown))).toEqual([[stem, ...optionTexts].map((t) => shown(t))]);
      }),
      { numRuns: 1000 },
    );
  });
});
