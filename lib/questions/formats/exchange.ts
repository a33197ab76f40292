import { DIFFICULTIES, QUESTION_KINDS, type BankDifficulty, type BankQuestion, type BankQuestionKind } from "../bank-schema";
import {
  MAX_OPTIONS,
  MIN_OPTIONS,
  type ExchangeQuestion,
  type ImportedQuestion,
  type ImportFormat,
  type ImportInput,
  type ImportIssue,
  type ImportResult,
} from "./types";

/** Shared pieces of the formats: input limits, question checks, metadata tags, categories. Pure. */

export const MAX_INPUT_BYTES = 5 * 1024 * 1024;
export const MAX_QUESTIONS = 5000;

export type PreparedInput = { ok: true; text: string } | { ok: false; problem: ImportIssue };

function lineAt(text: string, offset: number): number {
  let line = 1;
  for (let i = 0; i < offset && i < text.length; i++) if (text.charCodeAt(i) === 10) line++;
  return line;
}

export { lineAt as lineAtOffset };

/** Line lookup for many offsets in one text: O(log n) each after one pass. */
export function lineFinder(text: string): (offset: number) => number {
  const starts = [0];
  for (let i = 0; i < text.length; i++) if (text.charCodeAt(i) === 10) starts.push(i + 1);
  return (offset) => {
    let low = 0;
    let high = starts.length - 1;
    while (low < high) {
      const mid = (low + high + 1) >> 1;
      if ((starts[mid] ?? 0) <= offset) low = mid;
      else high = mid - 1;
    }
    return low + 1;
  };
}

/**
 * Applies the limits every format shares and returns the text with one line-ending style (\n) and no BOM.
 * Bytes are decoded as UTF-8 and refused when they are not; text that already holds U+FFFD (what a decoder
 * leaves for bytes it could not read) is refused too, naming the line.
 */
export function prepareInput(input: ImportInput): PreparedInput {
  let text: string;
  if (typeof input === "string") {
    // A UTF-16 code unit is at most 3 UTF-8 bytes; count exactly only when it could matter.
    if (input.length * 3 > MAX_INPUT_BYTES && new TextEncoder().encode(input).length > MAX_INPUT_BYTES) {
      return { ok: false, problem: { line: 0, reason: tooLarge() } };
    }
    text = input;
  } else {
    if (input.length > MAX_INPUT_BYTES) return { ok: false, problem: { line: 0, reason: tooLarge() } };
    try {
      text = new TextDecoder("utf-8", { fatal: true }).decode(input);
    } catch {
      const lossy = new TextDecoder("utf-8").decode(input);
      return {
        ok: false,
        problem: { line: lineAt(lossy, lossy.indexOf("\uFFFD")), reason: "the file is not UTF-8 text (save it as UTF-8 and try again)" },
      };
    }
  }
  if (text.charCodeAt(0) === 0xfeff) text = text.slice(1);
  text = text.replace(/\r\n?/g, "\n");
  const replacement = text.indexOf("\uFFFD");
  if (replacement >= 0) {
    return {
      ok: false,
      problem: { line: lineAt(text, replacement), reason: "the text holds a replacement character (U+FFFD): it was not read as UTF-8" },
    };
  }
  const nul = text.indexOf("\u0000");
  if (nul >= 0) return { ok: false, problem: { line: lineAt(text, nul), reason: "binary data (a NUL byte): this is not a text file" } };
  if (text.trim() === "") return { ok: false, problem: { line: 0, reason: "the file is empty" } };
  return { ok: true, text };
}

function tooLarge(): string {
  return `the file is larger than ${MAX_INPUT_BYTES / 1024 / 1024} MB; split it into smaller files`;
}

