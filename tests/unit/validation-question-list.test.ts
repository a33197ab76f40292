import { describe, expect, it } from "vitest";
import { parseQuestionFilter, parseQuestionListQuery, questionListParams } from "@/lib/validation/question-list";
import { normaliseTags, tagsProblem } from "@/lib/questions/tags";

describe("the bank list's search params", () => {
  it("reads a full query", () => {
    const query = parseQuestionListQuery({ q: "  Grief ", subject: "ipt", topic: "grief", status: "IN_REVIEW", difficulty: "HARD", kind: "CONTRAST", tag: "week-2", sort: "facility", dir: "desc", page: "3" });
    expect(query).toEqual({ q: "Grief", subject: "ipt", topic: "grief", status: "IN_REVIEW", difficulty: "HARD", kind: "CONTRAST", tag: "week-2", sort: "facility", dir: "desc", page: 3 });
  });

  it("falls back to each default on its own when a param is invalid", () => {
    const query = parseQuestionListQuery({ q: "x".repeat(500), subject: "IPT; drop", topic: "../x", status: "PUBLISHED", difficulty: "impossible", kind: ["RECALL", "CONTRAST"], sort: "password", dir: "up", page: "-4" });
    expect(query).toEqual({ q: "", subject: undefined, topic: undefined, status: "PUBLISHED", difficulty: undefined, kind: "RECALL", tag: undefined, sort: "updated", dir: "desc", page: 1 });
    expect(parseQuestionListQuery({ page: "1e9" }).page).toBe(1);
    expect(parseQuestionListQuery({ page: "2.5" }).page).toBe(1);
    expect(parseQuestionListQuery(new URLSearchParams("sort=slug&page=7")).dir).toBe("asc");
  });

  it("leaves defaults out of links and round-trips the rest", () => {
    expect(questionListParams(parseQuestionListQuery({})).toString()).toBe("");
    const query = parseQuestionListQuery({ q: "a b", topic: "grief", sort: "slug", dir: "desc", page: "2" });
    const again = parseQuestionListQuery(new URLSearchParams(questionListParams(query).toString()));
    expect(again).toEqual(query);
    expect(parseQuestionFilter({ status: "RETIRED", sort: "slug" })).toEqual({ q: "", subject: undefined, topic: undefined, status: "RETIRED", difficulty: undefined, kind: undefined, tag: undefined });
  });
});

describe("question tags", () => {
  it("trims, drops blanks and repeats, and refuses too many or too long", () => {
    expect(normaliseTags([" week 2 ", "", "week  2", "exam", 4])).toEqual(["week 2", "exam"]);
    expect(tagsProblem(Array.from({ length: 21 }, (_, i) => `t${i}`))).toMatch(/at most 20/);
    expect(tagsProblem(["x".repeat(101)])).toMatch(/longer than 100/);
    expect(tagsProblem(["ok"])).toBeNull();
  });
});
