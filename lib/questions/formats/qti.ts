import { strToU8, zipSync, type Zippable } from "fflate";
import { escapeHtml } from "./html-text";
import type { ExchangeQuestion } from "./types";

/**
 * QTI 3.0 export (1EdTech Question and Test Interoperability 3.0): one assessment item per question, each a
 * single-cardinality choiceInteraction with the correct response declared, response processing that sets
 * SCORE (1 or 0) and FEEDBACK (the chosen option), one modal feedback per option shown when that option is
 * chosen, and the explanation as modal feedback shown after any answer; plus imsmanifest.xml listing
 * every item; zipped. Export only. Pure: the zip's file times come from `now`.
 */

const QTI_NAMESPACE = "http://www.imsglobal.org/xsd/imsqtiasi_v3p0";
const QTI_SCHEMA = "https://purl.imsglobal.org/spec/qti/v3p0/schema/xsd/imsqti_asiv3p0_v1p0.xsd";
const CP_NAMESPACE = "http://www.imsglobal.org/xsd/qti/qtiv3p0/imscp_v1p1";
const CP_SCHEMA = "https://purl.imsglobal.org/spec/qti/v3p0/schema/xsd/imsqtiv3p0_imscpv1p2_v1p0.xsd";

function xmlText(text: string): string {
  let clean = "";
  for (const c of text) {
    const code = c.codePointAt(0) ?? 0;
    if (code < 0x20 && code !== 0x09 && code !== 0x0a && code !== 0x0d) continue;
    clean += c;
  }
  return escapeHtml(clean);
}

/** Text as XHTML paragraphs: blank lines part paragraphs, single newlines become <br/>. */
function paragraphs(text: string): string {
  return text
    .split(/\n{2,}/)
    .map((p) => `<p>${xmlText(p).replace(/\n/g, "<br/>")}</p>`)
    .join("");
}

/** A QTI identifier (an XML NCName that starts with a letter or "_"). */
function toIdentifier(raw: string, fallback: string): string {
  const cleaned = raw.replace(/[^A-Za-z0-9_.-]/g, "-").replace(/^[^A-Za-z_]+/, "");
  return cleaned === "" ? fallback : cleaned.slice(0, 100);
}

export function choiceIdentifier(index: number): string {
  return `CHOICE_${String.fromCharCode(65 + index)}`;
}

