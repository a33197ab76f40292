import { describe, expect, it } from "vitest";
import { parseAiken } from "@/lib/questions/formats/aiken";
import { parseCsv } from "@/lib/questions/formats/csv";
import { parseQuestionFile } from "@/lib/questions/formats/detect-format";
import { MAX_INPUT_BYTES, MAX_QUESTIONS, prepareInput } from "@/lib/questions/formats/exchange";
import { parseGift } from "@/lib/questions/formats/gift";
import { parseJsonBank } from "@/lib/questions/formats/json-bank";
import { parseMoodleXml } from "@/lib/questions/formats/moodle-xml";
import type { ImportInput, ImportResult } from "@/lib/questions/formats/types";
import { fixture } from "./format-helpers";

const PARSERS: [string, (input: ImportInput) => ImportResult][] = [
  ["gift", parseGift],
  ["moodle-xml", parseMoodleXml],
  ["aiken", parseAiken],
  ["csv", parseCsv],
  ["json", parseJsonBank],
];

const utf8 = (text: string) => new TextEncoder().encode(text);

describe.each(PARSERS)("%s: limits shared by every format", (_name, parse) => {
  it("refuses more than 5 MB, as text or as a 10 MB upload", () => {
    const big = "x".repeat(MAX_INPUT_BYTES + 1);
    expect(parse(big).problems).toEqual([{ line: 0, reason: "the file is larger than 5 MB; split it into smaller files" }]);
    expect(parse(new Uint8Array(10 * 1024 * 1024)).problems[0]?.reason).toContain("larger than 5 MB");
  });

  it("counts UTF-8 bytes, not characters: 2 million 'é' are 4 MB and pass the size check", () => {
    const problems = parse("é".repeat(2_000_000)).problems;
    expect(problems.some((p) => p.reason.includes("larger than"))).toBe(false);
  });

  it("refuses bytes that are not UTF-8, naming the line", () => {
    const latin1 = new Uint8Array([...utf8("line one\nline two\nsome "), 0xe9, 0x74, 0xe9, ...utf8("\n")]);
    expect(parse(latin1).problems).toEqual([{ line: 3, reason: "the file is not UTF-8 text (save it as UTF-8 and try again)" }]);
  });

  it("refuses text that holds U+FFFD, naming the line", () => {
    const problems = parse("first\nsecond \uFFFD here\n").problems;
    expect(problems).toHaveLength(1);
    expect(problems[0]?.line).toBe(2);
    expect(problems[0]?.reason).toContain("not read as UTF-8");
  });

  it("refuses binary data and empty input", () => {
    const png = new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0x00, 0x00, 0x00, 0x0d]);
    expect(parse(png).problems).toHaveLength(1);
    expect(parse(new Uint8Array([0x41, 0x00, 0x42])).problems[0]?.reason).toContain("binary data");
    expect(parse("").problems).toEqual([{ line: 0, reason: "the file is empty" }]);
    expect(parse(new Uint8Array()).problems).toEqual([{ line: 0, reason: "the file is empty" }]);
  });
});

describe("bytes, BOM and line endings", () => {
  it("reads UTF-8 bytes with a BOM and CRLF line ends like the plain text", () => {
    const text = fixture("gift/features.gift.txt");
    const bytes = new Uint8Array([0xef, 0xbb, 0xbf, ...utf8(text.replace(/\n/g, "\r\n"))]);
    expect(parseGift(bytes)).toEqual(parseGift(text));
  });

  it("prepareInput keeps valid text and strips the BOM", () => {
    expect(prepareInput("\uFEFFabc\r\ndef")).toEqual({ ok: true, text: "abc\ndef" });
  });
});

function manyGift(n: number): string {
  return Array.from({ length: n }, (_, i) => `// [id:q-${i}]\nQuestion ${i}?{=yes ~no}`).join("\n\n");
}

describe("at most 5,000 questions in one file", () => {
  const n = MAX_QUESTIONS + 1;
  const cases: [string, string, (input: ImportInput) => ImportResult, number][] = [
    ["gift", manyGift(n), parseGift, 3 * MAX_QUESTIONS + 2],
    [
      "moodle-xml",
      `<quiz>\n${Array.from({ length: n }, (_, i) => `<question type="multichoice"><idnumber>q-${i}</idnumber><questiontext><text>Q${i}?</text></questiontext><answer fraction="100"><text>a</text></answer><answer fraction="0"><text>b</text></answer></question>`).join("\n")}\n</quiz>`,
      parseMoodleXml,
      MAX_QUESTIONS + 2,
    ],
    ["csv", `id,stem,option_a,option_b,answer\n${Array.from({ length: n }, (_, i) => `q-${i},Q${i}?,a,b,A`).join("\n")}`, parseCsv, MAX_QUESTIONS + 2],
    ["aiken", Array.from({ length: n }, (_, i) => `Q${i}?\nA. a\nB. b\nANSWER: A`).join("\n\n"), parseAiken, 5 * MAX_QUESTIONS + 1],
    [
      "json",
      `[\n${Array.from({ length: n }, (_, i) => JSON.stringify({ id: `q-${i}`, topic: "focus", stem: `Q${i}?`, explanation: "", difficulty: "easy", kind: "recall", options: [{ text: "a", correct: true, feedback: "" }, { text: "b", correct: false, feedback: "" }] })).join(",\n")}\n]`,
      parseJsonBank,
      MAX_QUESTIONS + 2,
    ],
  ];

  it.each(cases)("%s: keeps 5,000 and names the line of the 5,001st", (_name, text, parse, line) => {
    const result = parse(text);
    expect(result.questions).toHaveLength(MAX_QUESTIONS);
    expect(result.problems).toEqual([{ line, reason: "more than 5,000 questions in one file (5001); split it" }]);
  });

  it("accepts exactly 5,000", () => {
    const result = parseGift(manyGift(MAX_QUESTIONS));
    expect(result.problems).toEqual([]);
    expect(result.questions).toHaveLength(MAX_QUESTIONS);
  });
});

describe("parseQuestionFile applies the same limits before detecting", () => {
  it("refuses a 10 MB upload without parsing it", () => {
    const r = parseQuestionFile(new Uint8Array(10 * 1024 * 1024).fill(0x41));
    expect(r.format).toBeNull();
    expect(r.problems).toEqual([{ line: 0, reason: "the file is larger than 5 MB; split it into smaller files" }]);
  });
});
