/**
 * HTML from Moodle (GIFT [html]/[moodle] text, Moodle XML "html" and "moodle_auto_format") turned into our
 * safe text: plain text with the Markdown subset the app renders (emphasis, lists, code, line breaks).
 * No tag survives: the result is text, so whatever the renderer does, no raw HTML reaches a page.
 * Pure and regex-based on purpose: the output is never interpreted as HTML, so a lenient reading is safe.
 */

const NAMED_ENTITIES: Readonly<Record<string, string>> = {
  amp: "&",
  lt: "<",
  gt: ">",
  quot: '"',
  apos: "'",
  nbsp: " ",
  ndash: "–",
  mdash: "—",
  hellip: "…",
  lsquo: "‘",
  rsquo: "’",
  ldquo: "“",
  rdquo: "”",
  laquo: "«",
  raquo: "»",
  copy: "©",
  reg: "®",
  deg: "°",
  times: "×",
  divide: "÷",
  middot: "·",
  bull: "•",
  eacute: "é",
  egrave: "è",
  aacute: "á",
  agrave: "à",
  ouml: "ö",
  uuml: "ü",
  auml: "ä",
  szlig: "ß",
  ccedil: "ç",
  ntilde: "ñ",
};

export function decodeEntities(text: string): string {
  return text.replace(/&(#x[0-9a-f]{1,6}|#[0-9]{1,7}|[a-z]{2,8});/gi, (whole, body: string) => {
    if (body.startsWith("#")) {
      const code = body[1] === "x" || body[1] === "X" ? Number.parseInt(body.slice(2), 16) : Number.parseInt(body.slice(1), 10);
      if (!Number.isFinite(code) || code <= 0 || code > 0x10ffff || (code >= 0xd800 && code <= 0xdfff)) return whole;
      return String.fromCodePoint(code);
    }
    return NAMED_ENTITIES[body.toLowerCase()] ?? whole;
  });
}

/** True when the text holds something that looks like an HTML tag. */
export function looksLikeHtml(text: string): boolean {
  return /<\/?[a-z][^<>]*>/i.test(text);
}

export function htmlToText(html: string): string {
  let text = dropElements(dropComments(html), ["script", "style", "head", "title"])
    .replace(/\s+/g, " ")
    .replace(/<br\s*\/?>/gi, "\n")
    .replace(/<\/?(p|div|h[1-6]|blockquote|pre|table|tr|ul|ol)\b[^<>]*>/gi, "\n\n")
    .replace(/<li\b[^<>]*>/gi, "\n- ")
    .replace(/<\/li\s*>/gi, "")
    .replace(/<\/?(strong|b)\b[^<>]*>/gi, "**")
    .replace(/<\/?(em|i)\b[^<>]*>/gi, "*")
    .replace(/<\/?code\b[^<>]*>/gi, "`")
    .replace(/<img\b[^<>]*?\balt\s*=\s*"([^"<>]*)"[^<>]*>/gi, "$1");
  text = decodeEntities(removeTags(dropUnclosedTag(removeTags(text))));
  return text
    .split("\n")
    .map((line) => line.replace(/[ \t\u00a0]+/g, " ").trim())
    .join("\n")
    .replace(/\*\*\s*\*\*/g, "")
    .replace(/\n{3,}/g, "\n\n")
    .trim();
}

/** "<!-- ... -->" removed; an unclosed comment runs to the end. Linear (indexOf), unlike a lazy regex. */
function dropComments(html: string): string {
  let out = "";
  let from = 0;
  for (;;) {
    const open = html.indexOf("<!--", from);
    if (open < 0) return out + html.slice(from);
    out += html.slice(from, open);
    const close = html.indexOf("-->", open + 4);
    if (close < 0) return out;
    from = close + 3;
  }
}

/** Elements whose content is not text (script, style...) removed with their content; linear. */
function dropElements(html: string, names: readonly string[]): string {
  const lower = html.toLowerCase();
  let out = "";
  let from = 0;
  for (;;) {
    let open = -1;
    let name = "";
    for (const candidate of names) {
      let at = lower.indexOf(`<${candidate}`, from);
      while (at >= 0 && /[a-z0-9-]/.test(lower[at + candidate.length + 1] ?? " ")) at = lower.indexOf(`<${candidate}`, at + 1);
      if (at >= 0 && (open < 0 || at < open)) {
        open = at;
        name = candidate;
      }
    }
    if (open < 0) return out + html.slice(from);
    out += html.slice(from, open);
    const close = lower.indexOf(`</${name}`, open);
    if (close < 0) return out;
    const end = lower.indexOf(">", close);
    from = end < 0 ? html.length : end + 1;
  }
}

/** A tag cut off at the end of the text ("... <b class=") is dropped too. Linear: looks at the last "<" only. */
function dropUnclosedTag(text: string): string {
  const last = text.lastIndexOf("<");
  if (last < 0 || text.indexOf(">", last) >= 0 || !/^<\/?[a-z]/i.test(text.slice(last, last + 3))) return text;
  return text.slice(0, last);
}

const TAG = /<\/?[a-z][^<>]*>/gi;

/**
 * Tags removed until none is left: removing one can join its neighbours into a new one ("<di<b>v>").
 * After a few rounds any "<" that still starts a tag goes, so the loop stays linear on hostile input.
 */
function removeTags(text: string): string {
  let current = text;
  for (let round = 0; round < 8; round++) {
    const next = current.replace(TAG, "");
    if (next === current) return current;
    current = next;
  }
  return current.replace(/<(?=\/?[a-z])/gi, "");
}

/** Markdown text may carry inline HTML; drop the tags, keep the words. */
export function stripTags(text: string): string {
  return removeTags(text);
}

export function escapeHtml(text: string): string {
  return text.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;").replace(/"/g, "&quot;");
}
