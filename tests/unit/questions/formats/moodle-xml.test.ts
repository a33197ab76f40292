import { describe, expect, it } from "vitest";
import { exchangeFromBank } from "@/lib/questions/formats/exchange";
import { parseMoodleXml, writeMoodleXml } from "@/lib/questions/formats/moodle-xml";
import type { ExchangeQuestion } from "@/lib/questions/formats/types";
import { fixture, loadBundledBank, withoutLine } from "./format-helpers";

describe("parseMoodleXml: the syntax features", () => {
  const result = parseMoodleXml(fixture("moodle-xml/features.xml"));

  it("imports both multichoice questions, at the lines of their <question>", () => {
    expect(result.problems).toEqual([]);
    expect(result.skipped).toEqual([]);
    expect(result.questions.map((q) => q.line)).toEqual([15, 67]);
  });

  it("reads category, CDATA HTML, feedback, general feedback, idnumber and tags", () => {
    expect(withoutLine(result.questions[0]!)).toEqual({
      externalId: "rt-retire-1",
      title: "Retirement",
      topic: "Role transitions",
      stem: "A client who has just **retired** feels useless.\n\nWhich IPT problem area fits best?",
      options: [
        { text: "Role transition", correct: true, feedback: "Yes: the *role* changed." },
        { text: "Grief", correct: false, feedback: "No one has died." },
        { text: "Role dispute <with a partner>", correct: false, feedback: "No **conflict** is described." },
      ],
      explanation: "Retirement changes a social role & the routines around it.",
      difficulty: "medium",
      kind: "application",
      tags: ["week-3"],
      sources: ["ipt-transitions.txt"],
    } satisfies ExchangeQuestion);
  });

  it("decodes character references, reads <single>1 and 100.0000000, and leaves absent fields empty", () => {
    const q = result.questions[1];
    expect(q?.topic).toBe("Grief");
    expect(q?.stem).toBe("Which \u201Ctask\u201D comes first in grief work?");
    expect(q?.options.map((o) => o.correct)).toEqual([false, true]);
    expect(q?.externalId).toBeNull();
    expect(q?.explanation).toBeNull();
    expect(q?.options[1]?.feedback).toBeNull();
  });
});

