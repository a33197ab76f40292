import { execFile } from "node:child_process";
import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { promisify } from "node:util";
import { describe, expect, it } from "vitest";
import { getDb } from "@/lib/server/db";
import { questionBankSchema, type QuestionBank } from "@/lib/questions/bank-schema";
import { loadQuestionBank } from "@/lib/services/question-bank-loader";
import { recordAnswer } from "@/lib/services/practice";
import { submitAnswerSchema } from "@/lib/validation/practice";
import { createPresentation } from "../factories/presentations";
import { createUser } from "../factories/users";

const run = promisify(execFile);

function bank(stem = "Which area fits a client who lost a parent and withdrew from friends?"): QuestionBank {
  return questionBankSchema.parse({
    subject: { slug: "ipt", name: "IPT" },
    topics: [
      { slug: "grief", name: "Grief", weight: 0.5 },
      { slug: "focus", name: "Focus", weight: 0.5 },
    ],
    questions: [
      {
        id: "ipt-grief-900",
        topic: "grief",
        stem,
        options: [
          { text: "Grief and loss", correct: true, feedback: "Correct. A death started it." },
          { text: "Role dispute", correct: false, feedback: "No conflict is described." },
          { text: "Role transition", correct: false, feedback: "No change of role is described." },
          { text: "Interpersonal deficits", correct: false, feedback: "No lifelong isolation is described." },
        ],
        explanation: "The trigger is a death.",
        sources: ["001_2c16ba01c4a870e1.txt"],
        difficulty: "easy",
        kind: "application",
      },
    ],
  });
}

describe("loadQuestionBank", () => {
  it("is idempotent: a second load changes nothing", async () => {
    const first = await loadQuestionBank(bank());
    expect(first).toMatchObject({ questionsCreated: 1, topicsCreated: 2 });
    const second = await loadQuestionBank(bank());
    expect(second).toMatchObject({ questionsCreated: 0, questionsUpdated: 0, unchanged: 1, topicsCreated: 0, topicsUpdated: 0 });
    expect(await getDb().question.count()).toBe(1);
    expect(await getDb().questionVersion.count()).toBe(1);
    expect(await getDb().option.count()).toBe(4);
  });

  it("keeps an instructor's topic names, descriptions, weights and order on a re-seed, and only adds missing topics", async () => {
    await loadQuestionBank(bank());
    const db = getDb();
    await db.topic.update({ where: { slug: "grief" }, data: { name: "Loss", description: "Edited", weight: 0.3, position: 1 } });
    await db.topic.delete({ where: { slug: "focus" } });

    const again = await loadQuestionBank(bank());
    expect(again).toMatchObject({ topicsCreated: 1, topicsUpdated: 0 });
    const grief = await db.topic.findUniqueOrThrow({ where: { slug: "grief" } });
    expect(grief).toMatchObject({ name: "Loss", description: "Edited", weight: 0.3, position: 1 });
    // A topic the bank names but the database lacks is created from the bank.
    expect(await db.topic.findUniqueOrThrow({ where: { slug: "focus" } })).toMatchObject({ name: "Focus", weight: 0.5, position: 1 });
  });

  it("edits an unanswered item in place but versions an answered one, keeping old answers on the old text", async () => {
    await loadQuestionBank(bank());
    const edited = await loadQuestionBank(bank("Which problem area fits a client who lost a parent and withdrew?"));
    expect(edited).toMatchObject({ questionsUpdated: 1, versionsCreated: 0 });
    expect(await getDb().questionVersion.count()).toBe(1);

    const question = await getDb().question.findUniqueOrThrow({
      where: { slug: "ipt-grief-900" },
      include: { versions: { include: { options: { orderBy: { position: "asc" } } } } },
    });
    const v1 = question.versions[0]!;
    const student = await createUser();
    const presentation = await createPresentation(student.id, question);
    await recordAnswer(student.id, submitAnswerSchema.parse({ presentationId: presentation.id, optionId: v1.options[0]!.id }));

    const reworded = await loadQuestionBank(bank("A client lost a parent and withdrew from friends. Which problem area fits?"));
    expect(reworded).toMatchObject({ versionsCreated: 1 });
    const after = await getDb().question.findUniqueOrThrow({ where: { slug: "ipt-grief-900" }, include: { versions: true } });
    expect(after.currentVersion).toBe(2);
    const answer = await getDb().answer.findFirstOrThrow({ where: { userId: student.id }, include: { version: true } });
    expect(answer.version.version).toBe(1);
    expect(answer.version.stem).toBe("Which problem area fits a client who lost a parent and withdrew?");
  });
});

describe("the seed command", () => {
  it("fails on an invalid bank naming the item and field, and writes nothing", async () => {
    const bad = structuredClone(bank()) as unknown as { questions: Array<{ options: Array<{ correct: boolean }> }> };
    bad.questions[0]!.options[1]!.correct = true;
    const dir = mkdtempSync(path.join(tmpdir(), "bank-"));
    const file = path.join(dir, "bad.json");
    writeFileSync(file, JSON.stringify(bad));

    const failure = await run(
      process.execPath,
      ["node_modules/tsx/dist/cli.mjs", "--conditions=react-server", "prisma/seed/seed.ts", "--file", file],
      { env: { ...process.env, DEMO_MODE: "false" } },
    ).catch((e: unknown) => e as { code: number; stderr: string });
    expect(failure).toMatchObject({ code: 1 });
    expect((failure as { stderr: string }).stderr).toContain("question ipt-grief-900 field options: must have exactly one correct option");
    expect(await getDb().question.count()).toBe(0);
    expect(await getDb().topic.count()).toBe(0);
  });
});
