/**
 * HTML from Moodle (GIFT [html]/[moodle] text, Moodle XML "html" and "moodle_auto_format") turned into our
 * safe text: plain text with the Markdown subset the app renders (emphasis, lists, code, line breaks).
 * No tag survives: the result is text, so whatever the renderer does, no raw HTML reaches a page. The HTML's
 * own text shows as written: a star, backtick or list-like line in it is escaped for our Markdown.
 * Pure and regex-based on purpose: the output is never interpreted as HTML, so a lenient reading is safe.
 */

import { escapeInlineMarkdown, escapeListStart } from "../markdown";

/**
 * The HTML 4 named character references (the ISO-8859-1, symbol and special sets: what Moodle's editor
 * writes), as code points, plus the uppercase forms HTML also accepts for a few. Names are case-sensitive:
 * "&Eacute;" is É and "&eacute;" is é.
 */
const NAMED_ENTITIES: Readonly<Record<string, number>> = {
  amp: 0x26, lt: 0x3c, gt: 0x3e, quot: 0x22, apos: 0x27,
  AMP: 0x26, LT: 0x3c, GT: 0x3e, QUOT: 0x22, COPY: 0xa9, REG: 0xae,
  // ISO-8859-1: nbsp (U+00A0) to yuml (U+00FF).
  nbsp: 0xa0, iexcl: 0xa1, cent: 0xa2, pound: 0xa3, curren: 0xa4, yen: 0xa5, brvbar: 0xa6, sect: 0xa7,
  uml: 0xa8, copy: 0xa9, ordf: 0xaa, laquo: 0xab, not: 0xac, shy: 0xad, reg: 0xae, macr: 0xaf,
  deg: 0xb0, plusmn: 0xb1, sup2: 0xb2, sup3: 0xb3, acute: 0xb4, micro: 0xb5, para: 0xb6, middot: 0xb7,
  cedil: 0xb8, sup1: 0xb9, ordm: 0xba, raquo: 0xbb, frac14: 0xbc, frac12: 0xbd, frac34: 0xbe, iquest: 0xbf,
  Agrave: 0xc0, Aacute: 0xc1, Acirc: 0xc2, Atilde: 0xc3, Auml: 0xc4, Aring: 0xc5, AElig: 0xc6, Ccedil: 0xc7,
  Egrave: 0xc8, Eacute: 0xc9, Ecirc: 0xca, Euml: 0xcb, Igrave: 0xcc, Iacute: 0xcd, Icirc: 0xce, Iuml: 0xcf,
  ETH: 0xd0, Ntilde: 0xd1, Ograve: 0xd2, Oacute: 0xd3, Ocirc: 0xd4, Otilde: 0xd5, Ouml: 0xd6, times: 0xd7,
  Oslash: 0xd8, Ugrave: 0xd9, Uacute: 0xda, Ucirc: 0xdb, Uuml: 0xdc, Yacute: 0xdd, THORN: 0xde, szlig: 0xdf,
  agrave: 0xe0, aacute: 0xe1, acirc: 0xe2, atilde: 0xe3, auml: 0xe4, aring: 0xe5, aelig: 0xe6, ccedil: 0xe7,
  egrave: 0xe8, eacute: 0xe9, ecirc: 0xea, euml: 0xeb, igrave: 0xec, iacute: 0xed, icirc: 0xee, iuml: 0xef,
  eth: 0xf0, ntilde: 0xf1, ograve: 0xf2, oacute: 0xf3, ocirc: 0xf4, otilde: 0xf5, ouml: 0xf6, divide: 0xf7,
  oslash: 0xf8, ugrave: 0xf9, uacute: 0xfa, ucirc: 0xfb, uuml: 0xfc, yacute: 0xfd, thorn: 0xfe, yuml: 0xff,
  // Symbols, Greek letters and the special set (Latin Extended-A, spacing modifiers, punctuation).
  OElig: 0x152, oelig: 0x153, Scaron: 0x160, scaron: 0x161, Yuml: 0x178, fnof: 0x192, circ: 0x2c6, tilde: 0x2dc,
  Alpha: 0x391, Beta: 0x392, Gamma: 0x393, Delta: 0x394, Epsilon: 0x395, Zeta: 0x396, Eta: 0x397, Theta: 0x398,
  Iota: 0x399, Kappa: 0x39a, Lambda: 0x39b, Mu: 0x39c, Nu: 0x39d, Xi: 0x39e, Omicron: 0x39f, Pi: 0x3a0,
  Rho: 0x3a1, Sigma: 0x3a3, Tau: 0x3a4, Upsilon: 0x3a5, Phi: 0x3a6, Chi: 0x3a7, Psi: 0x3a8, Omega: 0x3a9,
  alpha: 0x3b1, beta: 0x3b2, gamma: 0x3b3, delta: 0x3b4, epsilon: 0x3b5, zeta: 0x3b6, eta: 0x3b7, theta: 0x3b8,
  iota: 0x3b9, kappa: 0x3ba, lambda: 0x3bb, mu: 0x3bc, nu: 0x3bd, xi: 0x3be, omicron: 0x3bf, pi: 0x3c0,
  rho: 0x3c1, sigmaf: 0x3c2, sigma: 0x3c3, tau: 0x3c4, upsilon: 0x3c5, phi: 0x3c6, chi: 0x3c7, psi: 0x3c8,
  omega: 0x3c9, thetasym: 0x3d1, upsih: 0x3d2, piv: 0x3d6, ensp: 0x2002, emsp: 0x2003, thinsp: 0x2009, zwnj: 0x200c,
  zwj: 0x200d, lrm: 0x200e, rlm: 0x200f, ndash: 0x2013, mdash: 0x2014, lsquo: 0x2018, rsquo: 0x2019, sbquo: 0x201a,
  ldquo: 0x201c, rdquo: 0x201d, bdquo: 0x201e, dagger: 0x2020, Dagger: 0x2021, bull: 0x2022, hellip: 0x2026, permil: 0x2030,
  prime: 0x2032, Prime: 0x2033, lsaquo: 0x2039, rsaquo: 0x203a, oline: 0x203e, frasl: 0x2044, euro: 0x20ac, image: 0x2111,
  weierp: 0x2118, real: 0x211c, trade: 0x2122, alefsym: 0x2135, larr: 0x2190, uarr: 0x2191, rarr: 0x2192, darr: 0x2193,
  harr: 0x2194, crarr: 0x21b5, lArr: 0x21d0, uArr: 0x21d1, rArr: 0x21d2, dArr: 0x21d3, hArr: 0x21d4, forall: 0x2200,
  part: 0x2202, exist: 0x2203, empty: 0x2205, nabla: 0x2207, isin: 0x2208, notin: 0x2209, ni: 0x220b, prod: 0x220f,
  sum: 0x2211, minus: 0x2212, lowast: 0x2217, radic: 0x221a, prop: 0x221d, infin: 0x221e, ang: 0x2220, and: 0x2227,
  or: 0x2228, cap: 0x2229, cup: 0x222a, int: 0x222b, there4: 0x2234, sim: 0x223c, cong: 0x2245, asymp: 0x2248,
  ne: 0x2260, equiv: 0x2261, le: 0x2264, ge: 0x2265, sub: 0x2282, sup: 0x2283, nsub: 0x2284, sube: 0x2286,
  supe: 0x2287, oplus: 0x2295, otimes: 0x2297, perp: 0x22a5, sdot: 0x22c5, lceil: 0x2308, rceil: 0x2309, lfloor: 0x230a,
  rfloor: 0x230b, lang: 0x2329, rang: 0x232a, loz: 0x25ca, spades: 0x2660, clubs: 0x2663, hearts: 0x2665, diams: 0x2666,
};

