/**
 * The small, safe Markdown of question texts (stem, options, feedback,
 * explanation): *emphasis*, **strong**, `inline code`, lists ("- item",
 * "1. item") and line breaks. Nothing else: no links, no images, no HTML.
 * Pure: it returns a tree that components/ui/rich-text.tsx renders as React
 * elements, so a "<script>" or "javascript:" in the text stays literal text.
 *
 * Linear time in the text's length: every character is read a bounded number
 * of times, whatever the markers (see tests/unit/questions/markdown.test.ts).
 */

export type RichInline =
  | { type: "text"; value: string }
  | { type: "code"; value: string }
  | { type: "em"; children: RichInline[] }
  | { type: "strong"; children: RichInline[] }
  | { type: "break" };

export type RichBlock =
  | { type: "paragraph"; children: RichInline[] }
  | { type: "list"; ordered: boolean; start: number; items: RichInline[][] };

export type RichDocument = RichBlock[];

/** Emphasis nested deeper than this is shown as literal markers (it keeps rendering shallow). */
export const MAX_EMPHASIS_DEPTH = 4;

const BULLET = /^\s{0,3}-\s+(.*)$/;
const ORDERED = /^\s{0,3}(\d{1,9})[.)]\s+(.*)$/;
/** Characters a backslash escapes: the markers, and "." and ")" so that "1\\. text" is not a list item. */
const ESCAPABLE = new Set(["\\", "*", "`", "-", "_", ".", ")"]);

type LineKind = { kind: "blank" } | { kind: "bullet"; text: string } | { kind: "ordered"; text: string; number: number } | { kind: "text"; text: string };

function classify(line: string): LineKind {
  if (line.trim() === "") return { kind: "blank" };
  const bullet = BULLET.exec(line);
  if (bullet) return { kind: "bullet", text: bullet[1] ?? "" };
  const ordered = ORDERED.exec(line);
  if (ordered) return { kind: "ordered", text: ordered[2] ?? "", number: Number(ordered[1]) };
  return { kind: "text", text: line };
}

/** Parses a question text into blocks: paragraphs (single newlines become breaks) and flat lists. */
export function parseRichText(source: string): RichDocument {
  const lines = source.replace(/\r\n?/g, "\n").split("\n").map(classify);
  const blocks: RichDocument = [];
  let i = 0;
  while (i < lines.length) {
    const line = lines[i]!;
    if (line.kind === "blank") {
      i += 1;
      continue;
    }
    if (line.kind === "bullet" || line.kind === "ordered") {
      const kind = line.kind;
      const items: RichInline[][] = [];
      const start = line.kind === "ordered" ? line.number : 1;
      while (i < lines.length) {
        const next = lines[i]!;
        if (next.kind !== kind) break;
        items.push(parseInline(next.text));
        i += 1;
      }
      blocks.push({ type: "list", ordered: kind === "ordered", start, items });
      continue;
    }
    const texts: string[] = [];
    while (i < lines.length) {
      const next = lines[i]!;
      if (next.kind !== "text") break;
      texts.push(next.text);
      i += 1;
    }
    const children: RichInline[] = [];
    texts.forEach((text, n) => {
      if (n > 0) children.push({ type: "break" });
      for (const node of parseInline(text.trim())) children.push(node);
    });
    blocks.push({ type: "paragraph", children: mergeText(children) });
  }
  return blocks;
}

type Token =
  | { type: "text"; value: string }
  | { type: "code"; value: string }
  | { type: "delim"; marker: "*" | "**"; canOpen: boolean; canClose: boolean; pair: number; literal: boolean };

function isSpace(ch: number): boolean {
  // NaN (before the start or past the end of the line) counts as white space.
  return Number.isNaN(ch) || ch === 32 || ch === 9 || ch === 10 || ch === 13 || ch === 12 || ch === 11 || ch === 0xa0;
}

const BACKSLASH = 92;
const BACKTICK = 96;
const STAR = 42;

