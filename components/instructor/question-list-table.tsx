import Link from "next/link";
import type { QuestionListRow } from "@/lib/services/question-list";
import { defaultDirection, questionListParams, type QuestionListQuery, type QuestionSort } from "@/lib/validation/question-list";
import { formatCalendarDate } from "@/components/ui/format-date";
import { lowerLabel, statusLabel } from "./question-filters";

/** One page of the bank list; every column header is a link that sorts by it (again: the other way). */

const COLUMNS: ReadonlyArray<{ label: string; sort?: QuestionSort; numeric?: boolean }> = [
  { label: "Slug", sort: "slug" },
  { label: "Question" },
  { label: "Topic", sort: "topic" },
  { label: "Status", sort: "status" },
  { label: "Difficulty", sort: "difficulty" },
  { label: "Kind", sort: "kind" },
  { label: "Attempts", sort: "attempts", numeric: true },
  { label: "Facility", sort: "facility", numeric: true },
  { label: "Open reports", numeric: true },
  { label: "Updated", sort: "updated" },
];

export function listHref(query: QuestionListQuery, change: Partial<QuestionListQuery>): string {
  const params = questionListParams({ ...query, ...change });
  const search = params.toString();
  return search ? `/instructor/questions?${search}` : "/instructor/questions";
}

function SortHeader({ query, label, sort, numeric }: { query: QuestionListQuery; label: string; sort: QuestionSort; numeric: boolean }) {
  const active = query.sort === sort;
  const nextDir = active ? (query.dir === "asc" ? "desc" : "asc") : defaultDirection(sort);
  const direction = query.dir === "asc" ? "ascending" : "descending";
  return (
    <th scope="col" aria-sort={active ? direction : undefined} className={`px-3 py-2 font-medium ${numeric ? "text-right" : ""}`}>
      <Link href={listHref(query, { sort, dir: nextDir, page: 1 })} className="inline-flex items-center gap-1 hover:underline">
        {label}
        {active ? <span aria-hidden="true">{query.dir === "asc" ? "▲" : "▼"}</span> : null}
        <span className="sr-only">{active ? `, sorted ${direction}; sort ${nextDir === "asc" ? "ascending" : "descending"}` : ", sort"}</span>
      </Link>
    </th>
  );
}

function formatUpdated(date: Date): string {
  return formatCalendarDate(date);
}

export function QuestionListTable({ rows, query }: { rows: QuestionListRow[]; query: QuestionListQuery }) {
  return (
    <div className="mt-4 overflow-x-auto rounded-xl border border-slate-200 bg-white dark:border-slate-700 dark:bg-slate-800">
      <table className="min-w-full text-left text-sm">
        <caption className="sr-only">Questions, sorted by {query.sort} {query.dir === "asc" ? "ascending" : "descending"}</caption>
        <thead className="border-b border-slate-200 bg-slate-50 text-slate-600 dark:border-slate-700 dark:bg-slate-900 dark:text-slate-300">
          <tr>
            {COLUMNS.map((c) =>
              c.sort ? (
                <SortHeader key={c.label} query={query} label={c.label} sort={c.sort} numeric={Boolean(c.numeric)} />
              ) : (
                <th key={c.label} scope="col" className={`px-3 py-2 font-medium ${c.numeric ? "text-right" : ""}`}>
                  {c.label}
                </th>
              ),
            )}
          </tr>
        </thead>
        <tbody className="divide-y divide-slate-100 text-slate-800 dark:divide-slate-700 dark:text-slate-100">
          {rows.map((row) => (
            <tr key={row.id}>
              <td className="whitespace-nowrap px-3 py-2">
                <Link href={`/instructor/questions/${row.id}`} className="font-mono text-xs font-medium text-brand-700 hover:underline dark:text-brand-100">
                  {row.slug}
                </Link>
              </td>
              <td className="min-w-64 max-w-md px-3 py-2">
                <span className="line-clamp-2">{row.stem}</span>
                {row.tags.length > 0 ? (
                  <span className="mt-1 block text-xs text-slate-600 dark:text-slate-300">Tags: {row.tags.join(", ")}</span>
                ) : null}
              </td>
              <td className="px-3 py-2">{row.topic}</td>
              <td className="whitespace-nowrap px-3 py-2">{statusLabel(row.status)}</td>
              <td className="px-3 py-2">{lowerLabel(row.difficulty)}</td>
              <td className="px-3 py-2">{lowerLabel(row.kind)}</td>
              <td className="px-3 py-2 text-right tabular-nums">{row.attempts}</td>
              <td className="px-3 py-2 text-right tabular-nums">{row.facility === null ? <><span aria-hidden="true">–</span><span className="sr-only">no attempts yet</span></> : `${Math.round(row.facility * 100)}%`}</td>
              <td className="px-3 py-2 text-right tabular-nums">{row.openReports}</td>
              <td className="whitespace-nowrap px-3 py-2">{formatUpdated(row.updatedAt)}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
