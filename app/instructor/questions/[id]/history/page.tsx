import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { QuestionReports } from "@/components/instructor/report-card";
import { VersionDiff } from "@/components/instructor/version-diff";
import { RichText } from "@/components/ui/rich-text";
import { requireStaff } from "@/lib/server/access";
import { reportsForQuestion } from "@/lib/services/problem-report-queue";
import { questionHistory } from "@/lib/services/question-editor";
import { resolveReportAction } from "../../../reports/actions";

export const metadata: Metadata = { title: "Question history" };

type Props = { params: Promise<{ id: string }> };

const formatDateTime = (date: Date) => `${date.toISOString().slice(0, 16).replace("T", " ")} UTC`;

export default async function QuestionHistoryPage({ params }: Props) {
  const { id } = await params;
  const user = await requireStaff(`/instructor/questions/${encodeURIComponent(id)}/history`);
  const history = await questionHistory(user, id);
  if (!history) notFound();
  const reports = await reportsForQuestion(user, history.id);
  const newestFirst = [...history.versions].reverse();
  return (
    <main>
      <p className="flex flex-wrap gap-4 text-sm">
        <Link href="/instructor/questions" className="text-brand-700 hover:underline dark:text-brand-300">
          ← Question bank
        </Link>
        <Link href={`/instructor/questions/${history.id}`} className="text-brand-700 hover:underline dark:text-brand-300">
          Edit {history.slug}
        </Link>
      </p>
      <h1 className="mt-2 text-2xl font-bold text-slate-900 dark:text-slate-100">
        History of <span className="font-mono">{history.slug}</span>
      </h1>
      <p className="mt-1 text-sm text-slate-700 dark:text-slate-300">
        {history.versions.length} version{history.versions.length === 1 ? "" : "s"}; students are served version {history.currentVersion}. First-attempt
        facility: the share of students whose first answer to this question, made on that version, was correct.
      </p>

      {reports.length > 0 ? (
        <div className="mt-6">
          <QuestionReports reports={reports} action={resolveReportAction} />
        </div>
      ) : null}

      <h2 className="mt-8 text-lg font-semibold text-slate-900 dark:text-slate-100">Versions</h2>
      <ol className="mt-3 space-y-4">
        {newestFirst.map((v) => {
          const previous = history.versions.find((p) => p.version === v.version - 1);
          return (
            <li key={v.id} className="rounded-xl border border-slate-200 bg-white p-4 dark:border-slate-700 dark:bg-slate-900" data-testid="history-version">
              <h3 className="font-semibold text-slate-900 dark:text-slate-100">
                Version {v.version}
                {v.version === history.currentVersion ? " (current)" : ""}
              </h3>
              <p className="text-sm text-slate-700 dark:text-slate-300">
                {v.author ? `by ${v.author}` : "from the bundled bank or the command line"}, {formatDateTime(v.createdAt)}
              </p>
              <p className="mt-1 text-sm text-slate-800 dark:text-slate-200" data-testid="version-stats">
                {v.attempts} attempt{v.attempts === 1 ? "" : "s"}; first-attempt facility{" "}
                {v.facility === null ? "not yet known" : `${Math.round(v.facility * 100)}% of ${v.firstAttempts}`}
              </p>
              {previous ? (
                <details className="mt-2" open={v.version === history.currentVersion}>
                  <summary className="cursor-pointer text-sm font-medium text-brand-700 dark:text-brand-300">Changes from version {previous.version}</summary>
                  <VersionDiff previous={previous} current={v} />
                </details>
              ) : (
                <details className="mt-2">
                  <summary className="cursor-pointer text-sm font-medium text-brand-700 dark:text-brand-300">Wording of version 1</summary>
                  <div className="mt-2 text-sm text-slate-900 dark:text-slate-100">
                    <RichText text={v.stem} />
                  </div>
                </details>
              )}
            </li>
          );
        })}
      </ol>

      <h2 className="mt-8 text-lg font-semibold text-slate-900 dark:text-slate-100">Who changed what</h2>
      {history.audit.length === 0 ? (
        <p className="mt-2 text-sm text-slate-700 dark:text-slate-300">No recorded changes (it came from the bundled bank or the command line).</p>
      ) : (
        <ul className="mt-3 divide-y divide-slate-100 rounded-xl border border-slate-200 bg-white text-sm dark:divide-slate-800 dark:border-slate-700 dark:bg-slate-900" data-testid="audit-trail">
          {history.audit.map((entry) => (
            <li key={entry.id} className="px-4 py-2">
              <span className="text-slate-900 dark:text-slate-100">{entry.summary}</span>{" "}
              <span className="text-slate-700 dark:text-slate-300">
                by {entry.actor?.name ?? "a deleted account or a script"}, {formatDateTime(entry.createdAt)}
              </span>
            </li>
          ))}
        </ul>
      )}
    </main>
  );
}
