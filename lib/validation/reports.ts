import { z } from "./zod";

/** Shared by the problem-report queue's forms and its server actions. */

export const REPORT_FILTERS = ["open", "resolved", "dismissed", "all"] as const;
export type ReportFilter = (typeof REPORT_FILTERS)[number];

export const REPORT_CATEGORY_LABELS = {
  WRONG_KEY: "Wrong key",
  UNCLEAR: "Unclear",
  TYPO: "Typo",
  OTHER: "Other",
} as const;

/** ?status=... on the queue page; anything unknown shows the open reports. */
export function parseReportFilter(raw: unknown): ReportFilter {
  return typeof raw === "string" && (REPORT_FILTERS as readonly string[]).includes(raw) ? (raw as ReportFilter) : "open";
}

/** ?page=... on the queue page: a positive whole number, else 1. */
export function parsePage(raw: unknown): number {
  const n = typeof raw === "string" && /^\d{1,6}$/.test(raw) ? Number(raw) : 1;
  return n >= 1 ? n : 1;
}

export const resolveReportSchema = z
  .object({
    reportId: z.string().min(1).max(64),
    outcome: z.enum(["RESOLVED", "DISMISSED"], { error: "Choose resolve or dismiss." }),
    note: z.string().trim().max(2000, "Use at most 2000 characters.").optional().default(""),
  })
  .superRefine((input, ctx) => {
    if (input.outcome === "DISMISSED" && !input.note) {
      ctx.addIssue({ code: "custom", path: ["note"], message: "Say why you dismiss this report; the note is required for a dismissal." });
    }
  });

export type ResolveReportInput = z.output<typeof resolveReportSchema>;
