import { describe, expect, it } from "vitest";
import { lintItem, type LintableItem } from "@/lib/questions/content-lint";

function item(overrides: Partial<LintableItem> = {}): LintableItem {
  return {
    stem: "A client grieves a parent who died last spring. Which problem area fits?",
    explanation: "Grief follows a death. The other areas do not.",
    options: [
      { text: "Complicated grief", correct: true, feedback: "Correct: a death." },
      { text: "Role dispute here", correct: false, feedback: "No dispute is described." },
      { text: "Role transition now", correct: false, feedback: "No change of role." },
      { text: "Social isolation", correct: false, feedback: "Not described." },
    ],
    ...overrides,
  };
}

const rules = (q: LintableItem) => lintItem(q).map((f) => `${f.rule}@${f.field}`);

describe("lintItem", () => {
  it("finds nothing in a clean item", () => {
    expect(rules(item())).toEqual([]);
  });

  it("flags a key that is the longest option, beside the options", () => {
    const q = item();
    q.options = q.options.map((o, i) => (i === 0 ? { ...o, text: "Complicated grief after a death" } : o));
    expect(rules(q)).toContain("key-longest@options");
  });

  it("flags very unequal option lengths", () => {
    const q = item();
    q.options = q.options.map((o, i) => (i === 3 ? { ...o, text: "None" } : o));
    expect(rules(q)).toContain("length-ratio@options");
  });

  it("flags absolute words only in the distractors", () => {
    const q = item();
    q.options = q.options.map((o) => (o.correct ? o : { ...o, text: `${o.text} always` }));
    expect(rules(q)).toContain("absolute-distractors-only@options");
  });

  it("flags a hedged word only in the key, beside the key", () => {
    const q = item();
    q.options = q.options.map((o) => (o.correct ? { ...o, text: "It may be grief" } : o));
    expect(rules(q)).toContain("hedge-key-only@options.0.text");
  });

  it("flags all/none of the above beside that option", () => {
    const q = item();
    q.options = q.options.map((o, i) => (i === 2 ? { ...o, text: "All of the above" } : o));
    expect(rules(q)).toContain("banned-option@options.2.text");
  });

  it("flags feedback tone and explanation length", () => {
    const q = item({ explanation: "One. Two. Three. Four. Five." });
    q.options = q.options.map((o, i) => (i === 1 ? { ...o, feedback: "Correct, but no." } : o));
    expect(rules(q)).toEqual(expect.arrayContaining(["feedback-tone@options.1.feedback", "explanation-length@explanation"]));
  });
});
