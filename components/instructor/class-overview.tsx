import Link from "next/link";
import { AT_RISK_SCORE, INACTIVE_DAYS, RISK_LABEL } from "@/lib/analytics/class-progress";
import { MASTERY_LEVELS } from "@/lib/analytics/progress";
import type { ClassOverview } from "@/lib/services/class-progress";
import { ChartFigure } from "@/components/dashboard/chart-figure";
import { CountBarChart } from "@/components/dashboard/charts";
import { formatCalendarDate, formatCalendarDay } from "@/components/ui/format-date";
import { MEMBERS_PAGE_SIZE, pageOf } from "@/lib/validation/dashboard";
import { Pager } from "@/components/ui/pager";

const pct = (x: number | null) => (x === null ? "—" : `${Math.round(x * 100)}%`);
const plural = (n: number, one: string, many: string) => `${n} ${n === 1 ? one : many}`;
const CARD = "rounded-xl border border-slate-200 bg-white p-4 dark:border-slate-700 dark:bg-slate-900";

/** A heat cell's background: the share of the class at that level, in five steps of the theme's scale. */
function heatClass(share: number): string {
  const step = share === 0 ? 0 : share < 0.2 ? 1 : share < 0.4 ? 2 : share < 0.6 ? 3 : 4;
  return ["bg-[var(--heat-0)]", "bg-[var(--heat-1)]", "bg-[var(--heat-2)]", "bg-[var(--heat-3)] text-white", "bg-[var(--heat-4)] text-white dark:text-slate-900"][step] ?? "";
}

type ViewProps = {
  data: ClassOverview;
  /** A bad activity range, explained. */
  error: string | null;
  /** The page of the student table (clamped to the last). */
  membersPage: number;
  pageError: string | null;
  /** The activity range the address asked for, kept by the table's page links. */
  range: { from: string; to: string } | null;
};