describe("parseMoodleXml: skipped and broken questions", () => {
  it("skips other types, multiple answers, partial credit and embedded files, naming line and question", () => {
    const result = parseMoodleXml(fixture("moodle-xml/other-types.xml"));
    expect(result.questions).toEqual([]);
    expect(result.problems).toEqual([]);
    const expected: [number, string][] = [
      [3, '"TF": a question of type "truefalse"'],
      [9, '"Short": a question of type "shortanswer"'],
      [14, '"Essay": a question of type "essay"'],
      [18, "multiple-answer"],
      [26, "partial credit (an answer with fraction 33.33333)"],
      [33, "embedded files or images"],
      [43, '"matching"'],
    ];
    expect(result.skipped.map((s) => s.line)).toEqual(expected.map(([line]) => line));
    result.skipped.forEach((s, i) => expect(s.reason).toContain(expected[i]?.[1]));
  });

  it("counts questions, not categories, in its messages, and names a question by the words of an HTML name", () => {
    const xml = [
      '<?xml version="1.0" encoding="UTF-8"?>',
      "<quiz>",
      '  <question type="category"><category><text>$course$/top/IPT</text></category></question>',
      '  <question type="truefalse">',
      "    <name><text>Grief &lt;strong&gt;after&lt;/strong&gt; a loss &amp;amp; a move</text></name>",
      '    <questiontext format="html"><text>Is grief a problem area?</text></questiontext>',
      "  </question>",
      '  <question type="category"><category><text>$course$/top/IPT/More</text></category></question>',
      '  <question type="essay"><name><text>x &lt; 2 &amp; y</text></name><questiontext><text>Say why.</text></questiontext></question>',
      "</quiz>",
    ].join("\n");
    const result = parseMoodleXml(xml);
    expect(result.skipped.map((s) => [s.line, s.reason.split(":")[0]])).toEqual([
      [4, 'question 1 "Grief after a loss & a move"'],
      [9, 'question 2 "x < 2 & y"'],
    ]);
  });

  it("reports no key, two keys, seven options, a duplicate idnumber and a bad fraction", () => {
    const result = parseMoodleXml(fixture("moodle-xml/broken-questions.xml"));
    const expected: [number, string][] = [
      [3, "no option is marked correct"],
      [9, "2 options are marked correct"],
      [15, "7 options"],
      [33, 'duplicate id "same" (first used on line 26)'],
      [40, 'fraction "lots"'],
    ];
    expect(result.problems.map((p) => p.line)).toEqual(expected.map(([line]) => line));
    result.problems.forEach((p, i) => expect(p.reason).toContain(expected[i]?.[1]));
    expect(result.questions.map((q) => q.title)).toEqual(["Dup one"]);
  });

  it("imports an idnumber repeated in another category (Moodle wants it unique per category only), and refuses it repeated in one", () => {
    const question = (id: string, stem: string) =>
      `<question type="multichoice"><questiontext format="html"><text>${stem}</text></questiontext><idnumber>${id}</idnumber><answer fraction="100"><text>a</text></answer><answer fraction="0"><text>b</text></answer></question>`;
    const category = (path: string) => `<question type="category"><category><text>${path}</text></category></question>`;
    const xml = ["<quiz>", category("$course$/top/C1"), question("Q1", "One?"), category("$course$/top/C2"), question("Q1", "Two?"), question("Q1", "Three?"), "</quiz>"].join("\n");
    const result = parseMoodleXml(xml);
    expect(result.questions.map((q) => [q.externalId, q.topic, q.stem])).toEqual([
      ["Q1", "C1", "One?"],
      ["Q1", "C2", "Two?"],
    ]);
    expect(result.problems).toEqual([{ line: 6, reason: 'duplicate id "Q1" (first used on line 5)' }]);
  });

  it("imports a single-answer question whose wrong answers carry a negative fraction (the penalty is dropped)", () => {
    const xml = '<quiz>\n<question type="multichoice"><questiontext format="html"><text>Which?</text></questiontext><single>true</single><answer fraction="-33.33333"><text>a</text></answer><answer fraction="100"><text>b</text></answer><answer fraction="-33.33333"><text>c</text></answer><answer fraction="0"><text>d</text></answer></question>\n</quiz>';
    const result = parseMoodleXml(xml);
    expect(result.skipped).toEqual([]);
    expect(result.problems).toEqual([]);
    expect(result.questions[0]?.options.map((o) => o.correct)).toEqual([false, true, false, false]);
    // Said, not silently dropped: the note names the question's line and the fractions.
    expect(result.notes).toEqual([{ line: 2, reason: "the wrong answers' guessing penalties (fraction -33.33333, fraction -33.33333) dropped: a wrong answer here scores 0" }]);
    expect(parseMoodleXml(xml.replace(/-33\.33333/g, "0")).notes).toEqual([]);
  });

  it("reads answer and feedback text without a format attribute in the question text's format, as Moodle does", () => {
    const question = (format: string, answer: string, feedback: string) =>
      `<question type="multichoice"><questiontext format="${format}"><text>Which?</text></questiontext><answer fraction="100"><text>${answer}</text><feedback><text>${feedback}</text></feedback></answer><answer fraction="0"><text>other</text></answer></question>`;
    const xml = ["<quiz>", question("html", "A &amp;amp; B", "&lt;b&gt;Yes&lt;/b&gt; &amp;amp; more"), question("plain_text", "a &lt;b&gt; c", "x &lt;i&gt;y&lt;/i&gt;"), "</quiz>"].join("\n");
    const result = parseMoodleXml(xml);
    expect(result.problems).toEqual([]);
    expect(result.questions.map((q) => [q.options[0]?.text, q.options[0]?.feedback])).toEqual([
      ["A & B", "**Yes** & more"],
      ["a <b> c", "x <i>y</i>"],
    ]);
  });

  it("skips a question with an old <image> or <image_base64> element, or audio, video or other media in a text, saying why", () => {
    const question = (inside: string, text = "Which?") =>
      `<question type="multichoice"><questiontext format="html"><text><![CDATA[${text}]]></text></questiontext>${inside}<answer fraction="100"><text>a</text></answer><answer fraction="0"><text>b</text></answer></question>`;
    const xml = [
      "<quiz>",
      question("<image>pics/a.png</image>"),
      question("<image_base64>AAAA</image_base64>"),
      question("", 'Listen: <audio controls src="https://example.org/a.mp3"></audio> Which language?'),
      question("", '<iframe src="https://example.org/v"></iframe>Which?'),
      question("<image></image>"),
      "</quiz>",
    ].join("\n");
    const result = parseMoodleXml(xml);
    expect(result.skipped).toEqual([
      { line: 2, reason: "question 1: an image (<image>) is not imported" },
      { line: 3, reason: "question 2: an image (<image_base64>) is not imported" },
      { line: 4, reason: "question 3: embedded audio, video or other media (<audio>) is not imported" },
      { line: 5, reason: "question 4: embedded audio, video or other media (<iframe>) is not imported" },
    ]);
    expect(result.questions.map((q) => q.line)).toEqual([6]);
  });

  it("skips an inline image without a <file> element too", () => {
    const xml = '<quiz>\n<question type="multichoice"><questiontext format="html"><text><![CDATA[<img src="data:image/png;base64,AAAA"> What?]]></text></questiontext><answer fraction="100"><text>a</text></answer><answer fraction="0"><text>b</text></answer></question>\n</quiz>';
    const r = parseMoodleXml(xml);
    expect(r.questions).toEqual([]);
    expect(r.skipped.map((s) => s.line)).toEqual([2]);
  });

  it("refuses XML that is not well-formed, naming the parser's line", () => {
    const result = parseMoodleXml(fixture("moodle-xml/not-well-formed.xml"));
    expect(result.questions).toEqual([]);
    expect(result.problems).toHaveLength(1);
    expect(result.problems[0]?.line).toBe(6);
    expect(result.problems[0]?.reason).toContain("not well-formed");
  });

  it("refuses a DOCTYPE, other XML, and text that is not XML", () => {
    const doctype = parseMoodleXml('<?xml version="1.0"?>\n<!DOCTYPE quiz [<!ENTITY a "aaaa">]>\n<quiz></quiz>');
    expect(doctype.problems).toEqual([{ line: 2, reason: "a DOCTYPE is not allowed in a Moodle XML file" }]);
    expect(parseMoodleXml("<html><body>hi</body></html>").problems[0]?.reason).toContain("no <quiz> root");
    expect(parseMoodleXml("::Q:: GIFT?{=a ~b}").problems[0]).toMatchObject({ line: 1 });
    expect(parseMoodleXml("<quiz>\n</quiz>").problems[0]?.reason).toContain("holds no <question>");
  });
});

