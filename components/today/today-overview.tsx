import Link from "next/link";
import type { TodaySummary } from "@/lib/services/today";

function Stat({ label, value, detail, testId }: { label: string; value: string; detail?: string; testId: string }) {
  return (
    <div className="rounded-xl border border-slate-200 dark:border-slate-700 bg-white dark:bg-slate-900 p-4" data-testid={testId}>
      <dt className="text-sm text-slate-600 dark:text-slate-300">{label}</dt>
      <dd className="mt-1 text-2xl font-bold text-slate-900 dark:text-slate-100">{value}</dd>
      {detail ? <dd className="text-xs text-slate-600 dark:text-slate-300">{detail}</dd> : null}
    </div>
  );
}

const plural = (n: number, one: string, many: string) => `${n} ${n === 1 ? one : many}`;

/** The signed-in home page: what today asks for, and how far along it is. */
export function TodayOverview({ name, summary }: { name: string; summary: TodaySummary }) {
  const done = Math.min(summary.doneToday, summary.dailyGoal);
  return (
    <main className="mx-auto max-w-3xl px-4 py-10 sm:px-6">
      <h1 className="text-3xl font-bold tracking-tight text-slate-900 dark:text-slate-100">Today, {name}</h1>
      <p className="mt-2 text-slate-600 dark:text-slate-300">
        {summary.examDate
          ? `Your exam is on ${summary.examDate}: ${plural(summary.daysToExam ?? 0, "day", "days")} to go.`
          : "No exam date set yet."}{" "}
        <Link href="/settings" className="font-medium text-brand-700 dark:text-brand-300 underline">
          {summary.examDate ? "Change your plan" : "Set your exam date"}
        </Link>
      </p>

      <dl className="mt-8 grid grid-cols-1 gap-4 sm:grid-cols-2">
        <Stat label="Reviews due" value={String(summary.reviewsDue)} testId="reviews-due" />
        <Stat label="New questions today" value={String(summary.newToday)} detail="What your pace toward the exam calls for." testId="new-today" />
        <Stat
          label="Done today"
          value={`${summary.doneToday} of ${summary.dailyGoal}`}
          detail={summary.goalIsDefault ? "Default daily goal; set your own in Settings." : "Your daily goal."}
          testId="done-today"
        />
        <Stat label="Streak" value={plural(summary.streak, "day", "days")} detail="Days in a row with at least one answer." testId="streak" />
      </dl>
      <div className="mt-4">
        <label htmlFor="goal-progress" className="text-sm text-slate-600 dark:text-slate-300">
          Daily goal progress
        </label>
        <progress id="goal-progress" className="mt-1 block h-2 w-full" max={summary.dailyGoal} value={done}>
          {done} of {summary.dailyGoal}
        </progress>
      </div>

      <div className="mt-8 flex flex-wrap items-center gap-3">
        <Link href="/practice" className="inline-block rounded-lg bg-brand-600 px-5 py-2.5 font-semibold text-white hover:bg-brand-700">
          Start practice
        </Link>
        <Link
          href="/practice/mock"
          className="inline-block rounded-lg border border-slate-300 bg-white px-5 py-2.5 font-semibold text-slate-800 hover:bg-slate-100 dark:border-slate-600 dark:bg-slate-800 dark:text-slate-100 dark:hover:bg-slate-700"
        >
          Mock exam
        </Link>
        <Link href="/dashboard" className="font-medium text-brand-700 underline dark:text-brand-300">
          See your progress
        </Link>
      </div>
      <p className="mt-4 text-xs text-slate-600 dark:text-slate-300">Days follow your time zone: {summary.timeZone}.</p>
    </main>
  );
}