/**
 * Numeric references 128-159 name Windows-1252's characters, as HTML reads them (text pasted from a word
 * processor writes "&#146;" for a right quote); 0 marks the five codes Windows-1252 leaves undefined.
 */
const WINDOWS_1252: readonly (number | undefined)[] = [
  0x20ac, 0, 0x201a, 0x0192, 0x201e, 0x2026, 0x2020, 0x2021, 0x02c6, 0x2030, 0x0160, 0x2039, 0x0152, 0, 0x017d, 0,
  0, 0x2018, 0x2019, 0x201c, 0x201d, 0x2022, 0x2013, 0x2014, 0x02dc, 0x2122, 0x0161, 0x203a, 0x0153, 0, 0x017e, 0x0178,
].map((c) => (c === 0 ? undefined : c));

export function decodeEntities(text: string): string {
  return text.replace(/&(#x[0-9a-f]{1,6}|#[0-9]{1,7}|[a-z][a-z0-9]{1,9});/gi, (whole, body: string) => {
    if (body.startsWith("#")) {
      const code = body[1] === "x" || body[1] === "X" ? Number.parseInt(body.slice(2), 16) : Number.parseInt(body.slice(1), 10);
      if (!Number.isFinite(code) || code <= 0 || code > 0x10ffff || (code >= 0xd800 && code <= 0xdfff)) return whole;
      return String.fromCodePoint(WINDOWS_1252[code - 0x80] ?? code);
    }
    const code = Object.hasOwn(NAMED_ENTITIES, body) ? NAMED_ENTITIES[body] : undefined;
    return code === undefined ? whole : String.fromCodePoint(code);
  });
}

