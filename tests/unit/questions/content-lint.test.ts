import { describe, expect, it } from "vitest";
import type { BankQuestion } from "@/lib/questions/bank-schema";
import { countSentences, lintQuestions, stemSimilarity, TOPIC_MINIMUMS, type LintRule } from "@/lib/questions/content-lint";

const SEED = "seed.txt";
const seeds = new Map([[SEED, "Interpersonal therapy helps people improve the quality of their close relationships with others every day."]]);

const TOPICS = Object.keys(TOPIC_MINIMUMS);
const SUBJECTS = ["mood", "grief", "roles", "friends", "work", "family", "sleep", "school", "moving", "retiring"];
const VERBS = ["explain", "describe", "identify", "choose", "name"];

/** A clean, varied item; n makes its wording unique. */
function item(n: number, overrides: Partial<BankQuestion> = {}): BankQuestion {
  const subject = SUBJECTS[n % SUBJECTS.length]!;
  const verb = VERBS[Math.floor(n / SUBJECTS.length) % VERBS.length]!;
  const key = n % 4;
  return {
    id: `ipt-test-${String(n).padStart(3, "0")}`,
    topic: TOPICS[n % TOPICS.length]!,
    stem: `Case ${n}: ${verb} how ${subject} number ${n * 7} matters here?`,
    options: [0, 1, 2, 3].map((i) => ({
      text: `Choice ${["alpha", "beta", "gamma", "delta"][i]} for ${n}`,
      correct: i === key,
      feedback: i === key ? "Correct. It fits." : "It does not fit.",
    })),
    explanation: "This is why. It is short.",
    sources: [SEED],
    difficulty: "medium",
    kind: n % 2 === 0 ? "application" : n % 3 === 0 ? "contrast" : "recall",
    ...overrides,
  };
}

function rulesOf(questions: BankQuestion[], mode: "bank" | "draft" = "draft"): LintRule[] {
  return lintQuestions({ questions, seeds, mode }).violations.map((v) => v.rule);
}

const clean = Array.from({ length: 40 }, (_, n) => item(n));

describe("lintQuestions", () => {
  it("passes a clean draft", () => {
    expect(rulesOf(clean)).toEqual([]);
  });

  it("flags all/none of the above and option cross-references", () => {
    const bad = item(1);
    bad.options[2] = { ...bad.options[2]!, text: "All of the above" };
    const worse = item(2);
    worse.options[0] = { ...worse.options[0]!, text: "Both A and C" };
    expect(rulesOf([...clean.slice(3), bad, worse]).filter((r) => r === "banned-option")).toHaveLength(2);
  });

  it("flags a bank where the key is too often the longest option", () => {
    const giveaway = clean.map((q, n) =>
      n < 16
        ? { ...q, options: q.options.map((o) => (o.correct ? { ...o, text: `${o.text} plus extra words` } : o)) }
        : q,
    );
    expect(rulesOf(giveaway)).toContain("key-longest-share");
    expect(rulesOf(giveaway.slice(0, 12).concat(clean.slice(16)))).not.toContain("key-longest-share");
  });

  it("flags a bank where options are too often unequal in length", () => {
    const unequal = clean.map((q, n) =>
      n < 5 ? { ...q, options: q.options.map((o, i) => (i === 0 ? { ...o, text: "No" } : o)) } : q,
    );
    expect(rulesOf(unequal)).toContain("length-ratio-share");
  });

  it("flags near-duplicate stems, including against the existing bank", () => {
    const twin = item(50, { stem: clean[3]!.stem.replace("?", " today?") });
    expect(rulesOf([...clean, twin])).toContain("near-duplicate-stem");
    const report = lintQuestions({
      questions: [item(60)],
      seeds,
      mode: "draft",
      existingStems: [{ id: "ipt-old-001", stem: item(60).stem }],
    });
    expect(report.violations.map((v) => v.rule)).toEqual(["near-duplicate-stem"]);
  });

  it("flags eight words in a row copied from a seed article, in any field", () => {
    const copied = item(5);
    copied.options[1] = { ...copied.options[1]!, feedback: "It helps people improve the quality of their close relationships." };
    expect(rulesOf([copied])).toEqual(["seed-overlap"]);
    const seven = item(6);
    seven.options[1] = { ...seven.options[1]!, feedback: "People improve the quality of their close ties." };
    expect(rulesOf([seven])).toEqual([]);
  });

  it("flags a source that is not a seed article", () => {
    expect(rulesOf([item(7, { sources: ["missing.txt"] })])).toEqual(["unknown-source"]);
  });

  it("flags an explanation of zero or more than four sentences", () => {
    expect(rulesOf([item(8, { explanation: "One. Two. Three. Four. Five." })])).toEqual(["explanation-length"]);
    expect(countSentences("IPT, e.g. for grief, is brief. It has phases.")).toBe(2);
  });

  it("flags feedback whose tone contradicts the key", () => {
    const q = item(9);
    const wrongIndex = q.options.findIndex((o) => !o.correct);
    q.options[wrongIndex] = { ...q.options[wrongIndex]!, feedback: "Correct, this fits too." };
    expect(rulesOf([q])).toEqual(["feedback-tone"]);
  });

  it("flags a key that sits in one position too often", () => {
    const stacked = clean.map((q) => ({
      ...q,
      options: [...q.options].sort((a, b) => Number(b.correct) - Number(a.correct)),
    }));
    expect(rulesOf(stacked)).toContain("key-position");
  });

  it("in bank mode, enforces size, per-topic minimums and kind shares", () => {
    const rules = rulesOf(clean, "bank");
    expect(rules).toContain("bank-size");
    expect(rules.filter((r) => r === "topic-minimum")).toHaveLength(TOPICS.length);
    const recallOnly = clean.map((q) => ({ ...q, kind: "recall" as const }));
    expect(rulesOf(recallOnly, "bank").filter((r) => r === "kind-share")).toHaveLength(2);
  });
});

describe("stemSimilarity", () => {
  it("is 1 for the same wording and low for different questions", () => {
    expect(stemSimilarity("What is IPT's focus?", "what is IPT's focus")).toBe(1);
    expect(stemSimilarity("What is IPT's focus?", "Which phase ends therapy?")).toBeLessThan(0.2);
  });
});
