import Papa from "papaparse";
import { choiceQuestionProblems, failedImport, finishImport, isDifficulty, isKind, prepareInput } from "./exchange";
import { MAX_OPTIONS, type ExchangeOption, type ExchangeQuestion, type ImportedQuestion, type ImportInput, type ImportIssue, type ImportResult, type TextExport } from "./types";

/**
 * CSV, one row per question, RFC 4180 quoting (papaparse). The first row is this header (column order
 * is free; names are case-insensitive, spaces count as underscores):
 *
 *   id, topic, stem, option_a … option_f, feedback_a … feedback_f, answer, explanation, difficulty, kind, tags, sources
 *
 * Required: stem, option_a, option_b, answer. `answer` is the letter of the one correct option (A–F).
 * Options fill from A with no gaps; a feedback needs its option. `difficulty` is easy|medium|hard, `kind`
 * recall|application|contrast (both may be empty). `tags` and `sources` hold values separated by "|".
 * Comma, semicolon or tab separate fields (the one that splits the header into known columns). Blank
 * rows are ignored.
 *
 * Spreadsheet formula guard: the writer puts a "'" before a cell that starts with = + - @ tab, CR or "'",
 * and the parser removes one "'" before those characters, so exported text reads back unchanged and a
 * spreadsheet never evaluates it.
 */

const LETTERS = ["a", "b", "c", "d", "e", "f"] as const;

export const CSV_COLUMNS = [
  "id",
  "topic",
  "stem",
  "option_a",
  "option_b",
  "option_c",
  "option_d",
  "option_e",
  "option_f",
  "feedback_a",
  "feedback_b",
  "feedback_c",
  "feedback_d",
  "feedback_e",
  "feedback_f",
  "answer",
  "explanation",
  "difficulty",
  "kind",
  "tags",
  "sources",
] as const;

type CsvColumn = (typeof CSV_COLUMNS)[number];
const REQUIRED: readonly CsvColumn[] = ["stem", "option_a", "option_b", "answer"];
const LIST_SEPARATOR = "|";

function isColumn(name: string): name is CsvColumn {
  return (CSV_COLUMNS as readonly string[]).includes(name);
}

function normalizeHeader(cell: string): string {
  return cell.trim().toLowerCase().replace(/[\s-]+/g, "_");
}

function unguard(cell: string): string {
  return /^'[=+\-@\t\r']/.test(cell) ? cell.slice(1) : cell;
}

