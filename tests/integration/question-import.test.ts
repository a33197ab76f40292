import { readFileSync } from "node:fs";
import { beforeEach, describe, expect, it } from "vitest";
import { questionBankSchema } from "@/lib/questions/bank-schema";
import { getDb } from "@/lib/server/db";
import { loadQuestionBank } from "@/lib/services/question-bank-loader";
import { exportQuestionFile, importQuestionFile } from "@/lib/services/question-import";
import { createUser } from "../factories/users";

const bank = questionBankSchema.parse(JSON.parse(readFileSync("prisma/seed/ipt-bank.json", "utf8")));
const NOW = new Date("2026-12-02T10:00:00Z");

async function instructor() {
  return createUser({ role: "INSTRUCTOR" });
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
});
