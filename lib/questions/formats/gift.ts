import {
  categoryForTopic,
  choiceQuestionProblems,
  failedImport,
  finishImport,
  penaltyNote,
  lineFinder,
  metadataTags,
  prepareInput,
  readMetadataTags,
  topicFromCategory,
} from "./exchange";
import { escapeMarkdown } from "../markdown";
import { embeddedMedia, htmlToText, looksLikeHtml, mediaSkipReason, stripTags } from "./html-text";
import { MAX_OPTIONS, type ExchangeOption, type ExchangeQuestion, type ImportedQuestion, type ImportInput, type ImportIssue, type ImportResult, type TextExport } from "./types";

/**
 * Moodle GIFT (https://docs.moodle.org/en/GIFT_format): single-answer multiple choice imports; every other
 * question type is skipped with its reason and line.
 *
 * Supported: `=` right / `~` wrong answers, `#` per-answer feedback, `####` general feedback (our
 * explanation), `$CATEGORY:` (its last segment is the topic), `::title::`, `// [id:...] [tag:...]` in
 * the comment lines above a question (Moodle 4), the escapes `\~ \= \# \{ \} \: \\ \n`, the format markers
 * `[html] [moodle] [plain] [markdown]` (HTML becomes our safe text), `//` comments, questions separated
 * by blank lines. Answer weights `%100%` and `%0%` count as right and wrong, and so does a negative weight
 * (a guessing penalty, dropped); a weight between 0 and 100 is partial credit, which is skipped.
 */

/** Past this many answers a block is refused without reading each one (a question has at most MAX_OPTIONS). */
const MAX_ANSWERS_READ = 50;

type TextFormat = "html" | "moodle" | "plain" | "markdown";

const ESCAPABLE = /\\([\\~=#{}:n])/g;

/** The text with every escape pair masked, same length: search the mask, slice the original. */
function maskEscapes(text: string): string {
  return text.replace(ESCAPABLE, "\u0001\u0001");
}

function unescapeGift(text: string): string {
  return text.replace(ESCAPABLE, (_whole, c: string) => (c === "n" ? "\n" : c));
}

function readText(raw: string, defaultFormat: TextFormat): { text: string; format: TextFormat } {
  let text = raw.trim();
  let format = defaultFormat;
  const marker = /^\[(html|moodle|plain|markdown)\]/i.exec(text);
  if (marker?.[1]) {
    format = marker[1].toLowerCase() as TextFormat;
    text = text.slice(marker[0].length);
  }
  text = unescapeGift(text).trim();
  switch (format) {
    case "html":
      return { text: htmlToText(text), format };
    case "moodle":
      return { text: looksLikeHtml(text) ? htmlToText(text) : escapeMarkdown(text), format };
    case "markdown":
      return { text: stripTags(text).trim(), format };
    case "plain":
      return { text: escapeMarkdown(text), format };
  }
}

type Block = { startLine: number; lines: string[] };

function splitBlocks(text: string): Block[] {
  const blocks: Block[] = [];
  let current: Block | null = null;
  text.split("\n").forEach((line, i) => {
    if (line.trim() === "") {
      current = null;
      return;
    }
    if (!current) {
      current = { startLine: i + 1, lines: [] };
      blocks.push(current);
    }
    current.lines.push(line);
  });
  return blocks;
}

function readComments(comments: string[]): { id: string | null; tags: string[] } {
  const all = comments.join("\n");
  const id = /\[id:((?:\\\]|[^\]])+)\]/.exec(all)?.[1];
  const tags = [...all.matchAll(/\[tag:((?:\\\]|[^\]])+)\]/g)].map((m) => (m[1] ?? "").replace(/\\\]/g, "]").trim());
  return { id: id ? id.replace(/\\\]/g, "]").trim() : null, tags: tags.filter((t) => t !== "") };
}

type BlockOutcome =
  | { kind: "question"; question: ImportedQuestion; penalties: string[] }
  | { kind: "skipped"; issue: ImportIssue }
  | { kind: "problems"; issues: ImportIssue[] }
  | { kind: "nothing" };

