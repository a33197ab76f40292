/**
 * e2e set-up, run by scripts/e2e-server.sh before the server starts: a second
 * subject with published questions (tests/fixtures/second-subject-bank.json),
 * so the whole e2e run has two subjects on offer and a new student always
 * chooses one on the welcome step (fixtures.ts chooseIptIfAsked picks IPT).
 * Every account that exists already (the demo accounts) is enrolled in IPT,
 * as the single-subject install would have done on their first visit.
 * Written before the server starts: a write from another process while the
 * server holds its one SQLite connection can time its transactions out.
 */
import { readFileSync } from "node:fs";
import { questionBankSchema } from "../../../lib/questions/bank-schema";
import { getDb } from "../../../lib/server/db";
import { loadQuestionBank } from "../../../lib/services/question-bank-loader";

async function main(): Promise<void> {
  const bank = questionBankSchema.parse(JSON.parse(readFileSync("tests/fixtures/second-subject-bank.json", "utf8")));
  await loadQuestionBank(bank);
  const db = getDb();
  const ipt = await db.subject.findUniqueOrThrow({ where: { slug: "ipt" }, select: { id: true } });
  const users = await db.user.findMany({ where: { currentSubjectId: null }, select: { id: true } });
  await db.$transaction(async (tx) => {
    for (const user of users) {
      await tx.enrolment.upsert({ where: { userId_subjectId: { userId: user.id, subjectId: ipt.id } }, create: { userId: user.id, subjectId: ipt.id }, update: {} });
      await tx.user.update({ where: { id: user.id }, data: { currentSubjectId: ipt.id } });
    }
  });
  await db.$disconnect();
  console.log(`Second subject "${bank.subject.name}" loaded; ${users.length} existing accounts study IPT.`);
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
