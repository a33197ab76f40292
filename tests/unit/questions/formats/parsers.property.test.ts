import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { parseAiken, writeAiken } from "@/lib/questions/formats/aiken";
import { parseCsv, writeCsv } from "@/lib/questions/formats/csv";
import { detectFormat, parseQuestionFile } from "@/lib/questions/formats/detect-format";
import { exchangeFromBank } from "@/lib/questions/formats/exchange";
import { parseGift, writeGift } from "@/lib/questions/formats/gift";
import { htmlToText, stripTags } from "@/lib/questions/formats/html-text";
import { parseJsonBank, writeJsonBank } from "@/lib/questions/formats/json-bank";
import { parseMoodleXml, writeMoodleXml } from "@/lib/questions/formats/moodle-xml";
import { MAX_OPTIONS, MIN_OPTIONS, type ExchangeQuestion, type ImportInput, type TextExport } from "@/lib/questions/formats/types";
import { fixture, loadBundledBank } from "./format-helpers";

/**
 * Every parser, fed random and mutated input: it returns (never throws), finishes, and its result keeps
 * its promises: every issue names a line inside the file (line 0 only for a blank file), every question
 * is single-answer multiple choice with 2 to 6 options, and no id repeats.
 */

type Parse = (input: ImportInput) => { format: string | null; questions: { line: number; externalId: string | null; stem: string; options: { text: string; correct: boolean }[] }[]; skipped: { line: number; reason: string }[]; problems: { line: number; reason: string }[] };

const sample = loadBundledBank().questions.slice(0, 6).map(exchangeFromBank);
const SEEDS: Readonly<Record<string, string[]>> = {
  gift: [writeGift(sample).text, fixture("gift/features.gift.txt"), fixture("gift/other-types.gift.txt"), fixture("gift/malformed.gift.txt")],
  "moodle-xml": [writeMoodleXml(sample).text, fixture("moodle-xml/features.xml"), fixture("moodle-xml/other-types.xml")],
  aiken: [writeAiken(sample).text, fixture("aiken/features.txt"), fixture("aiken/broken.txt")],
  csv: [writeCsv(sample).text, fixture("csv/features.csv"), fixture("csv/broken-rows.csv")],
  json: [writeJsonBank(sample).text, fixture("json/drafts.json"), fixture("json/broken-questions.json")],
};

const PARSERS: [string, Parse][] = [
  ["gift", parseGift],
  ["moodle-xml", parseMoodleXml],
  ["aiken", parseAiken],
  ["csv", parseCsv],
  ["json", parseJsonBank],
  ["detected", parseQuestionFile],
];

function asText(input: ImportInput): string {
  const text = typeof input === "string" ? input : new TextDecoder("utf-8").decode(input);
  return text.replace(/^\uFEFF/, "").replace(/\r\n?/g, "\n");
}

function checkResult(input: ImportInput, parse: Parse): void {
  checkParsed(input, parse(input));
}

function checkParsed(input: ImportInput, result: ReturnType<Parse>): void {
  const text = asText(input);
  const lineCount = text.split("\n").length;
  const firstLine = text.trim() === "" ? 0 : 1;
  const broken: string[] = [];
  for (const issue of [...result.problems, ...result.skipped]) {
    if (!Number.isInteger(issue.line) || issue.line < firstLine || issue.line > lineCount) broken.push(`line ${issue.line} outside ${firstLine}..${lineCount}: ${issue.reason}`);
    if (issue.reason.trim() === "") broken.push(`an issue on line ${issue.line} gives no reason`);
  }
  const ids = new Set<string>();
  for (const q of result.questions) {
    const where = `question on line ${q.line}`;
    if (q.line < 1 || q.line > lineCount) broken.push(`${where}: line outside 1..${lineCount}`);
    if (q.stem.trim() === "") broken.push(`${where}: empty stem`);
    if (q.options.length < MIN_OPTIONS || q.options.length > MAX_OPTIONS) broken.push(`${where}: ${q.options.length} options`);
    if (q.options.filter((o) => o.correct).length !== 1) broken.push(`${where}: not exactly one key`);
    if (q.options.some((o) => o.text.trim() === "")) broken.push(`${where}: an empty option`);
    if (q.externalId !== null) {
      if (ids.has(q.externalId)) broken.push(`${where}: repeated id ${q.externalId}`);
      ids.add(q.externalId);
    }
  }
  expect(broken).toEqual([]);
}