export function parseGift(input: ImportInput): ImportResult {
  const prepared = prepareInput(input);
  if (!prepared.ok) return failedImport("gift", prepared.problem);

  const questions: ImportedQuestion[] = [];
  const skipped: ImportIssue[] = [];
  const problems: ImportIssue[] = [];
  const notes: ImportIssue[] = [];
  let topic: string | null = null;
  let category = "";
  const categories = new Map<ImportedQuestion, string>();
  let answerBlocks = 0;

  for (const block of splitBlocks(prepared.text)) {
    const comments: string[] = [];
    const lines = block.lines.map((line) => {
      if (line.trim().startsWith("//")) {
        comments.push(line.trim());
        return "";
      }
      return line;
    });
    const categoryIndex = lines.findIndex((l) => l.trim() !== "");
    if (categoryIndex < 0) continue;
    const first = lines[categoryIndex] ?? "";
    if (first.trim().startsWith("$CATEGORY:")) {
      category = unescapeGift(first.trim().slice("$CATEGORY:".length)).trim();
      topic = topicFromCategory(category);
      lines[categoryIndex] = "";
      if (lines.every((l) => l.trim() === "")) continue;
    }
    const outcome = readQuestionBlock(lines, block.startLine, topic, readComments(comments));
    if (outcome.kind !== "nothing" && !(outcome.kind === "skipped" && outcome.issue.reason.startsWith("a description"))) {
      answerBlocks++;
    }
    if (outcome.kind === "question") {
      questions.push(outcome.question);
      categories.set(outcome.question, category);
      if (outcome.penalties.length > 0) notes.push(penaltyNote(outcome.question.line, outcome.penalties));
    }
    else if (outcome.kind === "skipped") skipped.push(outcome.issue);
    else if (outcome.kind === "problems") problems.push(...outcome.issues);
  }

  if (answerBlocks === 0 && problems.length === 0) {
    problems.push({ line: 1, reason: "no GIFT question found (no answer block in braces { }): this does not look like a GIFT file" });
  }
  return finishImport("gift", questions, skipped, problems, (q) => categories.get(q) ?? "", notes);
}

