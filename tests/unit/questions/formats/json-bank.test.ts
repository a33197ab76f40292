import { describe, expect, it } from "vitest";
import { exchangeFromBank } from "@/lib/questions/formats/exchange";
import { parseJsonBank, writeJsonBank } from "@/lib/questions/formats/json-bank";
import { fixture, loadBundledBank, withoutLine } from "./format-helpers";

describe("parseJsonBank", () => {
  it("reads a drafts file: 5 and 2 options, tags, empty feedback and explanation, the line of each question", () => {
    const r = parseJsonBank(fixture("json/drafts.json"));
    expect(r.problems).toEqual([]);
    expect(r.questions.map((q) => q.line)).toEqual([3, 19]);
    const [first, second] = r.questions;
    expect(first?.options).toHaveLength(5);
    expect(first?.options[2]?.feedback).toBeNull();
    expect(first?.tags).toEqual(["week-1"]);
    expect(first?.sources).toEqual([]);
    expect(second).toMatchObject({ externalId: "Any-Id You Like", explanation: null, sources: ["ipt-overview.txt"], kind: "contrast" });
  });

  it("names the line of a syntax error", () => {
    const r = parseJsonBank(fixture("json/broken-syntax.json"));
    expect(r.problems.map((p) => p.line)).toEqual([6]);
    expect(r.problems[0]?.reason).toContain("the JSON is not valid");
  });

  it("names the question, its line and field for each invalid question", () => {
    const r = parseJsonBank(fixture("json/broken-questions.json"));
    expect(r.problems.map((p) => p.line)).toEqual([2, 9, 25]);
    expect(r.problems[0]?.reason).toBe("question 1 (no-key-001) field options: must have exactly one correct option");
    expect(r.problems[1]?.reason).toContain("at most 6 options");
    expect(r.problems[2]?.reason).toContain("field difficulty");
    expect(r.questions.map((q) => q.externalId)).toEqual(["fine-001", "fine-002"]);
  });

  it("refuses a duplicate id, a file in another format, JSON of another shape and an empty list", () => {
    const one = { id: "d-001", topic: "focus", stem: "S?", explanation: "E.", difficulty: "easy", kind: "recall", options: [{ text: "a", correct: true, feedback: "f" }, { text: "b", correct: false, feedback: "f" }] };
    const dup = parseJsonBank(JSON.stringify([one, one], null, 1));
    expect(dup.problems).toHaveLength(1);
    expect(dup.problems[0]?.reason).toMatch(/^duplicate id "d-001" \(first used on line 2\)$/);
    expect(parseJsonBank("id,stem\n1,x").problems[0]?.reason).toContain("not a JSON bank file");
    expect(parseJsonBank('{"quiz": []}').problems[0]?.reason).toContain("not our JSON bank format");
    expect(parseJsonBank('{"questions": []}').problems[0]?.reason).toContain("no questions");
  });
});

// The whole bank: seconds of work on a loaded machine, not a unit-sized budget.
describe("JSON round trip on the bundled bank", { timeout: 30_000 }, () => {
  it("writes back the bundled bank file exactly, and reads back every question", () => {
    const bank = loadBundledBank();
    const original = bank.questions.map((q) => ({ ...exchangeFromBank(q), title: null }));
    const written = writeJsonBank(original, { subject: bank.subject, topics: bank.topics });
    expect(JSON.parse(written.text)).toEqual(bank);
    expect(written.losses).toEqual([]);
    const parsed = parseJsonBank(written.text);
    expect(parsed.problems).toEqual([]);
    expect(parsed.questions.map(withoutLine)).toEqual(original);
  });
});