const SPECIAL = [
  "{", "}", "=", "~", "#", "####", ":", "::", "\\", "\n", "\n\n", "\r\n", "<", ">", "/", "//", '"', "'", ",", ";", "[", "]", "%", "%50%", "-", "->",
  "&", "&amp;", "&#", " ", "\t", "x", "A. ", "B) ", "ANSWER: ", "ANSWER: B", "$CATEGORY: ", "[html]", "[id:", "[tag:", "<![CDATA[", "]]>",
  '<question type="multichoice">', "</question>", "<quiz>", "</quiz>", '<answer fraction="100">', "<text>", "</text>", "<!--", "-->",
  "stem,option_a,option_b,answer", '{"questions":[', "]}", "null", "\uFFFD", "é", "\u0000", "\u2028",
];
const specialText = fc.array(fc.constantFrom(...SPECIAL), { maxLength: 40 }).map((parts) => parts.join(""));
const anyText = fc.oneof(fc.string({ maxLength: 400 }), fc.string({ unit: "binary", maxLength: 400 }), specialText);

type Mutation = { kind: "delete" | "insert" | "duplicate" | "truncate" | "swap"; at: number; length: number; text: string };
const mutation: fc.Arbitrary<Mutation> = fc.record({
  kind: fc.constantFrom("delete", "insert", "duplicate", "truncate", "swap"),
  at: fc.nat(),
  length: fc.nat({ max: 80 }),
  text: specialText,
});

function mutate(seed: string, mutations: Mutation[]): string {
  let text = seed;
  for (const m of mutations) {
    const at = text.length === 0 ? 0 : m.at % (text.length + 1);
    switch (m.kind) {
      case "delete":
        text = text.slice(0, at) + text.slice(at + m.length);
        break;
      case "insert":
        text = text.slice(0, at) + m.text + text.slice(at);
        break;
      case "duplicate":
        text = text.slice(0, at) + text.slice(at, at + m.length) + text.slice(at);
        break;
      case "truncate":
        text = text.slice(0, at);
        break;
      case "swap": {
        const lines = text.split("\n");
        const i = m.at % Math.max(1, lines.length);
        const j = (m.at + m.length) % Math.max(1, lines.length);
        [lines[i], lines[j]] = [lines[j] ?? "", lines[i] ?? ""];
        text = lines.join("\n");
        break;
      }
    }
  }
  return text;
}

describe.each(PARSERS)("%s parser, property-based", (name, parse) => {
  it("never throws on random text and keeps its promises", () => {
    fc.assert(fc.property(anyText, (text) => checkResult(text, parse)), { numRuns: 300 });
  });

  it("never throws on random bytes", () => {
    fc.assert(fc.property(fc.uint8Array({ maxLength: 600 }), (bytes) => checkResult(bytes, parse)), { numRuns: 200 });
  });

  it("never throws on mutated valid files of every format", () => {
    const seeds = name === "detected" ? Object.values(SEEDS).flat() : [...(SEEDS[name] ?? []), ...Object.values(SEEDS).flat().slice(0, 3)];
    fc.assert(
      fc.property(fc.constantFrom(...seeds), fc.array(mutation, { minLength: 1, maxLength: 6 }), (seed, mutations) => {
        checkResult(mutate(seed, mutations), parse);
      }),
      { numRuns: 250 },
    );
  });
});

