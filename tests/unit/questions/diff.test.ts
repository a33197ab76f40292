import { describe, expect, it } from "vitest";
import { diffWords, hasChanges } from "@/lib/questions/diff";

const side = (parts: ReturnType<typeof diffWords>, drop: "insert" | "delete") =>
  parts.filter((p) => p.type !== drop).map((p) => p.text).join("");

describe("diffWords", () => {
  it("finds a replaced word", () => {
    expect(diffWords("The cat sat on the mat", "The dog sat on the mat")).toEqual([
      { type: "equal", text: "The " },
      { type: "delete", text: "cat " },
      { type: "insert", text: "dog " },
      { type: "equal", text: "sat on the mat" },
    ]);
  });

  it("finds insertions and deletions in the middle", () => {
    const parts = diffWords("one two three four", "one three four five");
    expect(parts.filter((p) => p.type === "delete").map((p) => p.text.trim())).toEqual(["two"]);
    expect(parts.filter((p) => p.type === "insert").map((p) => p.text.trim())).toEqual(["five"]);
  });

  it("rebuilds the new text from equal and inserted parts", () => {
    const before = "A grieving  widow\nstarts IPT.";
    const after = "A grieving widower starts IPT in week two.";
    expect(side(diffWords(before, after), "delete")).toBe(after);
    expect(side(diffWords(before, after), "insert").replace(/\s+/g, " ")).toBe(before.replace(/\s+/g, " "));
  });

  it("reports no change for the same text and handles empty sides", () => {
    expect(hasChanges(diffWords("same words", "same words"))).toBe(false);
    expect(diffWords("", "new")).toEqual([{ type: "insert", text: "new" }]);
    expect(diffWords("old", "")).toEqual([{ type: "delete", text: "old" }]);
  });

  it("stays cheap on very long, wholly different texts", () => {
    const a = Array.from({ length: 3000 }, (_, i) => `a${i}`).join(" ");
    const b = Array.from({ length: 3000 }, (_, i) => `b${i}`).join(" ");
    const parts = diffWords(a, b);
    expect(parts.map((p) => p.type)).toEqual(["delete", "insert"]);
  });
});