const MEDIA = /<(audio|video|iframe|object|embed|svg)\b/i;

/**
 * The first element of the text that shows something text cannot carry (audio, video, iframe, object,
 * embed, svg), lower-case, or null. A question holding one would lose it on import, so it is skipped.
 */
export function embeddedMedia(text: string): string | null {
  return MEDIA.exec(text)?.[1]?.toLowerCase() ?? null;
}

export function mediaSkipReason(element: string): string {
  return `embedded audio, video or other media (<${element}>) is not imported`;
}

/** True when the text holds something that looks like an HTML tag. */
export function looksLikeHtml(text: string): boolean {
  return /<\/?[a-z][^<>]*>/i.test(text);
}

export function htmlToText(html: string): string {
  const source = escapeText(keepLinkTargets(dropElements(dropComments(html), ["script", "style", "head", "title"])).replace(PLACEHOLDERS, ""));
  let text = emphasis(
    keepPreformatted(source)
      .replace(/\s+/g, " ")
      .replace(/<br\s*\/?>/gi, "\n")
      .replace(/<\/t[dh]\s*>\s*<t[dh]\b[^<>]*>/gi, " | ")
      .replace(/<\/tr\s*>/gi, "")
      .replace(/<tr\b[^<>]*>/gi, "\n")
      .replace(/<\/?(p|div|h[1-6]|blockquote|pre|table)\b[^<>]*>/gi, "\n\n"),
  );
  text = numberLists(text)
    .replace(/<(sup|sub)\b[^<>]*>([^<]*)<\/\1\s*>/gi, (_whole, tag: string, inner: string) => scripted(inner, tag.toLowerCase() === "sup"))
    .replace(/<\/?code\b[^<>]*>/gi, "`")
    .replace(/<img\b[^<>]*?\balt\s*=\s*"([^"<>]*)"[^<>]*>/gi, "$1");
  text = decodeEntities(removeTags(dropUnclosedTag(removeTags(text))));
  return text
    .split("\n")
    .map((line) => line.replace(/[ \t\u00a0]+/g, " ").trim())
    .join("\n")
    .replace(/\n{3,}/g, "\n\n")
    .trim()
    .replace(/\uE000/g, "\n")
    .replace(/\uE001/g, " ")
    .split("\n")
    .map(listMarkers)
    .join("\n");
}

/**
 * A line of the text that starts like one of our list items ("- x", "1. x") without being one of the
 * HTML's own list items (those carry a placeholder marker) is escaped, so it stays a paragraph line;
 * then the placeholders become the list markers.
 */
function listMarkers(line: string): string {
  const own = /^(\s*)(?:\uE002|(\d+)\uE003)/.exec(line);
  if (own) return `${own[1] ?? ""}${own[2] === undefined ? "-" : `${own[2]}.`}${line.slice(own[0].length)}`;
  return escapeListStart(line);
}