/** Splits one line into text, code spans and emphasis markers. */
function tokenize(line: string): Token[] {
  const tokens: Token[] = [];
  // Text is kept as slices of the line: `from` is where the pending run began.
  let text = "";
  let from = 0;
  const flush = (to: number) => {
    text += line.slice(from, to);
    if (text) tokens.push({ type: "text", value: text });
    text = "";
  };
  let i = 0;
  while (i < line.length) {
    const ch = line.charCodeAt(i);
    if (ch === BACKSLASH && i + 1 < line.length && ESCAPABLE.has(line[i + 1]!)) {
      text += line.slice(from, i);
      from = i + 1;
      i += 2;
      continue;
    }
    if (ch === BACKTICK) {
      const end = line.indexOf("`", i + 1);
      // No closing backtick: none follows at all, so the rest is read once more at most.
      if (end === -1) {
        i += 1;
        continue;
      }
      flush(i);
      tokens.push({ type: "code", value: line.slice(i + 1, end) });
      i = end + 1;
      from = i;
      continue;
    }
    if (ch === STAR) {
      const marker = line.charCodeAt(i + 1) === STAR ? "**" : "*";
      const before = line.charCodeAt(i - 1);
      const after = line.charCodeAt(i + marker.length);
      flush(i);
      tokens.push({ type: "delim", marker, canOpen: !isSpace(after), canClose: !isSpace(before), pair: -1, literal: true });
      i += marker.length;
      from = i;
      continue;
    }
    i += 1;
  }
  flush(line.length);
  return tokens;
}

/**
 * Pairs emphasis markers: a closer takes the nearest open marker of its kind,
 * and markers left open between them become literal. Each marker is pushed and
 * popped once, and the nearest opener of a kind is found in constant time.
 */
function pairMarkers(tokens: Token[]): void {
  const stack: number[] = [];
  const openOf: Record<"*" | "**", number[]> = { "*": [], "**": [] };
  tokens.forEach((token, index) => {
    if (token.type !== "delim") return;
    const openers = openOf[token.marker];
    const opener = openers[openers.length - 1];
    if (token.canClose && opener !== undefined) {
      // Drop everything opened after the match: those markers stay literal.
      while (stack.length > 0) {
        const top = stack.pop()!;
        const topToken = tokens[top] as Extract<Token, { type: "delim" }>;
        openOf[topToken.marker].pop();
        if (top === opener) break;
      }
      const open = tokens[opener] as Extract<Token, { type: "delim" }>;
      open.pair = index;
      open.literal = false;
      token.pair = opener;
      token.literal = false;
      return;
    }
    if (token.canOpen) {
      stack.push(index);
      openers.push(index);
    }
  });
}

type Frame = { node: RichInline[]; closer: number; element: "em" | "strong" | null };

/** Builds the inline tree from paired markers; pairs nested too deep stay literal. */
export function parseInline(line: string): RichInline[] {
  const tokens = tokenize(line);
  pairMarkers(tokens);
  const root: Frame = { node: [], closer: -1, element: null };
  const frames: Frame[] = [root];
  tokens.forEach((token, index) => {
    const frame = frames[frames.length - 1]!;
    if (token.type === "text") {
      frame.node.push({ type: "text", value: token.value });
      return;
    }
    if (token.type === "code") {
      frame.node.push({ type: "code", value: token.value });
      return;
    }
    if (token.literal) {
      frame.node.push({ type: "text", value: token.marker });
      return;
    }
    if (token.pair > index) {
      if (frames.length > MAX_EMPHASIS_DEPTH) {
        const closer = tokens[token.pair] as Extract<Token, { type: "delim" }>;
        closer.literal = true;
        frame.node.push({ type: "text", value: token.marker });
        return;
      }
      frames.push({ node: [], closer: token.pair, element: token.marker === "**" ? "strong" : "em" });
      return;
    }
    // A closer: pairs are properly nested, so it closes the innermost frame.
    frames.pop();
    const parent = frames[frames.length - 1]!;
    if (frame.element) parent.node.push({ type: frame.element, children: mergeText(frame.node) });
  });
  return mergeText(root.node);
}

