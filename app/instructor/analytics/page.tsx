import type { Metadata } from "next";
import Link from "next/link";
import { requireStaff } from "@/lib/server/access";
import { listClasses } from "@/lib/services/classes";

export const metadata: Metadata = { title: "Analytics" };

/** The analytics area's start: item analysis, and the progress of each of the actor's classes. */
export default async function AnalyticsHome() {
  // The layout checks too, but a layout does not run for every request.
  const user = await requireStaff("/instructor/analytics");
  const classes = await listClasses(user);
  return (
    <main>
      <h1 className="text-2xl font-bold text-slate-900 dark:text-slate-50">Analytics</h1>
      <ul className="mt-6 grid gap-4 sm:grid-cols-2">
        <li className="rounded-xl border border-slate-200 bg-white p-5 dark:border-slate-700 dark:bg-slate-800">
          <h2 className="text-lg font-semibold">
            <Link href="/instructor/analytics/items" className="text-brand-700 hover:underline dark:text-brand-100">
              Item analysis
            </Link>
          </h2>
          <p className="mt-1 text-sm text-slate-600 dark:text-slate-300">
            Facility, discrimination and distractors of every question and version in your subjects, with flags that link to the editor.
          </p>
        </li>
        <li className="rounded-xl border border-slate-200 bg-white p-5 dark:border-slate-700 dark:bg-slate-800">
          <h2 className="text-lg font-semibold text-slate-900 dark:text-slate-50">Class progress</h2>
          <p className="mt-1 text-sm text-slate-600 dark:text-slate-300">Readiness, students at risk, activity and mastery by topic, with a CSV download.</p>
          {classes.length === 0 ? (
            <p className="mt-2 text-sm">
              No classes yet.{" "}
              <Link href="/instructor/classes" className="text-brand-700 underline dark:text-brand-100">
                Create one
              </Link>
            </p>
          ) : (
            <ul className="mt-2 space-y-1 text-sm">
              {classes.map((c) => (
                <li key={c.id}>
                  <Link href={`/instructor/analytics/classes/${encodeURIComponent(c.id)}`} className="text-brand-700 underline dark:text-brand-100">
                    {c.name}
                  </Link>{" "}
                  <span className="text-slate-600 dark:text-slate-300">({c.members} students)</span>
                </li>
              ))}
            </ul>
          )}
        </li>
      </ul>
    </main>
  );
}
