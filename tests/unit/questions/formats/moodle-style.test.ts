import { describe, expect, it } from "vitest";
import { parseAiken } from "@/lib/questions/formats/aiken";
import { parseGift } from "@/lib/questions/formats/gift";
import { parseMoodleXml } from "@/lib/questions/formats/moodle-xml";
import { fixture } from "./format-helpers";

/** Files in the shapes of Moodle's own format tests (see tests/fixtures/formats/moodle-style/README.md). */
describe("Moodle-shaped GIFT", () => {
  const result = parseGift(fixture("moodle-style/questions.gift.txt"));

  it("imports the one single-answer multiple-choice question, with answer-level format markers read and removed", () => {
    expect(result.problems).toEqual([]);
    expect(result.questions).toHaveLength(1);
    expect(result.questions[0]).toMatchObject({
      line: 14,
      title: "M1",
      stem: "Which problem area follows a death?",
      options: [
        { text: "grief", correct: true, feedback: "right; well done!" },
        { text: "role dispute", correct: false, feedback: "wrong, it is *grief*" },
        { text: "role transition", correct: false, feedback: "wrong, it is grief" },
      ],
    });
  });

  it("skips every other question with its own type and line, also when stray text follows the answer block", () => {
    expect(result.skipped).toEqual([
      { line: 2, reason: '"E1": an essay question is not imported (only single-answer multiple choice is)' },
      { line: 5, reason: '"Phases and tasks": a matching question is not imported (only single-answer multiple choice is)' },
      {
        // The question's first line (its title), like every other message, not the answer block's "{".
        line: 22,
        reason: '"areas": a multiple-answer question with partial credit (weights such as %50%) is not imported (only single-answer multiple choice is)',
      },
      { line: 31, reason: '"N1": a numerical question is not imported (only single-answer multiple choice is)' },
      { line: 34, reason: '"Short answer": a short-answer question is not imported (only single-answer multiple choice is)' },
      { line: 41, reason: '"TF1": a true/false question is not imported (only single-answer multiple choice is)' },
      { line: 46, reason: '"3-01 TL": a true/false question is not imported (only single-answer multiple choice is)' },
      { line: 49, reason: '"3-01 TL": a true/false question is not imported (only single-answer multiple choice is)' },
    ]);
  });

  it("reads [moodle] text as HTML when it holds tags and literally when it does not", () => {
    const parsed = parseGift("::m::[moodle]Which area follows a <b>death</b>?{=[moodle]Grief # [moodle]right ~[moodle]Role dispute & conflict}\n");
    expect(parsed.problems).toEqual([]);
    expect(parsed.questions[0]).toMatchObject({
      stem: "Which area follows a **death**?",
      options: [
        { text: "Grief", correct: true, feedback: "right" },
        { text: "Role dispute & conflict", correct: false, feedback: null },
      ],
    });
  });

  it("still calls a multiple-choice block with text after it a missing-word question", () => {
    const missing = parseGift("::MW:: IPT usually lasts {=12 to 16 ~40 ~2} weekly sessions.\n");
    expect(missing.questions).toEqual([]);
    expect(missing.skipped).toEqual([{ line: 1, reason: '"MW": a missing-word question (the answer block sits inside the text) is not imported' }]);
  });
});

describe("Moodle-shaped Aiken", () => {
  it("reads 'A)' letters and keeps markup characters as text", () => {
    const result = parseAiken(fixture("moodle-style/questions.aiken.txt"));
    expect(result.problems).toEqual([]);
    expect(result.questions.map((q) => [q.line, q.stem, q.options.findIndex((o) => o.correct)])).toEqual([
      [1, "Interpersonal psychotherapy was first developed by:", 1],
      [8, 'A question\'s text may hold markup characters such as <b class="x"> & ampersands:', 0],
    ]);
  });
});

describe("Moodle-shaped XML (nested categories with info, Moodle's extra elements, an attached file)", () => {
  it("imports the single-answer multiple-choice question and skips the rest with type and line", () => {
    const result = parseMoodleXml(fixture("moodle-style/nested-categories.xml"));
    expect(result.problems).toEqual([]);
    expect(result.questions.map((q) => ({ line: q.line, id: q.externalId, topic: q.topic, stem: q.stem, key: q.options.find((o) => o.correct)?.text }))).toEqual([
      { line: 82, id: "grief-death-1", topic: "Grief", stem: "Which problem area follows a *death*?", key: "Grief" },
    ]);
    expect(result.questions[0]?.explanation).toBe("Grief follows a death.");
    expect(result.skipped.map((s) => s.line)).toEqual([15, 55, 131]);
    expect(result.skipped[0]?.reason).toMatch(/true\/false|truefalse/);
    expect(result.skipped[1]?.reason).toMatch(/essay/);
    expect(result.skipped[2]?.reason).toMatch(/embedded file|file/);
  });
});