/**
 * The text of the HTML made literal for our Markdown before any marker is written: every star, backtick and
 * backslash escaped (also when written as character references; references to the private-use characters
 * that stand for list markers here are dropped, as those characters are). A one-line <code> element without
 * a backtick is left alone: it becomes a code span, which shows its text as it is. Any other <code> (several
 * lines, as in <pre><code>; a backtick; no end tag) cannot be a code span: its text is escaped like the
 * rest, and the element becomes a <span>, so no backtick is written for it.
 */
function escapeText(html: string): string {
  const lower = html.toLowerCase();
  const escape = (text: string) =>
    escapeInlineMarkdown(text.replace(PRIVATE_USE_REFERENCES, "").replace(SPECIAL_REFERENCES, (reference) => decodeEntities(reference)), () => true);
  let out = "";
  let from = 0;
  for (;;) {
    let open = lower.indexOf("<code", from);
    while (open >= 0 && !/[\s>]/.test(lower[open + 5] ?? "")) open = lower.indexOf("<code", open + 5);
    if (open < 0) return out + escape(html.slice(from));
    out += escape(html.slice(from, open));
    const start = lower.indexOf(">", open);
    if (start < 0) return out + escape(html.slice(open));
    const close = lower.indexOf("</code", start);
    const content = close < 0 ? "" : html.slice(start + 1, close);
    if (close >= 0 && !/[\r\n`]|&#0*96;|&#x0*60;/i.test(content)) {
      out += html.slice(open, close);
      from = close;
      continue;
    }
    out += "<span>";
    from = start + 1;
    if (close >= 0) {
      const closeEnd = lower.indexOf(">", close);
      out += escape(content) + "</span>";
      from = closeEnd < 0 ? html.length : closeEnd + 1;
    }
  }
}

/** Numeric references to the characters our Markdown reads as markup: "*", "`" and "\\". */
const SPECIAL_REFERENCES = /&#(?:0*(?:42|96|92)|[xX]0*(?:2[aA]|60|5[cC]));/g;

/** Numeric references to the private-use characters U+E000-U+E003, which stand for markers here. */
const PRIVATE_USE_REFERENCES = /&#(?:[xX]0*[eE]00[0-3]|0*5734[4-7]);/g;

/** Private-use characters that stand for a <pre>'s line breaks and spaces while the rest is collapsed, and for list markers. */
const PLACEHOLDERS = /[\uE000-\uE003]/g;

/** A <pre>'s line breaks and spaces kept through the white-space collapsing (linear: indexOf). */
function keepPreformatted(html: string): string {
  const lower = html.toLowerCase();
  let out = "";
  let from = 0;
  for (;;) {
    const open = lower.indexOf("<pre", from);
    if (open < 0 || !/[\s>]/.test(lower[open + 4] ?? "")) {
      if (open < 0) return out + html.slice(from);
      out += html.slice(from, open + 4);
      from = open + 4;
      continue;
    }
    const start = lower.indexOf(">", open);
    if (start < 0) return out + html.slice(from);
    const close = lower.indexOf("</pre", start);
    const end = close < 0 ? html.length : close;
    out += html.slice(from, start + 1) + html.slice(start + 1, end).replace(/^\n/, "").replace(/\n/g, "\uE000").replace(/[ \t]/g, "\uE001");
    from = end;
  }
}

/**
 * List items as "- item", or "1. item" in an <ol> (counting from its start): the Markdown lists the app renders.
 * The marker is written as a placeholder ("\uE002 ", "1\uE003 ") until the text's own list-like lines are escaped.
 */
function numberLists(html: string): string {
  const lists: Array<{ ordered: boolean; next: number }> = [];
  return html.replace(/<(\/?)(ol|ul|li)\b([^<>]*)>/gi, (_whole, slash: string, name: string, attributes: string) => {
    const tag = name.toLowerCase();
    if (tag === "li") {
      if (slash) return "";
      const list = lists[lists.length - 1];
      if (!list?.ordered) return "\n\uE002 ";
      const marker = `\n${String(list.next)}\uE003 `;
      list.next += 1;
      return marker;
    }
    if (slash) lists.pop();
    else lists.push({ ordered: tag === "ol", next: Number(/\bstart\s*=\s*["']?(\d{1,6})/i.exec(attributes)?.[1] ?? "1") });
    return "\n\n";
  });
}

const SUPERSCRIPT: Readonly<Record<string, string>> = {
  "0": "⁰", "1": "¹", "2": "²", "3": "³", "4": "⁴", "5": "⁵", "6": "⁶", "7": "⁷", "8": "⁸", "9": "⁹",
  "+": "⁺", "-": "⁻", "\u2212": "⁻", "=": "⁼", "(": "⁽", ")": "⁾", n: "ⁿ", i: "ⁱ",
};
const SUBSCRIPT: Readonly<Record<string, string>> = {
  "0": "₀", "1": "₁", "2": "₂", "3": "₃", "4": "₄", "5": "₅", "6": "₆", "7": "₇", "8": "₈", "9": "₉",
  "+": "₊", "-": "₋", "\u2212": "₋", "=": "₌", "(": "₍", ")": "₎",
};

/** x<sup>2</sup> as "x²" when every character has a Unicode superscript (subscript), else "x^2" or "x^(ab)" ("x_(ab)"). */
function scripted(escaped: string, sup: boolean): string {
  // escapeText escaped every backslash, star and backtick of the text: read the characters themselves.
  const inner = escaped.replace(/\\([\s\S])/g, "$1");
  const text = decodeEntities(inner).trim();
  if (text === "") return "";
  const table = sup ? SUPERSCRIPT : SUBSCRIPT;
  const chars = [...text];
  if (chars.every((c) => Object.hasOwn(table, c))) return chars.map((c) => table[c]).join("");
  const mark = sup ? "^" : "_";
  // The raw inner text, escaped again: its entities are decoded once, with the rest of the text.
  const body = escapeInlineMarkdown(inner.trim(), () => true);
  return chars.length === 1 ? mark + body : `${mark}(${body})`;
}

const MAX_EMPHASIS_NESTING = 32;

type EmphasisPiece = { text: string } | { marker: "**" | "*"; open: boolean; pair: number };

/**
 * <strong>/<b> as **, <em>/<i> as *, written so that the app's Markdown reads them back: white space just
 * inside a marker moves outside it ("<b>answer </b>is" is "**answer** is"), empty emphasis goes, and of
 * two markers with nothing between them ("***", which that Markdown cannot split) the inner or later pair
 * goes, keeping its words. Unclosed or stray tags are dropped. One pass, each piece moved a bounded number
 * of times.
 */
function emphasis(html: string): string {
  const out: EmphasisPiece[] = [];
  type Opener = { tag: string; at: number; pair: number; dropped: boolean };
  const openers: Opener[] = [];
  /** The openers whose marker is in `out` and not yet closed, innermost last. */
  const live: Opener[] = [];
  /** Where each pair's opening marker is in `out`. */
  const openAt = new Map<number, number>();
  let pairs = 0;
  /** The last piece, after dropping empty text at the end. */
  const tail = () => {
    for (let last = out[out.length - 1]; last && "text" in last && last.text === ""; last = out[out.length - 1]) out.pop();
    return out[out.length - 1];
  };
  const pushText = (text: string) => {
    if (text === "") return;
    const lead = /^\s+/.exec(text)?.[0] ?? "";
    let at = out.length;
    while (at > 0) {
      const before = out[at - 1];
      if (!before || "text" in before || !before.open) break;
      at -= 1;
    }
    if (lead !== "" && at < out.length) {
      out.splice(at, 0, { text: lead });
      // The markers of the run moved one place on; they are all still open, so at the top of `live`.
      for (let i = live.length - 1; i >= 0; i--) {
        const opener = live[i];
        if (!opener || opener.at < at) break;
        opener.at += 1;
        openAt.set(opener.pair, opener.at);
      }
      out.push({ text: text.slice(lead.length) });
    } else {
      out.push({ text });
    }
  };
  const tags = /<(\/?)(strong|b|em|i)\b[^<>]*>/gi;
  let from = 0;
  for (let m = tags.exec(html); m; m = tags.exec(html)) {
    pushText(html.slice(from, m.index));
    from = m.index + m[0].length;
    const tag = (m[2] ?? "").toLowerCase();
    const marker = tag === "strong" || tag === "b" ? "**" : "*";
    if (!m[1]) {
      const last = tail();
      const pair = pairs++;
      // Right after another marker: this pair could not be read back, so it goes.
      const dropped = last !== undefined && !("text" in last);
      const opener = { tag, at: dropped ? -1 : out.length, pair, dropped };
      openers.push(opener);
      if (!dropped) {
        live.push(opener);
        openAt.set(pair, out.length);
        out.push({ marker, open: true, pair });
      }
      continue;
    }
    // Real HTML nests a few levels deep; looking further down for the opener would make hostile input quadratic.
    let index = openers.length - 1;
    while (index >= 0 && index >= openers.length - MAX_EMPHASIS_NESTING && openers[index]?.tag !== tag) index -= 1;
    if (index < 0 || openers[index]?.tag !== tag) continue;
    openers.splice(index + 1);
    const opener = openers.pop();
    if (!opener) continue;
    // Tags opened inside this one and never closed are dropped.
    for (let inner = live.at(-1); inner && inner.pair > opener.pair; inner = live.at(-1)) {
      out[inner.at] = { text: "" };
      live.pop();
    }
    if (opener.dropped) continue;
    live.pop();
    let space = "";
    for (let last = tail(); last && "text" in last; last = tail()) {
      const trail = /\s+$/.exec(last.text)?.[0] ?? "";
      if (trail === "") break;
      space = trail + space;
      if (trail.length < last.text.length) {
        out[out.length - 1] = { text: last.text.slice(0, -trail.length) };
        break;
      }
      out.pop();
    }
    for (let last = tail(); last && !("text" in last); last = tail()) {
      if (last.pair === opener.pair) break;
      // An inner pair closing right here ("***"): it goes, its words stay.
      out.pop();
      const inner = openAt.get(last.pair);
      if (inner !== undefined) out[inner] = { text: "" };
    }
    const last = tail();
    if (last && !("text" in last) && last.pair === opener.pair) out.pop();
    else out.push({ marker, open: false, pair: opener.pair });
    if (space !== "") out.push({ text: space });
  }
  pushText(html.slice(from));
  for (const inner of live) out[inner.at] = { text: "" };
  return out.map((p) => ("text" in p ? p.text : p.marker)).join("");
}

const LINK_OPEN = /<a\b([^<>]*)>/gi;
const HREF = /\bhref\s*=\s*(?:"([^"]*)"|'([^']*)'|([^\s"'<>]+))/i;

/**
 * A link's target written after its text, "the guide (https://...)", or alone when the text is empty or
 * is the address itself: the app's Markdown renders no links, and the address is what the reader needs.
 * Only web and mail addresses are kept. Linear: one pass over the open tags, indexOf for each close.
 */
function keepLinkTargets(html: string): string {
  const lower = html.toLowerCase();
  let out = "";
  let from = 0;
  LINK_OPEN.lastIndex = 0;
  for (let open = LINK_OPEN.exec(html); open; open = LINK_OPEN.exec(html)) {
    if (open.index < from) continue;
    const href = HREF.exec(open[1] ?? "");
    const url = (href?.[1] ?? href?.[2] ?? href?.[3] ?? "").trim();
    if (!/^(https?:\/\/|mailto:)/i.test(decodeEntities(url))) continue;
    const contentStart = open.index + open[0].length;
    const close = lower.indexOf("</a", contentStart);
    const end = close < 0 ? html.length : close;
    const inner = html.slice(contentStart, end);
    const words = decodeEntities(removeTags(inner)).replace(/\s+/g, " ").trim();
    const address = decodeEntities(url);
    const target = words === "" ? url : words === address || `mailto:${words}` === address ? "" : ` (${url})`;
    out += html.slice(from, contentStart) + inner + target;
    from = end;
  }
  return out + html.slice(from);
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
