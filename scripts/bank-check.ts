/**
 * Validates and lints the question bank: `npm run bank:check`.
 *
 *   npm run bank:check                         the bundled bank (prisma/seed/ipt-bank.json)
 *   npm run bank:check -- --file other.json    another bank file
 *   npm run bank:check -- --drafts a.json ...  partial drafts shaped { "questions": [...] }
 *
 * Seeds are read from ../shared/seeds (SEEDS_DIR overrides). Exits 1 on any violation.
 */
import { existsSync, readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { parseArgs } from "node:util";
import { z } from "zod";
import { bankQuestionSchema, describeBankIssues, DIFFICULTIES, questionBankSchema, type BankQuestion } from "../lib/questions/bank-schema";
import { LINT_LIMITS, lintQuestions, type LintReport } from "../lib/questions/content-lint";
import { runGuesser } from "../lib/questions/wording-cues";

const root = path.resolve(import.meta.dirname, "..");
const { values, positionals } = parseArgs({
  options: { file: { type: "string" }, drafts: { type: "boolean" } },
  allowPositionals: true,
});

function fail(message: string): never {
  console.error(message);
  process.exit(1);
}

function readJson(file: string): unknown {
  try {
    return JSON.parse(readFileSync(file, "utf8"));
  } catch (error) {
    return fail(`Cannot read ${file}: ${(error as Error).message}`);
  }
}

function readSeeds(): Map<string, string> {
  const dir = path.resolve(process.env.SEEDS_DIR ?? path.join(root, "../shared/seeds"));
  if (!existsSync(dir)) fail(`The seed articles folder ${dir} is missing. Put ../shared beside the project or set SEEDS_DIR.`);
  const files = readdirSync(dir).filter((f) => f.endsWith(".txt"));
  if (files.length === 0) fail(`No seed articles (*.txt) in ${dir}.`);
  return new Map(files.map((f) => [f, readFileSync(path.join(dir, f), "utf8")]));
}

const pct = (x: number) => `${(x * 100).toFixed(1)}%`;

function printReport(report: LintReport, questions: readonly BankQuestion[], mode: "bank" | "draft"): void {
  const { stats } = report;
  console.log(`\n${stats.total} questions`);
  console.log("\ntopic                     count   min");
  for (const t of stats.perTopic) {
    if (mode === "draft" && t.count === 0) continue;
    const flag = mode === "bank" && t.count < t.minimum ? "  <- below minimum" : "";
    console.log(`${t.topic.padEnd(24)} ${String(t.count).padStart(6)} ${String(t.minimum).padStart(5)}${flag}`);
  }
  const kinds = Object.entries(stats.kinds).map(([k, n]) => `${k} ${n} (${pct(n / Math.max(1, stats.total))})`);
  const levels = Object.entries(stats.difficulties).map(([k, n]) => `${k} ${n}`);
  console.log(`\nkinds: ${kinds.join(", ")}`);
  console.log(`difficulty: ${levels.join(", ")}`);
  console.log(`key is the strictly longest option: ${pct(stats.keyLongestShare)} of items (max 35%)`);
  console.log(`longest option over twice the shortest: ${pct(stats.lengthRatioShare)} of items (max 10%)`);
  console.log(`key position 1-4: ${stats.keyPositions.join(" / ")}`);
  console.log("\nwording cues (share of items where the cue points at the key):");
  console.log(`  hedged word in the key only:              ${pct(stats.cueShares["hedge-key-only"])} (max ${pct(LINT_LIMITS.maxHedgeCueShare)})`);
  console.log(`  absolute word in every distractor only:   ${pct(stats.cueShares["absolute-distractors-only"])} (max 0 items)`);
  console.log(`  stem word echoed in the key only:         ${pct(stats.cueShares["stem-echo-key-only"])} (max ${pct(LINT_LIMITS.maxStemEchoShare)})`);
  const guesser = runGuesser(questions);
  console.log(`  wording-only guesser: ${guesser.correct} of ${guesser.total} right (${pct(guesser.correct / Math.max(1, guesser.total))}; chance 25%); a contrarian expects ${pct(guesser.contrarianExpected)}`);
  const spread = (title: string, rows: Record<string, Record<string, number>>) => {
    console.log(`\ndifficulty by ${title.padEnd(17)} easy medium   hard`);
    for (const [group, row] of Object.entries(rows).sort(([a], [b]) => a.localeCompare(b))) {
      console.log(`  ${group.padEnd(28)} ${DIFFICULTIES.map((d) => String(row[d] ?? 0).padStart(6)).join(" ")}`);
    }
  };
  spread("topic", stats.difficultyByTopic);
  spread("kind", stats.difficultyByKind);
  if (report.violations.length === 0) {
    console.log("\nNo violations.");
    return;
  }
  console.log(`\n${report.violations.length} violation(s):`);
  for (const v of report.violations) console.log(`  [${v.rule}] ${v.itemId ?? "bank"}: ${v.message}`);
}

const seeds = readSeeds();

if (values.drafts) {
  if (positionals.length === 0) fail("Name at least one draft file after --drafts.");
  const bankRaw = readJson(path.join(root, "prisma/seed/ipt-bank.json"));
  const bank = questionBankSchema.safeParse(bankRaw);
  const existingStems = bank.success ? bank.data.questions.map((q) => ({ id: q.id, stem: q.stem })) : [];
  const existingItems = bank.success ? bank.data.questions : [];
  const draftSchema = z.object({ questions: z.array(bankQuestionSchema) });
  const questions = positionals.flatMap((file) => {
    const raw = readJson(file);
    const parsed = draftSchema.safeParse(raw);
    if (!parsed.success) fail(`${file} is invalid:\n  - ${describeBankIssues(raw, parsed.error).join("\n  - ")}`);
    return parsed.data.questions;
  });
  if (bank.success) {
    const topics = new Set(bank.data.topics.map((t) => t.slug));
    const unknown = questions.filter((q) => !topics.has(q.topic)).map((q) => `${q.id} (${q.topic})`);
    if (unknown.length > 0) fail(`Unknown topic in: ${unknown.join(", ")}. Topics: ${[...topics].join(", ")}`);
  }
  const report = lintQuestions({ questions, seeds, mode: "draft", existingStems, existingItems });
  printReport(report, questions, "draft");
  process.exit(report.violations.length === 0 ? 0 : 1);
}

const file = path.resolve(values.file ?? path.join(root, "prisma/seed/ipt-bank.json"));
const raw = readJson(file);
const parsed = questionBankSchema.safeParse(raw);
if (!parsed.success) fail(`${path.relative(root, file)} is invalid:\n  - ${describeBankIssues(raw, parsed.error).join("\n  - ")}`);
const report = lintQuestions({ questions: parsed.data.questions, seeds, mode: "bank" });
console.log(`Question bank ${path.relative(root, file)}`);
printReport(report, parsed.data.questions, "bank");
process.exit(report.violations.length === 0 ? 0 : 1);
