import { renderToStaticMarkup } from "react-dom/server";
import { createElement } from "react";
import { describe, expect, it } from "vitest";
import fc from "fast-check";
import { MAX_EMPHASIS_DEPTH, escapeMarkdown, markdownToPlain, parseInline, parseRichText, plainTextOf, type RichInline } from "@/lib/questions/markdown";
import { RichText } from "@/components/ui/rich-text";
import { hasMarkup } from "./formats/format-helpers";

const html = (text: string) => renderToStaticMarkup(createElement(RichText, { text }));

function depth(nodes: RichInline[]): number {
  return Math.max(0, ...nodes.map((n) => (n.type === "em" || n.type === "strong" ? 1 + depth(n.children) : 0)));
}

describe("parseInline", () => {
  it("reads emphasis, strong and code", () => {
    expect(parseInline("a *b* **c** `d*e*`")).toEqual([
      { type: "text", value: "a " },
      { type: "em", children: [{ type: "text", value: "b" }] },
      { type: "text", value: " " },
      { type: "strong", children: [{ type: "text", value: "c" }] },
      { type: "text", value: " " },
      { type: "code", value: "d*e*" },
    ]);
  });

  it("nests strong inside emphasis", () => {
    expect(parseInline("*a **b** c*")).toEqual([
      {
        type: "em",
        children: [{ type: "text", value: "a " }, { type: "strong", children: [{ type: "text", value: "b" }] }, { type: "text", value: " c" }],
      },
    ]);
  });

  it("leaves unmatched and space-flanked markers literal", () => {
    expect(parseInline("2 * 3 * 4")).toEqual([{ type: "text", value: "2 * 3 * 4" }]);
    expect(parseInline("*open only")).toEqual([{ type: "text", value: "*open only" }]);
    expect(parseInline("`no close")).toEqual([{ type: "text", value: "`no close" }]);
    expect(parseInline("**a *b** c*")).toEqual([
      { type: "strong", children: [{ type: "text", value: "a *b" }] },
      { type: "text", value: " c*" },
    ]);
  });

  it("honours backslash escapes", () => {
    expect(parseInline("\\*not em\\*")).toEqual([{ type: "text", value: "*not em*" }]);
  });
});

describe("parseRichText", () => {
  it("makes paragraphs, line breaks and lists", () => {
    const doc = parseRichText("First line\nsecond line\n\n- one\n- two\n\n3. three\n4. four");
    expect(doc).toEqual([
      { type: "paragraph", children: [{ type: "text", value: "First line" }, { type: "break" }, { type: "text", value: "second line" }] },
      { type: "list", ordered: false, start: 1, items: [[{ type: "text", value: "one" }], [{ type: "text", value: "two" }]] },
      { type: "list", ordered: true, start: 3, items: [[{ type: "text", value: "three" }], [{ type: "text", value: "four" }]] },
    ]);
    expect(plainTextOf(doc)).toBe("First line\nsecond line\n\none\ntwo\n\nthree\nfour");
  });

  it("keeps plain text as one text node", () => {
    expect(parseRichText("What does IPT focus on (in 12-16 weeks)?")).toEqual([
      { type: "paragraph", children: [{ type: "text", value: "What does IPT focus on (in 12-16 weeks)?" }] },
    ]);
  });
});

