import Link from "next/link";
import type { QuestionListChoices } from "@/lib/services/question-list";
import { QUESTION_DIFFICULTIES, QUESTION_KINDS_UPPER, QUESTION_STATUSES, type QuestionListQuery } from "@/lib/validation/question-list";

/**
 * The bank list's search and filters: a plain GET form, so it works without
 * JavaScript and every result is a link. The sort survives a new search; the
 * page starts again at 1.
 */

const FIELD = "mt-1 block w-full rounded-lg border border-slate-300 bg-white px-3 py-2 text-sm text-slate-900 dark:border-slate-600 dark:bg-slate-900 dark:text-slate-100";
const LABEL = "block text-sm font-medium text-slate-700 dark:text-slate-200";

export function statusLabel(status: string): string {
  return status === "IN_REVIEW" ? "In review" : status.charAt(0) + status.slice(1).toLowerCase();
}

export function lowerLabel(value: string): string {
  return value.charAt(0) + value.slice(1).toLowerCase();
}

export function QuestionFilters({ query, choices }: { query: QuestionListQuery; choices: QuestionListChoices }) {
  return (
    <form method="get" action="/instructor/questions" role="search" aria-label="Questions" className="mt-6 rounded-xl border border-slate-200 bg-white p-4 dark:border-slate-700 dark:bg-slate-800">
      <div className="grid gap-4 sm:grid-cols-2 lg:grid-cols-4">
        <div className={`${LABEL} sm:col-span-2`}>
          <label htmlFor="filter-q">Search</label>
          <input id="filter-q" type="search" name="q" defaultValue={query.q} maxLength={200} placeholder="Slug, stem or option text" className={FIELD} />
        </div>
        <div className={LABEL}>
          <label htmlFor="filter-subject">Subject</label>
          <select id="filter-subject" name="subject" defaultValue={query.subject ?? ""} className={FIELD}>
            <option value="">All subjects</option>
            {choices.subjects.map((s) => (
              <option key={s.slug} value={s.slug}>
                {s.name}
              </option>
            ))}
          </select>
        </div>
        <div className={LABEL}>
          <label htmlFor="filter-topic">Topic</label>
          <select id="filter-topic" name="topic" defaultValue={query.topic ?? ""} className={FIELD}>
            <option value="">All topics</option>
            {choices.subjects.map((s) => (
              <optgroup key={s.slug} label={s.name}>
                {s.topics.map((t) => (
                  <option key={t.slug} value={t.slug}>
                    {t.name}
                  </option>
                ))}
              </optgroup>
            ))}
          </select>
        </div>
        <div className={LABEL}>
          <label htmlFor="filter-status">Status</label>
          <select id="filter-status" name="status" defaultValue={query.status ?? ""} className={FIELD}>
            <option value="">Any status</option>
            {QUESTION_STATUSES.map((s) => (
              <option key={s} value={s}>
                {statusLabel(s)}
              </option>
            ))}
          </select>
        </div>
        <div className={LABEL}>
          <label htmlFor="filter-difficulty">Difficulty</label>
          <select id="filter-difficulty" name="difficulty" defaultValue={query.difficulty ?? ""} className={FIELD}>
            <option value="">Any difficulty</option>
            {QUESTION_DIFFICULTIES.map((d) => (
              <option key={d} value={d}>
                {lowerLabel(d)}
              </option>
            ))}
          </select>
        </div>
        <div className={LABEL}>
          <label htmlFor="filter-kind">Kind</label>
          <select id="filter-kind" name="kind" defaultValue={query.kind ?? ""} className={FIELD}>
            <option value="">Any kind</option>
            {QUESTION_KINDS_UPPER.map((k) => (
              <option key={k} value={k}>
                {lowerLabel(k)}
              </option>
            ))}
          </select>
        </div>
        <div className={LABEL}>
          <label htmlFor="filter-tag">Tag</label>
          <input id="filter-tag" type="text" name="tag" defaultValue={query.tag ?? ""} maxLength={100} placeholder="Exact tag" className={FIELD} />
        </div>
      </div>
      {query.sort !== "updated" ? <input type="hidden" name="sort" value={query.sort} /> : null}
      <input type="hidden" name="dir" value={query.dir} />
      <div className="mt-4 flex flex-wrap gap-3">
        <button type="submit" className="inline-flex items-center justify-center rounded-lg bg-brand-600 px-4 py-2 text-sm font-semibold text-white hover:bg-brand-700">
          Apply
        </button>
        <Link href="/instructor/questions" className="inline-flex items-center rounded-lg px-4 py-2 text-sm font-semibold text-slate-700 hover:bg-slate-100 dark:text-slate-200 dark:hover:bg-slate-700">
          Clear all
        </Link>
      </div>
    </form>
  );
}
