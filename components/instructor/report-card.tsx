import Link from "next/link";
import type { ActionResult } from "@/lib/server/action-client";
import type { ReportRow } from "@/lib/services/problem-report-queue";
import { REPORT_CATEGORY_LABELS } from "@/lib/validation/reports";
import { ResolveReportForm } from "./report-forms";
import { formatUtcDateTime } from "@/components/ui/format-date";

type ResolveAction = (form: FormData) => Promise<ActionResult<{ status: string }>>;

function when(date: Date): string {
  return formatUtcDateTime(date);
}

function versionText(report: ReportRow): string {
  return `version ${report.version}${report.isCurrentVersion ? " (current)" : ` (since edited: now version ${report.currentVersion})`}`;
}

/**
 * One problem report, open or closed, with the resolve and dismiss form when
 * it is open. The queue names the question; beside the question itself
 * (`withinQuestion`) the heading names the version and the problem instead.
 * The reporter is shown as the queue shows them: name and email, to staff only.
 */
export function ReportCard({ report, action, withinQuestion = false }: { report: ReportRow; action: ResolveAction; withinQuestion?: boolean }) {
  const Heading = withinQuestion ? "h3" : "h2";
  return (
    <li
      aria-label={withinQuestion ? `Report: ${REPORT_CATEGORY_LABELS[report.category]}, ${versionText(report)}` : `Report on ${report.questionSlug}`}
      className="rounded-xl border border-slate-200 bg-white p-4 text-slate-800 dark:border-slate-700 dark:bg-slate-900 dark:text-slate-100"
    >
      <div className="flex flex-wrap items-baseline justify-between gap-2">
        <Heading className="font-semibold">
          {withinQuestion ? (
            <>
              {REPORT_CATEGORY_LABELS[report.category]}{" "}
              <span className="text-sm font-normal text-slate-600 dark:text-slate-300">on {versionText(report)}</span>
            </>
          ) : (
            <>
              <Link href={`/instructor/questions/${report.questionId}`} className="font-mono text-brand-700 hover:underline dark:text-brand-100">
                {report.questionSlug}
              </Link>{" "}
              <span className="text-sm font-normal text-slate-600 dark:text-slate-300">{versionText(report)}</span>
            </>
          )}
        </Heading>
        <span className="text-xs text-slate-600 dark:text-slate-300">{when(report.createdAt)}</span>
      </div>
      <dl className="mt-2 grid gap-x-4 gap-y-1 text-sm sm:grid-cols-[auto_1fr]">
        {withinQuestion ? null : (
          <>
            <dt className="font-medium text-slate-600 dark:text-slate-300">Problem</dt>
            <dd>{REPORT_CATEGORY_LABELS[report.category]}</dd>
          </>
        )}
        <dt className="font-medium text-slate-600 dark:text-slate-300">Student</dt>
        <dd className="break-all">
          {report.reporter.name} ({report.reporter.email})
        </dd>
        <dt className="font-medium text-slate-600 dark:text-slate-300">Reason</dt>
        <dd className="whitespace-pre-line break-words">{report.reason || "—"}</dd>
        {report.status !== "OPEN" ? (
          <>
            <dt className="font-medium text-slate-600 dark:text-slate-300">Outcome</dt>
            <dd>
              {report.status === "RESOLVED" ? "Resolved" : "Dismissed"}
              {report.resolvedBy ? ` by ${report.resolvedBy.name}` : ""}
              {report.resolvedAt ? `, ${when(report.resolvedAt)}` : ""}
              {report.resolutionNote ? <span className="block whitespace-pre-line">Note: {report.resolutionNote}</span> : null}
            </dd>
          </>
        ) : null}
      </dl>
      {report.status === "OPEN" ? (
        <div className="mt-3 border-t border-slate-100 pt-3 dark:border-slate-800">
          <ResolveReportForm reportId={report.id} action={action} />
        </div>
      ) : null}
    </li>
  );
}

/**
 * The problem reports on one question, for its editor and its history: the
 * open ones with their forms, the closed ones folded away below.
 */
export function QuestionReports({ reports, action }: { reports: readonly ReportRow[]; action: ResolveAction }) {
  const open = reports.filter((r) => r.status === "OPEN");
  const closed = reports.filter((r) => r.status !== "OPEN");
  return (
    <section aria-labelledby="reports-heading" className="rounded-xl border border-slate-200 p-5 dark:border-slate-700" data-testid="question-reports">
      <h2 id="reports-heading" className="text-lg font-semibold text-slate-900 dark:text-slate-100">
        Problem reports
      </h2>
      <p className="mt-1 text-sm text-slate-700 dark:text-slate-300">
        {open.length === 0
          ? "No open reports on this question."
          : `${open.length} open report${open.length === 1 ? "" : "s"} from students. Resolve one when you have fixed the question (a note is optional) or dismiss it with a note saying why.`}
      </p>
      {open.length > 0 ? (
        <ul className="mt-3 space-y-3">
          {open.map((report) => (
            <ReportCard key={report.id} report={report} action={action} withinQuestion />
          ))}
        </ul>
      ) : null}
      {closed.length > 0 ? (
        <details className="mt-3">
          <summary className="cursor-pointer text-sm font-medium text-brand-700 dark:text-brand-300">
            {closed.length} closed report{closed.length === 1 ? "" : "s"}
          </summary>
          <ul className="mt-3 space-y-3">
            {closed.map((report) => (
              <ReportCard key={report.id} report={report} action={action} withinQuestion />
            ))}
          </ul>
        </details>
      ) : null}
    </section>
  );
}
