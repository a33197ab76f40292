import type { Metadata } from "next";
import Link from "next/link";
import { requireStaff } from "@/lib/server/access";

export const metadata: Metadata = { title: "Analytics" };

/** The analytics area's start: one link per view. */
export default async function AnalyticsHome() {
  // The layout checks too, but a layout does not run for every request.
  await requireStaff("/instructor/analytics");
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
      </ul>
    </main>
  );
}
