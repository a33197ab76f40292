import { XMLParser, XMLValidator } from "fast-xml-parser";
import {
  categoryForTopic,
  choiceQuestionProblems,
  failedImport,
  finishImport,
  penaltyNote,
  lineAtOffset,
  lineFinder,
  metadataTags,
  prepareInput,
  readMetadataTags,
  topicFromCategory,
} from "./exchange";
import { escapeMarkdown, plainLine } from "../markdown";
import { embeddedMedia, htmlToText, looksLikeHtml, mediaSkipReason, stripTags } from "./html-text";
import type { ExchangeOption, ExchangeQuestion, ImportedQuestion, ImportInput, ImportIssue, ImportResult, TextExport } from "./types";

/**
 * Moodle XML (https://docs.moodle.org/en/Moodle_XML_format): `multichoice` questions with `<single>true`
 * import; categories (`$course$/top/...`, last segment = topic), CDATA, per-answer feedback,
 * generalfeedback (our explanation), fraction 100 / 0 (or below 0: a guessing penalty, dropped), idnumber
 * and tags are read. Other types, partial credit (a fraction between 0 and 100), multiple-answer questions and questions with embedded files, images or media are skipped
 * with the reason, at the line where the <question> starts. A file that is not well-formed XML, or has a
 * DOCTYPE (Moodle never writes one; refused so no entity tricks reach the parser), imports nothing.
 */

type XmlNode = Record<string, unknown>;

const ARRAY_ELEMENTS = new Set(["question", "answer", "tag", "file"]);

const parser = new XMLParser({
  ignoreAttributes: false,
  attributeNamePrefix: "@_",
  parseTagValue: false,
  parseAttributeValue: false,
  trimValues: true,
  htmlEntities: true,
  captureMetaData: true,
  isArray: (name) => ARRAY_ELEMENTS.has(name),
});
const META = XMLParser.getMetaDataSymbol();

