import { describe, expect, it } from "vitest";
import { optionIndexForKey } from "@/components/practice/use-answer-shortcuts";

describe("optionIndexForKey", () => {
  it("maps 1-6 to the first six options", () => {
    expect(["1", "2", "3", "4", "5", "6"].map((k) => optionIndexForKey(k, "abcdef"))).toEqual([0, 1, 2, 3, 4, 5]);
  });

  it("maps the screen's letters, in either case, and only those", () => {
    expect(optionIndexForKey("a", "abcdef")).toBe(0);
    expect(optionIndexForKey("D", "abcdef")).toBe(3);
    expect(optionIndexForKey("f", "abcdef")).toBe(5);
    // The mock exam keeps F for "flag for review".
    expect(optionIndexForKey("f", "abcde")).toBe(-1);
  });

  it("ignores other keys", () => {
    for (const key of ["0", "7", "9", "n", "p", "Enter", "ArrowDown", " ", ""]) expect(optionIndexForKey(key, "abcdef"), key).toBe(-1);
  });
});