/** Why a parsed question cannot be imported as single-answer multiple choice; empty when it can. */
export function choiceQuestionProblems(question: Pick<ExchangeQuestion, "stem" | "options">): string[] {
  const reasons: string[] = [];
  if (question.stem.trim() === "") reasons.push("the question text is empty");
  const count = question.options.length;
  if (count < MIN_OPTIONS) reasons.push(`${count} option${count === 1 ? "" : "s"}: a question needs at least ${MIN_OPTIONS}`);
  if (count > MAX_OPTIONS) reasons.push(`${count} options: a question may have at most ${MAX_OPTIONS}`);
  const correct = question.options.filter((o) => o.correct).length;
  if (correct === 0) reasons.push("no option is marked correct: exactly one must be");
  if (correct > 1) reasons.push(`${correct} options are marked correct: exactly one must be`);
  question.options.forEach((option, i) => {
    if (option.text.trim() === "") reasons.push(`option ${i + 1} is empty`);
  });
  return reasons;
}

/**
 * The end of every parser: drops questions whose id repeats one earlier in the file (a problem on the
 * later line), applies the question limit, and orders issues by line. `categoryOf` gives the Moodle
 * formats' scope of an id: Moodle wants an idnumber unique within its category only, so the same id in
 * two categories is two questions (the import service keeps them apart by topic).
 */
export function finishImport(
  format: ImportFormat,
  questions: ImportedQuestion[],
  skipped: ImportIssue[],
  problems: ImportIssue[],
  categoryOf?: (question: ImportedQuestion) => string,
  notes: ImportIssue[] = [],
): ImportResult {
  const firstLineOfId = new Map<string, number>();
  const kept: ImportedQuestion[] = [];
  for (const question of questions) {
    const id = question.externalId;
    if (id !== null) {
      const key = JSON.stringify([categoryOf?.(question) ?? "", id]);
      const first = firstLineOfId.get(key);
      if (first !== undefined) {
        problems.push({ line: question.line, reason: `duplicate id "${id}" (first used on line ${first})` });
        continue;
      }
      firstLineOfId.set(key, question.line);
    }
    kept.push(question);
  }
  if (kept.length > MAX_QUESTIONS) {
    const first = kept[MAX_QUESTIONS];
    problems.push({
      line: first ? first.line : 0,
      reason: `more than ${MAX_QUESTIONS.toLocaleString("en")} questions in one file (${kept.length}); split it`,
    });
    kept.length = MAX_QUESTIONS;
  }
  const byLine = (a: ImportIssue, b: ImportIssue) => a.line - b.line;
  const keptLines = new Set(kept.map((q) => q.line));
  return { format, questions: kept, skipped: skipped.sort(byLine), problems: problems.sort(byLine), notes: notes.filter((n) => keptLines.has(n.line)).sort(byLine) };
}

export function failedImport(format: ImportFormat, problem: ImportIssue): ImportResult {
  return { format, questions: [], skipped: [], problems: [problem], notes: [] };
}

/** The note on a question whose wrong answers carried a guessing penalty, which the app does not have. */
export function penaltyNote(line: number, penalties: readonly string[]): ImportIssue {
  const which = penalties.length === 1 ? `a wrong answer's guessing penalty (${penalties[0] ?? ""})` : `the wrong answers' guessing penalties (${penalties.join(", ")})`;
  return { line, reason: `${which} dropped: a wrong answer here scores 0` };
}

/*
 * Difficulty, kind and sources travel as tags in formats that have tags but no such fields
 * (GIFT, Moodle XML): "difficulty:hard", "kind:application", "source:ipt-overview.txt". Moodle keeps
 * them as ordinary tags, so they survive a trip through Moodle too.
 */
const DIFFICULTY_TAG = "difficulty:";
const KIND_TAG = "kind:";
const SOURCE_TAG = "source:";

export function metadataTags(question: Pick<ExchangeQuestion, "tags" | "difficulty" | "kind" | "sources">): string[] {
  const tags = [...question.tags];
  if (question.difficulty) tags.push(DIFFICULTY_TAG + question.difficulty);
  if (question.kind) tags.push(KIND_TAG + question.kind);
  for (const source of question.sources) tags.push(SOURCE_TAG + source);
  return tags;
}