describe("writers and parsers agree on random questions", () => {
  const printable = (s: string) => [...s].every((c) => {
    const code = c.codePointAt(0) ?? 0;
    return code >= 0x20 && code !== 0xfffd && code !== 0xfeff;
  });
  const tricky = fc.constantFrom("%50%", "[html]", "[plain]", "~", "=", "#", "{", "}", "::", "\\", "\\n", "//", "\"", ",", "'=", "-", "@", "]]>", "&amp;", ":");
  const plainLine = fc.string({ minLength: 1, maxLength: 60 });
  const mixed = fc.array(fc.oneof(plainLine, tricky), { minLength: 1, maxLength: 4 }).map((parts) => parts.join(""));
  const line = fc.oneof(plainLine, mixed).filter((s) => s.trim() !== "" && s === s.trim() && printable(s));
  const textArb = fc.array(line, { minLength: 1, maxLength: 2 }).map((l) => l.join("\n"));
  const question: fc.Arbitrary<ExchangeQuestion> = fc
    .record({
      stem: textArb,
      options: fc.array(fc.record({ text: line, feedback: fc.option(textArb, { nil: null }) }), { minLength: 2, maxLength: 6 }),
      key: fc.nat(),
      explanation: fc.option(textArb, { nil: null }),
      topic: fc.option(fc.stringMatching(/^[a-z][a-z0-9]{0,8}(-[a-z0-9]{1,8}){0,2}$/), { nil: null }),
      difficulty: fc.option(fc.constantFrom("easy" as const, "medium" as const, "hard" as const), { nil: null }),
      kind: fc.option(fc.constantFrom("recall" as const, "application" as const, "contrast" as const), { nil: null }),
    })
    .map(({ options, key, ...rest }) => ({
      ...rest,
      externalId: null,
      title: null,
      tags: [],
      sources: [],
      options: options.map((o, i) => ({ ...o, correct: i === key % options.length })),
    }));

  const roundTrips: [string, (q: readonly ExchangeQuestion[]) => TextExport, Parse][] = [
    ["gift", writeGift, parseGift],
    ["moodle-xml", writeMoodleXml, parseMoodleXml],
    ["csv", writeCsv, parseCsv],
    ["json", (q) => writeJsonBank(q), parseJsonBank],
  ];
  it.each(roundTrips)("%s: parse(write(q)) is q for any text without markup", (name, write, parse) => {
    fc.assert(
      fc.property(fc.array(question, { minLength: 1, maxLength: 4 }), (questions) => {
        // Text that looks like an HTML tag is dropped by design ("no raw HTML"); leave it out here.
        fc.pre(questions.every((q) => [q.stem, q.explanation ?? "", ...q.options.flatMap((o) => [o.text, o.feedback ?? ""])].every((t) => !/<\/?[a-z]/i.test(t))));
        // JSON needs an id, a topic, difficulty and kind on every question (its writer fills defaults otherwise).
        const given = name === "json" ? questions.map((q, i) => ({ ...q, externalId: `q-${i}`, topic: q.topic ?? "t", difficulty: q.difficulty ?? "easy", kind: q.kind ?? "recall" })) : questions;
        const parsed = parse(write(given).text);
        expect(parsed.problems).toEqual([]);
        // Moodle XML names an untitled question by its stem; the other formats carry no title here.
        const back = parsed.questions.map(({ line: _line, ...q }) => ({ ...q, title: null }));
        expect(back).toEqual(given.map((q) => ({ ...q, title: null })));
      }),
      { numRuns: 150 },
    );
  });
});

describe("htmlToText", () => {
  it("leaves no tag in its output (entities aside, which decode to text)", () => {
    const html = fc.array(fc.oneof(fc.string({ maxLength: 8 }), fc.constantFrom("<p>", "</p>", "<b>", "<br/>", "<script>", "</script>", "<!--", "-->", "<a href='x'>", "<li>", "<", ">", "<img alt=\"x\">", "<div", "/>")), { maxLength: 30 }).map((parts) => parts.join(""));
    fc.assert(
      fc.property(html, (input) => {
        fc.pre(!input.includes("&"));
        expect(htmlToText(input)).not.toMatch(/<\/?[a-z][^<>]*>/i);
        expect(stripTags(input)).not.toMatch(/<\/?[a-z][^<>]*>/i);
      }),
      { numRuns: 500 },
    );
  });
});

describe("pathological input finishes quickly", () => {
  const cases: [string, string][] = [
    ["many open braces", "{".repeat(500_000)],
    ["many unclosed tags", "<a".repeat(250_000)],
    ["nested XML", `<quiz>${"<a>".repeat(20_000)}${"</a>".repeat(20_000)}</quiz>`],
    ["nested JSON", `${"[".repeat(100_000)}${"]".repeat(100_000)}`],
    ["one huge GIFT block", `Q?{${"~x ".repeat(200_000)}=y}`],
    ["one huge CSV field", `stem,option_a,option_b,answer\n"${"x".repeat(1_000_000)}`],
    ["many ANSWER lines", "ANSWER: A\n".repeat(100_000)],
    ["many unclosed paragraph and image tags in HTML", `[html]${"<p <img alt=x ".repeat(60_000)}{=a ~b}`],
    ["a script tag never closed in HTML", `[html]${"<script>".repeat(50_000)}{=a ~b}`],
  ];
  it.each(cases)("%s", { timeout: 60_000 }, (_name, text) => {
    for (const [, parse] of PARSERS) {
      const started = performance.now();
      const result = parse(text);
      // Generous: the machine is shared; a quadratic blow-up on these sizes takes minutes, not seconds.
      expect(performance.now() - started).toBeLessThan(15_000);
      checkParsed(text, result);
    }
    expect(detectFormat(text)).toBeDefined();
    expect(typeof htmlToText(text)).toBe("string");
  });
});
