import { unzipSync } from "fflate";
import { describe, expect, it } from "vitest";
import { parseQuestionFile } from "@/lib/questions/formats/detect-format";
import { exchangeFromBank } from "@/lib/questions/formats/exchange";
import { EXPORT_FILES, exportQuestions } from "@/lib/questions/formats/export-questions";
import { EXPORT_FORMATS, IMPORT_FORMATS } from "@/lib/questions/formats/types";
import { loadBundledBank } from "./format-helpers";

const NOW = new Date("2026-03-01T00:00:00Z");

describe("exportQuestions", () => {
  const questions = loadBundledBank().questions.slice(0, 12).map(exchangeFromBank);

  it("has a file type for every export format", () => {
    expect(Object.keys(EXPORT_FILES).sort()).toEqual([...EXPORT_FORMATS].sort());
  });

  it.each(IMPORT_FORMATS)("%s: the export is detected and read back with the same stems and keys", (format) => {
    const file = exportQuestions(format, questions, { now: NOW });
    expect(file.kind).toBe("text");
    if (file.kind !== "text") return;
    const back = parseQuestionFile(file.text);
    expect(back.format).toBe(format);
    expect(back.problems).toEqual([]);
    expect(back.questions.map((q) => [q.stem, q.options.findIndex((o) => o.correct)])).toEqual(
      questions.map((q) => [q.stem, q.options.findIndex((o) => o.correct)]),
    );
  });

  it("qti: a zip with the manifest and one item per question", () => {
    const file = exportQuestions("qti", questions, { now: NOW });
    expect(file.kind).toBe("zip");
    if (file.kind !== "zip") return;
    expect(Object.keys(unzipSync(file.bytes))).toHaveLength(questions.length + 1);
  });

  it("aiken says what it loses", () => {
    expect(exportQuestions("aiken", questions, { now: NOW }).losses.join(" ")).toContain("no feedback");
  });
});
