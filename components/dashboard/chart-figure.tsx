import type { ReactNode } from "react";

/**
 * A chart with its text alternative: a heading, a one-line summary that
 * states what the chart shows, the chart itself (hidden from screen readers)
 * and the same numbers as a table, folded away for sighted readers and read
 * in full by screen readers.
 */
export function ChartFigure({
  title,
  summary,
  columns,
  rows,
  children,
  testId,
}: {
  title: string;
  summary: string;
  columns: readonly [string, string];
  rows: readonly (readonly [string, string])[];
  children: ReactNode;
  testId: string;
}) {
  return (
    <figure className="rounded-xl border border-slate-200 bg-white p-4 dark:border-slate-700 dark:bg-slate-900" data-testid={testId}>
      <figcaption>
        <h2 className="text-lg font-semibold text-slate-900 dark:text-slate-100">{title}</h2>
        <p className="mt-1 text-sm text-slate-600 dark:text-slate-300">{summary}</p>
      </figcaption>
      <div className="mt-3">{children}</div>
      <details className="mt-2 text-sm">
        <summary className="cursor-pointer text-brand-700 dark:text-brand-300">Show the numbers as a table</summary>
        <table className="mt-2 w-full text-left">
          <caption className="sr-only">{title}</caption>
          <thead>
            <tr className="border-b border-slate-200 dark:border-slate-700">
              <th scope="col" className="py-1 pr-4 font-semibold">
                {columns[0]}
              </th>
              <th scope="col" className="py-1 font-semibold">
                {columns[1]}
              </th>
            </tr>
          </thead>
          <tbody>
            {rows.map(([label, value]) => (
              <tr key={label} className="border-b border-slate-100 dark:border-slate-800">
                <th scope="row" className="py-1 pr-4 font-normal">
                  {label}
                </th>
                <td className="py-1">{value}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </details>
    </figure>
  );
}
