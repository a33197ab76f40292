import type { Metadata } from "next";
import Link from "next/link";
import { PracticeModeNav } from "@/components/practice/practice-mode-nav";
import { stemStart } from "@/components/practice/stem-start";
import { formatCalendarDate } from "@/components/ui/format-date";
import { requireUser } from "@/lib/server/access";
import { mistakeList } from "@/lib/services/mistakes";

export const metadata: Metadata = { title: "Review mistakes" };

const times = (n: number) => (n === 1 ? "once" : n === 2 ? "twice" : `${n} times`);

/** The questions whose latest answer was wrong in the last 30 days, the ones missed most first. */
export default async function MistakesPage() {
  const user = await requireUser("/practice/mistakes");
  const mistakes = await mistakeList(user.id);
  return (
    <main className="mx-auto max-w-3xl px-4 py-8 sm:px-6 sm:py-10">
      <div className="flex flex-wrap items-center justify-between gap-2">
        <h1 className="text-2xl font-bold text-slate-900 dark:text-slate-100">Review mistakes</h1>
        <PracticeModeNav />
      </div>
      <p className="mt-2 text-slate-600 dark:text-slate-300">
        Questions whose last answer was wrong in the past 30 days, the ones you missed most often first. Answer one right and it leaves
        the list.
      </p>
      {mistakes.length === 0 ? (
        <p className="mt-6 rounded-xl border border-slate-200 bg-white p-6 text-center font-semibold text-slate-800 dark:border-slate-700 dark:bg-slate-900 dark:text-slate-100">
          No mistakes to review
        </p>
      ) : (
        <>
          <Link
            href="/practice?mode=mistakes"
            className="mt-6 inline-block rounded-lg bg-brand-600 px-4 py-2 text-sm font-semibold text-white hover:bg-brand-700"
          >
            Review these
          </Link>
          <ol className="mt-4 space-y-3" data-testid="mistake-list">
            {mistakes.map((m) => (
              <li
                key={m.questionId}
                className="rounded-xl border border-slate-200 bg-white p-4 dark:border-slate-700 dark:bg-slate-900"
                data-testid="mistake-row"
              >
                <p className="break-words text-slate-900 dark:text-slate-100" data-testid="mistake-stem">
                  {stemStart(m.stem)}
                </p>
                <p className="mt-1 flex flex-wrap gap-x-4 text-sm text-slate-600 dark:text-slate-300">
                  <span>{m.topicName}</span>
                  <span data-testid="times-missed">Missed {times(m.timesMissed)}</span>
                  <span>Last missed {formatCalendarDate(m.lastMissedAt)}</span>
                </p>
              </li>
            ))}
          </ol>
        </>
      )}
    </main>
  );
}
