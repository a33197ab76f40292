import { readFileSync } from "node:fs";
import { beforeEach, describe, expect, it } from "vitest";
import { questionBankSchema } from "@/lib/questions/bank-schema";
import { getDb } from "@/lib/server/db";
import { loadQuestionBank } from "@/lib/services/question-bank-loader";
import { COMMAND_LINE_OPERATOR, exportQuestionFile, importQuestionFile } from "@/lib/services/question-import";
import { recordAnswer } from "@/lib/services/practice";
import { submitAnswerSchema } from "@/lib/validation/practice";
import { createQuestion } from "../factories/questions";
import { createPresentation } from "../factories/presentations";
import { createUser } from "../factories/users";

const bank = questionBankSchema.parse(JSON.parse(readFileSync("prisma/seed/ipt-bank.json", "utf8")));
const NOW = new Date("2026-12-02T10:00:00Z");

async function instructor() {
  return createUser({ role: "INSTRUCTOR" });
}

/** A second subject, with topics named as their slugs. */
async function createSubject(slug: string, topics: string[]) {
  return getDb().subject.create({
    data: { slug, name: slug, topics: { create: topics.map((topic, position) => ({ slug: topic, name: topic, position, weight: 1 / topics.length })) } },
  });
}

describe("importing and exporting question files", () => {
  beforeEach(async () => {
    await loadQuestionBank(bank);
  });

  it.each(["gift", "moodle-xml", "csv", "json"] as const)("re-imports its own %s export of the whole bank with no change", async (format) => {
    const actor = await instructor();
    const file = await exportQuestionFile(actor, "ipt", format, NOW);
    if (file.kind !== "text") throw new Error("expected a text export");
    const versionsBefore = await getDb().questionVersion.count();
    const report = await importQuestionFile(actor, file.text, { format, subjectSlug: "ipt", dryRun: false });
    expect(report.problems).toEqual([]);
    expect(report).toMatchObject({ created: 0, updated: 0, unchanged: bank.questions.length });
    expect(await getDb().questionVersion.count()).toBe(versionsBefore);
  });

  it("re-imports its own Aiken export of the whole bank with no change: matched by stem, keeping what Aiken cannot carry", async () => {
    const actor = await instructor();
    const file = await exportQuestionFile(actor, "ipt", "aiken", NOW);
    if (file.kind !== "text") throw new Error("expected a text export");
    const before = await getDb().questionVersion.findMany({ orderBy: { id: "asc" }, include: { options: { orderBy: { position: "asc" } } } });
    const questionsBefore = await getDb().question.findMany({ orderBy: { id: "asc" } });
    // No topic chosen: a question matched by its stem keeps its own topic.
    const report = await importQuestionFile(actor, file.text, { format: "aiken", subjectSlug: "ipt", dryRun: false });
    expect(report.problems).toEqual([]);
    expect(report).toMatchObject({ created: 0, updated: 0, unchanged: bank.questions.length });
    expect(await getDb().questionVersion.findMany({ orderBy: { id: "asc" }, include: { options: { orderBy: { position: "asc" } } } })).toEqual(before);
    expect(await getDb().question.findMany({ orderBy: { id: "asc" } })).toEqual(questionsBefore);
  });

  it("re-imports its own Aiken export unchanged when the text holds Markdown that Aiken writes as plain text", async () => {
    const actor = await instructor();
    const gift = "// [id:md-1]\n::md::[markdown]What does `grep -v` print, and is 2\\*3 = 6?{=the *other* lines # yes ~the **matching** lines ~nothing}\n";
    expect(await importQuestionFile(actor, gift, { subjectSlug: "ipt", defaultTopic: "structure", dryRun: false })).toMatchObject({ created: 1, problems: [] });
    const count = await getDb().question.count();
    const file = await exportQuestionFile(actor, "ipt", "aiken", NOW);
    if (file.kind !== "text") throw new Error("expected a text export");
    expect(file.text).toContain("What does grep -v print, and is 2*3 = 6?\nA. the other lines\nB. the matching lines");
    const report = await importQuestionFile(actor, file.text, { format: "aiken", subjectSlug: "ipt", dryRun: false });
    expect(report).toMatchObject({ created: 0, updated: 0, unchanged: bank.questions.length + 1, problems: [] });
    expect(await getDb().question.count()).toBe(count);
  });

  it("an Aiken file that changes a bank question's options updates that question and keeps its explanation and topic", async () => {
    const actor = await instructor();
    const original = bank.questions[0]!;
    const letters = "ABCDEF";
    const options = original.options.map((o, i) => `${letters[i]!}. ${i === 0 ? `${o.text} (reworded)` : o.text}`);
    const key = letters[original.options.findIndex((o) => o.correct)]!;
    const aiken = [original.stem.replace(/\n/g, " "), ...options, `ANSWER: ${key}`, ""].join("\n");
    if (original.stem.includes("\n")) return; // a multi-line stem is written differently by Aiken; the whole-bank test covers it
    const report = await importQuestionFile(actor, aiken, { format: "aiken", subjectSlug: "ipt", dryRun: false });
    expect(report).toMatchObject({ created: 0, updated: 1, problems: [] });
    const stored = await getDb().question.findUniqueOrThrow({
      where: { slug: original.id },
      include: { topic: true, versions: { orderBy: { version: "desc" }, take: 1, include: { options: { orderBy: { position: "asc" } } } } },
    });
    expect(stored.topic.slug).toBe(original.topic);
    expect(stored.versions[0]!.explanation).toBe(original.explanation);
    expect(stored.versions[0]!.options[0]!.text).toBe(`${original.options[0]!.text} (reworded)`);
    expect(stored.versions[0]!.options[1]!.feedback).toBe(original.options[1]!.feedback);
  });

  it("leaves a version a student has been shown as it was: a reworded import of it makes a new version, and the shown question can still be answered", async () => {
    const original = bank.questions[0]!;
    const student = await createUser();
    const question = await getDb().question.findUniqueOrThrow({
      where: { slug: original.id },
      include: { versions: { include: { options: { orderBy: { position: "asc" } } } } },
    });
    const shown = await createPresentation(student.id, question);
    const shownOptions = question.versions[0]!.options;

    const reworded = { ...original, stem: `${original.stem} (reworded)` };
    const report = await loadQuestionBank({ ...bank, questions: [reworded, ...bank.questions.slice(1)] });
    expect(report.versionsCreated).toBe(1);

    const kept = await getDb().questionVersion.findUniqueOrThrow({ where: { id: question.versions[0]!.id }, include: { options: { orderBy: { position: "asc" } } } });
    expect(kept.stem).toBe(original.stem);
    expect(kept.options.map((o) => o.id)).toEqual(shownOptions.map((o) => o.id));
    const correct = shownOptions.find((o) => o.correct)!;
    const result = await recordAnswer(student.id, submitAnswerSchema.parse({ presentationId: shown.id, optionId: correct.id }));
    expect(result.correct).toBe(true);
  });

  it("never updates a question of another subject whose id the file repeats: the subject gets its own question, and a re-import updates that one", async () => {
    const actor = await instructor();
    await createSubject("stats", ["basics"]);
    const before = await getDb().question.findUniqueOrThrow({ where: { slug: "ipt-focus-001" }, include: { topic: true, versions: true } });
    const gift = (stem: string) => `$CATEGORY: $course$/top/Basics\n// [id:ipt-focus-001]\n::p::${stem}{=A probability ~A mean ~A median}\n`;

    const preview = await importQuestionFile(actor, gift("What is a p-value?"), { subjectSlug: "stats", dryRun: true });
    const report = await importQuestionFile(actor, gift("What is a p-value?"), { subjectSlug: "stats", dryRun: false });
    expect(report).toMatchObject({ created: 1, updated: 0, problems: [] });
    // Said in the preview and the import: the file's id is stored under another slug.
    for (const r of [preview, report]) {
      expect(r.notes).toEqual([{ line: 3, reason: expect.stringMatching(/^the id "ipt-focus-001" is taken by a question of ".+": this question is stored as "stats-ipt-focus-001"/) as string }]);
    }
    const after = await getDb().question.findUniqueOrThrow({ where: { slug: "ipt-focus-001" }, include: { topic: true, versions: true } });
    expect(after).toEqual(before);
    const own = await getDb().question.findMany({ where: { topic: { subject: { slug: "stats" } } }, include: { versions: true } });
    expect(own.map((q) => [q.slug, q.versions[0]!.stem])).toEqual([["stats-ipt-focus-001", "What is a p-value?"]]);

    expect(await importQuestionFile(actor, gift("What is a p-value?"), { subjectSlug: "stats", dryRun: false })).toMatchObject({ created: 0, unchanged: 1 });
    expect(await importQuestionFile(actor, gift("What does a p-value measure?"), { subjectSlug: "stats", dryRun: false })).toMatchObject({ created: 0, updated: 1 });
    expect(await getDb().question.findUniqueOrThrow({ where: { slug: "ipt-focus-001" }, include: { topic: true, versions: true } })).toEqual(before);
    // The subject's own export reads back unchanged.
    const file = await exportQuestionFile(actor, "stats", "gift", NOW);
    if (file.kind !== "text") throw new Error("expected a text export");
    expect(await importQuestionFile(actor, file.text, { format: "gift", subjectSlug: "stats", dryRun: false })).toMatchObject({ created: 0, updated: 0, unchanged: 1, problems: [], notes: [] });
  });

  it("refuses, writing nothing, a file id whose every derived slug is taken by other subjects' questions", async () => {
    const actor = await instructor();
    await createSubject("stats", ["basics"]);
    const other = await createSubject("other", ["misc"]);
    const misc = await getDb().topic.findFirstOrThrow({ where: { subjectId: other.id } });
    for (const slug of ["stats-ipt-focus-001", "stats-basics-ipt-focus-001"]) {
      const q = await createQuestion({ topicId: misc.id });
      await getDb().question.update({ where: { id: q.id }, data: { slug } });
    }
    const before = await getDb().question.count();
    const gift = "$CATEGORY: $course$/top/Basics\n// [id:ipt-focus-001]\n::p::What is a p-value?{=A probability ~A mean}\n";
    for (const dryRun of [true, false]) {
      const report = await importQuestionFile(actor, gift, { subjectSlug: "stats", dryRun });
      expect(report).toMatchObject({ written: false, created: 0 });
      expect(report.problems).toEqual([
        {
          line: 3,
          reason: expect.stringMatching(/^The id "ipt-focus-001" and the ids derived from it \("ipt-focus-001", "stats-ipt-focus-001", "stats-basics-ipt-focus-001"\) are taken by questions of .*"other".*; give this question another id\.$/) as string,
        },
      ]);
    }
    expect(await getDb().question.count()).toBe(before);
  });

  it("says which imported questions lost a guessing penalty", async () => {
    const actor = await instructor();
    const gift = "::a:: Which phase takes the inventory?{=initial ~%-25%middle ~%-25%termination}\n\n::b:: Which is a problem area?{=grief ~%0%memory}\n";
    const report = await importQuestionFile(actor, gift, { subjectSlug: "ipt", defaultTopic: "structure", dryRun: true });
    expect(report).toMatchObject({ created: 2, problems: [] });
    expect(report.notes).toEqual([{ line: 1, reason: "the wrong answers' guessing penalties (-25%, -25%) dropped: a wrong answer here scores 0" }]);
  });

  it("imports the same Moodle file into two subjects as two questions, each re-import updating only its own subject's", async () => {
    const actor = await instructor();
    await createSubject("subject-a", ["a-basics"]);
    await createSubject("subject-b", ["b-basics"]);
    const xml = (category: string, stem: string) =>
      `<quiz>\n<question type="category"><category><text>$course$/top/${category}</text></category></question>\n<question type="multichoice"><name><text>one</text></name><questiontext format="html"><text>${stem}</text></questiontext><idnumber>1</idnumber><single>true</single><answer fraction="100"><text>yes</text></answer><answer fraction="0"><text>no</text></answer></question>\n</quiz>\n`;
    expect(await importQuestionFile(actor, xml("a-basics", "Is A true?"), { subjectSlug: "subject-a", dryRun: false })).toMatchObject({ created: 1 });
    expect(await importQuestionFile(actor, xml("b-basics", "Is B true?"), { subjectSlug: "subject-b", dryRun: false })).toMatchObject({ created: 1, updated: 0 });
    expect(await importQuestionFile(actor, xml("a-basics", "Is A really true?"), { subjectSlug: "subject-a", dryRun: false })).toMatchObject({ created: 0, updated: 1 });
    expect(await importQuestionFile(actor, xml("b-basics", "Is B true?"), { subjectSlug: "subject-b", dryRun: false })).toMatchObject({ created: 0, unchanged: 1 });
    const stems = async (subject: string) =>
      (await getDb().question.findMany({ where: { topic: { subject: { slug: subject } } }, include: { versions: { orderBy: { version: "desc" }, take: 1 } } })).map((q) => q.versions[0]!.stem);
    expect(await stems("subject-a")).toEqual(["Is A really true?"]);
    expect(await stems("subject-b")).toEqual(["Is B true?"]);
  });

  it("imports a Moodle idnumber used in two categories as two questions, and a re-import updates each in its own topic", async () => {
    const actor = await instructor();
    await createSubject("stats", ["c1", "c2"]);
    const xml = (second: string) =>
      [
        "<quiz>",
        '<question type="category"><category><text>$course$/top/c1</text></category></question>',
        '<question type="multichoice"><questiontext format="html"><text>First?</text></questiontext><idnumber>Q1</idnumber><answer fraction="100"><text>a</text></answer><answer fraction="0"><text>b</text></answer></question>',
        '<question type="category"><category><text>$course$/top/c2</text></category></question>',
        `<question type="multichoice"><questiontext format="html"><text>${second}</text></questiontext><idnumber>Q1</idnumber><answer fraction="100"><text>a</text></answer><answer fraction="0"><text>b</text></answer></question>`,
        "</quiz>",
      ].join("\n");
    const note = { line: 5, reason: 'the id "Q1" is taken by an earlier question of this file (another category): this question is stored as "stats-Q1", and a re-import with the same id finds it again' };
    expect(await importQuestionFile(actor, xml("Second?"), { subjectSlug: "stats", dryRun: false })).toMatchObject({ created: 2, problems: [], notes: [note] });
    expect(await importQuestionFile(actor, xml("Second?"), { subjectSlug: "stats", dryRun: false })).toMatchObject({ created: 0, unchanged: 2, problems: [], notes: [note] });
    expect(await importQuestionFile(actor, xml("Second, reworded?"), { subjectSlug: "stats", dryRun: false })).toMatchObject({ created: 0, updated: 1, unchanged: 1 });
    const stored = await getDb().question.findMany({ where: { topic: { subject: { slug: "stats" } } }, include: { topic: true, versions: { orderBy: { version: "desc" }, take: 1 } } });
    expect(stored.map((q) => [q.topic.slug, q.versions[0]!.stem]).sort()).toEqual([
      ["c1", "First?"],
      ["c2", "Second, reworded?"],
    ]);
  });

  it("skips an exact copy of a question without an id, naming the line it copies, and refuses a near copy without naming an internal id", async () => {
    const actor = await instructor();
    const question = "What is a p-value?{=A probability ~A mean ~A median}";
    const copies = `$CATEGORY: $course$/top/grief\n\n${question}\n\n${question}\n`;
    const report = await importQuestionFile(actor, copies, { subjectSlug: "ipt", dryRun: false });
    expect(report).toMatchObject({ created: 1, problems: [], written: true });
    expect(report.skipped).toEqual([{ line: 5, reason: "an exact copy of the question at line 3" }]);

    const nearCopies = `$CATEGORY: $course$/top/grief\n\n${question}\n\n${question.replace("A mean", "A mean #Not a mean")}\n`;
    const refused = await importQuestionFile(actor, nearCopies, { subjectSlug: "ipt", dryRun: false });
    expect(refused.written).toBe(false);
    expect(refused.problems).toHaveLength(1);
    expect(refused.problems[0]?.line).toBe(5);
    expect(refused.problems[0]?.reason).toContain("same question text and options as the question at line 3");
    expect(refused.problems[0]?.reason).not.toContain("imported-");
  });

  it("records each question an import creates or changes in that question's history: who, when, what", async () => {
    const actor = await createUser({ role: "INSTRUCTOR", name: "Ines Importer" });
    const giftOf = (distractor: string) =>
      `$CATEGORY: $course$/top/grief\n\n// [id:history-1]\n::h::Which area fits a death?{=Grief ~${distractor} ~Role transition}\n\n// [id:history-2]\n::h2::Which area fits a move?{=Role transition ~Grief ~Role dispute}\n`;
    await importQuestionFile(actor, giftOf("Role dispute"), { subjectSlug: "ipt", dryRun: false });
    await importQuestionFile(actor, giftOf("Role disputes"), { subjectSlug: "ipt", dryRun: false });
    const first = await getDb().question.findUniqueOrThrow({ where: { slug: "history-1" }, include: { versions: true } });
    const second = await getDb().question.findUniqueOrThrow({ where: { slug: "history-2" } });
    const trail = await getDb().auditEntry.findMany({ where: { entityType: "question", entityId: first.id }, orderBy: { createdAt: "asc" }, include: { actor: true } });
    expect(trail.map((e) => e.action)).toEqual(["question.import", "question.import"]);
    expect(trail.every((e) => e.actor?.name === "Ines Importer")).toBe(true);
    expect(trail[0]!.summary).toMatch(/Created by a gift import/);
    expect(trail[1]!.summary).toMatch(/Changed by a gift import: wording/);
    // The unchanged question of the second import gets no second entry.
    expect(await getDb().auditEntry.count({ where: { entityType: "question", entityId: second.id } })).toBe(1);
    // The version written by the import names its author.
    expect(first.versions.map((v) => v.authorId)).toEqual([actor.id]);
  });

  it("writes nothing when one question of a GIFT file is broken, and names its line", async () => {
    const actor = await instructor();
    const gift = [
      "$CATEGORY: $course$/top/grief",
      "",
      "::good::[id:import-good-1] Which problem area fits a loss through death?{=Grief ~Role dispute ~Role transition ~Interpersonal deficits}",
      "",
      "::broken::[id:import-broken-1] A question with two keys?{=One =Two ~Three}",
      "",
    ].join("\n");
    const report = await importQuestionFile(actor, gift, { subjectSlug: "ipt", dryRun: false });
    expect(report.written).toBe(false);
    expect(report.problems.map((p) => p.line)).toContain(5);
    expect(await getDb().question.count({ where: { slug: { startsWith: "import-" } } })).toBe(0);
  });

  it("previews exactly what a commit does, then commits drafts that a second import leaves alone", async () => {
    const actor = await instructor();
    const aiken = ["Which IPT phase takes the interpersonal inventory?", "A. The initial phase", "B. The middle phase", "C. Termination", "D. Maintenance", "ANSWER: A", ""].join("\n");
    const before = await getDb().question.count();
    const preview = await importQuestionFile(actor, aiken, { subjectSlug: "ipt", defaultTopic: "structure", dryRun: true });
    expect(preview).toMatchObject({ format: "aiken", created: 1, written: false });
    expect(await getDb().question.count()).toBe(before);

    const committed = await importQuestionFile(actor, aiken, { subjectSlug: "ipt", defaultTopic: "structure", dryRun: false });
    expect(committed).toMatchObject({ created: 1, written: true });
    const created = await getDb().question.findFirstOrThrow({ where: { slug: { startsWith: "imported-" } } });
    expect(created.status).toBe("DRAFT");
    const again = await importQuestionFile(actor, aiken, { subjectSlug: "ipt", defaultTopic: "structure", dryRun: false });
    expect(again).toMatchObject({ created: 0, unchanged: 1 });
  });

  it("refuses a question whose category names no topic unless a topic is chosen, and refuses students", async () => {
    const actor = await instructor();
    const gift = "$CATEGORY: $course$/top/Statistics\n\nWhat is a p-value?{=A probability ~A mean ~A median}\n";
    const refused = await importQuestionFile(actor, gift, { subjectSlug: "ipt", dryRun: false });
    expect(refused.problems[0]).toMatchObject({ line: 3 });
    expect(refused.problems[0]?.reason).toMatch(/No topic .* "Statistics"/);
    const student = await createUser();
    await expect(importQuestionFile(student, gift, { subjectSlug: "ipt", dryRun: true })).rejects.toMatchObject({ code: "FORBIDDEN" });
    await expect(exportQuestionFile(student, "ipt", "gift", NOW)).rejects.toMatchObject({ code: "FORBIDDEN" });
  });

  it("stores GIFT tags on import, writes them in every format that carries them, and a round trip keeps them", async () => {
    const actor = await instructor();
    const gift = [
      "$CATEGORY: $course$/top/grief",
      "",
      "// [id:tagged-1] [tag:week-2] [tag:exam: spring] [tag:difficulty:hard]",
      "::tagged::Which problem area fits a loss through death?{=Grief ~Role dispute ~Role transition ~Interpersonal deficits}",
      "",
    ].join("\n");
    expect(await importQuestionFile(actor, gift, { subjectSlug: "ipt", dryRun: false })).toMatchObject({ created: 1, problems: [] });
    const stored = await getDb().question.findUniqueOrThrow({ where: { slug: "tagged-1" } });
    // difficulty:hard is metadata, not a free tag.
    expect(stored.tags).toEqual(["week-2", "exam: spring"]);
    expect(stored.difficulty).toBe("HARD");

    for (const format of ["gift", "moodle-xml", "csv", "json"] as const) {
      const file = await exportQuestionFile(actor, "ipt", format, NOW, { q: "tagged-1" });
      if (file.kind !== "text") throw new Error("expected a text export");
      expect(file.count).toBe(1);
      expect(file.text).toContain("week-2");
      await getDb().question.update({ where: { id: stored.id }, data: { tags: [] } });
      const report = await importQuestionFile(actor, file.text, { format, subjectSlug: "ipt", dryRun: false });
      expect(report, format).toMatchObject({ created: 0, updated: 1, problems: [] });
      expect((await getDb().question.findUniqueOrThrow({ where: { id: stored.id } })).tags, format).toEqual(["week-2", "exam: spring"]);
      expect(await importQuestionFile(actor, file.text, { format, subjectSlug: "ipt", dryRun: false }), format).toMatchObject({ created: 0, updated: 0, unchanged: 1 });
    }
  });

  it("treats a change of tags alone as an update without a new version, and refuses too many tags", async () => {
    const actor = await instructor();
    const csvOf = (tags: string) =>
      ["id,topic,stem,option_a,option_b,answer,tags", `csv-tags-1,grief,Which area fits a death?,Grief,Role dispute,A,${tags}`, ""].join("\n");
    expect(await importQuestionFile(actor, csvOf("a|b"), { subjectSlug: "ipt", dryRun: false })).toMatchObject({ created: 1 });
    const question = await getDb().question.findUniqueOrThrow({ where: { slug: "csv-tags-1" }, include: { versions: true } });
    const changed = await importQuestionFile(actor, csvOf("b|c"), { subjectSlug: "ipt", dryRun: false });
    expect(changed).toMatchObject({ created: 0, updated: 1 });
    const after = await getDb().question.findUniqueOrThrow({ where: { id: question.id }, include: { versions: true } });
    expect(after.tags).toEqual(["b", "c"]);
    expect(after.currentVersion).toBe(1);
    expect(after.versions.map((v) => v.contentHash)).toEqual(question.versions.map((v) => v.contentHash));

    const many = Array.from({ length: 21 }, (_, i) => `t${String(i)}`).join("|");
    const refused = await importQuestionFile(actor, csvOf(many), { subjectSlug: "ipt", dryRun: false });
    expect(refused.written).toBe(false);
    expect(refused.problems).toEqual([{ line: 2, reason: "21 tags: a question may have at most 20" }]);
    expect((await getDb().question.findUniqueOrThrow({ where: { id: question.id } })).tags).toEqual(["b", "c"]);
  });

  it("audits each committed import and export once, and no dry run", async () => {
    const actor = await instructor();
    const gift = "$CATEGORY: $course$/top/grief\n\n// [id:audit-1]\n::a::Which area fits a death?{=Grief ~Role dispute ~Role transition}\n";
    await importQuestionFile(actor, gift, { subjectSlug: "ipt", dryRun: true });
    expect(await getDb().auditEntry.count()).toBe(0);

    await importQuestionFile(actor, gift, { subjectSlug: "ipt", dryRun: false });
    await importQuestionFile(actor, gift.replace("Role dispute", "Role disputes"), { subjectSlug: "ipt", dryRun: false });
    const imports = await getDb().auditEntry.findMany({ where: { action: "bank.import" }, orderBy: { createdAt: "asc" } });
    expect(imports).toHaveLength(2);
    expect(imports.map((e) => e.details)).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ format: "gift", created: 1, updated: 0 }),
        expect.objectContaining({ format: "gift", created: 0, updated: 1 }),
      ]),
    );
    expect(imports[0]).toMatchObject({ actorId: actor.id, entityType: "bank" });

    // A refused import writes no entry: the entry is part of the import's transaction.
    await importQuestionFile(actor, "$CATEGORY: $course$/top/grief\n\n::b::[id:audit-2] Two keys?{=A =B ~C}\n", { subjectSlug: "ipt", dryRun: false });
    expect(await getDb().auditEntry.count({ where: { action: "bank.import" } })).toBe(2);

    const whole = await exportQuestionFile(actor, "ipt", "aiken", NOW);
    const drafts = await exportQuestionFile(actor, "ipt", "qti", NOW, { q: "", status: "DRAFT" });
    expect(whole.count).toBe(bank.questions.length + 1);
    expect(drafts.count).toBe(1);
    const exports = await getDb().auditEntry.findMany({ where: { action: "bank.export" }, orderBy: { createdAt: "asc" } });
    expect(exports.map((e) => e.details)).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ format: "aiken", count: bank.questions.length + 1 }),
        expect.objectContaining({ format: "qti", count: 1, filter: { status: "DRAFT" } }),
      ]),
    );
    expect(exports).toHaveLength(2);

    // The command-line operator has no account: audited with no actor.
    await exportQuestionFile(COMMAND_LINE_OPERATOR, "ipt", "csv", NOW);
    const byScript = await getDb().auditEntry.findFirstOrThrow({ where: { action: "bank.export", actorId: null } });
    expect(byScript.details).toMatchObject({ format: "csv" });
  });
});