export function writeQtiItem(question: ExchangeQuestion, identifier: string): string {
  const key = question.options.findIndex((o) => o.correct);
  const title = question.title ?? question.externalId ?? question.stem.replace(/\s+/g, " ").slice(0, 60);
  const choices = question.options
    .map((option, i) => `      <qti-simple-choice identifier="${choiceIdentifier(i)}">${xmlText(option.text)}</qti-simple-choice>`)
    .join("\n");
  const optionFeedback = question.options
    .map((option, i) =>
      option.feedback
        ? `  <qti-modal-feedback outcome-identifier="FEEDBACK" identifier="${choiceIdentifier(i)}" show-hide="show" title="${xmlText(option.correct ? "Correct" : "Not quite")}">\n    <qti-content-body>${paragraphs(option.feedback)}</qti-content-body>\n  </qti-modal-feedback>`
        : "",
    )
    .filter((s) => s !== "");
  const general = question.explanation
    ? [`  <qti-modal-feedback outcome-identifier="GENERAL_FEEDBACK" identifier="SHOWN" show-hide="show" title="Explanation">\n    <qti-content-body>${paragraphs(question.explanation)}</qti-content-body>\n  </qti-modal-feedback>`]
    : [];
  return [
    '<?xml version="1.0" encoding="UTF-8"?>',
    `<qti-assessment-item xmlns="${QTI_NAMESPACE}" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance" xsi:schemaLocation="${QTI_NAMESPACE} ${QTI_SCHEMA}" identifier="${identifier}" title="${xmlText(title)}" adaptive="false" time-dependent="false">`,
    '  <qti-response-declaration identifier="RESPONSE" cardinality="single" base-type="identifier">',
    `    <qti-correct-response><qti-value>${key >= 0 ? choiceIdentifier(key) : ""}</qti-value></qti-correct-response>`,
    "  </qti-response-declaration>",
    '  <qti-outcome-declaration identifier="SCORE" cardinality="single" base-type="float"><qti-default-value><qti-value>0</qti-value></qti-default-value></qti-outcome-declaration>',
    '  <qti-outcome-declaration identifier="FEEDBACK" cardinality="single" base-type="identifier"/>',
    '  <qti-outcome-declaration identifier="GENERAL_FEEDBACK" cardinality="single" base-type="identifier"/>',
    "  <qti-item-body>",
    '    <qti-choice-interaction response-identifier="RESPONSE" shuffle="false" max-choices="1">',
    `      <qti-prompt>${paragraphs(question.stem)}</qti-prompt>`,
    choices,
    "    </qti-choice-interaction>",
    "  </qti-item-body>",
    "  <qti-response-processing>",
    "    <qti-response-condition>",
    "      <qti-response-if>",
    '        <qti-match><qti-variable identifier="RESPONSE"/><qti-correct identifier="RESPONSE"/></qti-match>',
    '        <qti-set-outcome-value identifier="SCORE"><qti-base-value base-type="float">1</qti-base-value></qti-set-outcome-value>',
    "      </qti-response-if>",
    "      <qti-response-else>",
    '        <qti-set-outcome-value identifier="SCORE"><qti-base-value base-type="float">0</qti-base-value></qti-set-outcome-value>',
    "      </qti-response-else>",
    "    </qti-response-condition>",
    '    <qti-set-outcome-value identifier="FEEDBACK"><qti-variable identifier="RESPONSE"/></qti-set-outcome-value>',
    '    <qti-set-outcome-value identifier="GENERAL_FEEDBACK"><qti-base-value base-type="identifier">SHOWN</qti-base-value></qti-set-outcome-value>',
    "  </qti-response-processing>",
    ...optionFeedback,
    ...general,
    "</qti-assessment-item>",
    "",
  ].join("\n");
}

export type QtiPackage = { zip: Uint8Array; items: { identifier: string; href: string }[]; losses: string[] };

/** The QTI 3.0 content package: items/<identifier>.xml for each question and imsmanifest.xml, zipped. */
export function writeQtiPackage(questions: readonly ExchangeQuestion[], options: { now: Date; identifier?: string }): QtiPackage {
  const used = new Set<string>();
  const items = questions.map((question, i) => {
    let identifier = toIdentifier(question.externalId ?? "", `item-${i + 1}`);
    if (used.has(identifier)) identifier = `${identifier}-${i + 1}`;
    used.add(identifier);
    return { identifier, href: `items/${identifier}.xml`, xml: writeQtiItem(question, identifier) };
  });
  const manifestId = toIdentifier(options.identifier ?? "question-bank", "question-bank");
  const manifest = [
    '<?xml version="1.0" encoding="UTF-8"?>',
    `<manifest xmlns="${CP_NAMESPACE}" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance" xsi:schemaLocation="${CP_NAMESPACE} ${CP_SCHEMA}" identifier="MANIFEST-${manifestId}">`,
    "  <metadata>",
    "    <schema>QTI Package</schema>",
    "    <schemaversion>3.0.0</schemaversion>",
    "  </metadata>",
    "  <organizations/>",
    "  <resources>",
    ...items.map(
      (item) => `    <resource identifier="${item.identifier}" type="imsqti_item_xmlv3p0" href="${item.href}">\n      <file href="${item.href}"/>\n    </resource>`,
    ),
    "  </resources>",
    "</manifest>",
    "",
  ].join("\n");
  const files: Zippable = { "imsmanifest.xml": strToU8(manifest) };
  for (const item of items) files[item.href] = strToU8(item.xml);
  const zip = zipSync(files, { mtime: options.now, level: 6 });
  const losses = ["QTI carries no topic, tags, difficulty, kind or sources; the items are not read back by this app"];
  return { zip, items: items.map(({ identifier, href }) => ({ identifier, href })), losses };
}
