import { escapeMarkdown, hasInlineMarkup, markdownToPlain } from "../markdown";
import { choiceQuestionProblems, failedImport, finishImport, prepareInput } from "./exchange";
import type { ExchangeOption, ExchangeQuestion, ImportedQuestion, ImportInput, ImportIssue, ImportResult, TextExport } from "./types";

/**
 * Aiken (https://docs.moodle.org/en/Aiken_format), Moodle's plain multiple-choice text: the question
 * (one or more lines), options "A." or "A)" in letter order, then "ANSWER: B". Questions may be separated
 * by blank lines. Aiken carries nothing else: no feedback, explanation, id, topic, tags, difficulty, kind
 * or sources, so the writer lists them as losses and an imported question has them empty.
 */

/**
 * An option line: "A. text" or "A) text", and "A)text" without the space, which Moodle reads too. "A.text"
 * without a space is not one: that is how initials start a case vignette ("A.J. is a 34-year-old ...").
 */
const OPTION = /^([A-Z])(?:[.)]\s+|\)(?=\S))(.*)$/;
const ANSWER = /^ANSWER\s*:\s*(.*)$/i;

type Draft = { line: number; stem: string[]; options: { letter: string; text: string; line: number }[]; broken: boolean };

export function parseAiken(input: ImportInput): ImportResult {
  const prepared = prepareInput(input);
  if (!prepared.ok) return failedImport("aiken", prepared.problem);
  const questions: ImportedQuestion[] = [];
  const problems: ImportIssue[] = [];
  let draft: Draft | null = null;
  let sawAnswer = false;

  /** A question of one line shaped like an option, and no options: an option whose question is missing. */
  const strayOption = (current: Draft): string | null => {
    const option = current.options.length === 0 && current.stem.length === 1 ? OPTION.exec(current.stem[0] ?? "") : null;
    return option ? `an option ("${current.stem[0]!.slice(0, 2)} ...") with no question before it` : null;
  };

  const abandon = (current: Draft) => {
    problems.push({
      line: current.line,
      reason:
        strayOption(current) ??
        (current.options.length === 0 ? "a question with no options (lines \"A. ...\") and no ANSWER: line" : "the question has no ANSWER: line"),
    });
  };

  prepared.text.split("\n").forEach((raw, index) => {
    const lineNumber = index + 1;
    const line = raw.trim();
    if (line === "") return;
    const answer = ANSWER.exec(line);
    const option = OPTION.exec(line);
    if (answer) {
      sawAnswer = true;
      if (!draft) {
        problems.push({ line: lineNumber, reason: "an ANSWER: line with no question before it" });
        return;
      }
      finish(draft, (answer[1] ?? "").trim(), lineNumber);
      draft = null;
      return;
    }
    if (!draft) {
      // Even a line shaped like an option starts a question here ("E. coli is ...", "A. J. is a 34-year-old ..."):
      // only if no option follows is it named as an option with no question before it (finish, abandon).
      draft = { line: lineNumber, stem: [line], options: [], broken: false };
      return;
    }
    if (option && (draft.options.length > 0 || option[1] === "A")) {
      const letter = option[1] ?? "";
      const expected = String.fromCharCode(65 + draft.options.length);
      if (letter !== expected) {
        problems.push({ line: lineNumber, reason: `option ${letter} is out of order (expected ${expected})` });
        draft.broken = true;
      }
      draft.options.push({ letter, text: escapeMarkdown((option[2] ?? "").trim()), line: lineNumber });
      return;
    }
    if (draft.options.length > 0) {
      abandon(draft);
      draft = { line: lineNumber, stem: [line], options: [], broken: false };
      return;
    }
    draft.stem.push(line);
  });
  if (draft) abandon(draft);

  function finish(current: Draft, answer: string, answerLine: number) {
    // "B", "b", or a list such as "A, C" (refused: one answer is correct).
    const named = answer.toUpperCase().split(/[\s,;]+/).filter((token) => token !== "");
    const letters = named.join("");
    const issues: string[] = [];
    const stray = strayOption(current);
    if (stray !== null) problems.push({ line: current.line, reason: stray });
    if (named.length === 0) issues.push("the ANSWER: line names no option");
    else if (!named.every((token) => /^[A-Z]$/.test(token))) issues.push(`the answer "${answer}" is not an option letter (A, B, ...)`);
    else if (named.length > 1) issues.push(`the answer "${answer}" names ${named.length} options: exactly one must be correct`);
    else if (!current.options.some((o) => o.letter === letters)) issues.push(`the answer is ${letters} but there is no option ${letters}`);
    const options: ExchangeOption[] = current.options.map((o) => ({ text: o.text, correct: o.letter === letters, feedback: null }));
    const stem = escapeMarkdown(current.stem.join("\n"));
    if (issues.length === 0) issues.push(...choiceQuestionProblems({ stem, options }));
    if (current.broken) return;
    if (issues.length > 0) {
      for (const reason of issues) problems.push({ line: reason.startsWith("the answer") ? answerLine : current.line, reason });
      return;
    }
    questions.push({
      line: current.line,
      externalId: null,
      title: null,
      topic: null,
      stem,
      options,
      explanation: null,
      difficulty: null,
      kind: null,
      tags: [],
      sources: [],
    });
  }

  if (!sawAnswer && questions.length === 0) {
    return failedImport("aiken", { line: 1, reason: 'no "ANSWER:" line anywhere: this does not look like an Aiken file' });
  }
  return finishImport("aiken", questions, [], problems);
}

function oneLine(text: string): string {
  return text.replace(/\s*\n\s*/g, " ").trim();
}

/** Aiken text: stem, lettered options and the answer letter. Everything else is lost, and said so. */
export function writeAiken(questions: readonly ExchangeQuestion[]): TextExport {
  const losses = new Set<string>(["Aiken carries no feedback, explanation, id, topic, tags, difficulty, kind or sources"]);
  const blocks = questions.map((question) => {
    if (question.options.length > 26) losses.add("options after Z cannot be written");
    if (/\n/.test(question.stem) || question.options.some((o) => /\n/.test(o.text))) {
      losses.add("line breaks inside a question or an option become spaces");
    }
    const key = question.options.findIndex((o) => o.correct);
    const plain = (text: string): string => {
      if (hasInlineMarkup(text)) losses.add("emphasis and code marks are dropped: Aiken is plain text");
      return oneLine(markdownToPlain(text));
    };
    const lines = [plain(question.stem)];
    question.options.slice(0, 26).forEach((option, i) => lines.push(`${String.fromCharCode(65 + i)}. ${plain(option.text)}`));
    lines.push(`ANSWER: ${key >= 0 ? String.fromCharCode(65 + key) : ""}`);
    return lines.join("\n");
  });
  return { format: "aiken", text: blocks.length > 0 ? `${blocks.join("\n\n")}\n` : "", losses: [...losses] };
}
