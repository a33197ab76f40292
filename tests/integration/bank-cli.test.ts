import { execFile } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, beforeEach, describe, expect, it } from "vitest";
import { questionBankSchema } from "@/lib/questions/bank-schema";
import { getDb } from "@/lib/server/db";
import { loadQuestionBank } from "@/lib/services/question-bank-loader";

/**
 * The command line (issue 13): `npm run bank:import -- FILE [--format F] [--dry-run]` and
 * `npm run bank:export -- --format F [--out FILE]`, run as real processes against this file's
 * throw-away database (DATABASE_URL is inherited).
 */

const bank = questionBankSchema.parse(JSON.parse(readFileSync("prisma/seed/ipt-bank.json", "utf8")));
const work = mkdtempSync(path.join(tmpdir(), "bank-cli-"));

type Run = { code: number; stdout: string; stderr: string };

function run(script: "bank-import" | "bank-export", args: string[]): Promise<Run> {
  return new Promise((resolve) => {
    execFile(
      process.execPath,
      ["node_modules/tsx/dist/cli.mjs", "--conditions=react-server", `scripts/${script}.ts`, ...args],
      { env: process.env, maxBuffer: 64 * 1024 * 1024 },
      (error, stdout, stderr) => resolve({ code: error ? Number(error.code ?? 1) : 0, stdout, stderr }),
    );
  });
}

/** The import's summary: the last line of stdout, one JSON object. */
function summary(result: Run): unknown {
  const lines = result.stdout.trim().split("\n");
  return JSON.parse(lines[lines.length - 1] ?? "");
}

describe("bank:import and bank:export on the command line", () => {
  beforeEach(async () => {
    await loadQuestionBank(bank);
  });
  afterAll(() => rmSync(work, { recursive: true, force: true }));

  it("exports the bank to a file and re-imports it with no change; progress goes to stderr, the summary is stdout's last line", async () => {
    const file = path.join(work, "bank.gift.txt");
    const exported = await run("bank-export", ["--format", "gift", "--out", file]);
    expect(exported.code).toBe(0);
    expect(exported.stdout).toBe("");
    expect(readFileSync(file, "utf8")).toContain("$CATEGORY:");

    const versions = await getDb().questionVersion.count();
    const imported = await run("bank-import", [file]);
    expect(imported.code, imported.stderr).toBe(0);
    expect(summary(imported)).toEqual({ format: "gift", created: 0, updated: 0, unchanged: bank.questions.length, skipped: 0, problems: [] });
    expect(imported.stderr).toContain(`Checked ${String(bank.questions.length)} questions (0 skipped, 0 problems).`);
    expect(imported.stderr).toContain("Writing questions: 250/278");
    expect(imported.stderr).toContain("Writing questions: 278/278");
    expect(await getDb().questionVersion.count()).toBe(versions);
  }, 90_000);

  it("writes to stdout without --out", async () => {
    const exported = await run("bank-export", ["--format", "json"]);
    expect(exported.code).toBe(0);
    const written = JSON.parse(exported.stdout) as { questions: unknown[] };
    expect(written.questions).toHaveLength(bank.questions.length);
  }, 60_000);

  it("a dry run reports what it would create and writes nothing; --format is honoured", async () => {
    const file = path.join(work, "new.csv");
    writeFileSync(file, "id,topic,stem,option_a,option_b,answer\ncli-dry-1,grief,Which area fits a death?,Grief,Role dispute,A\n");
    const before = await getDb().question.count();
    const dry = await run("bank-import", [file, "--format", "csv", "--dry-run"]);
    expect(dry.code, dry.stderr).toBe(0);
    expect(summary(dry)).toEqual({ format: "csv", created: 1, updated: 0, unchanged: 0, skipped: 0, problems: [] });
    expect(dry.stderr).toContain("Dry run: nothing was written.");
    expect(await getDb().question.count()).toBe(before);
  }, 60_000);

  it("a file with problems exits non-zero, names every problem's line, and writes nothing", async () => {
    const before = await getDb().question.count();
    const broken = await run("bank-import", ["tests/fixtures/formats/gift/malformed.gift.txt"]);
    expect(broken.code).toBe(1);
    const result = summary(broken) as { format: string; created: number; problems: Array<{ line: number; reason: string }> };
    expect(result.format).toBe("gift");
    expect(result.created).toBe(0);
    expect(result.problems.length).toBeGreaterThan(3);
    expect(result.problems.every((p) => p.line > 0 && p.reason.length > 0)).toBe(true);
    expect(broken.stderr).toContain("Nothing was written.");
    expect(await getDb().question.count()).toBe(before);

    const unknown = await run("bank-import", ["tests/fixtures/formats/gift/features.gift.txt", "--format", "docx"]);
    expect(unknown.code).toBe(2);
    expect(summary(unknown)).toMatchObject({ problems: [{ line: 0, reason: expect.stringContaining("Unknown format") as unknown }] });
  }, 60_000);
});
