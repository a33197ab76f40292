/**
 * A testwise examinee with no subject knowledge: answers every item of a bank
 * from wording cues alone (hedged and absolute words, words echoed from the
 * stem, the longest option, the option most like the others) and prints the
 * score. A bank whose wording gives nothing away keeps this near chance (25%).
 *
 *   npx tsx scripts/bank-guesser.ts                    the bundled bank
 *   npx tsx scripts/bank-guesser.ts --file other.json  another bank or draft file ({ "questions": [...] })
 *   npx tsx scripts/bank-guesser.ts --list             also list each item the guesser got right and why
 */
import { readFileSync } from "node:fs";
import path from "node:path";
import { parseArgs } from "node:util";
import { z } from "zod";
import { bankQuestionSchema } from "../lib/questions/bank-schema";
import { guessFromWording, runGuesser } from "../lib/questions/wording-cues";

const root = path.resolve(import.meta.dirname, "..");
const { values } = parseArgs({ options: { file: { type: "string" }, list: { type: "boolean" } } });
const file = path.resolve(values.file ?? path.join(root, "prisma/seed/ipt-bank.json"));
const parsed = z.object({ questions: z.array(bankQuestionSchema) }).safeParse(JSON.parse(readFileSync(file, "utf8")));
if (!parsed.success) {
  console.error(`${file} is not a bank or draft file: ${parsed.error.issues[0]?.message ?? "invalid"}`);
  process.exit(1);
}
const questions = parsed.data.questions;
const report = runGuesser(questions);
const pct = (n: number, d: number) => `${((n / Math.max(1, d)) * 100).toFixed(1)}%`;

console.log(`Wording-only guesser on ${path.relative(root, file)}`);
console.log(`score: ${report.correct} of ${report.total} (${pct(report.correct, report.total)}; chance 25%)`);
console.log(`a contrarian who rules out the guessed option expects ${(report.contrarianExpected * 100).toFixed(1)}%\n`);
console.log("deciding cue       items   right  hit rate");
for (const [reason, { decided, correct }] of Object.entries(report.byReason)) {
  console.log(`${reason.padEnd(17)} ${String(decided).padStart(6)} ${String(correct).padStart(7)}  ${decided ? pct(correct, decided) : "-"}`);
}
if (values.list) {
  console.log("\nitems answered right from wording:");
  for (const q of questions) {
    const guess = guessFromWording(q);
    if (q.options[guess.index]?.correct) console.log(`  ${q.id} (${guess.reason})`);
  }
}
