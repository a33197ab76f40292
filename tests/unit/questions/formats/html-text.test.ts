import { describe, expect, it } from "vitest";
import { decodeEntities, htmlToText } from "@/lib/questions/formats/html-text";
import { parseRichText, plainTextOf } from "@/lib/questions/markdown";
import { hasMarkup } from "./format-helpers";

describe("decodeEntities", () => {
  it("keeps the case of named entities: uppercase letters stay uppercase", () => {
    expect(decodeEntities("&Eacute;cole, &Ouml;l, &Agrave; la, Espa&ntilde;a, &Ntilde;u")).toBe("École, Öl, À la, España, Ñu");
    expect(decodeEntities("&eacute;&Eacute; &oelig;&OElig; &scaron;&Scaron; &yuml;&Yuml; &alpha;&Alpha; &omega;&Omega;")).toBe("éÉ œŒ šŠ ÿŸ αΑ ωΩ");
  });

  it("decodes the whole HTML 4 Latin-1 set", () => {
    expect(decodeEntities("&iexcl;&iquest;&oacute;&iacute;&uacute;&Uacute;&Icirc;&ETH;&eth;&THORN;&thorn;&AElig;&aring;&Oslash;&yacute;&yuml;")).toBe("¡¿óíúÚÎÐðÞþÆåØýÿ");
    expect(decodeEntities("&plusmn;&sup1;&sup2;&sup3;&frac14;&frac12;&frac34;&micro;&para;&sect;&pound;&yen;&cent;&curren;&not;&shy;&macr;&acute;&cedil;&ordf;&ordm;&brvbar;&uml;")).toBe("±¹²³¼½¾µ¶§£¥¢¤¬\u00ad¯´¸ªº¦¨");
    expect(decodeEntities("a&nbsp;b")).toBe("a\u00a0b");
  });

  it("decodes the HTML 4 symbols, Greek letters and the special set", () => {
    expect(decodeEntities("&le; &ge; &ne; &minus; &infin; &sum; &radic; &larr; &rarr; &harr; &hellip; &bull; &prime; &Prime; &trade; &euro; &there4; &part; &nabla; &isin;")).toBe(
      "≤ ≥ ≠ − ∞ ∑ √ ← → ↔ … • ′ ″ ™ € ∴ ∂ ∇ ∈",
    );
    expect(decodeEntities("&alpha;&beta;&gamma;&Delta;&sigma;&sigmaf;&Sigma;&mu;&pi;&thetasym;")).toBe("αβγΔσςΣμπϑ");
    expect(decodeEntities("&ndash;&mdash;&lsquo;&rsquo;&ldquo;&rdquo;&sbquo;&bdquo;&dagger;&Dagger;&permil;&lsaquo;&rsaquo;&circ;&tilde;")).toBe("–—‘’“”‚„†‡‰‹›ˆ˜");
    expect(decodeEntities("&ensp;&emsp;&thinsp;&zwnj;&zwj;&lrm;&rlm;")).toBe("\u2002\u2003\u2009\u200c\u200d\u200e\u200f");
  });

  it("decodes numeric references and the uppercase aliases HTML allows, and leaves unknown entities as written", () => {
    expect(decodeEntities("&#233;&#xE9;&#X00E9; &AMP; &LT;&GT; &QUOT;")).toBe('ééé & <> "');
    expect(decodeEntities("&foo; &Nbsp; &eAcute; &#0; &amp")).toBe("&foo; &Nbsp; &eAcute; &#0; &amp");
  });

  it("reads numeric references in 128-159 as Windows-1252, as browsers do (text pasted from a word processor)", () => {
    expect(decodeEntities("&#147;IPT&#148; &#150; it&#146;s time&#133; &#128;5 &#x99;")).toBe("\u201cIPT\u201d \u2013 it\u2019s time\u2026 \u20ac5 \u2122");
    // The five codes Windows-1252 leaves undefined stay as written.
    expect(decodeEntities("&#129;&#141;&#143;&#144;&#157;")).toBe("\u0081\u008d\u008f\u0090\u009d");
  });

  it("decodes entities in HTML turned into text", () => {
    expect(htmlToText("<p>&Eacute;cole &le; 3&sup2;</p>")).toBe("École ≤ 3²");
  });
});

describe("htmlToText: links", () => {
  it("keeps a link's target after its text", () => {
    expect(htmlToText('<p>Read <a href="https://example.org/guide?a=1&amp;b=2">the guide</a> first.</p>')).toBe("Read the guide (https://example.org/guide?a=1&b=2) first.");
    expect(htmlToText("<a href='https://example.org'>https://example.org</a>")).toBe("https://example.org");
    expect(htmlToText('<a href="mailto:tutor@example.org"><b></b></a>')).toBe("mailto:tutor@example.org");
  });

  it("keeps only the text of a link that goes nowhere useful", () => {
    expect(htmlToText('<a href="javascript:alert(1)">click</a> <a name="top">here</a>')).toBe("click here");
  });
});

