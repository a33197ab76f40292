import { describe, expect, it } from "vitest";
import { exchangeFromBank } from "@/lib/questions/formats/exchange";
import { parseGift, writeGift } from "@/lib/questions/formats/gift";
import type { ExchangeQuestion } from "@/lib/questions/formats/types";
import { fixture, loadBundledBank, withoutLine } from "./format-helpers";

describe("parseGift: the syntax features", () => {
  const result = parseGift(fixture("gift/features.gift.txt"));

  it("imports every multiple-choice question and reports nothing", () => {
    expect(result.problems).toEqual([]);
    expect(result.skipped).toEqual([]);
    expect(result.questions.map((q) => q.line)).toEqual([7, 15, 19, 25]);
  });

  it("reads title, id, tags, category, answers, feedback and general feedback", () => {
    const [first] = result.questions;
    expect(first).toMatchObject({
      externalId: "grief-intro-1",
      title: "Grief focus",
      topic: "Grief and loss",
      stem: "Which event most often starts the grief problem area in IPT?",
      explanation: "IPT's grief area concerns a death, not other losses.",
      tags: ["week-1"],
      difficulty: "easy",
      kind: "recall",
      sources: ["ipt-overview.txt"],
    });
    expect(first?.options).toEqual([
      { text: "The death of someone close", correct: true, feedback: "Right: grief in IPT follows a death." },
      { text: "Moving to a new city", correct: false, feedback: "That is a role transition." },
      { text: "An argument with a partner", correct: false, feedback: "That is a role dispute." },
    ]);
  });

  it("undoes the escapes and reads answers on one line", () => {
    const q = result.questions[1];
    expect(q?.stem).toBe("What does the sign = mean in 2 + 2 = 4: equality or assignment?");
    expect(q?.options).toEqual([
      { text: "equality {math}", correct: true, feedback: "Yes: it states equality" },
      { text: "assignment", correct: false, feedback: "No ~ that is code" },
      { text: "comparison", correct: false, feedback: null },
    ]);
    expect(q?.title).toBeNull();
    expect(q?.externalId).toBeNull();
  });

  it("turns [html] into safe text, keeps [plain] literally, and reads a '//' in a category as '/'", () => {
    const q = result.questions[2];
    expect(q?.topic).toBe("Role disputes/conflicts");
    expect(q?.stem).toBe("Which stage does **role dispute** work\nstart with?");
    expect(q?.options[0]).toEqual({ text: "Naming the <dispute>", correct: true, feedback: "*Yes* it comes first" });
    expect(q?.options[1]?.feedback).toBe("**No**: IPT does not push that");
    expect(q?.explanation).toBe("- Name it\n- Negotiate");
    for (const text of [q?.stem, q?.explanation, ...(q?.options.map((o) => o.feedback) ?? [])]) {
      expect(text).not.toMatch(/<\/?[a-z]+>/);
    }
  });

  it("reads \\n as a line break and %100% / %0% weights as right and wrong", () => {
    const q = result.questions[3];
    expect(q?.stem).toBe("First line\nsecond line");
    expect(q?.options.map((o) => o.correct)).toEqual([false, true]);
  });
});

describe("parseGift: other question types are skipped with their reason and line", () => {
  const result = parseGift(fixture("gift/other-types.gift.txt"));

  it("imports nothing and reports no problem", () => {
    expect(result.questions).toEqual([]);
    expect(result.problems).toEqual([]);
  });

  it.each([
    [3, "true/false"],
    [5, "true/false"],
    [7, "short-answer"],
    [9, "matching"],
    [15, "numerical"],
    [17, "essay"],
    [19, "missing-word"],
    [21, "partial credit"],
    [27, "description"],
    [29, "embedded files or images"],
  ])("line %i: %s", (line, what) => {
    const issue = result.skipped.find((s) => s.line === line);
    expect(issue?.reason).toContain(what);
  });
});