/** A cell a spreadsheet will show as text, never evaluate (see the formula guard above). */
export function spreadsheetSafe(cell: string): string {
  return /^[=+\-@\t\r']/.test(cell) ? `'${cell}` : cell;
}

type Row = { line: number; cells: string[]; errors: string[] };

/** The separator is the one that splits the header line into the most known columns (comma on a tie). */
function headerDelimiter(text: string): string {
  const headerLine = text.split("\n").find((l) => l.trim() !== "") ?? "";
  let best = ",";
  let bestCount = -1;
  for (const candidate of [",", ";", "\t"]) {
    const known = headerLine.split(candidate).filter((cell) => isColumn(normalizeHeader(cell.replace(/"/g, "")))).length;
    if (known > bestCount) {
      best = candidate;
      bestCount = known;
    }
  }
  return best;
}

function readRows(text: string): { rows: Row[] } {
  const rows: Row[] = [];
  let line = 1;
  let consumed = 0;
  Papa.parse<string[]>(text, {
    delimiter: headerDelimiter(text),
    skipEmptyLines: false,
    step: (result) => {
      const end = Math.min(result.meta.cursor, text.length);
      rows.push({
        line,
        cells: result.data,
        errors: result.errors.filter((e) => e.code !== "UndetectableDelimiter").map((e) => e.message),
      });
      for (let i = consumed; i < end; i++) if (text.charCodeAt(i) === 10) line++;
      consumed = Math.max(consumed, end);
    },
  });
  return { rows };
}

export function parseCsv(input: ImportInput): ImportResult {
  const prepared = prepareInput(input);
  if (!prepared.ok) return failedImport("csv", prepared.problem);
  const { rows } = readRows(prepared.text);
  const nonEmpty = rows.filter((row) => row.cells.some((cell) => cell.trim() !== ""));
  const [headerRow, ...dataRows] = nonEmpty;
  if (!headerRow) return failedImport("csv", { line: 1, reason: "the file holds only separators and blank lines: no header and no rows" });

  const header = headerRow.cells.map(normalizeHeader);
  const headerProblems: ImportIssue[] = [];
  if (!header.some(isColumn)) {
    return failedImport("csv", {
      line: headerRow.line,
      reason: `the first line is not the CSV header this app reads (no column is one of ${CSV_COLUMNS.join(", ")}): not a question CSV file`,
    });
  }
  const seen = new Set<string>();
  header.forEach((name, i) => {
    if (name === "") headerProblems.push({ line: headerRow.line, reason: `column ${i + 1} has no name` });
    else if (!isColumn(name)) headerProblems.push({ line: headerRow.line, reason: `unknown column "${headerRow.cells[i] ?? name}" (the columns are ${CSV_COLUMNS.join(", ")})` });
    else if (seen.has(name)) headerProblems.push({ line: headerRow.line, reason: `column "${name}" appears twice` });
    seen.add(name);
  });
  for (const required of REQUIRED) {
    if (!header.includes(required)) headerProblems.push({ line: headerRow.line, reason: `missing column "${required}"` });
  }
  if (headerProblems.length > 0) return finishImport("csv", [], [], headerProblems);

  const questions: ImportedQuestion[] = [];
  const problems: ImportIssue[] = [];
  for (const row of dataRows) {
    for (const error of row.errors) problems.push({ line: row.line, reason: `CSV syntax: ${error}` });
    if (row.errors.length > 0) continue;
    if (row.cells.length !== header.length) {
      problems.push({ line: row.line, reason: `the row has ${row.cells.length} fields; the header has ${header.length}` });
      continue;
    }
    const cell = (column: CsvColumn): string => {
      const index = header.indexOf(column);
      return index < 0 ? "" : unguard((row.cells[index] ?? "").trim()).trim();
    };
    const reasons: string[] = [];
    const options: ExchangeOption[] = [];
    let lastFilled = -1;
    LETTERS.forEach((letter, i) => {
      if (cell(`option_${letter}`) !== "") lastFilled = i;
    });
    const answer = cell("answer").toUpperCase().replace(/[\s,;|/]+/g, "");
    LETTERS.forEach((letter, i) => {
      const text = cell(`option_${letter}`);
      const feedback = cell(`feedback_${letter}`);
      if (i > lastFilled) {
        if (feedback !== "") reasons.push(`feedback_${letter} is given but option_${letter} is empty`);
        return;
      }
      if (text === "") reasons.push(`option_${letter} is empty but a later option is not (fill options from A without gaps)`);
      options.push({ text, correct: answer.includes(letter.toUpperCase()), feedback: feedback === "" ? null : feedback });
    });
    if (answer === "") reasons.push("the answer column is empty: give the letter of the one correct option");
    else if (!/^[A-F]+$/.test(answer)) reasons.push(`the answer "${cell("answer")}" is not a letter from A to F`);
    else if (answer.length > 1) reasons.push(`the answer "${cell("answer")}" names ${answer.length} options: exactly one must be correct`);
    else if (LETTERS.indexOf(answer.toLowerCase() as (typeof LETTERS)[number]) > lastFilled) {
      reasons.push(`the answer is ${answer} but option_${answer.toLowerCase()} is empty`);
    }
    if (/^[A-F]+$/.test(answer) && answer.length === 1) {
      reasons.push(...choiceQuestionProblems({ stem: cell("stem"), options }).filter((r) => !r.includes("marked correct") && !r.startsWith("option ")));
    } else if (cell("stem") === "") {
      reasons.push("the question text is empty");
    }
    const difficulty = cell("difficulty").toLowerCase();
    if (difficulty !== "" && !isDifficulty(difficulty)) reasons.push(`difficulty "${cell("difficulty")}" must be easy, medium or hard`);
    const kind = cell("kind").toLowerCase();
    if (kind !== "" && !isKind(kind)) reasons.push(`kind "${cell("kind")}" must be recall, application or contrast`);
    if (reasons.length > 0) {
      for (const reason of reasons) problems.push({ line: row.line, reason });
      continue;
    }
    const listOf = (column: CsvColumn) =>
      cell(column)
        .split(LIST_SEPARATOR)
        .map((v) => v.trim())
        .filter((v) => v !== "");
    questions.push({
      line: row.line,
      externalId: cell("id") || null,
      title: null,
      topic: cell("topic") || null,
      stem: cell("stem"),
      options,
      explanation: cell("explanation") || null,
      difficulty: isDifficulty(difficulty) ? difficulty : null,
      kind: isKind(kind) ? kind : null,
      tags: listOf("tags"),
      sources: listOf("sources"),
    });
  }
  if (dataRows.length === 0) problems.push({ line: headerRow.line, reason: "the file has a header but no question rows" });
  return finishImport("csv", questions, [], problems);
}

/** CSV text (CRLF line ends, RFC 4180 quoting) with the documented header. Titles are not carried. */
export function writeCsv(questions: readonly ExchangeQuestion[]): TextExport {
  const losses: string[] = [];
  const data = questions.map((question) => {
    if (question.options.length > MAX_OPTIONS) {
      losses.push(`${question.externalId ?? question.stem.slice(0, 40)}: only the first ${MAX_OPTIONS} options fit the CSV columns`);
    }
    const key = question.options.findIndex((o) => o.correct);
    const values: Record<CsvColumn, string> = {
      id: question.externalId ?? "",
      topic: question.topic ?? "",
      stem: question.stem,
      option_a: "",
      option_b: "",
      option_c: "",
      option_d: "",
      option_e: "",
      option_f: "",
      feedback_a: "",
      feedback_b: "",
      feedback_c: "",
      feedback_d: "",
      feedback_e: "",
      feedback_f: "",
      answer: key >= 0 && key < MAX_OPTIONS ? (LETTERS[key] ?? "").toUpperCase() : "",
      explanation: question.explanation ?? "",
      difficulty: question.difficulty ?? "",
      kind: question.kind ?? "",
      tags: question.tags.join(LIST_SEPARATOR),
      sources: question.sources.join(LIST_SEPARATOR),
    };
    question.options.slice(0, MAX_OPTIONS).forEach((option, i) => {
      const letter = LETTERS[i] ?? "a";
      values[`option_${letter}`] = option.text;
      values[`feedback_${letter}`] = option.feedback ?? "";
    });
    if (question.tags.some((t) => t.includes(LIST_SEPARATOR)) || question.sources.some((s) => s.includes(LIST_SEPARATOR))) {
      losses.push(`${question.externalId ?? question.stem.slice(0, 40)}: a tag or source holding "|" splits in two`);
    }
    return CSV_COLUMNS.map((column) => spreadsheetSafe(values[column]));
  });
  const text = Papa.unparse({ fields: [...CSV_COLUMNS], data }, { newline: "\r\n", quotes: false });
  return { format: "csv", text: `${text}\r\n`, losses: [...new Set(["CSV does not carry question titles", ...losses])] };
}
