/**
 * Exports a subject's question bank without the browser:
 *
 *   npm run bank:export -- --format gift|moodle-xml|aiken|csv|json|qti [--out FILE] [--subject ipt]
 *
 * Writes to stdout without --out (QTI is a zip: --out is required). What the
 * format cannot carry is listed on stderr.
 */
import { existsSync, writeFileSync } from "node:fs";
import { parseArgs } from "node:util";
import { EXPORT_FORMATS, type ExportFormat } from "../lib/questions/formats/types";

if (existsSync(".env")) process.loadEnvFile(".env");

const { values } = parseArgs({
  options: { format: { type: "string" }, out: { type: "string" }, subject: { type: "string", default: "ipt" } },
});

async function main(): Promise<void> {
  const format = values.format as ExportFormat | undefined;
  if (!format || !EXPORT_FORMATS.includes(format)) throw new Error(`Choose --format: one of ${EXPORT_FORMATS.join(", ")}.`);
  if (format === "qti" && !values.out) throw new Error("QTI is a zip package: name the file with --out.");
  const { COMMAND_LINE_OPERATOR, exportQuestionFile } = await import("../lib/services/question-import");
  const file = await exportQuestionFile(COMMAND_LINE_OPERATOR, values.subject, format, new Date());
  for (const loss of file.losses) console.error(`not carried by ${format}: ${loss}`);
  const body = file.kind === "zip" ? file.bytes : file.text;
  if (values.out) {
    writeFileSync(values.out, body);
    console.error(`Wrote ${values.out}.`);
  } else {
    process.stdout.write(body);
  }
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
});