function readQuestionBlock(
  lines: string[],
  startLine: number,
  topic: string | null,
  meta: { id: string | null; tags: string[] },
): BlockOutcome {
  const text = lines.join("\n");
  const mask = maskEscapes(text);
  const lineInBlock = lineFinder(text);
  const lineOf = (offset: number) => startLine - 1 + lineInBlock(offset);
  let pos = mask.search(/\S/);
  if (pos < 0) return { kind: "nothing" };
  const questionLine = lineOf(pos);
  let title: string | null = null;
  if (mask.startsWith("::", pos)) {
    const end = mask.indexOf("::", pos + 2);
    if (end < 0) {
      return { kind: "problems", issues: [{ line: questionLine, reason: "the title opened with '::' is never closed with '::'" }] };
    }
    title = unescapeGift(text.slice(pos + 2, end)).trim() || null;
    pos = end + 2;
  }
  const named = (reason: string) => (title ? `"${title}": ${reason}` : reason);

  const open = mask.indexOf("{", pos);
  const strayClose = mask.indexOf("}", pos);
  if (open < 0) {
    if (strayClose >= 0) {
      return { kind: "problems", issues: [{ line: lineOf(strayClose), reason: named("a '}' closes an answer block that was never opened with '{'") }] };
    }
    return { kind: "skipped", issue: { line: questionLine, reason: named("a description (text without an answer block) is not a question") } };
  }
  if (strayClose >= 0 && strayClose < open) {
    return { kind: "problems", issues: [{ line: lineOf(strayClose), reason: named("a '}' comes before the answer block's '{'") }] };
  }
  const close = mask.indexOf("}", open + 1);
  if (close < 0) {
    return { kind: "problems", issues: [{ line: lineOf(open), reason: named("the answer block opened with '{' is never closed with '}'") }] };
  }
  const nestedOpen = mask.indexOf("{", open + 1);
  if (nestedOpen >= 0 && nestedOpen < close) {
    return { kind: "problems", issues: [{ line: lineOf(nestedOpen), reason: named("a second '{' inside an answer block (escape it as \\{)") }] };
  }
  const answerLine = lineOf(open);
  // A second answer block or title after this one: two questions without the blank line between them.
  const rest = mask.slice(close + 1);
  const restStart = close + 1 + rest.search(/\S|$/);
  if (rest.includes("{") || mask.startsWith("::", restStart)) {
    return { kind: "problems", issues: [{ line: lineOf(restStart), reason: named("this block seems to hold two questions; separate questions with a blank line") }] };
  }
  // Text after the block: a missing-word question if the block is multiple choice; any other type is named as itself below.
  const textAfterBlock = mask.slice(close + 1).trim() !== "";

  if (text.includes("@@PLUGINFILE@@") || /<img\b/i.test(text)) {
    return { kind: "skipped", issue: { line: questionLine, reason: named("embedded files or images are not imported") } };
  }
  const media = embeddedMedia(text);
  if (media !== null) return { kind: "skipped", issue: { line: questionLine, reason: named(mediaSkipReason(media)) } };
  const stem = readText(text.slice(pos, open), "moodle");
  let answerMask = mask.slice(open + 1, close);
  const answerStart = open + 1;
  let explanation: string | null = null;
  const general = answerMask.lastIndexOf("####");
  if (general >= 0) {
    explanation = readText(text.slice(answerStart + general + 4, close), stem.format).text || null;
    answerMask = answerMask.slice(0, general);
  }

  const trimmed = answerMask.trim();
  const skip = (what: string): BlockOutcome => ({ kind: "skipped", issue: { line: questionLine, reason: named(`${what} is not imported (only single-answer multiple choice is)`) } });
  if (trimmed === "") return skip("an essay question");
  if (trimmed.startsWith("#")) return skip("a numerical question");
  if (!trimmed.includes("~")) {
    if (trimmed.includes("=") && trimmed.includes("->")) return skip("a matching question");
    const beforeFeedback = trimmed.split("#")[0]?.trim().toUpperCase() ?? "";
    if (["T", "TRUE", "F", "FALSE"].includes(beforeFeedback)) return skip("a true/false question");
    const rights = trimmed.split("=").length - 1;
    if (rights === 0) {
      return { kind: "problems", issues: [{ line: answerLine, reason: named("the answer block has no answer marked with '=' or '~'") }] };
    }
    return skip("a short-answer question");
  }
  if (textAfterBlock) {
    return {
      kind: "skipped",
      issue: { line: questionLine, reason: named("a missing-word question (the answer block sits inside the text) is not imported") },
    };
  }

  const options: ExchangeOption[] = [];
  const issues: ImportIssue[] = [];
  const markers: number[] = [];
  for (let i = 0; i < answerMask.length; i++) {
    const c = answerMask[i];
    if (c === "=" || c === "~") markers.push(i);
  }
  if (markers.length > MAX_ANSWERS_READ) {
    return { kind: "problems", issues: [{ line: answerLine, reason: named(`${markers.length} answers: a question may have at most ${MAX_OPTIONS} options`) }] };
  }
  const lead = answerMask.slice(0, markers[0] ?? answerMask.length);
  if (lead.trim() !== "") {
    issues.push({ line: answerLine, reason: named("text inside the answer block before the first '=' or '~'") });
  }
  let partialCredit = false;
  const penalties: string[] = [];
  markers.forEach((at, index) => {
    const end = markers[index + 1] ?? answerMask.length;
    const segmentMask = answerMask.slice(at + 1, end);
    let segment = text.slice(answerStart + at + 1, answerStart + end);
    let correct = answerMask[at] === "=";
    const weight = /^\s*%(-?\d+(?:\.\d+)?)%/.exec(segmentMask);
    let bodyMask = segmentMask;
    if (weight?.[1] !== undefined) {
      const value = Number(weight[1]);
      if (value === 100) correct = true;
      // A negative weight is a guessing penalty on a wrong answer: the app has none, so it is dropped (and noted).
      else if (value <= 0) {
        correct = false;
        if (value < 0) penalties.push(`${weight[1]}%`);
      }
      else partialCredit = true;
      segment = segment.slice(weight[0].length);
      bodyMask = segmentMask.slice(weight[0].length);
    }
    const hash = bodyMask.indexOf("#");
    const optionText = readText(hash >= 0 ? segment.slice(0, hash) : segment, stem.format).text;
    const feedback = hash >= 0 ? readText(segment.slice(hash + 1), stem.format).text : "";
    if (optionText === "") issues.push({ line: lineOf(answerStart + at), reason: named(`answer ${index + 1} is empty`) });
    options.push({ text: optionText, correct, feedback: feedback === "" ? null : feedback });
  });
  if (partialCredit) return skip("a multiple-answer question with partial credit (weights such as %50%)");
  for (const reason of choiceQuestionProblems({ stem: stem.text, options })) {
    if (!reason.endsWith("is empty") || reason.startsWith("the question")) issues.push({ line: answerLine, reason: named(reason) });
  }
  if (stem.text === "" && !issues.some((i) => i.reason.includes("question text"))) {
    issues.push({ line: questionLine, reason: named("the question text is empty") });
  }
  if (issues.length > 0) return { kind: "problems", issues };

  const metadata = readMetadataTags(meta.tags);
  return {
    kind: "question",
    penalties,
    question: {
      line: questionLine,
      externalId: meta.id,
      title,
      topic,
      stem: stem.text,
      options,
      explanation,
      ...metadata,
    },
  };
}

