import Link from "next/link";
import type { QuestionItemAnalysis } from "@/lib/services/item-analysis";
import { Missing, OptionsTable, percent } from "./item-analysis-table";

/**
 * One question's item analysis: for each version with first attempts, its
 * statistics, its flags with what each means, and how students answered each
 * option (the distractor analysis). Each flag's fix is in the editor.
 */
export function ItemAnalysisQuestion({ data }: { data: QuestionItemAnalysis }) {
  const editor = `/instructor/questions/${encodeURIComponent(data.question.id)}`;
  return (
    <div className="mt-4 space-y-6">
      {data.rows.length === 0 ? (
        <p className="text-slate-700 dark:text-slate-200">Nobody has answered this question for the first time yet: its statistics appear after the first attempts.</p>
      ) : null}
      {data.rows.map((row) => (
        <section
          key={row.versionId}
          aria-labelledby={`version-${row.versionId}`}
          className="rounded-xl border border-slate-200 bg-white p-4 dark:border-slate-700 dark:bg-slate-800"
          data-testid="version-analysis"
        >
          <h2 id={`version-${row.versionId}`} className="text-lg font-semibold text-slate-900 dark:text-slate-50">
            Version {row.version}
            {row.current ? <span className="text-sm font-normal text-slate-600 dark:text-slate-300"> (current)</span> : null}
          </h2>
          <p className="mt-1 text-slate-800 dark:text-slate-100">{row.stem}</p>
          <dl className="mt-3 grid grid-cols-2 gap-x-6 gap-y-1 text-sm sm:grid-cols-3">
            <div>
              <dt className="inline text-slate-600 dark:text-slate-300">First attempts: </dt>
              <dd className="inline tabular-nums">{row.stats.n}</dd>
            </div>
            <div>
              <dt className="inline text-slate-600 dark:text-slate-300">Facility: </dt>
              <dd className="inline tabular-nums">{row.stats.facility === null ? <Missing why="no attempts" /> : percent(row.stats.facility)}</dd>
            </div>
            <div>
              <dt className="inline text-slate-600 dark:text-slate-300">Standard deviation: </dt>
              <dd className="inline tabular-nums">{row.stats.standardDeviation === null ? <Missing why="fewer than two attempts" /> : row.stats.standardDeviation.toFixed(2)}</dd>
            </div>
            <div>
              <dt className="inline text-slate-600 dark:text-slate-300">Random guess score: </dt>
              <dd className="inline tabular-nums">{row.stats.randomGuessScore === null ? <Missing why="no options" /> : percent(row.stats.randomGuessScore)}</dd>
            </div>
            <div>
              <dt className="inline text-slate-600 dark:text-slate-300">Discrimination: </dt>
              <dd className="inline tabular-nums">
                {row.stats.discrimination === null ? <Missing why="not defined yet" /> : row.stats.discrimination.toFixed(2)} (of {row.stats.discriminationN} students with an ability estimate)
              </dd>
            </div>
            <div>
              <dt className="inline text-slate-600 dark:text-slate-300">Discriminative efficiency: </dt>
              <dd className="inline tabular-nums">
                {row.stats.efficiency === null ? <Missing why={row.stats.efficiencyN === 0 ? "no mock exam answers" : "not defined"} /> : percent(row.stats.efficiency)}
              </dd>
            </div>
          </dl>
          {row.flags.length > 0 ? (
            <div className="mt-3">
              <h3 className="text-sm font-semibold text-slate-900 dark:text-slate-50">Flags</h3>
              <ul className="mt-1 list-disc space-y-0.5 pl-5 text-sm text-slate-700 dark:text-slate-200">
                {row.flags.map((flag) => (
                  <li key={`${flag.code}-${flag.label}`}>
                    <span className="font-semibold">{flag.label}:</span> {flag.detail}
                  </li>
                ))}
              </ul>
              <p className="mt-2 text-sm">
                <Link href={editor} className="font-semibold text-brand-700 hover:underline dark:text-brand-100">
                  Edit {data.question.slug}
                </Link>
              </p>
            </div>
          ) : (
            <p className="mt-3 text-sm text-slate-600 dark:text-slate-300">No flags.</p>
          )}
          <h3 className="mt-4 text-sm font-semibold text-slate-900 dark:text-slate-50">How students answered each option</h3>
          <OptionsTable row={row} />
        </section>
      ))}
    </div>
  );
}