function isNode(value: unknown): value is XmlNode {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

function first(value: unknown): unknown {
  return Array.isArray(value) ? (value as unknown[])[0] : value;
}

function child(node: unknown, name: string): unknown {
  return isNode(node) ? first(node[name]) : undefined;
}

function list(node: unknown, name: string): unknown[] {
  if (!isNode(node)) return [];
  const value = node[name];
  if (value === undefined) return [];
  return Array.isArray(value) ? (value as unknown[]) : [value];
}

function plain(value: unknown): string {
  if (typeof value === "string") return value;
  if (typeof value === "number" || typeof value === "boolean") return String(value);
  if (isNode(value)) return plain(value["#text"]);
  return "";
}

function attribute(node: unknown, name: string): string | null {
  if (!isNode(node)) return null;
  const value = node[`@_${name}`];
  return typeof value === "string" ? value : null;
}

/** The text of an element that holds <text> and an optional format attribute, as our safe text. */
function formattedText(node: unknown, defaultFormat: string): string {
  const raw = plain(child(node, "text")).trim();
  const format = attribute(node, "format") ?? defaultFormat;
  switch (format) {
    case "plain_text":
      return escapeMarkdown(raw);
    case "markdown":
      return stripTags(raw).trim();
    case "moodle_auto_format":
      return looksLikeHtml(raw) ? htmlToText(raw) : escapeMarkdown(raw);
    default:
      return htmlToText(raw);
  }
}

/** Why a question's content cannot be carried as text (files, images, media), or null when it can. */
function lostContent(node: unknown): string | null {
  if (typeof node === "string") {
    if (node.includes("@@PLUGINFILE@@") || /<img\b/i.test(node)) return "embedded files or images are not imported";
    const media = embeddedMedia(node);
    return media === null ? null : mediaSkipReason(media);
  }
  if (Array.isArray(node)) {
    for (const item of node as unknown[]) {
      const reason = lostContent(item);
      if (reason !== null) return reason;
    }
    return null;
  }
  if (!isNode(node)) return null;
  for (const [key, value] of Object.entries(node)) {
    if (key === "file") return "embedded files or images are not imported";
    // Moodle 1.x wrote a question's picture as <image> (a path) and <image_base64> (its bytes).
    if ((key === "image" || key === "image_base64") && plain(first(value)).trim() !== "") return `an image (<${key}>) is not imported`;
    const reason = lostContent(value);
    if (reason !== null) return reason;
  }
  return null;
}

function startOffset(node: unknown): number | null {
  if (!isNode(node)) return null;
  const meta = (node as Record<symbol, unknown>)[META as symbol];
  return isNode(meta) && typeof meta.startIndex === "number" ? meta.startIndex : null;
}

export function parseMoodleXml(input: ImportInput): ImportResult {
  const prepared = prepareInput(input);
  if (!prepared.ok) return failedImport("moodle-xml", prepared.problem);
  const text = prepared.text;

  const doctype = text.search(/<!DOCTYPE/i);
  if (doctype >= 0) return failedImport("moodle-xml", { line: lineAtOffset(text, doctype), reason: "a DOCTYPE is not allowed in a Moodle XML file" });
  if (!text.trimStart().startsWith("<")) {
    return failedImport("moodle-xml", { line: 1, reason: "this is not XML (it does not start with '<'): not a Moodle XML file" });
  }
  const valid = XMLValidator.validate(text);
  if (valid !== true) {
    return failedImport("moodle-xml", { line: Math.max(1, valid.err.line), reason: `the XML is not well-formed: ${valid.err.msg}` });
  }
  let document: unknown;
  try {
    document = parser.parse(text);
  } catch (error) {
    return failedImport("moodle-xml", { line: 1, reason: `the XML could not be read: ${error instanceof Error ? error.message : String(error)}` });
  }
  const quiz = child(document, "quiz");
  if (!isNode(quiz) && !(isNode(document) && "quiz" in document)) return failedImport("moodle-xml", { line: 1, reason: "no <quiz> root element: not a Moodle XML file" });
  const nodes = list(quiz, "question");
  if (nodes.length === 0) return failedImport("moodle-xml", { line: lineAtOffset(text, Math.max(0, text.indexOf("<quiz"))), reason: "the <quiz> holds no <question>" });

  const questions: ImportedQuestion[] = [];
  const skipped: ImportIssue[] = [];
  const problems: ImportIssue[] = [];
  const notes: ImportIssue[] = [];
  let topic: string | null = null;
  let category = "";
  const categories = new Map<ImportedQuestion, string>();

  const lineOf = lineFinder(text);
  // Messages count questions as the instructor sees them in Moodle: categories are not questions.
  let position = 0;
  nodes.forEach((node) => {
    const offset = startOffset(node);
    const line = offset === null ? 1 : lineOf(offset);
    const type = attribute(node, "type");
    if (type === "category") {
      category = plain(child(child(node, "category"), "text")).trim();
      topic = topicFromCategory(category);
      return;
    }
    position += 1;
    // A name is plain text in Moodle, but some files carry HTML in it: its words name the question.
    const rawName = plain(child(child(node, "name"), "text")).trim();
    const name = looksLikeHtml(rawName) ? plainLine(htmlToText(rawName)) : rawName;
    const label = `question ${position}${name ? ` "${name}"` : ""}`;
    if (type === null) {
      problems.push({ line, reason: `${label} has no type attribute` });
      return;
    }
    if (type !== "multichoice") {
      skipped.push({ line, reason: `${label}: a question of type "${type}" is not imported (only single-answer multiple choice is)` });
      return;
    }
    const single = plain(child(node, "single")).trim().toLowerCase();
    if (single === "false" || single === "0") {
      skipped.push({ line, reason: `${label}: a multiple-answer question (<single>false) is not imported` });
      return;
    }
    const lost = lostContent(node);
    if (lost !== null) {
      skipped.push({ line, reason: `${label}: ${lost}` });
      return;
    }
    // Moodle reads answers, feedback and general feedback without a format attribute in the question text's format.
    const textFormat = attribute(child(node, "questiontext"), "format") ?? "html";
    const options: ExchangeOption[] = [];
    const issues: string[] = [];
    let partial: string | null = null;
    const penalties: string[] = [];
    list(node, "answer").forEach((answer, i) => {
      const fractionText = (attribute(answer, "fraction") ?? "0").trim();
      const fraction = Number(fractionText);
      if (!Number.isFinite(fraction) || fractionText === "") {
        issues.push(`answer ${i + 1} has fraction "${fractionText}", which is not a number`);
      } else if (fraction > 0 && fraction !== 100) {
        partial = fractionText;
      } else if (fraction < 0) {
        // A negative fraction on a wrong answer is a guessing penalty: the app has none, so it is dropped (and noted).
        penalties.push(fractionText);
      }
      const feedback = formattedText(child(answer, "feedback"), textFormat);
      options.push({
        text: formattedText(answer, textFormat),
        correct: fraction === 100,
        feedback: feedback === "" ? null : feedback,
      });
    });
    if (partial !== null) {
      skipped.push({ line, reason: `${label}: partial credit (an answer with fraction ${String(partial)}) is not imported` });
      return;
    }
    const stem = formattedText(child(node, "questiontext"), textFormat);
    issues.push(...choiceQuestionProblems({ stem, options }));
    if (issues.length > 0) {
      for (const reason of issues) problems.push({ line, reason: `${label}: ${reason}` });
      return;
    }
    const explanation = formattedText(child(node, "generalfeedback"), textFormat);
    const idnumber = plain(child(node, "idnumber")).trim();
    const rawTags = list(child(node, "tags"), "tag").map((tag) => plain(child(tag, "text")) || plain(tag));
    const question: ImportedQuestion = {
      line,
      externalId: idnumber === "" ? null : idnumber,
      title: name === "" ? null : name,
      topic,
      stem,
      options,
      explanation: explanation === "" ? null : explanation,
      ...readMetadataTags(rawTags),
    };
    questions.push(question);
    categories.set(question, category);
    if (penalties.length > 0) notes.push(penaltyNote(line, penalties.map((f) => `fraction ${f}`)));
  });
  return finishImport("moodle-xml", questions, skipped, problems, (q) => categories.get(q) ?? "", notes);
}

function escapeXml(text: string): string {
  let clean = "";
  for (const c of text) {
    const code = c.codePointAt(0) ?? 0;
    // XML 1.0 forbids most control characters; they cannot be written at all.
    if (code < 0x20 && code !== 0x09 && code !== 0x0a && code !== 0x0d) continue;
    clean += c;
  }
  return clean.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;").replace(/"/g, "&quot;");
}