describe("hostile input", () => {
  it("shows HTML as literal text", () => {
    const out = html('<script>alert("x")</script><img src=x onerror=alert(1)>');
    expect(out).not.toContain("<script");
    expect(out).not.toContain("<img");
    expect(out).toContain("&lt;script&gt;");
  });

  it("never makes a link, whatever the text", () => {
    const out = html("[click](javascript:alert(1)) <a href=\"javascript:alert(1)\">x</a> javascript:alert(1)");
    expect(out).not.toMatch(/<a[\s>]/);
    expect(out).not.toMatch(/href="/);
    expect(out).toContain("javascript:alert(1)");
  });

  it("renders the supported elements and nothing else", () => {
    const out = html("**a** *b* `<b>c</b>`\n\n- x\n1. y");
    expect(out).toContain("<strong>a</strong>");
    expect(out).toContain("<em>b</em>");
    expect(out).toContain("&lt;b&gt;c&lt;/b&gt;</code>");
    expect(out).toContain('role="list"');
    expect(out).not.toContain("<b>");
  });

  it("caps nesting depth of deeply nested markers", () => {
    const n = 5_000;
    const text = `${"*a **".repeat(n)}x${"** a*".repeat(n)}`;
    const nodes = parseInline(text);
    expect(depth(nodes)).toBeLessThanOrEqual(MAX_EMPHASIS_DEPTH);
    expect(plainTextOf([{ type: "paragraph", children: nodes }]).replace(/\*/g, "")).toBe(text.replace(/\*/g, ""));
    expect(() => html(text)).not.toThrow();
  });

  it("parses 100,000 characters of pathological markers quickly (a quadratic parser would take minutes)", () => {
    // An absolute budget, not a ratio of timings: the machine is shared and timings are noisy,
    // but 100k characters at n^2 is ~10^10 steps, far past any budget here.
    for (const unit of ["**a*", "*", "`", "** *", "a * ", "\\*", "- *x\n", "1. **\n", "*a **b ", "`*"]) {
      const text = unit.repeat(Math.ceil(100_000 / unit.length));
      const start = performance.now();
      parseRichText(text);
      const took = performance.now() - start;
      expect(took, `"${unit}" x ${text.length} characters took ${took.toFixed(0)} ms`).toBeLessThan(5_000);
    }
  }, 120_000);
});

describe("escapeMarkdown: plain text from another tool shows as written", () => {
  /** What the renderer shows of plain text: its paragraphs (split at blank lines), each line trimmed. */
  const shown = (text: string): string =>
    text
      .split("\n")
      .map((line) => line.trim())
      .join("\n")
      .split(/\n{2,}/)
      .map((paragraph) => paragraph.replace(/^\n+|\n+$/g, ""))
      .filter((paragraph) => paragraph !== "")
      .join("\n\n");

  it("keeps stars, backticks, backslashes and list-like lines literal", () => {
    for (const text of ["3*4*5 = 60", "p < .05* and p < .01**", "use `npm` or `yarn`", "C:\\*.txt and a\\-b", "- not a bullet", "1. not a list\n2) nor this", "end with a backslash \\"]) {
      const doc = parseRichText(escapeMarkdown(text));
      expect(hasMarkup(doc), text).toBe(false);
      expect(plainTextOf(doc), text).toBe(shown(text));
    }
  });

  it("leaves text without markup characters as it is", () => {
    expect(escapeMarkdown("Which IPT phase takes the interpersonal inventory?")).toBe("Which IPT phase takes the interpersonal inventory?");
    expect(escapeMarkdown("C:\\temp and 3-4 and a - b")).toBe("C:\\temp and 3-4 and a - b");
  });

  it("holds for any text (property)", () => {
    const alphabet = fc.constantFrom("*", "`", "\\", "-", "1", ".", ")", " ", "\n", "a", "_", "\t");
    fc.assert(
      fc.property(fc.array(alphabet, { maxLength: 40 }).map((chars) => chars.join("")), (text) => {
        const doc = parseRichText(escapeMarkdown(text));
        expect(hasMarkup(doc)).toBe(false);
        expect(plainTextOf(doc)).toBe(shown(text));
      }),
      { numRuns: 2000 },
    );
  });
});

describe("markdownToPlain: our text for a plain-text format", () => {
  it("drops emphasis and code marks and escapes, keeps lines and list markers", () => {
    expect(markdownToPlain("The **key** idea is *grief* and `code`")).toBe("The key idea is grief and code");
    expect(markdownToPlain("3\\*4\\*5 and C:\\\\\\*.txt")).toBe("3*4*5 and C:\\*.txt");
    expect(markdownToPlain("Steps:\n- name it\n- negotiate\n\n1. first")).toBe("Steps:\n- name it\n- negotiate\n\n1. first");
    expect(markdownToPlain("\\- a dash, not a list")).toBe("- a dash, not a list");
  });

  it("round-trips through escapeMarkdown for plain text (property)", () => {
    const alphabet = fc.constantFrom("*", "`", "\\", "-", "1", ".", ")", " ", "a", "_");
    fc.assert(
      fc.property(fc.array(alphabet, { minLength: 1, maxLength: 30 }).map((chars) => chars.join("").trim()), (line) => {
        expect(markdownToPlain(escapeMarkdown(line))).toBe(line);
      }),
      { numRuns: 2000 },
    );
  });
});
