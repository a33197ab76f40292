import { readFileSync } from "node:fs";
import path from "node:path";
import { questionBankSchema, type QuestionBank } from "@/lib/questions/bank-schema";
import type { ExchangeQuestion, ImportedQuestion } from "@/lib/questions/formats/types";
import type { RichDocument } from "@/lib/questions/markdown";

export const FIXTURES = path.resolve(import.meta.dirname, "../../../fixtures/formats");

/** Whether rendered text holds any markup: a list, emphasis or a code span. */
export function hasMarkup(doc: RichDocument): boolean {
  return doc.some((block) => block.type === "list" || block.children.some((node) => node.type !== "text" && node.type !== "break"));
}

export function fixture(name: string): string {
  return readFileSync(path.join(FIXTURES, name), "utf8");
}

export function loadBundledBank(): QuestionBank {
  const raw: unknown = JSON.parse(readFileSync(path.resolve(import.meta.dirname, "../../../../prisma/seed/ipt-bank.json"), "utf8"));
  return questionBankSchema.parse(raw);
}

/** The exchange fields of an imported question (its line dropped), for comparing with what was exported. */
export function withoutLine(question: ImportedQuestion): ExchangeQuestion {
  const { line: _line, ...rest } = question;
  return rest;
}