export function readMetadataTags(
  rawTags: string[],
): Pick<ExchangeQuestion, "tags" | "difficulty" | "kind" | "sources"> {
  let difficulty: BankDifficulty | null = null;
  let kind: BankQuestionKind | null = null;
  const sources: string[] = [];
  const tags: string[] = [];
  for (const raw of rawTags) {
    const tag = raw.trim();
    if (tag === "") continue;
    const lower = tag.toLowerCase();
    const value = tag.slice(tag.indexOf(":") + 1).trim();
    if (lower.startsWith(DIFFICULTY_TAG) && isDifficulty(value.toLowerCase()) && difficulty === null) {
      difficulty = value.toLowerCase() as BankDifficulty;
    } else if (lower.startsWith(KIND_TAG) && isKind(value.toLowerCase()) && kind === null) {
      kind = value.toLowerCase() as BankQuestionKind;
    } else if (lower.startsWith(SOURCE_TAG) && value !== "") {
      sources.push(value);
    } else {
      tags.push(tag);
    }
  }
  return { tags, difficulty, kind, sources };
}

export function isDifficulty(value: string): value is BankDifficulty {
  return (DIFFICULTIES as readonly string[]).includes(value);
}

export function isKind(value: string): value is BankQuestionKind {
  return (QUESTION_KINDS as readonly string[]).includes(value);
}

/**
 * The topic of a Moodle category path: its last segment. "$course$/top/IPT/Grief" -> "Grief".
 * Moodle writes a "/" inside a category name as "//".
 */
export function topicFromCategory(path: string): string | null {
  const withoutContext = path.trim().replace(/^\$[a-z0-9]+\$\/?/i, "");
  const segments: string[] = [];
  let current = "";
  for (let i = 0; i < withoutContext.length; i++) {
    const c = withoutContext[i];
    if (c === "/" && withoutContext[i + 1] === "/") {
      current += "/";
      i++;
    } else if (c === "/") {
      segments.push(current);
      current = "";
    } else {
      current += c;
    }
  }
  segments.push(current);
  const named = segments.map((s) => s.trim()).filter((s) => s !== "");
  if (named[0] === "top") named.shift();
  return named.at(-1) ?? null;
}

export function categoryForTopic(topic: string): string {
  return `$course$/top/${topic.replace(/\//g, "//")}`;
}

/** A bank question as the formats exchange it. */
export function exchangeFromBank(question: BankQuestion): ExchangeQuestion {
  return {
    externalId: question.id,
    title: question.id,
    topic: question.topic,
    stem: question.stem,
    options: question.options.map((o) => ({ text: o.text, correct: o.correct, feedback: o.feedback })),
    explanation: question.explanation,
    difficulty: question.difficulty,
    kind: question.kind,
    tags: [],
    sources: [...question.sources],
  };
}

export function emptyExchangeQuestion(): ExchangeQuestion {
  return {
    externalId: null,
    title: null,
    topic: null,
    stem: "",
    options: [],
    explanation: null,
    difficulty: null,
    kind: null,
    tags: [],
    sources: [],
  };
}

/** What an import assumes for the fields a format did not carry (see types.ts). Never the key. */
export const IMPORT_DEFAULTS = { difficulty: "medium", kind: "recall" } as const satisfies {
  difficulty: BankDifficulty;
  kind: BankQuestionKind;
};

export type DefaultedQuestion = Omit<ExchangeQuestion, "difficulty" | "kind" | "explanation" | "options"> & {
  difficulty: BankDifficulty;
  kind: BankQuestionKind;
  explanation: string;
  options: { text: string; correct: boolean; feedback: string }[];
};

export function withImportDefaults(question: ExchangeQuestion): DefaultedQuestion {
  return {
    ...question,
    difficulty: question.difficulty ?? IMPORT_DEFAULTS.difficulty,
    kind: question.kind ?? IMPORT_DEFAULTS.kind,
    explanation: question.explanation ?? "",
    options: question.options.map((o) => ({ text: o.text, correct: o.correct, feedback: o.feedback ?? "" })),
  };
}
