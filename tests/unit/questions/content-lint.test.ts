import { describe, expect, it } from "vitest";
import type { BankQuestion } from "@/lib/questions/bank-schema";
import {
  countSentences,
  crossItemGiveaway,
  lintQuestions,
  stemSimilarity,
  TOPIC_MINIMUMS,
  type LintRule,
} from "@/lib/questions/content-lint";

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
    stem: `${verb} how ${subject} relates to w${n}k1 w${n}k2 w${n}k3 w${n}k4?`,
    options: [0, 1, 2, 3].map((i) => ({
      text: `Choice ${["alpha", "beta", "gamma", "delta"][i]} for v${n}o${i}`,
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

/** Item n with its key's text (and, if given, every distractor's text) replaced. */
function withTexts(n: number, key: string, distractor?: (i: number) => string): BankQuestion {
  const q = item(n);
  return {
    ...q,
    options: q.options.map((o, i) => (o.correct ? { ...o, text: key } : distractor ? { ...o, text: distractor(i) } : o)),
  };
}

describe("wording-cue rules", () => {
  it("flags a hedged word in the key and in no distractor in more than 4% of items", () => {
    const hedged = (n: number) => withTexts(n, `Choice that may suit v${n}`);
    // 2 of 40 items (5%) fail; 1 of 40 (2.5%) passes.
    expect(rulesOf([...clean.slice(2), hedged(0), hedged(1)])).toContain("hedge-cue-share");
    expect(rulesOf([...clean.slice(1), hedged(0)])).not.toContain("hedge-cue-share");
    // A hedge that a distractor shares is no cue.
    const shared = (n: number) => withTexts(n, `Choice that may suit v${n}`, (i) => `Option ${i} can fit v${n}`);
    expect(rulesOf([...clean.slice(3), shared(0), shared(1), shared(2)])).not.toContain("hedge-cue-share");
  });

  it("flags any item where every distractor holds an absolute word and the key none", () => {
    const absolute = withTexts(4, "Choice that suits v4", (i) => `Option ${i} always fits v4`);
    expect(rulesOf([absolute])).toEqual(["absolute-cue"]);
    const keyToo = withTexts(4, "Choice that only suits v4", (i) => `Option ${i} always fits v4`);
    expect(rulesOf([keyToo])).not.toContain("absolute-cue");
    const oneClean = withTexts(4, "Choice that suits v4", (i) => (i === 3 || i === 0 ? `Option ${i} fits v4` : `Option ${i} never fits v4`));
    expect(rulesOf([oneClean])).not.toContain("absolute-cue");
  });

  it("flags stem words repeated in the key and in no distractor in more than 5% of items", () => {
    const echo = (n: number) => withTexts(n, `The w${n}k2 choice`);
    // 3 of 40 items (7.5%) fail; 2 of 40 (5%) pass.
    expect(rulesOf([...clean.slice(3), echo(0), echo(1), echo(2)])).toContain("stem-echo-share");
    expect(rulesOf([...clean.slice(2), echo(0), echo(1)])).not.toContain("stem-echo-share");
    const sharedEcho = (n: number) => withTexts(n, `The w${n}k2 choice`, (i) => `Another w${n}k2 option ${i}`);
    expect(rulesOf([...clean.slice(3), sharedEcho(0), sharedEcho(1), sharedEcho(2)])).not.toContain("stem-echo-share");
  });

  it("flags two items whose stem and key say nearly the same thing, in any topics", () => {
    const a = item(10, { topic: "contrasts", stem: "Which criticism of IPT concerns deeper psychological issues?" });
    a.options = a.options.map((o) => (o.correct ? { ...o, text: "It may not fully address deeper psychological issues" } : o));
    const b = item(11, { topic: "evidence", stem: "Which limitation do critics raise about IPT and deeper issues?" });
    b.options = b.options.map((o) => (o.correct ? { ...o, text: "It may not address deeper psychological issues fully" } : o));
    expect(crossItemGiveaway(a, b)).not.toBeNull();
    expect(rulesOf([a, b])).toContain("cross-item-giveaway");
    const report = lintQuestions({ questions: [a], seeds, mode: "draft", existingItems: [b] });
    expect(report.violations.map((v) => v.rule)).toContain("cross-item-giveaway");
  });

  it("flags two keys that state the same long fact, but lets a short technique name recur across vignettes", () => {
    const fact = "Interpersonal difficulties worked on through stronger communication skills";
    const a = withTexts(12, fact);
    a.stem = "Dara, 26, avoids colleagues at lunch, rarely phones her cousins and spends weekends alone reading. What would help?";
    const b = withTexts(13, `${fact} overall`);
    b.stem = "Tomas, 41, freezes in team meetings, has no close friend since school and eats lunch at his desk. Which plan fits?";
    expect(crossItemGiveaway(a, b)).toMatch(/same fact/);
    const c = withTexts(14, "Role-play");
    const d = withTexts(15, "Role-play");
    expect(crossItemGiveaway(c, d)).toBeNull();
  });

  it("reports each cue's share and the difficulty spread per topic and kind", () => {
    const hedged = withTexts(0, "Choice that may suit v0");
    const { stats } = lintQuestions({ questions: [...clean.slice(1), hedged], seeds, mode: "draft" });
    expect(stats.cueShares["hedge-key-only"]).toBeCloseTo(1 / 40);
    expect(stats.cueShares["absolute-distractors-only"]).toBe(0);
    expect(stats.difficultyByKind.application).toEqual({ easy: 0, medium: 20, hard: 0 });
    const topicTotal = Object.values(stats.difficultyByTopic).reduce((sum, row) => sum + (row.medium ?? 0), 0);
    expect(topicTotal).toBe(40);
  });
});

describe("stemSimilarity", () => {
  it("is 1 for the same wording and low for different questions", () => {
    expect(stemSimilarity("What is IPT's focus?", "what is IPT's focus")).toBe(1);
    expect(stemSimilarity("What is IPT's focus?", "Which phase ends therapy?")).toBeLessThan(0.2);
  });
});
