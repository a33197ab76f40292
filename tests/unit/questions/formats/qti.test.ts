import { XMLParser, XMLValidator } from "fast-xml-parser";
import { strFromU8, unzipSync } from "fflate";
import { describe, expect, it } from "vitest";
import { exchangeFromBank } from "@/lib/questions/formats/exchange";
import { choiceIdentifier, writeQtiPackage } from "@/lib/questions/formats/qti";
import { loadBundledBank } from "./format-helpers";

const NOW = new Date("2026-01-15T10:00:00Z");
type Node = Record<string, unknown>;
const parser = new XMLParser({ ignoreAttributes: false, attributeNamePrefix: "@_", isArray: (name) => ["qti-simple-choice", "qti-modal-feedback", "resource"].includes(name) });

function node(value: unknown, ...path: string[]): Node {
  let current: unknown = value;
  for (const key of path) current = (current as Node)[key];
  return current as Node;
}

// The whole bank: seconds of work on a loaded machine, not a unit-sized budget.
describe("writeQtiPackage on the bundled bank", { timeout: 30_000 }, () => {
  const bank = loadBundledBank();
  const questions = bank.questions.map(exchangeFromBank);
  const pkg = writeQtiPackage(questions, { now: NOW });
  const files = unzipSync(pkg.zip);

  it("zips a manifest and one well-formed item per question", () => {
    expect(Object.keys(files)).toHaveLength(questions.length + 1);
    for (const [name, bytes] of Object.entries(files)) {
      expect(XMLValidator.validate(strFromU8(bytes)), name).toBe(true);
    }
  });

  it("lists every item in imsmanifest.xml as a QTI 3.0 item resource", () => {
    const manifest = parser.parse(strFromU8(files["imsmanifest.xml"]!)) as unknown;
    const resources = node(manifest, "manifest", "resources", "resource") as unknown as Node[];
    expect(resources).toHaveLength(questions.length);
    for (const resource of resources) {
      expect(resource["@_type"]).toBe("imsqti_item_xmlv3p0");
      expect(files[resource["@_href"] as string]).toBeDefined();
    }
  });

  it("declares the correct response, one choice per option, per-choice and general feedback", () => {
    questions.forEach((question, index) => {
      const href = pkg.items[index]?.href ?? "";
      const item = node(parser.parse(strFromU8(files[href]!)) as unknown, "qti-assessment-item");
      const key = question.options.findIndex((o) => o.correct);
      expect(node(item, "qti-response-declaration", "qti-correct-response")["qti-value"]).toBe(choiceIdentifier(key));
      const interaction = node(item, "qti-item-body", "qti-choice-interaction");
      expect(interaction["@_max-choices"]).toBe("1");
      const choices = interaction["qti-simple-choice"] as Node[];
      expect(choices.map((c) => c["#text"])).toEqual(question.options.map((o) => o.text));
      const feedback = item["qti-modal-feedback"] as Node[];
      expect(feedback.map((f) => f["@_identifier"])).toEqual([...question.options.map((_, i) => choiceIdentifier(i)), "SHOWN"]);
      expect(JSON.stringify(item["qti-response-processing"])).toContain("FEEDBACK");
    });
  });

  it("is deterministic for the same input and time", () => {
    const again = writeQtiPackage(questions, { now: NOW }).zip;
    expect(Buffer.from(again).equals(Buffer.from(pkg.zip))).toBe(true);
    const later = writeQtiPackage(questions, { now: new Date("2026-02-01T00:00:00Z") }).zip;
    expect(Buffer.from(later).equals(Buffer.from(pkg.zip))).toBe(false);
  });
});

describe("writeQtiPackage identifiers and escaping", () => {
  it("makes identifiers valid and unique, and escapes markup", () => {
    const base = exchangeFromBank(loadBundledBank().questions[0]!);
    const pkg = writeQtiPackage(
      [
        { ...base, externalId: "9 lives & more", stem: "Is <b> a tag? & so" },
        { ...base, externalId: "9 lives & more" },
        { ...base, externalId: null },
      ],
      { now: NOW },
    );
    const ids = pkg.items.map((i) => i.identifier);
    expect(new Set(ids).size).toBe(3);
    for (const id of ids) expect(id).toMatch(/^[A-Za-z_][A-Za-z0-9_.-]*$/);
    const first = strFromU8(unzipSync(pkg.zip)[pkg.items[0]!.href]!);
    expect(XMLValidator.validate(first)).toBe(true);
    expect(first).toContain("Is &lt;b&gt; a tag? &amp; so");
  });
});
