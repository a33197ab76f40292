import Papa from "papaparse";
import { describe, expect, it } from "vitest";
import { CSV_COLUMNS, parseCsv, writeCsv } from "@/lib/questions/formats/csv";
import { exchangeFromBank } from "@/lib/questions/formats/exchange";
import type { ExchangeQuestion } from "@/lib/questions/formats/types";
import { fixture, loadBundledBank, withoutLine } from "./format-helpers";

function expectIssues(issues: { line: number; reason: string }[], expected: [number, string][]) {
  expect(issues.map((i) => i.line)).toEqual(expected.map(([line]) => line));
  issues.forEach((issue, i) => expect(issue.reason).toContain(expected[i]?.[1]));
}

describe("parseCsv: the documented header", () => {
  const result = parseCsv(fixture("csv/features.csv"));

  it("reads every row, with the line each starts on (a quoted newline spans two lines; blank rows are ignored)", () => {
    expect(result.problems).toEqual([]);
    expect(result.questions.map((q) => q.line)).toEqual([2, 3, 6]);
  });

  it("reads quoted commas and doubled quotes, feedback, answer letter, difficulty, kind, tags and sources", () => {
    expect(withoutLine(result.questions[0]!)).toEqual({
      externalId: "csv-001",
      title: null,
      topic: "grief",
      stem: "Which area fits a client who cannot stop mourning a parent, two years on?",
      options: [
        { text: "Grief", correct: true, feedback: "Yes, unresolved grief." },
        { text: "Role dispute", correct: false, feedback: "No conflict is described." },
        { text: "Role transition", correct: false, feedback: "No new role is described." },
      ],
      explanation: 'Grief work follows a death; "complicated" grief lasts.',
      difficulty: "medium",
      kind: "application",
      tags: ["week-2", "grief"],
      sources: ["ipt-grief.txt", "ipt-overview.txt"],
    } satisfies ExchangeQuestion);
  });

  it("reads a newline inside a quoted field, six options and a lower-case answer letter", () => {
    const q = result.questions[1];
    expect(q?.stem).toBe("How long is IPT usually?\n(two lines in one quoted field)");
    expect(q?.options).toHaveLength(6);
    expect(q?.options.findIndex((o) => o.correct)).toBe(1);
    expect(q?.topic).toBe("structure");
    expect(q?.difficulty).toBeNull();
  });

  it("removes the spreadsheet formula guard", () => {
    const q = result.questions[2];
    expect(q?.stem).toBe("=SUM(A1) is not a formula here");
    expect(q?.options.map((o) => o.text)).toEqual(["-5", "+5"]);
    expect(q?.topic).toBeNull();
  });

  it("accepts semicolons, spaces and capitals in the header", () => {
    const r = parseCsv(fixture("csv/semicolon.csv"));
    expect(r.problems).toEqual([]);
    expect(r.questions[0]?.options).toEqual([
      { text: "Yes", correct: true, feedback: "Read fine" },
      { text: "No", correct: false, feedback: null },
    ]);
  });
});

describe("parseCsv: bad input", () => {
  it("names the line and fault of each broken row and keeps the good one", () => {
    const r = parseCsv(fixture("csv/broken-rows.csv"));
    expectIssues(r.problems, [
      [2, "answer column is empty"],
      [3, 'the answer "A,C" names 2 options'],
      [4, "the answer is D but option_d is empty"],
      [5, "option_b is empty but a later option is not"],
      [6, "the row has 3 fields; the header has 6"],
      [7, 'the answer "7" is not a letter'],
      [9, 'duplicate id "ok-1" (first used on line 8)'],
      [10, "Quoted field unterminated"],
    ]);
    expect(r.questions.map((q) => q.externalId)).toEqual(["ok-1"]);
  });

  it("names a missing column and an unknown one, on line 1, and imports nothing", () => {
    const r = parseCsv(fixture("csv/missing-column.csv"));
    expect(r.questions).toEqual([]);
    expectIssues(r.problems, [
      [1, 'unknown column "question"'],
      [1, 'missing column "stem"'],
      [1, 'missing column "option_b"'],
    ]);
  });

  it("refuses a seventh option column", () => {
    expectIssues(parseCsv(fixture("csv/seven-options.csv")).problems, [[1, 'unknown column "option_g"']]);
  });

  it("refuses a file in another format, a header with no rows, and an empty file", () => {
    expectIssues(parseCsv("::Q:: Which?{=a ~b}\n").problems, [[1, "not a question CSV file"]]);
    expectIssues(parseCsv("stem,option_a,option_b,answer\n").problems, [[1, "no question rows"]]);
    expect(parseCsv("").problems).toEqual([{ line: 0, reason: "the file is empty" }]);
  });

  it("refuses an invalid difficulty or kind", () => {
    const r = parseCsv("stem,option_a,option_b,answer,difficulty,kind\nWhich?,a,b,A,tough,guess\n");
    expectIssues(r.problems, [
      [2, 'difficulty "tough"'],
      [2, 'kind "guess"'],
    ]);
  });
});

describe("writeCsv", () => {
  it("writes the documented header, CRLF rows and RFC 4180 quoting", () => {
    const question: ExchangeQuestion = {
      externalId: "w-1",
      title: null,
      topic: "t",
      stem: 'Commas, "quotes"\nand lines',
      options: [
        { text: "=1+1", correct: false, feedback: "'quoted already" },
        { text: "@home", correct: true, feedback: null },
      ],
      explanation: null,
      difficulty: "easy",
      kind: null,
      tags: ["a", "b"],
      sources: [],
    };
    const { text } = writeCsv([question]);
    expect(text.startsWith(`${CSV_COLUMNS.join(",")}\r\n`)).toBe(true);
    expect(text).toContain('"Commas, ""quotes""\nand lines"');
    expect(text).toContain("'=1+1");
    const cells = Papa.parse<string[]>(text.trim(), { delimiter: "," }).data[1] ?? [];
    expect(cells.some((cell) => /^[=+@-]/.test(cell))).toBe(false);
    const back = parseCsv(text);
    expect(back.problems).toEqual([]);
    expect(back.questions.map(withoutLine)).toEqual([question]);
  });
});

// The whole bank: seconds of work on a loaded machine, not a unit-sized budget.
describe("CSV round trip on the bundled bank", { timeout: 30_000 }, () => {
  it("reproduces every question exactly (titles are not a CSV column)", () => {
    const original = loadBundledBank().questions.map((q) => ({ ...exchangeFromBank(q), title: null }));
    const parsed = parseCsv(writeCsv(original).text);
    expect(parsed.problems).toEqual([]);
    expect(parsed.questions.map(withoutLine)).toEqual(original);
  });
});