describe("parseGift: negative marks", () => {
  it("imports one answer at 100% with the others at a negative weight as a single-answer question (the penalty is dropped)", () => {
    const result = parseGift("::neg::Which one?{=right ~%-25%w1 ~%-25%w2 ~%0%w3}\n");
    expect(result.skipped).toEqual([]);
    expect(result.problems).toEqual([]);
    expect(result.questions[0]?.options).toEqual([
      { text: "right", correct: true, feedback: null },
      { text: "w1", correct: false, feedback: null },
      { text: "w2", correct: false, feedback: null },
      { text: "w3", correct: false, feedback: null },
    ]);
    expect(result.notes).toEqual([{ line: 1, reason: "the wrong answers' guessing penalties (-25%, -25%) dropped: a wrong answer here scores 0" }]);
    expect(parseGift("::one::Which one?{=right ~%-50%w1 ~w2}\n").notes).toEqual([{ line: 1, reason: "a wrong answer's guessing penalty (-50%) dropped: a wrong answer here scores 0" }]);
    expect(parseGift("::none::Which one?{=right ~%0%w1 ~w2}\n").notes).toEqual([]);
  });

  it("still skips partial credit between 0% and 100%", () => {
    const result = parseGift("Which ones?{~%50%a ~%50%b ~%-100%c}\n");
    expect(result.questions).toEqual([]);
    expect(result.skipped[0]?.reason).toContain("partial credit");
  });
});

describe("parseGift: media", () => {
  it.each(["audio", "video", "iframe", "object", "embed", "svg"])("skips a question with <%s> in its text, saying why", (tag) => {
    const result = parseGift(`::m::[html]Listen\\: <${tag} src="https://example.org/x"></${tag}> Which language?{=French ~German}\n`);
    expect(result.questions).toEqual([]);
    expect(result.problems).toEqual([]);
    expect(result.skipped).toEqual([{ line: 1, reason: `"m": embedded audio, video or other media (<${tag}>) is not imported` }]);
  });
});

describe("parseGift: malformed questions", () => {
  const result = parseGift(fixture("gift/malformed.gift.txt"));

  it("names the line and the fault of each broken question", () => {
    const expected: [number, string][] = [
      [1, "no option is marked correct"],
      [6, "2 options are marked correct"],
      [12, "7 options"],
      [14, "never closed with '}'"],
      [20, "title opened with '::' is never closed"],
      [22, "answer 1 is empty"],
      [28, 'duplicate id "dup-1" (first used on line 25)'],
    ];
    expect(result.problems.map((p) => p.line)).toEqual(expected.map(([line]) => line));
    result.problems.forEach((problem, i) => expect(problem.reason).toContain(expected[i]?.[1]));
  });

  it("still reads the good questions around the broken ones", () => {
    expect(result.questions.map((q) => q.title)).toEqual(["Fine", "One"]);
  });

  it("refuses a file with no answer block at all as not GIFT", () => {
    const aiken = "What is IPT?\nA. A therapy\nB. A drug\nANSWER: A\n";
    const problems = parseGift(aiken).problems;
    expect(problems.map((p) => p.line)).toEqual([1]);
    expect(problems[0]?.reason).toContain("does not look like a GIFT file");
  });

  it("reads an id repeated in another category (Moodle wants it unique per category only) as a second question", () => {
    const gift = "$CATEGORY: $course$/top/A/Basics\n\n// [id:Q1]\nOne?{=a ~b}\n\n$CATEGORY: $course$/top/B/Basics\n\n// [id:Q1]\nTwo?{=a ~b}\n\n// [id:Q1]\nThree?{=a ~b}\n";
    const result = parseGift(gift);
    expect(result.questions.map((q) => [q.externalId, q.topic, q.stem])).toEqual([
      ["Q1", "Basics", "One?"],
      ["Q1", "Basics", "Two?"],
    ]);
    expect(result.problems).toEqual([{ line: 12, reason: 'duplicate id "Q1" (first used on line 9)' }]);
  });

  it("names two questions written without a blank line between them, instead of reading them as one missing-word question", () => {
    const result = parseGift("::Q1:: What is 2+2? {=4 ~3 ~5}\n::Q2:: What is 3+3? {=6 ~5 ~7}\n\n::Q3:: Fine? {=yes ~no}\n\nWhat is 1+1? {=2 ~3} And {=4 ~5}\n");
    expect(result.skipped).toEqual([]);
    expect(result.problems).toEqual([
      { line: 2, reason: '"Q1": this block seems to hold two questions; separate questions with a blank line' },
      { line: 6, reason: "this block seems to hold two questions; separate questions with a blank line" },
    ]);
    expect(result.questions.map((q) => q.title)).toEqual(["Q3"]);
  });

  it("refuses empty input", () => {
    expect(parseGift("  \n\n").problems).toEqual([{ line: 0, reason: "the file is empty" }]);
  });

  it("reports a '}' with no '{' and a second '{' inside a block", () => {
    const [stray] = parseGift("Stem } and more").problems;
    expect(stray?.line).toBe(1);
    expect(stray?.reason).toContain("never opened");
    const [nested] = parseGift("Stem\n{=a {b} ~c}").problems;
    expect(nested?.line).toBe(2);
    expect(nested?.reason).toContain("second '{'");
  });
});

