import type { Metadata } from "next";
import Link from "next/link";
import { ReportCard } from "@/components/instructor/report-card";
import { requireStaff } from "@/lib/server/access";
import { listReports } from "@/lib/services/problem-report-queue";
import { parsePage, parseReportFilter, REPORT_FILTERS, type ReportFilter } from "@/lib/validation/reports";
import { resolveReportAction } from "./actions";

export const metadata: Metadata = { title: "Problem reports" };

const FILTER_LABELS: Record<ReportFilter, string> = { open: "Open", resolved: "Resolved", dismissed: "Dismissed", all: "All" };

function queueHref(filter: ReportFilter, page = 1): string {
  return `/instructor/reports?status=${filter}${page > 1 ? `&page=${page}` : ""}`;
}

export default async function ReportsPage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  const user = await requireStaff("/instructor/reports");
  const query = await searchParams;
  const filter = parseReportFilter(query.status);
  const result = await listReports(user, filter, { page: parsePage(query.page) });
  const countOf = (f: ReportFilter) =>
    f === "all" ? result.counts.OPEN + result.counts.RESOLVED + result.counts.DISMISSED : result.counts[f === "open" ? "OPEN" : f === "resolved" ? "RESOLVED" : "DISMISSED"];
  return (
    <main>
      <h1 className="text-2xl font-bold text-slate-900">Problem reports</h1>
      <p className="mt-1 text-sm text-slate-600">
        Students report questions they think are wrong or unclear. Open reports come first, oldest first. Resolve one when you have fixed the
        question (a note is optional) or dismiss it with a note saying why.
      </p>
      <nav aria-label="Filter reports" className="mt-4">
        <ul className="flex flex-wrap gap-2 text-sm">
          {REPORT_FILTERS.map((f) => (
            <li key={f}>
              <Link
                href={queueHref(f)}
                aria-current={f === filter ? "page" : undefined}
                className={`inline-block rounded-full border px-3 py-1 ${
                  f === filter
                    ? "border-brand-600 bg-brand-600 font-semibold text-white"
                    : "border-slate-300 bg-white text-slate-800 hover:bg-slate-100 dark:border-slate-600 dark:bg-slate-800 dark:text-slate-100"
                }`}
              >
                {FILTER_LABELS[f]} ({countOf(f)})
              </Link>
            </li>
          ))}
        </ul>
      </nav>
      <p role="status" className="mt-4 text-sm text-slate-700">
        {result.total === 0
          ? `No ${filter === "all" ? "" : `${FILTER_LABELS[filter].toLowerCase()} `}reports.`
          : `${result.total} ${filter === "all" ? "" : `${FILTER_LABELS[filter].toLowerCase()} `}${result.total === 1 ? "report" : "reports"}` +
            (result.pageCount > 1 ? `, page ${result.page} of ${result.pageCount}.` : ".")}
      </p>
      {result.items.length > 0 ? (
        <ul className="mt-3 space-y-3">
          {result.items.map((report) => (
            <ReportCard key={report.id} report={report} action={resolveReportAction} />
          ))}
        </ul>
      ) : null}
      {result.pageCount > 1 ? (
        <nav aria-label="Pages" className="mt-4 flex gap-4 text-sm">
          {result.page > 1 ? (
            <Link href={queueHref(filter, result.page - 1)} className="text-brand-700 hover:underline">
              ← Previous page
            </Link>
          ) : null}
          {result.page < result.pageCount ? (
            <Link href={queueHref(filter, result.page + 1)} className="text-brand-700 hover:underline">
              Next page →
            </Link>
          ) : null}
        </nav>
      ) : null}
    </main>
  );
}
