import Link from "next/link";
import type { ItemAnalysisQuery } from "@/lib/validation/item-analysis";

/**
 * Subject, topic and "flagged only" for the item analysis page: a plain GET
 * form, so it works without JavaScript and every view is a link. The sort
 * survives; the page starts again at 1. The topic list is the chosen
 * subject's; a topic left over from another subject is named back by the page.
 */

const FIELD = "mt-1 block w-full rounded-lg border border-slate-300 bg-white px-3 py-2 text-sm text-slate-900 dark:border-slate-600 dark:bg-slate-900 dark:text-slate-100";
const LABEL = "block text-sm font-medium text-slate-700 dark:text-slate-200";

type Choice = { slug: string; name: string };

export function ItemAnalysisFilters({
  query,
  subjects,
  subject,
  topics,
  topic,
}: {
  query: ItemAnalysisQuery;
  subjects: Choice[];
  subject: Choice;
  topics: Choice[];
  topic: Choice | null;
}) {
  return (
    <form
      method="get"
      action="/instructor/analytics/items"
      aria-label="Choose items"
      className="mt-6 rounded-xl border border-slate-200 bg-white p-4 dark:border-slate-700 dark:bg-slate-800"
    >
      <div className="grid gap-4 sm:grid-cols-3">
        <div className={LABEL}>
          <label htmlFor="items-subject">Subject</label>
          <select id="items-subject" name="subject" defaultValue={subject.slug} className={FIELD}>
            {subjects.map((s) => (
              <option key={s.slug} value={s.slug}>
                {s.name}
              </option>
            ))}
          </select>
        </div>
        <div className={LABEL}>
          <label htmlFor="items-topic">Topic</label>
          <select id="items-topic" name="topic" defaultValue={topic?.slug ?? ""} className={FIELD}>
            <option value="">All topics</option>
            {topics.map((t) => (
              <option key={t.slug} value={t.slug}>
                {t.name}
              </option>
            ))}
          </select>
        </div>
        <div className="flex items-end">
          <label className="flex items-center gap-2 pb-2 text-sm font-medium text-slate-700 dark:text-slate-200">
            <input type="checkbox" name="flagged" value="1" defaultChecked={query.flagged} />
            Flagged only
          </label>
        </div>
      </div>
      {query.sort !== "discrimination" ? <input type="hidden" name="sort" value={query.sort} /> : null}
      <input type="hidden" name="dir" value={query.dir} />
      <div className="mt-4 flex flex-wrap gap-3">
        <button type="submit" className="inline-flex items-center justify-center rounded-lg bg-brand-600 px-4 py-2 text-sm font-semibold text-white hover:bg-brand-700">
          Show
        </button>
        <Link
          href="/instructor/analytics/items"
          className="inline-flex items-center rounded-lg px-4 py-2 text-sm font-semibold text-slate-700 hover:bg-slate-100 dark:text-slate-200 dark:hover:bg-slate-700"
        >
          Reset
        </Link>
      </div>
    </form>
  );
}