describe("writeGift", () => {
  const question: ExchangeQuestion = {
    externalId: "odd-001",
    title: "Odd: characters",
    topic: "a/b",
    stem: "Is 1 = 1 {always} ~ and # a comment: or\nnot \\ at all?",
    options: [
      { text: "yes = right", correct: true, feedback: "line one\nline two" },
      { text: "no ~ wrong", correct: false, feedback: null },
    ],
    explanation: "Because #4 said so.",
    difficulty: "hard",
    kind: "contrast",
    tags: ["has ] bracket", "plain"],
    sources: ["one.txt", "two.txt"],
  };

  it("escapes every special character so that the text reads back unchanged", () => {
    const written = writeGift([question]).text;
    expect(written).toContain("\\=");
    expect(written).toContain("\\{always\\}");
    const parsed = parseGift(written);
    expect(parsed.problems).toEqual([]);
    expect(parsed.questions.map(withoutLine)).toEqual([question]);
  });

  it("keeps option text that starts like a weight or a format marker", () => {
    const q: ExchangeQuestion = {
      ...question,
      tags: [],
      options: [
        { text: "%50% of cases", correct: true, feedback: "[html] is literal here" },
        { text: "[plain] also literal", correct: false, feedback: null },
      ],
      explanation: "[moodle] too",
    };
    const parsed = parseGift(writeGift([q]).text);
    expect(parsed.skipped).toEqual([]);
    expect(parsed.questions.map(withoutLine)).toEqual([q]);
  });

  it("writes the category once per topic change", () => {
    const text = writeGift([question, { ...question, externalId: "odd-002" }, { ...question, externalId: "odd-003", topic: "c" }]).text;
    expect(text.match(/\$CATEGORY:/g)).toHaveLength(2);
  });
});

// The whole bank: seconds of work on a loaded machine, not a unit-sized budget.
describe("GIFT round trip on the bundled bank", { timeout: 30_000 }, () => {
  it("reproduces every question exactly", () => {
    const bank = loadBundledBank();
    const original = bank.questions.map(exchangeFromBank);
    const parsed = parseGift(writeGift(original).text);
    expect(parsed.problems).toEqual([]);
    expect(parsed.skipped).toEqual([]);
    expect(parsed.questions).toHaveLength(bank.questions.length);
    expect(parsed.questions.map(withoutLine)).toEqual(original);
  });
});

describe("parseGift: plain text shows as written", () => {
  it("escapes our Markdown's markers in [plain] and [moodle] text, and reads [markdown] as Markdown", () => {
    const parsed = parseGift(
      [
        "::plain::[plain]Is 3*4*5 = 60?{=yes # *all* three ~no}",
        "",
        "::auto::Which is `code`, C:\\\\* or - a dash?{=the first ~the second}",
        "",
        "::md::[markdown]Which is *stressed*?{=this # **yes** ~that}",
      ].join("\n"),
    );
    expect(parsed.problems).toEqual([]);
    expect(parsed.questions.map((q) => q.stem)).toEqual(["Is 3\\*4\\*5 = 60?", "Which is \\`code\\`, C:\\\\\\* or - a dash?", "Which is *stressed*?"]);
    expect(parsed.questions[0]?.options[0]?.feedback).toBe("\\*all\\* three");
    expect(parsed.questions[2]?.options[0]?.feedback).toBe("**yes**");
  });
});
