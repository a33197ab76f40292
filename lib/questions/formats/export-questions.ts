import { writeAiken } from "./aiken";
import { writeCsv } from "./csv";
import { writeGift } from "./gift";
import { writeJsonBank, type JsonBankHeader } from "./json-bank";
import { writeMoodleXml } from "./moodle-xml";
import { writeQtiPackage } from "./qti";
import type { ExchangeQuestion, ExportFormat } from "./types";

/** One entry point for every export format, for the export page and `bank:export`. Pure. */

export const EXPORT_FILES: Readonly<Record<ExportFormat, { extension: string; mediaType: string }>> = {
  gift: { extension: ".gift.txt", mediaType: "text/plain; charset=utf-8" },
  "moodle-xml": { extension: ".xml", mediaType: "application/xml; charset=utf-8" },
  aiken: { extension: ".aiken.txt", mediaType: "text/plain; charset=utf-8" },
  csv: { extension: ".csv", mediaType: "text/csv; charset=utf-8" },
  json: { extension: ".json", mediaType: "application/json; charset=utf-8" },
  qti: { extension: ".qti.zip", mediaType: "application/zip" },
};

export type ExportedFile =
  | { format: Exclude<ExportFormat, "qti">; kind: "text"; text: string; losses: string[] }
  | { format: "qti"; kind: "zip"; bytes: Uint8Array; losses: string[] };

export type ExportOptions = {
  /** The zip's file times (QTI); required so the export stays pure and repeatable. */
  now: Date;
  /** Subject and topics: with them the JSON export is a whole bank file as prisma/seed reads it. */
  jsonBank?: JsonBankHeader;
};

export function exportQuestions(format: ExportFormat, questions: readonly ExchangeQuestion[], options: ExportOptions): ExportedFile {
  switch (format) {
    case "qti": {
      const pkg = writeQtiPackage(questions, { now: options.now });
      return { format, kind: "zip", bytes: pkg.zip, losses: pkg.losses };
    }
    case "gift":
      return { ...writeGift(questions), kind: "text" };
    case "moodle-xml":
      return { ...writeMoodleXml(questions), kind: "text" };
    case "aiken":
      return { ...writeAiken(questions), kind: "text" };
    case "csv":
      return { ...writeCsv(questions), kind: "text" };
    case "json":
      return { ...writeJsonBank(questions, options.jsonBank), kind: "text" };
  }
}
