/**
 * Imports a question file without the browser (the same service as the import page):
 *
 *   npm run bank:import -- FILE [--format gift|moodle-xml|aiken|csv|json] [--dry-run]
 *                               [--subject ipt] [--topic SLUG] [--publish]
 *
 * All or nothing: with any problem nothing is written and the exit status is 1.
 * Progress goes to stderr; the last line of stdout is one JSON object:
 * {"format":"gift","created":0,"updated":0,"unchanged":0,"skipped":0,"problems":[{"line":0,"reason":""}]}
 */
import { existsSync, readFileSync } from "node:fs";
import { parseArgs } from "node:util";
import { IMPORT_FORMATS, type ImportFormat } from "../lib/questions/formats/types";

if (existsSync(".env")) process.loadEnvFile(".env");

const { values, positionals } = parseArgs({
  options: {
    format: { type: "string" },
    "dry-run": { type: "boolean", default: false },
    subject: { type: "string", default: "ipt" },
    topic: { type: "string" },
    publish: { type: "boolean", default: false },
  },
  allowPositionals: true,
});

function finish(summary: object, code: number): never {
  console.log(JSON.stringify(summary));
  process.exit(code);
}

async function main(): Promise<void> {
  const file = positionals[0];
  const format = values.format as ImportFormat | undefined;
  if (!file) finish({ format: format ?? null, created: 0, updated: 0, unchanged: 0, skipped: 0, problems: [{ line: 0, reason: "Name the file to import." }] }, 2);
  if (format !== undefined && !IMPORT_FORMATS.includes(format)) {
    finish({ format, created: 0, updated: 0, unchanged: 0, skipped: 0, problems: [{ line: 0, reason: `Unknown format; use one of ${IMPORT_FORMATS.join(", ")}.` }] }, 2);
  }
  let bytes: Uint8Array;
  try {
    bytes = readFileSync(file);
  } catch (error) {
    return finish({ format: format ?? null, created: 0, updated: 0, unchanged: 0, skipped: 0, problems: [{ line: 0, reason: `Cannot read ${file}: ${(error as Error).message}` }] }, 2);
  }
  console.error(`Importing ${file} (${bytes.length} bytes)${values["dry-run"] ? ", dry run" : ""}...`);
  const { COMMAND_LINE_OPERATOR, importQuestionFile } = await import("../lib/services/question-import");
  // The command line is the operator's: it acts with an admin's rights (and is audited with no account).
  const report = await importQuestionFile(COMMAND_LINE_OPERATOR, bytes, {
    ...(format ? { format } : {}),
    subjectSlug: values.subject,
    ...(values.topic ? { defaultTopic: values.topic } : {}),
    dryRun: values["dry-run"],
    publish: values.publish,
    onProgress: (progress) => {
      if (progress.stage === "checked") {
        console.error(`Checked ${String(progress.questions)} questions (${String(progress.skipped)} skipped, ${String(progress.problems)} problems).`);
      } else {
        console.error(`${values["dry-run"] ? "Trying" : "Writing"} questions: ${String(progress.done)}/${String(progress.total)}`);
      }
    },
  });
  for (const skipped of report.skipped) console.error(`skipped, line ${String(skipped.line)}: ${skipped.reason}`);
  for (const note of report.notes) console.error(`note, line ${String(note.line)}: ${note.reason}`);
  for (const problem of report.problems) console.error(`problem, line ${String(problem.line)}: ${problem.reason}`);
  console.error(report.written ? "Written." : report.problems.length > 0 ? "Nothing was written." : "Dry run: nothing was written.");
  finish(
    { format: report.format, created: report.created, updated: report.updated, unchanged: report.unchanged, skipped: report.skipped.length, problems: report.problems },
    report.problems.length > 0 ? 1 : 0,
  );
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : error);
  finish({ format: null, created: 0, updated: 0, unchanged: 0, skipped: 0, problems: [{ line: 0, reason: "The import failed; nothing was written." }] }, 1);
});
