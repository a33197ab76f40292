import type { BankDifficulty, BankQuestionKind } from "../bank-schema";

/**
 * The common intermediate of every import and export format. Pure: no I/O.
 *
 * What a parser fills in, and what it leaves to the caller:
 * - A parser never invents a key: a question whose source does not mark exactly
 *   one option correct is a problem, never a question.
 * - Fields a format does not carry stay empty here (`null` or `[]`), so the
 *   caller can tell "absent" from "given". The import service then calls
 *   `withImportDefaults` (exchange.ts): difficulty "medium", kind "recall",
 *   no sources, no tags, an empty per-option feedback and an empty explanation
 *   (the editor shows the empty ones as missing; the content lint flags them).
 *   A question with no topic goes to the topic the instructor picks on the
 *   import page; the parser leaves it null.
 */

export const IMPORT_FORMATS = ["gift", "moodle-xml", "aiken", "csv", "json"] as const;
export type ImportFormat = (typeof IMPORT_FORMATS)[number];
export const EXPORT_FORMATS = [...IMPORT_FORMATS, "qti"] as const;
export type ExportFormat = (typeof EXPORT_FORMATS)[number];

export const MIN_OPTIONS = 2;
export const MAX_OPTIONS = 6;

export type ExchangeOption = {
  text: string;
  correct: boolean;
  /** Why this option is right or wrong; null when the source gives none. */
  feedback: string | null;
};

/** A question as the formats exchange it: the bank question's fields, each optional where a format may lack it. */
export type ExchangeQuestion = {
  /** GIFT [id:...], Moodle XML <idnumber>, CSV id, JSON id: how a re-import finds the same question. */
  externalId: string | null;
  /** GIFT ::title::, Moodle XML <name>; informational. */
  title: string | null;
  /** From the category (its last path segment) or the topic column. */
  topic: string | null;
  stem: string;
  options: ExchangeOption[];
  /** General feedback (GIFT ####, Moodle XML generalfeedback). */
  explanation: string | null;
  difficulty: BankDifficulty | null;
  kind: BankQuestionKind | null;
  tags: string[];
  sources: string[];
};

export type ImportedQuestion = ExchangeQuestion & {
  /** 1-based line where the question starts in the input. */
  line: number;
};

/**
 * A problem or a skipped item. `line` is 1-based; 0 means the file as a whole
 * (too large, empty) where no line applies.
 */
export type ImportIssue = { line: number; reason: string };

export type ImportResult = {
  format: ImportFormat;
  questions: ImportedQuestion[];
  /** Items that are valid in their format but not single-answer multiple choice (or carry files): left out on purpose. */
  skipped: ImportIssue[];
  /** Broken input: a commit must not go ahead while there are any (the import is all or nothing). */
  problems: ImportIssue[];
  /** What an imported question lost or changed on the way in (a guessing penalty dropped): informational. */
  notes: ImportIssue[];
};

export type TextExport = {
  format: Exclude<ExportFormat, "qti">;
  text: string;
  /** What the format could not carry for these questions, for the export page to show. */
  losses: string[];
};

/** Input as the caller has it: text already decoded, or the raw bytes of an upload. */
export type ImportInput = string | Uint8Array;
