// Writes a generated bank of N questions (default 5,000) in the seed's JSON
// format: the bundled IPT bank's items cloned with new ids and a variant
// marker in the stem, spread over the same topics. Only the bank's size
// matters to the practice benchmark; the wording is never read by a person.
//
//   tsx bench/practice/make-bank.ts OUT.json [N]
import { readFileSync, writeFileSync } from "node:fs";
import { questionBankSchema } from "../../lib/questions/bank-schema";

const [out, sizeArg] = process.argv.slice(2);
if (!out) throw new Error("usage: make-bank.ts OUT.json [N]");
const size = Number(sizeArg ?? 5000);
const bundled = questionBankSchema.parse(JSON.parse(readFileSync("prisma/seed/ipt-bank.json", "utf8")));

const questions = [];
for (let i = 0; i < size; i++) {
  const source = bundled.questions[i % bundled.questions.length]!;
  const round = Math.floor(i / bundled.questions.length);
  if (round === 0) {
    questions.push(source);
    continue;
  }
  questions.push({ ...source, id: `${source.id}-x${String(round)}-001`, stem: `${source.stem} (variant ${String(round)})` });
}
const bank = questionBankSchema.parse({ ...bundled, questions });
writeFileSync(out, JSON.stringify(bank));
console.log(`wrote ${String(bank.questions.length)} questions to ${out}`);
