import { describe, expect, it } from "vitest";
import { getDb } from "@/lib/server/db";
import { listQuestions } from "@/lib/services/question-list";
import { parseQuestionListQuery } from "@/lib/validation/question-list";
import { createQuestion, createTopic } from "../factories/questions";
import { createUser } from "../factories/users";

/**
 * The bank list's text search matches what the instructor typed, literally:
 * `%` and `_` are SQL LIKE wildcards and must not act as ones.
 */

async function questionWithText(topicId: string, searchText: string) {
  const question = await createQuestion({ topicId });
  await getDb().question.update({ where: { id: question.id }, data: { searchText } });
  return question;
}

async function slugsFor(q: string): Promise<string[]> {
  const staff = await createUser({ role: "INSTRUCTOR" });
  const page = await listQuestions(staff, parseQuestionListQuery({ q, sort: "slug" }));
  return page.rows.map((r) => r.slug).sort();
}

describe("the bank list's search", () => {
  it("matches % and _ literally, not as wildcards", async () => {
    const topic = await createTopic();
    const percent = await questionWithText(topic.id, "a 100% response rate");
    const thousand = await questionWithText(topic.id, "a 1000 patient trial");
    const underscore = await questionWithText(topic.id, "the role_dispute tag");
    const space = await questionWithText(topic.id, "a role dispute");
    const backslash = await questionWithText(topic.id, "a path c:\\ipt\\notes");

    expect(await slugsFor("100%")).toEqual([percent.slug]);
    expect(await slugsFor("role_dispute")).toEqual([underscore.slug]);
    expect(await slugsFor("%")).toEqual([percent.slug]);
    expect(await slugsFor("_")).toEqual([underscore.slug]);
    expect(await slugsFor("\\ipt")).toEqual([backslash.slug]);
    // Ordinary words still match as substrings, case-folded.
    expect(await slugsFor("ROLE")).toEqual([underscore.slug, space.slug].sort());
    expect(await slugsFor("100")).toEqual([percent.slug, thousand.slug].sort());
  });
});
