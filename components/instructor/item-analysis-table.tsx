import Link from "next/link";
import type { ItemAnalysisRow } from "@/lib/services/item-analysis";
import { defaultItemDirection, itemAnalysisHref, type ItemAnalysisQuery, type ItemSort } from "@/lib/validation/item-analysis";

/**
 * The item analysis table: one row per question version with its
 * statistics and flags (each flag links to the question's editor), and a
 * link to the question's own page, where each version's options are
 * analysed. Numbers that are not defined show a dash with words for screen
 * readers.
 */

const SORT_NAMES: Record<ItemSort, string> = { discrimination: "discrimination", facility: "facility", n: "attempts" };

export function percent(value: number): string {
  return `${Math.round(value * 100)}%`;
}

export function Missing({ why }: { why: string }) {
  return (
    <>
      <span aria-hidden="true">—</span>
      <span className="sr-only">{why}</span>
    </>
  );
}

function SortHeader({ query, label, sort }: { query: ItemAnalysisQuery; label: string; sort: ItemSort }) {
  const active = query.sort === sort;
  const nextDir = active ? (query.dir === "asc" ? "desc" : "asc") : defaultItemDirection(sort);
  const direction = query.dir === "asc" ? "ascending" : "descending";
  return (
    <th scope="col" aria-sort={active ? direction : undefined} className="px-3 py-2 text-right font-medium">
      <Link href={itemAnalysisHref({ ...query, sort, dir: nextDir, page: 1 })} className="inline-flex items-center gap-1 hover:underline">
        {label}
        {active ? <span aria-hidden="true">{query.dir === "asc" ? "▲" : "▼"}</span> : null}
        <span className="sr-only">{active ? `, sorted ${direction}; sort ${nextDir === "asc" ? "ascending" : "descending"}` : ", sort"}</span>
      </Link>
    </th>
  );
}

function Header({ label }: { label: string }) {
  return (
    <th scope="col" className="px-3 py-2 text-right font-medium">
      {label}
    </th>
  );
}

