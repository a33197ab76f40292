/**
 * Seeds the database: the IPT subject, topics and question bank from
 * prisma/seed/ipt-bank.json, and, in demo mode only (DEMO_MODE=true, as the
 * quick start sets it), the demo accounts whose passwords the README
 * publishes. Safe to re-run: it changes nothing when nothing changed. An
 * invalid bank writes nothing. Real admins: `npm run admin:create`.
 *
 *   npm run db:seed            (uses DATABASE_URL, default file:./data/app.db)
 *   npm run db:seed -- --file path/to/bank.json
 */
import { existsSync, readFileSync } from "node:fs";
import path from "node:path";
import { parseArgs } from "node:util";
import { describeBankIssues, questionBankSchema } from "../../lib/questions/bank-schema";

if (existsSync(".env")) process.loadEnvFile(".env");

const { values } = parseArgs({ options: { file: { type: "string" } } });
const bankPath = path.resolve(values.file ?? "prisma/seed/ipt-bank.json");

async function main(): Promise<void> {
  let raw: unknown;
  try {
    raw = JSON.parse(readFileSync(bankPath, "utf8"));
  } catch (error) {
    throw new Error(`Cannot read the question bank at ${bankPath}: ${(error as Error).message}`);
  }
  const parsed = questionBankSchema.safeParse(raw);
  if (!parsed.success) {
    const problems = describeBankIssues(raw, parsed.error);
    throw new Error(`The question bank ${bankPath} is invalid; nothing was written:\n  - ${problems.join("\n  - ")}`);
  }

  // Imported after validation so a bad file fails before touching the database.
  const { loadQuestionBank } = await import("../../lib/services/question-bank-loader");
  const { ensureDemoAccounts } = await import("../../lib/services/demo-accounts");

  const report = await loadQuestionBank(parsed.data);
  const demoMode = process.env.DEMO_MODE === "true" || process.env.DEMO_MODE === "1";
  const accounts = demoMode ? await ensureDemoAccounts() : 0;
  console.log(
    `Seeded ${path.relative(process.cwd(), bankPath)}: ${parsed.data.questions.length} questions ` +
      `(${report.questionsCreated} new, ${report.questionsUpdated} updated, ${report.versionsCreated} new versions, ` +
      `${report.unchanged} unchanged), ${parsed.data.topics.length} topics ` +
      `(${report.topicsCreated} new, ${report.topicsUpdated} updated), ${demoMode ? `${accounts} demo accounts created` : "no demo accounts (DEMO_MODE is off)"}.`,
  );
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
});