function mergeText(nodes: RichInline[]): RichInline[] {
  const out: RichInline[] = [];
  for (const node of nodes) {
    const last = out[out.length - 1];
    if (node.type === "text" && last?.type === "text") {
      out[out.length - 1] = { type: "text", value: last.value + node.value };
    } else if (node.type !== "text" || node.value !== "") {
      out.push(node);
    }
  }
  return out;
}

/** The text of inline nodes, markers removed (a break is a line break). */
function inlineText(nodes: RichInline[]): string {
  return nodes.map((n) => (n.type === "text" || n.type === "code" ? n.value : n.type === "break" ? "\n" : inlineText(n.children))).join("");
}

/** The plain text of a document (markers removed): for search, lengths and accessible names. */
export function plainTextOf(document: RichDocument): string {
  return document
    .map((block) => (block.type === "paragraph" ? inlineText(block.children) : block.items.map((item) => inlineText(item)).join("\n")))
    .join("\n\n");
}

/** A line that classify() would read as a list item: its marker, after at most three spaces. */
const LIST_MARKER = /^\s{0,3}(?:-(?=\s)|\d{1,9}(?=[.)]\s))/;

/**
 * Plain text (an Aiken file, GIFT's [plain] and [moodle] text, Moodle XML's plain_text) as our Markdown
 * that shows exactly as written: every star and backtick escaped, a backslash escaped where it would
 * escape what follows, and a line that would start a list ("- x", "1. x", "2) x") kept a paragraph line.
 * Text without those characters is returned unchanged.
 */
export function escapeMarkdown(text: string): string {
  return text
    .split("\n")
    .map((line) => escapeListStart(escapeInlineMarkdown(line)))
    .join("\n");
}

/** A line that would start a list item ("- x", "1. x", "2) x") with its marker escaped, so it stays a paragraph line. */
export function escapeListStart(line: string): string {
  return line.replace(LIST_MARKER, (marker: string) => (marker.endsWith("-") ? `${marker.slice(0, -1)}\\-` : `${marker}\\`));
}

/** Stars and backticks escaped; a backslash doubled where it is followed by a character it would escape, or ends the text. */
export function escapeInlineMarkdown(text: string, escapesBefore: (next: string | undefined) => boolean = (next) => next === undefined || ESCAPABLE.has(next)): string {
  let out = "";
  for (let i = 0; i < text.length; i++) {
    const ch = text[i]!;
    if (ch === "*" || ch === "`") out += `\\${ch}`;
    else if (ch === "\\" && escapesBefore(text[i + 1])) out += "\\\\";
    else out += ch;
  }
  return out;
}

/**
 * Our Markdown as plain text for a format that has no markup (Aiken): emphasis and code marks and
 * backslash escapes dropped, line breaks and list markers kept as written. escapeMarkdown's inverse
 * on any single line.
 */
export function markdownToPlain(text: string): string {
  return text
    .replace(/\r\n?/g, "\n")
    .split("\n")
    .map((line) => {
      const kind = classify(line);
      if (kind.kind === "bullet" || kind.kind === "ordered") return line.slice(0, line.length - kind.text.length) + inlineText(parseInline(kind.text));
      return inlineText(parseInline(line));
    })
    .join("\n");
}

/** markdownToPlain on one line: its words as shown, runs of white space (line breaks too) one space. */
export function plainLine(text: string): string {
  return markdownToPlain(text).replace(/\s+/g, " ").trim();
}

/** Whether the text holds emphasis or a code span (what a plain-text format cannot carry). */
export function hasInlineMarkup(text: string): boolean {
  const marked = (nodes: RichInline[]): boolean => nodes.some((n) => n.type === "em" || n.type === "strong" || n.type === "code");
  return parseRichText(text).some((block) => (block.type === "paragraph" ? marked(block.children) : block.items.some(marked)));
}
