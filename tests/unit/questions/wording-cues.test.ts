import { describe, expect, it } from "vitest";
import type { BankQuestion } from "@/lib/questions/bank-schema";
import {
  contentWords,
  cuesPointingAtKey,
  guessFromWording,
  hasAbsolute,
  hasHedge,
  runGuesser,
  stemEchoesInKeyOnly,
} from "@/lib/questions/wording-cues";

function question(stem: string, texts: string[], key: number): BankQuestion {
  return {
    id: "ipt-test-001",
    topic: "focus",
    stem,
    options: texts.map((text, i) => ({ text, correct: i === key, feedback: i === key ? "Right." : "Wrong." })),
    explanation: "Because.",
    sources: ["seed.txt"],
    difficulty: "medium",
    kind: "recall",
  };
}

describe("wording cues", () => {
  it("recognises hedged and absolute words as whole words", () => {
    expect(hasHedge("It can help")).toBe(true);
    expect(hasHedge("It tends to help")).toBe(true);
    expect(hasHedge("A scandal")).toBe(false);
    expect(hasAbsolute("It always works")).toBe(true);
    expect(hasAbsolute("Overall it works")).toBe(false);
  });

  it("stems plurals so that an echoed word is found in another form", () => {
    expect(contentWords("Relationships matter")).toEqual(contentWords("relationship matters"));
    const q = question("Which relationships does IPT target?", ["Her relationship with friends", "Thoughts", "Habits", "Chemistry"], 0);
    expect(stemEchoesInKeyOnly(q)).toEqual(["relationship"]);
  });

  it("names the cues that point at the key", () => {
    const q = question("What does IPT do?", ["It may help with ties", "It always cures", "It never helps", "It only uses drugs"], 0);
    expect(cuesPointingAtKey(q)).toEqual(["hedge-key-only", "absolute-distractors-only"]);
    const fair = question("What does IPT do?", ["It may help with ties", "It can change beliefs", "It never helps", "It works on habits"], 0);
    expect(cuesPointingAtKey(fair)).toEqual([]);
  });
});

describe("guessFromWording", () => {
  it("takes the only hedged option first", () => {
    const q = question("Pick one", ["Alpha works", "Beta may work", "Gamma works well enough here", "Delta works"], 1);
    expect(guessFromWording(q)).toEqual({ index: 1, reason: "hedge" });
  });

  it("drops absolute options, then prefers stem echoes, then the longest option", () => {
    expect(guessFromWording(question("Pick one", ["Alpha always", "Beta never", "Gamma only", "Delta"], 3))).toEqual({ index: 3, reason: "absolute" });
    expect(guessFromWording(question("Which sister?", ["Her sister", "Her aunt", "A cousin", "A friend"], 0))).toEqual({ index: 0, reason: "stem-echo" });
    expect(guessFromWording(question("Pick one", ["Alpha", "Beta", "Gamma, longer", "Delta"], 2))).toEqual({ index: 2, reason: "longest" });
  });

  it("scores a bank and counts which cue decided each item", () => {
    const items = [
      question("Pick one", ["Alpha works", "Beta may work", "Gamma works", "Delta works"], 1),
      question("Pick one", ["Alpha works", "Beta may work", "Gamma works", "Delta works"], 0),
    ];
    const report = runGuesser(items);
    expect(report.correct).toBe(1);
    expect(report.byReason.hedge).toEqual({ decided: 2, correct: 1 });
    // A contrarian rules out the guessed option: 0 on the first item, 1 in 3 on the second.
    expect(report.contrarianExpected).toBeCloseTo(1 / 6);
  });
});