describe("writeMoodleXml", () => {
  it("escapes markup characters so the text reads back unchanged, and names an untitled question by its stem", () => {
    const question: ExchangeQuestion = {
      externalId: "x-1",
      title: null,
      topic: "Role disputes/conflicts",
      stem: "Is a < b && c > d?\nSecond line with ]]> in it",
      options: [
        { text: '"quoted" & <tagged>', correct: false, feedback: null },
        { text: "plain", correct: true, feedback: "fine" },
      ],
      explanation: null,
      difficulty: null,
      kind: null,
      tags: ["t"],
      sources: [],
    };
    const parsed = parseMoodleXml(writeMoodleXml([question]).text);
    expect(parsed.problems).toEqual([]);
    const back = parsed.questions.map(withoutLine)[0];
    expect(back).toEqual({ ...question, title: "Is a < b && c > d? Second line with ]]> in it", options: [{ ...question.options[0], text: '"quoted" &' }, question.options[1]] });
  });
});

// The whole bank: seconds of work on a loaded machine, not a unit-sized budget.
describe("Moodle XML round trip on the bundled bank", { timeout: 30_000 }, () => {
  it("reproduces every question exactly", () => {
    const original = loadBundledBank().questions.map(exchangeFromBank);
    const parsed = parseMoodleXml(writeMoodleXml(original).text);
    expect(parsed.problems).toEqual([]);
    expect(parsed.skipped).toEqual([]);
    expect(parsed.questions.map(withoutLine)).toEqual(original);
  });
});

describe("parseMoodleXml: plain text shows as written", () => {
  it("escapes our Markdown's markers in plain_text and tagless moodle_auto_format text; markdown stays Markdown", () => {
    const question = (format: string, stem: string) =>
      `<question type="multichoice"><name><text>q</text></name><questiontext format="${format}"><text>${stem}</text></questiontext>` +
      `<single>true</single><answer fraction="100"><text>2*3*4</text></answer><answer fraction="0"><text>\`x\`</text></answer></question>`;
    const xml = `<?xml version="1.0"?><quiz>${question("plain_text", "Is 2*3*4 = 24?")}${question("moodle_auto_format", "- Which one?")}${question("markdown", "Which is *it*?")}</quiz>`;
    const parsed = parseMoodleXml(xml);
    expect(parsed.problems).toEqual([]);
    expect(parsed.questions.map((q) => q.stem)).toEqual(["Is 2\\*3\\*4 = 24?", "\\- Which one?", "Which is *it*?"]);
    expect(parsed.questions[0]?.options.map((o) => o.text)).toEqual(["2\\*3\\*4", "\\`x\\`"]);
    expect(parsed.questions[2]?.options.map((o) => o.text)).toEqual(["2*3*4", "`x`"]);
  });
});
