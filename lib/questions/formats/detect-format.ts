import { parseAiken } from "./aiken";
import { parseCsv } from "./csv";
import { prepareInput } from "./exchange";
import { parseGift } from "./gift";
import { parseJsonBank } from "./json-bank";
import { parseMoodleXml } from "./moodle-xml";
import type { ImportFormat, ImportInput, ImportResult } from "./types";

/** What a file looks like, and why; `format: null` when it cannot tell (the page then asks). Pure. */
export type DetectedFormat = { format: ImportFormat; reason: string } | { format: null; reason: string };

const FORMAT_NAMES: Readonly<Record<ImportFormat, string>> = {
  gift: "GIFT",
  "moodle-xml": "Moodle XML",
  aiken: "Aiken",
  csv: "CSV",
  json: "JSON",
};

export function formatName(format: ImportFormat): string {
  return FORMAT_NAMES[format];
}

export function detectFormat(text: string): DetectedFormat {
  const body = text.replace(/^\uFEFF/, "").replace(/\r\n?/g, "\n");
  const start = body.trimStart();
  if (start === "") return { format: null, reason: "the file is empty" };
  if (body.includes("\u0000")) return { format: null, reason: "binary data (a NUL byte): this is not a text file" };

  if (start.startsWith("<")) {
    if (/<quiz[\s>/]/.test(start)) return { format: "moodle-xml", reason: "XML with a <quiz> root" };
    if (/<(qti-assessment-item|assessmentItem|manifest)[\s>]/.test(start)) {
      return { format: null, reason: "a QTI file: QTI is an export format here; import Moodle XML, GIFT, Aiken, CSV or JSON" };
    }
    return { format: null, reason: "XML without a <quiz> root: not a Moodle XML file" };
  }
  if (start.startsWith("{") || start.startsWith("[")) {
    try {
      JSON.parse(start);
      return { format: "json", reason: "valid JSON" };
    } catch {
      // Not valid JSON: GIFT may start with "[html]"; otherwise the JSON parser names the broken line.
    }
  }

  const firstLine = start.split("\n", 1)[0] ?? "";
  const headerCells = firstLine.split(/[,;\t]/).map((c) => c.trim().replace(/^"|"$/g, "").toLowerCase().replace(/[\s-]+/g, "_"));
  if (headerCells.includes("stem") && (headerCells.includes("option_a") || headerCells.includes("answer"))) {
    return { format: "csv", reason: "a CSV header with stem and option columns" };
  }

  const withoutComments = body
    .split("\n")
    .filter((line) => !line.trim().startsWith("//"))
    .join("\n");
  const giftReason = "GIFT answer blocks { = ~ }, titles :: or $CATEGORY:";
  const aikenReason = 'lettered options and "ANSWER:" lines';
  if (/^[ \t]*(::|\$CATEGORY:)/m.test(withoutComments)) return { format: "gift", reason: giftReason };
  // An option such as "A. {x : x = 2k}" looks like a GIFT answer block; an ANSWER: line right after the options says Aiken.
  if (hasAikenAnswerAfterOptions(body)) return { format: "aiken", reason: aikenReason };
  if (hasGiftAnswerBlock(withoutComments)) return { format: "gift", reason: giftReason };
  if (/^ANSWER\s*:\s*[A-Z]/im.test(body) && /^[A-Z][.)]\s/m.test(body)) {
    return { format: "aiken", reason: aikenReason };
  }
  if (start.startsWith("{") || start.startsWith("[")) return { format: "json", reason: "starts like JSON (but is not valid JSON)" };
  return {
    format: null,
    reason:
      "cannot tell the format: no <quiz> root (Moodle XML), no JSON, no CSV header with stem and option_a columns, no GIFT answer block { }, no Aiken ANSWER: line. Choose the format.",
  };
}

/** An "ANSWER: B" line whose previous non-blank line is a lettered option "A. ..." or "A) ...". */
function hasAikenAnswerAfterOptions(text: string): boolean {
  let previous = "";
  for (const raw of text.split("\n")) {
    const line = raw.trim();
    if (line === "") continue;
    if (/^ANSWER\s*:\s*[A-Z]\b/i.test(line) && /^[A-Z][.)]\s/.test(previous)) return true;
    previous = line;
  }
  return false;
}

/** A "{...}" holding "=" or "~", or a true/false block. A linear scan (a regex here could backtrack for long). */
function hasGiftAnswerBlock(text: string): boolean {
  let open = text.indexOf("{");
  while (open >= 0) {
    const close = text.indexOf("}", open + 1);
    if (close < 0) return false;
    const nextOpen = text.indexOf("{", open + 1);
    if (nextOpen >= 0 && nextOpen < close) {
      open = nextOpen;
      continue;
    }
    const inside = text.slice(open + 1, close);
    if (/[=~]/.test(inside) || /^\s*(T|F|TRUE|FALSE)\s*(#|$)/.test(inside)) return true;
    open = text.indexOf("{", close + 1);
  }
  return false;
}

const PARSERS: Readonly<Record<ImportFormat, (input: ImportInput) => ImportResult>> = {
  gift: parseGift,
  "moodle-xml": parseMoodleXml,
  aiken: parseAiken,
  csv: parseCsv,
  json: parseJsonBank,
};

export type QuestionFileImport = ImportResult | (Omit<ImportResult, "format"> & { format: null });

/**
 * Parses a question file in the given format, or in the detected one. When the chosen parser finds
 * nothing and the file looks like another format, the first problem says so.
 */
export function parseQuestionFile(input: ImportInput, format?: ImportFormat): QuestionFileImport {
  const prepared = prepareInput(input);
  if (!prepared.ok) return { format: format ?? null, questions: [], skipped: [], problems: [prepared.problem], notes: [] };
  const detected = detectFormat(prepared.text);
  const chosen = format ?? detected.format;
  if (chosen === null) return { format: null, questions: [], skipped: [], problems: [{ line: 1, reason: detected.reason }], notes: [] };
  const result = PARSERS[chosen](prepared.text);
  const [firstProblem, ...rest] = result.problems;
  if (result.questions.length === 0 && firstProblem && detected.format !== null && detected.format !== chosen) {
    const hint = ` (the file looks like ${formatName(detected.format)}: ${detected.reason})`;
    return { ...result, problems: [{ line: firstProblem.line, reason: firstProblem.reason + hint }, ...rest] };
  }
  return result;
}
