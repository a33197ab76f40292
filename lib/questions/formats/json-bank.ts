import { z } from "../../validation/zod";
import { bankOptionSchema, bankQuestionSchema, type BankTopic } from "../bank-schema";
import { IMPORT_DEFAULTS, failedImport, finishImport, lineFinder, prepareInput } from "./exchange";
import { MAX_OPTIONS, MIN_OPTIONS, type ExchangeQuestion, type ImportedQuestion, type ImportInput, type ImportIssue, type ImportResult, type TextExport } from "./types";

/**
 * Our JSON bank format, the one prisma/seed reads (lib/questions/bank-schema.ts): `{ subject, topics,
 * questions }`, a drafts file `{ questions }`, or a bare array of questions.
 *
 * Each question is read with the bank's question schema, relaxed where the bundled bank is stricter than
 * an instructor's bank: 2 to 6 options (the bundled bank has 4), any non-empty id (the bundled bank's ids
 * end in three digits), feedback and explanation may be empty, sources may be absent (the bundled bank cites at least one
 * seed article), and an optional `tags` array. `npm run bank:check` still applies the strict rules.
 */

export const importQuestionSchema = bankQuestionSchema.extend({
  id: z.string().trim().min(1, "must not be empty").max(200, "must be at most 200 characters"),
  options: z
    .array(bankOptionSchema.extend({ feedback: z.string().trim() }))
    .min(MIN_OPTIONS, `must have at least ${MIN_OPTIONS} options`)
    .max(MAX_OPTIONS, `must have at most ${MAX_OPTIONS} options`)
    .refine((options) => options.filter((o) => o.correct).length === 1, "must have exactly one correct option"),
  explanation: z.string().trim(),
  sources: z.array(z.string().trim().min(1)).default([]),
  tags: z.array(z.string().trim().min(1)).optional(),
});

/** Start offsets of the question objects: elements of the top-level array, or of the top-level "questions" array. */
function questionOffsets(text: string): number[] {
  const offsets: number[] = [];
  let depth = 0;
  let lastString = "";
  let elementDepth = -1;
  let expectElement = false;
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (c === " " || c === "\n" || c === "\t" || c === "\r" || c === ":") continue;
    const atElement = depth === elementDepth && expectElement && c !== "]";
    if (atElement) {
      offsets.push(i);
      expectElement = false;
    }
    if (c === '"') {
      let j = i + 1;
      while (j < text.length && text[j] !== '"') j += text[j] === "\\" ? 2 : 1;
      if (depth === 1) lastString = text.slice(i + 1, j);
      i = j;
    } else if (c === "{" || c === "[") {
      if (c === "[" && ((depth === 0 && elementDepth < 0) || (depth === 1 && lastString === "questions"))) {
        elementDepth = depth + 1;
        expectElement = true;
      }
      depth++;
    } else if (c === "}" || c === "]") {
      depth--;
      if (depth === elementDepth - 1) elementDepth = -2;
    } else if (c === "," && depth === elementDepth) {
      expectElement = true;
    }
  }
  return offsets;
}

function syntaxErrorLine(message: string, text: string): number {
  const lineColumn = /line (\d+) column/i.exec(message);
  if (lineColumn?.[1]) return Number(lineColumn[1]);
  const position = /position (\d+)/i.exec(message);
  if (position?.[1]) return lineFinder(text)(Number(position[1]));
  return 1;
}

export function parseJsonBank(input: ImportInput): ImportResult {
  const prepared = prepareInput(input);
  if (!prepared.ok) return failedImport("json", prepared.problem);
  const text = prepared.text;
  let document: unknown;
  try {
    document = JSON.parse(text);
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    const startsLikeJson = /^\s*[[{]/.test(text);
    return failedImport("json", {
      line: syntaxErrorLine(message, text),
      reason: startsLikeJson ? `the JSON is not valid: ${message}` : "this is not JSON (it does not start with '{' or '['): not a JSON bank file",
    });
  }
  const list: unknown = Array.isArray(document)
    ? document
    : typeof document === "object" && document !== null && "questions" in document
      ? document.questions
      : undefined;
  if (!Array.isArray(list)) {
    return failedImport("json", { line: 1, reason: 'not our JSON bank format: expected { "questions": [...] } or an array of questions' });
  }
  const lineOf = lineFinder(text);
  const offsets = questionOffsets(text);
  const questions: ImportedQuestion[] = [];
  const problems: ImportIssue[] = [];
  (list as unknown[]).forEach((raw, index) => {
    const offset = offsets[index];
    const line = offset === undefined ? 1 : lineOf(offset);
    const parsed = importQuestionSchema.safeParse(raw);
    if (!parsed.success) {
      const id = typeof raw === "object" && raw !== null && "id" in raw && typeof raw.id === "string" ? ` (${raw.id})` : "";
      for (const issue of parsed.error.issues) {
        const field = issue.path.length > 0 ? ` field ${issue.path.join(".")}` : "";
        problems.push({ line, reason: `question ${index + 1}${id}${field}: ${issue.message}` });
      }
      return;
    }
    const q = parsed.data;
    questions.push({
      line,
      externalId: q.id,
      title: null,
      topic: q.topic,
      stem: q.stem,
      options: q.options.map((o) => ({ text: o.text, correct: o.correct, feedback: o.feedback === "" ? null : o.feedback })),
      explanation: q.explanation === "" ? null : q.explanation,
      difficulty: q.difficulty,
      kind: q.kind,
      tags: q.tags ?? [],
      sources: q.sources,
    });
  });
  if (list.length === 0) problems.push({ line: 1, reason: "the file holds no questions" });
  return finishImport("json", questions, [], problems);
}

export type JsonBankHeader = { subject: { slug: string; name: string; description: string }; topics: BankTopic[] };

/**
 * Our JSON bank format. With `header` (subject and topics) it is a whole bank file as prisma/seed reads it;
 * without, a drafts file `{ "questions": [...] }` (what `bank:check --drafts` reads). Fields the bank
 * requires but a question lacks are filled with the import defaults and listed in `losses`.
 */
export function writeJsonBank(questions: readonly ExchangeQuestion[], header?: JsonBankHeader): TextExport {
  const losses = new Set<string>();
  const out = questions.map((q) => {
    if (!q.externalId) losses.add("a question without an id was written with an empty id");
    if (!q.topic) losses.add("a question without a topic was written with an empty topic");
    if (!q.difficulty || !q.kind) losses.add(`a question without difficulty or kind was written as ${IMPORT_DEFAULTS.difficulty} / ${IMPORT_DEFAULTS.kind}`);
    if (q.title) losses.add("JSON does not carry question titles");
    return {
      id: q.externalId ?? "",
      topic: q.topic ?? "",
      stem: q.stem,
      options: q.options.map((o) => ({ text: o.text, correct: o.correct, feedback: o.feedback ?? "" })),
      explanation: q.explanation ?? "",
      sources: q.sources,
      difficulty: q.difficulty ?? IMPORT_DEFAULTS.difficulty,
      kind: q.kind ?? IMPORT_DEFAULTS.kind,
      ...(q.tags.length > 0 ? { tags: q.tags } : {}),
    };
  });
  const document = header ? { subject: header.subject, topics: header.topics, questions: out } : { questions: out };
  return { format: "json", text: `${JSON.stringify(document, null, 2)}\n`, losses: [...losses] };
}