describe("htmlToText: structure", () => {
  it("keeps the lines and indentation of <pre>", () => {
    expect(htmlToText("<p>Output?</p><pre>for i in range(2):\n    print(i)\n\n# done</pre>")).toBe("Output?\n\nfor i in range(2):\n    print(i)\n\n# done");
  });

  it("writes superscripts and subscripts as Unicode where it can, else with ^ and _", () => {
    expect(htmlToText("x<sup>2</sup> + y<sup>-1</sup> = H<sub>2</sub>O, e<sup>i&pi;</sup>, a<sub>ij</sub>, 10<sup>n+1</sup>")).toBe("x² + y⁻¹ = H₂O, e^(iπ), a_(ij), 10ⁿ⁺¹");
    expect(htmlToText("2<sup>k</sup>")).toBe("2^k");
  });

  it("keeps the numbers of ordered lists, from their start", () => {
    expect(htmlToText("<ol><li>One</li><li>Two</li></ol><ol start=\"4\"><li>Four</li></ol><ul><li>Dot</li></ul>")).toBe("1. One\n2. Two\n\n4. Four\n\n- Dot");
  });

  it("separates table cells and rows", () => {
    expect(htmlToText("<table><tr><th>Drug</th><th>Dose</th></tr><tr><td>A</td> <td>10 mg</td></tr></table>")).toBe("Drug | Dose\nA | 10 mg");
  });

  it("moves spaces inside emphasis outside its markers, and leaves no stray marker when emphasis nests", () => {
    expect(htmlToText("The <strong>answer </strong>is<em> here</em>.")).toBe("The **answer** is *here*.");
    expect(htmlToText("<b>bold <i>both</i></b> and <i>it <b>all</b></i>")).toBe("**bold both** and *it all*");
    expect(htmlToText("<b>bold <i>mid</i> end</b>")).toBe("**bold *mid* end**");
    expect(htmlToText("<b> </b>x<i></i>")).toBe("x");
  });
});

describe("htmlToText: text that looks like our Markdown stays as written", () => {
  const rendered = (html: string) => parseRichText(htmlToText(html));
  it("keeps stars, backticks and backslashes in the text literal, beside real emphasis and code", () => {
    expect(plainTextOf(rendered("<p>3*4*5 = 60 and `x`</p>"))).toBe("3*4*5 = 60 and `x`");
    expect(rendered("<p>3*4*5 and <em>real</em></p>")).toEqual([
      { type: "paragraph", children: [{ type: "text", value: "3*4*5 and " }, { type: "em", children: [{ type: "text", value: "real" }] }] },
    ]);
    expect(rendered("<p><i>C:\\</i> and a\\-b</p>")).toEqual([
      { type: "paragraph", children: [{ type: "em", children: [{ type: "text", value: "C:\\" }] }, { type: "text", value: " and a\\-b" }] },
    ]);
    expect(rendered("<p>Run <code>a*b*c</code></p>")).toEqual([{ type: "paragraph", children: [{ type: "text", value: "Run " }, { type: "code", value: "a*b*c" }] }]);
    expect(plainTextOf(rendered("<p>&#42;not em&#x2A; &#96;x&#96; &#92;*</p>"))).toBe("*not em* `x` \\*");
  });

  it("keeps a paragraph that starts like a list item a paragraph; real lists stay lists", () => {
    expect(rendered("<p>- not a bullet</p><p>1. not a list</p>")).toEqual([
      { type: "paragraph", children: [{ type: "text", value: "- not a bullet" }] },
      { type: "paragraph", children: [{ type: "text", value: "1. not a list" }] },
    ]);
    expect(rendered("<ul><li>one</li><li>- two</li></ul><ol start='3'><li>three</li></ol>")).toEqual([
      { type: "list", ordered: false, start: 1, items: [[{ type: "text", value: "one" }], [{ type: "text", value: "- two" }]] },
      { type: "list", ordered: true, start: 3, items: [[{ type: "text", value: "three" }]] },
    ]);
    expect(plainTextOf(rendered("<pre>- kept\n  2. as typed</pre>"))).toBe("- kept\n2. as typed");
  });
});

describe("htmlToText: code blocks, stray tags and references stay literal", () => {
  const rendered = (html: string) => parseRichText(htmlToText(html));
  it("shows a multi-line <pre><code> block's stars and backticks as written", () => {
    expect(plainTextOf(rendered("<pre><code>p = *a*b;\nreturn `x` * 2</code></pre>"))).toBe("p = *a*b;\nreturn `x` * 2");
    expect(hasMarkup(rendered("<pre><code>p = *a*b;\nreturn `x` * 2</code></pre>"))).toBe(false);
  });
  it("does not stop escaping at an unclosed <code>", () => {
    expect(plainTextOf(rendered("<p>Use <code>x</p><p>*a* and *b*</p>"))).toBe("Use x\n\n*a* and *b*");
  });
  it("keeps a backslash before a space inside emphasis", () => {
    expect(rendered("<b>C:\\ </b>y")).toEqual([{ type: "paragraph", children: [{ type: "strong", children: [{ type: "text", value: "C:\\" }] }, { type: "text", value: " y" }] }]);
  });
  it("reads references to private-use characters as nothing special", () => {
    expect(rendered("<p>&#xE002; x</p><p>1&#57347; y</p>").every((block) => block.type === "paragraph")).toBe(true);
  });
  it("writes a superscript or subscript of a markup character as before", () => {
    expect(plainTextOf(rendered("x<sup>*</sup> and a<sub>`</sub>b"))).toBe("x^* and a_`b");
  });
});