function escapeGift(text: string): string {
  return text.replace(/[\\~=#{}:]/g, (c) => `\\${c}`).replace(/\n/g, "\\n");
}

/** Text that starts like a format marker ("[html]...") gets an explicit [markdown] so the marker stays text. */
function keepLiteral(escaped: string): string {
  return /^\s*\[[a-z]+\]/i.test(escaped) ? `[markdown]${escaped}` : escaped;
}

function escapeCommentValue(text: string): string {
  return text.replace(/\s+/g, " ").replace(/\]/g, "\\]").trim();
}

/**
 * GIFT text for the questions. Text is marked `[markdown]` (our text is the safe Markdown subset, which
 * Moodle renders as such); newlines travel as `\n`. Difficulty, kind and sources travel as tags.
 */
export function writeGift(questions: readonly ExchangeQuestion[]): TextExport {
  const parts: string[] = [];
  let topic: string | null | undefined;
  for (const question of questions) {
    if (question.topic !== topic && (question.topic !== null || topic !== undefined)) {
      // A question without a topic after one with a topic goes back to the top category.
      parts.push(`$CATEGORY: ${question.topic === null ? "$course$/top" : categoryForTopic(question.topic)}`);
    }
    topic = question.topic;
    const lines: string[] = [];
    const meta = [
      ...(question.externalId ? [`[id:${escapeCommentValue(question.externalId)}]`] : []),
      ...metadataTags(question).map((t) => `[tag:${escapeCommentValue(t)}]`),
    ];
    if (meta.length > 0) lines.push(`// ${meta.join(" ")}`);
    const title = question.title ? `::${escapeGift(question.title.replace(/\s+/g, " "))}::` : "";
    lines.push(`${title}[markdown]${escapeGift(question.stem)} {`);
    for (const option of question.options) {
      const feedback = option.feedback ? ` #${keepLiteral(escapeGift(option.feedback))}` : "";
      // GIFT cannot escape "%": text that starts like a weight gets an explicit weight in front of it.
      const weight = /^\s*%/.test(option.text) ? (option.correct ? "%100%" : "%0%") : "";
      lines.push(`\t${option.correct ? "=" : "~"}${weight}${keepLiteral(escapeGift(option.text))}${feedback}`);
    }
    if (question.explanation) lines.push(`\t####${keepLiteral(escapeGift(question.explanation))}`);
    lines.push("}");
    parts.push(lines.join("\n"));
  }
  return { format: "gift", text: parts.length > 0 ? `${parts.join("\n\n")}\n` : "", losses: [] };
}