/** How students answered each option of one version (the distractor analysis). */
export function OptionsTable({ row }: { row: ItemAnalysisRow }) {
  return (
    <table className="mt-2 w-full min-w-80 text-left text-xs">
      <caption className="sr-only">
        How students answered the options of {row.slug}, version {row.version}
      </caption>
      <thead className="text-slate-600 dark:text-slate-300">
        <tr>
          <th scope="col" className="py-1 pr-2 font-medium">
            Option
          </th>
          <th scope="col" className="py-1 pr-2 text-right font-medium">
            Chosen
          </th>
          <th scope="col" className="py-1 pr-2 text-right font-medium">
            Share
          </th>
          <th scope="col" className="py-1 text-right font-medium">
            Mean ability
          </th>
        </tr>
      </thead>
      <tbody className="divide-y divide-slate-100 dark:divide-slate-700">
        {row.options.map((option) => (
          <tr key={option.optionId} data-testid="option-row">
            <th scope="row" className="py-1 pr-2 font-normal">
              <span className="font-semibold">{option.letter}.</span> {option.text}
              {option.correct ? (
                <span className="ml-1 rounded-full bg-emerald-100 px-1.5 py-0.5 font-semibold text-emerald-900 dark:bg-emerald-900 dark:text-emerald-100">key</span>
              ) : null}
            </th>
            <td className="py-1 pr-2 text-right tabular-nums">{option.count}</td>
            <td className="py-1 pr-2 text-right tabular-nums">{option.share === null ? <Missing why="no attempts" /> : percent(option.share)}</td>
            <td className="py-1 text-right tabular-nums">
              {option.meanAbility === null ? <Missing why="no ability estimate for anyone who chose it" /> : percent(option.meanAbility)}
            </td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}

export function ItemAnalysisTable({ rows, query, caption }: { rows: ItemAnalysisRow[]; query: ItemAnalysisQuery; caption: string }) {
  return (
    <div className="mt-4 overflow-x-auto rounded-xl border border-slate-200 bg-white dark:border-slate-700 dark:bg-slate-800">
      <table className="min-w-full text-left text-sm" data-testid="item-analysis">
        <caption className="sr-only">
          {caption}, sorted by {SORT_NAMES[query.sort]} {query.dir === "asc" ? "ascending" : "descending"}
        </caption>
        <thead className="border-b border-slate-200 bg-slate-50 text-slate-600 dark:border-slate-700 dark:bg-slate-900 dark:text-slate-300">
          <tr>
            <th scope="col" className="px-3 py-2 font-medium">
              Question
            </th>
            <th scope="col" className="px-3 py-2 font-medium">
              Version
            </th>
            <SortHeader query={query} label="Attempts" sort="n" />
            <SortHeader query={query} label="Facility" sort="facility" />
            <Header label="SD" />
            <Header label="Guess score" />
            <SortHeader query={query} label="Discrimination" sort="discrimination" />
            <Header label="Efficiency" />
            <th scope="col" className="px-3 py-2 font-medium">
              Flags
            </th>
          </tr>
        </thead>
        <tbody className="divide-y divide-slate-100 align-top text-slate-800 dark:divide-slate-700 dark:text-slate-100">
          {rows.map((row) => (
            <tr key={row.versionId} data-testid="item-row">
              <th scope="row" className="min-w-72 max-w-md px-3 py-2 font-normal">
                <Link href={`/instructor/questions/${row.questionId}`} className="font-mono text-xs font-medium text-brand-700 hover:underline dark:text-brand-100">
                  {row.slug}
                </Link>
                <span className="mt-0.5 block text-slate-800 dark:text-slate-100">{row.stem}</span>
                <span className="mt-0.5 block text-xs text-slate-600 dark:text-slate-300">
                  {row.topicName}
                  {row.status !== "PUBLISHED" ? ` · ${row.status === "IN_REVIEW" ? "in review" : row.status.toLowerCase()}` : ""}
                </span>
                <Link
                  href={`/instructor/analytics/items/${encodeURIComponent(row.questionId)}`}
                  className="mt-1 inline-block text-xs font-semibold text-brand-700 hover:underline dark:text-brand-100"
                >
                  Options and flags<span className="sr-only"> of {row.slug}</span>
                </Link>
              </th>
              <td className="whitespace-nowrap px-3 py-2">
                {row.version}
                {row.current ? <span className="text-xs text-slate-600 dark:text-slate-300"> (current)</span> : null}
              </td>
              <td className="px-3 py-2 text-right tabular-nums">{row.stats.n}</td>
              <td className="px-3 py-2 text-right tabular-nums">{row.stats.facility === null ? <Missing why="no attempts" /> : percent(row.stats.facility)}</td>
              <td className="px-3 py-2 text-right tabular-nums">
                {row.stats.standardDeviation === null ? <Missing why="fewer than two attempts" /> : row.stats.standardDeviation.toFixed(2)}
              </td>
              <td className="px-3 py-2 text-right tabular-nums">{row.stats.randomGuessScore === null ? <Missing why="no options" /> : percent(row.stats.randomGuessScore)}</td>
              <td className="px-3 py-2 text-right tabular-nums">
                {row.stats.discrimination === null ? <Missing why="not defined yet" /> : row.stats.discrimination.toFixed(2)}
                <span className="block text-xs text-slate-600 dark:text-slate-300">
                  of {row.stats.discriminationN}
                  <span className="sr-only"> students with an ability estimate</span>
                </span>
              </td>
              <td className="px-3 py-2 text-right tabular-nums">
                {row.stats.efficiency === null ? <Missing why={row.stats.efficiencyN === 0 ? "no mock exam answers" : "not defined"} /> : percent(row.stats.efficiency)}
              </td>
              <td className="px-3 py-2">
                {row.flags.length === 0 ? (
                  <span className="text-xs text-slate-600 dark:text-slate-300">None</span>
                ) : (
                  <ul className="flex min-w-40 flex-wrap gap-1" aria-label={`Flags of ${row.slug}, version ${row.version}`}>
                    {row.flags.map((flag) => (
                      <li key={`${flag.code}-${flag.label}`}>
                        <Link
                          href={`/instructor/questions/${row.questionId}`}
                          className="inline-block rounded-full bg-amber-100 px-2 py-0.5 text-xs font-semibold text-amber-950 hover:underline dark:bg-amber-900 dark:text-amber-50"
                          data-flag={flag.code}
                        >
                          {flag.label}
                          <span className="sr-only">: edit {row.slug}</span>
                        </Link>
                      </li>
                    ))}
                  </ul>
                )}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