function textElement(tag: string, text: string, indent: string, format = "markdown"): string {
  return `${indent}<${tag} format="${format}">\n${indent}  <text>${escapeXml(text)}</text>\n${indent}</${tag}>`;
}

/**
 * Moodle XML for the questions: one category question per topic change, then `multichoice` questions
 * with `<single>true`, fraction 100 / 0, text in Moodle's "markdown" format (our text is the safe Markdown
 * subset), the external id as idnumber, and difficulty, kind and sources as tags. A question without a
 * title gets its stem's first words as its <name> (Moodle requires one).
 */
export function writeMoodleXml(questions: readonly ExchangeQuestion[]): TextExport {
  const out: string[] = ['<?xml version="1.0" encoding="UTF-8"?>', "<quiz>"];
  let topic: string | null | undefined;
  for (const question of questions) {
    if (question.topic !== topic && (question.topic !== null || topic !== undefined)) {
      // A question without a topic after one with a topic goes back to the top category.
      out.push(
        '  <question type="category">',
        "    <category>",
        `      <text>${escapeXml(question.topic === null ? "$course$/top" : categoryForTopic(question.topic))}</text>`,
        "    </category>",
        "  </question>",
      );
    }
    topic = question.topic;
    const name = question.title ?? question.stem.replace(/\s+/g, " ").slice(0, 60).trim();
    out.push('  <question type="multichoice">', `    <name>\n      <text>${escapeXml(name)}</text>\n    </name>`);
    out.push(textElement("questiontext", question.stem, "    "));
    out.push(textElement("generalfeedback", question.explanation ?? "", "    "));
    out.push(
      "    <defaultgrade>1</defaultgrade>",
      "    <penalty>0.3333333</penalty>",
      "    <hidden>0</hidden>",
      `    <idnumber>${escapeXml(question.externalId ?? "")}</idnumber>`,
      "    <single>true</single>",
      "    <shuffleanswers>false</shuffleanswers>",
      "    <answernumbering>abc</answernumbering>",
    );
    for (const option of question.options) {
      out.push(
        `    <answer fraction="${option.correct ? 100 : 0}" format="markdown">`,
        `      <text>${escapeXml(option.text)}</text>`,
        textElement("feedback", option.feedback ?? "", "      "),
        "    </answer>",
      );
    }
    const tags = metadataTags(question);
    if (tags.length > 0) {
      out.push("    <tags>");
      for (const tag of tags) out.push(`      <tag><text>${escapeXml(tag)}</text></tag>`);
      out.push("    </tags>");
    }
    out.push("  </question>");
  }
  out.push("</quiz>", "");
  return { format: "moodle-xml", text: out.join("\n"), losses: [] };
}
