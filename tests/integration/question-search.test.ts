import { describe, expect, it } from "vitest";
import { getDb } from "@/lib/server/db";
import { createQuestion as writeQuestion } from "@/lib/services/question-editor";
import { listQuestions } from "@/lib/services/question-list";
import { refreshMarkedSearchTexts } from "@/lib/services/search-text-upkeep";
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

/** A question written through the editor (its search text stored as the app stores it), the first option correct. */
async function written(topicId: string, stem: string, options: string[]) {
  const author = await createUser({ role: "INSTRUCTOR" });
  return writeQuestion(author, {
    stem,
    explanation: "Because.",
    options: options.map((text, i) => ({ text, feedback: i === 0 ? "Yes." : "No.", correct: i === 0 })),
    topicId,
    difficulty: "MEDIUM",
    kind: "APPLICATION",
    sources: [],
    tags: [],
    status: "DRAFT",
  });
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

  it("finds a question by the words it shows, whatever Markdown marks them (emphasis, code, escapes)", async () => {
    const topic = await createTopic();
    const question = await written(topic.id, "Which of the **four problem** areas fits a patient scoring 3\\*4 on the `PHQ-9` scale?", [
      "*Grief* after a loss",
      "Role dispute",
      "Role transition",
    ]);

    expect(await slugsFor("four problem areas")).toEqual([question.slug]);
    expect(await slugsFor("3*4")).toEqual([question.slug]);
    expect(await slugsFor("on the phq-9 scale")).toEqual([question.slug]);
    expect(await slugsFor("grief after")).toEqual([question.slug]);
    expect(await slugsFor("**")).toEqual([]);
  });

  it("brings search text stored with Markdown marks (before they were dropped) up to date once, leaving updatedAt alone", async () => {
    const topic = await createTopic();
    const question = await written(topic.id, "The **four problem** areas and 3\\*4 in `code`", ["One", "Two"]);
    const plain = await questionWithText(topic.id, "a question with no marks at all");
    const stale = `${question.slug} the **four problem** areas and 3\\*4 in \`code\` one two`;
    await getDb().question.update({ where: { id: question.id }, data: { searchText: stale } });
    const before = await getDb().question.findUniqueOrThrow({ where: { id: question.id }, select: { updatedAt: true } });
    expect(await slugsFor("four problem areas")).toEqual([]);

    expect(await refreshMarkedSearchTexts()).toBe(1);
    const after = await getDb().question.findUniqueOrThrow({ where: { id: question.id }, select: { searchText: true, updatedAt: true } });
    expect(after.searchText).toBe(`${question.slug} the four problem areas and 3*4 in code one two`);
    expect(after.updatedAt).toEqual(before.updatedAt);
    expect(await slugsFor("four problem areas")).toEqual([question.slug]);
    expect((await getDb().question.findUniqueOrThrow({ where: { id: plain.id } })).searchText).toBe("a question with no marks at all");
    // Done once: the plain text still holds a star, and is read again but not rewritten.
    expect(await refreshMarkedSearchTexts()).toBe(0);
  });
});