export function ClassOverviewView({ data, error, membersPage, pageError, range }: ViewProps) {
  const base = `/instructor/analytics/classes/${encodeURIComponent(data.id)}`;
  const shown = pageOf(data.members, membersPage, MEMBERS_PAGE_SIZE);
  const pageHref = (page: number) => {
    const params = new URLSearchParams(range ?? {});
    if (page > 1) params.set("page", String(page));
    const query = params.toString();
    return `${base}${query ? `?${query}` : ""}#members-heading`;
  };
  const answered = data.activity.reduce((s, d) => s + d.answered, 0);
  const busiest = data.activity.reduce((best, d) => (d.answered > best.answered ? d : best), { day: data.range.to, answered: 0, correct: 0, students: 0 });
  const memberCount = data.members.length;
  return (
    <main className="space-y-6">
      <div>
        <Link href={`/instructor/classes/${encodeURIComponent(data.id)}`} className="text-sm text-brand-700 hover:underline dark:text-brand-300">
          ← Class roster and join code
        </Link>
        <h1 className="mt-2 text-2xl font-bold text-slate-900 dark:text-slate-100">{data.name}: progress</h1>
        <p className="mt-1 text-sm text-slate-600 dark:text-slate-300">
          {data.subject ? data.subject.name : "No subject"} · exam date {formatCalendarDate(data.examDate)} · {plural(memberCount, "student", "students")}
          {data.refreshing > 0 ? ` · ${plural(data.refreshing, "estimate is", "estimates are")} being brought up to date; reload in a minute` : ""}
        </p>
        <a
          href={`${base}/export`}
          className="mt-3 inline-block rounded-lg border border-slate-300 bg-white px-3 py-1.5 text-sm font-semibold text-slate-800 hover:bg-slate-100 dark:border-slate-600 dark:bg-slate-800 dark:text-slate-100"
          download
        >
          Download progress (CSV)
        </a>
      </div>

      {memberCount === 0 ? (
        <p className={CARD}>No students yet. Share the class&apos;s join code; their progress appears here as they practise.</p>
      ) : (
        <>
          <section className={CARD} aria-labelledby="risk-heading" data-testid="at-risk">
            <h2 id="risk-heading" className="text-lg font-semibold text-slate-900 dark:text-slate-100">
              Students at risk ({data.atRisk.length})
            </h2>
            <p className="mt-1 text-sm text-slate-600 dark:text-slate-300">
              Readiness (projected to the exam where an exam date is set) below {Math.round(AT_RISK_SCORE * 100)}%, or no practice for {INACTIVE_DAYS} days.
            </p>
            {data.atRisk.length === 0 ? (
              <p className="mt-2 text-sm">Nobody right now.</p>
            ) : (
              <ul className="mt-2 space-y-1 text-sm">
                {data.atRisk.map((m) => (
                  <li key={m.userId}>
                    <Link href={`${base}/students/${encodeURIComponent(m.userId)}`} className="font-medium text-brand-700 underline dark:text-brand-300">
                      {m.name}
                    </Link>
                    <span className="ml-2 text-slate-600 dark:text-slate-300">{m.risk.map((r) => RISK_LABEL[r]).join("; ")}</span>
                  </li>
                ))}
              </ul>
            )}
          </section>

          <div className="grid gap-4 lg:grid-cols-2">
            <ChartFigure
              testId="readiness-distribution"
              title="Readiness across the class"
              summary={
                data.estimated === 0
                  ? "No estimates yet: they appear once students have practised."
                  : `${plural(data.estimated, "student has", "students have")} an estimate; ${data.histogram.filter((b) => b.from < AT_RISK_SCORE).reduce((s, b) => s + b.count, 0)} below ${Math.round(AT_RISK_SCORE * 100)}%.`
              }
              columns={["Readiness", "Students"]}
              rows={data.histogram.map((b) => [`${Math.round(b.from * 100)}–${Math.round(b.to * 100) - (b.to < 1 ? 1 : 0)}%`, String(b.count)] as const)}
            >
              <CountBarChart name="Students" points={data.histogram.map((b) => ({ label: `${Math.round(b.from * 100)}`, value: b.count }))} />
            </ChartFigure>
            <ChartFigure
              testId="class-activity"
              title="Answers per day"
              summary={`${answered} answers from ${formatCalendarDay(data.range.from)} to ${formatCalendarDay(data.range.to)}${answered > 0 ? `; most on ${formatCalendarDay(busiest.day)} (${busiest.answered} by ${plural(busiest.students, "student", "students")})` : ""}.`}
              columns={["Day", "Answers (students)"]}
              rows={data.activity.filter((d) => d.answered > 0).map((d) => [formatCalendarDay(d.day), `${d.answered} (${d.students})`] as const)}
            >
              <CountBarChart name="Answers" points={data.activity.map((d) => ({ label: formatCalendarDay(d.day), value: d.answered }))} />
            </ChartFigure>
          </div>
          <form method="get" className="flex flex-wrap items-end gap-3 text-sm" aria-label="Activity range">
            <label className="flex flex-col">
              From
              <input type="date" name="from" defaultValue={data.range.from} className="rounded border border-slate-300 px-2 py-1 dark:border-slate-600 dark:bg-slate-800" />
            </label>
            <label className="flex flex-col">
              To
              <input type="date" name="to" defaultValue={data.range.to} className="rounded border border-slate-300 px-2 py-1 dark:border-slate-600 dark:bg-slate-800" />
            </label>
            <button type="submit" className="rounded-lg bg-brand-600 px-3 py-1.5 font-semibold text-white hover:bg-brand-700">
              Show activity
            </button>
            {error ? (
              <p role="alert" className="basis-full text-rose-700 dark:text-rose-300">
                {error}
              </p>
            ) : null}
          </form>

          <section className={CARD} aria-labelledby="heat-heading">
            <h2 id="heat-heading" className="text-lg font-semibold text-slate-900 dark:text-slate-100">
              Mastery by topic across the class
            </h2>
            <p className="mt-1 text-sm text-slate-600 dark:text-slate-300">Students at each level per topic; darker cells hold more of the class.</p>
            <div className="mt-3 overflow-x-auto">
              <table className="w-full text-left text-sm" data-testid="mastery-heat">
                <caption className="sr-only">Number of students at each mastery level, per topic</caption>
                <thead>
                  <tr className="border-b border-slate-200 dark:border-slate-700">
                    <th scope="col" className="py-2 pr-3">Topic</th>
                    <th scope="col" className="py-2 pr-3">Class mean</th>
                    {MASTERY_LEVELS.map((l) => (
                      <th key={l.level} scope="col" className="px-2 py-2 text-center">
                        {l.label}
                      </th>
                    ))}
                  </tr>
                </thead>
                <tbody>
                  {data.topics.map((t) => (
                    <tr key={t.topicId} className="border-b border-slate-100 dark:border-slate-800">
                      <th scope="row" className="py-2 pr-3 font-medium">
                        {t.name}
                      </th>
                      <td className="py-2 pr-3">{pct(t.meanExpected)}</td>
                      {MASTERY_LEVELS.map((l) => (
                        <td key={l.level} className={`px-2 py-2 text-center ${heatClass(t.levels[l.level] / memberCount)}`}>
                          {t.levels[l.level]}
                        </td>
                      ))}
                    </tr>
                  ))}
                </tbody>
              </table>
            </div>
          </section>

          <section className={CARD} aria-labelledby="members-heading">
            <h2 id="members-heading" className="text-lg font-semibold text-slate-900 dark:text-slate-100">
              Students
            </h2>
            <p className="mt-1 text-sm text-slate-600 dark:text-slate-300" data-testid="members-shown">
              {shown.pageCount > 1 ? `${shown.from}–${shown.to} of ${memberCount}, in the order they joined; the CSV has everyone.` : `All ${memberCount}, in the order they joined.`}
            </p>
            {pageError ? (
              <p role="alert" className="mt-1 text-sm text-rose-700 dark:text-rose-300">
                {pageError}
              </p>
            ) : null}
            <div className="mt-3 overflow-x-auto">
              <table className="w-full text-left text-sm" data-testid="class-members">
                <caption className="sr-only">Each student&apos;s readiness and activity</caption>
                <thead>
                  <tr className="border-b border-slate-200 dark:border-slate-700">
                    <th scope="col" className="py-2 pr-3">Student</th>
                    <th scope="col" className="py-2 pr-3">Readiness today</th>
                    <th scope="col" className="py-2 pr-3">Projected for the exam</th>
                    <th scope="col" className="py-2 pr-3">Questions met</th>
                    <th scope="col" className="py-2 pr-3">Answers, last 7 days</th>
                    <th scope="col" className="py-2">Last practised</th>
                  </tr>
                </thead>
                <tbody>
                  {shown.items.map((m) => (
                    <tr key={m.userId} className="border-b border-slate-100 dark:border-slate-800">
                      <th scope="row" className="py-2 pr-3 font-medium">
                        <Link href={`${base}/students/${encodeURIComponent(m.userId)}`} className="text-brand-700 underline dark:text-brand-300">
                          {m.name}
                        </Link>
                        {m.risk.length > 0 ? <span className="ml-2 rounded bg-rose-100 px-1.5 text-xs text-rose-800 dark:bg-rose-950 dark:text-rose-200">at risk</span> : null}
                      </th>
                      <td className="py-2 pr-3">{pct(m.readiness)}</td>
                      <td className="py-2 pr-3">{m.projected === null ? "—" : `${pct(m.projected)} (${pct(m.projectedLow)}–${pct(m.projectedHigh)})`}</td>
                      <td className="py-2 pr-3">{m.questionsMet ?? "—"}</td>
                      <td className="py-2 pr-3">{m.answersLast7Days}</td>
                      <td className="py-2">{m.lastActiveDay ? formatCalendarDay(m.lastActiveDay) : "never"}</td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </div>
            {shown.pageCount > 1 ? (
              <Pager label="Pages of students" page={shown.page} pageCount={shown.pageCount} hrefFor={pageHref} className="mt-3" />
            ) : null}
          </section>
        </>
      )}
    </main>
  );
}
