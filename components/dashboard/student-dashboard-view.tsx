import Link from "next/link";
import { MASTERY_LEVELS, masteryLabel, type HeatmapCell, type MasteryLevel } from "@/lib/analytics/progress";
import type { ScoreEstimate } from "@/lib/scheduler/readiness";
import type { StudentDashboard } from "@/lib/services/student-dashboard";
import { stemStart } from "@/components/practice/stem-start";
import { formatCalendarDay } from "@/components/ui/format-date";
import { ChartFigure } from "./chart-figure";
import { CountBarChart, PercentLineChart } from "./charts";

const pct = (x: number) => `${Math.round(x * 100)}%`;
const range = (e: ScoreEstimate) => `${pct(e.low)} to ${pct(e.high)}`;
const plural = (n: number, one: string, many: string) => `${n} ${n === 1 ? one : many}`;

/** A calendar day with its weekday ("Mon 9 Mar"), or without ("9 Mar"). */
const dayLabel = (day: string, withWeekday = true) => formatCalendarDay(day, withWeekday);

const LEVEL_STYLE: Record<MasteryLevel, string> = {
  "not-started": "bg-slate-100 text-slate-700 dark:bg-slate-800 dark:text-slate-200",
  attempted: "bg-rose-100 text-rose-800 dark:bg-rose-950 dark:text-rose-200",
  familiar: "bg-amber-100 text-amber-900 dark:bg-amber-950 dark:text-amber-200",
  proficient: "bg-sky-100 text-sky-900 dark:bg-sky-950 dark:text-sky-200",
  mastered: "bg-emerald-100 text-emerald-900 dark:bg-emerald-950 dark:text-emerald-200",
};

const CARD = "rounded-xl border border-slate-200 bg-white p-5 dark:border-slate-700 dark:bg-slate-900";

function ReadinessCard({ data, readOnly }: { data: StudentDashboard; readOnly: boolean }) {
  const { readiness, pace, daysLeft, examDate, dailyGoal } = data;
  return (
    <section className={CARD} aria-labelledby="readiness-heading" data-testid="readiness">
      <h2 id="readiness-heading" className="text-lg font-semibold text-slate-900 dark:text-slate-100">
        How ready you are
      </h2>
      <dl className="mt-3 grid gap-4 sm:grid-cols-2">
        <div>
          <dt className="text-sm text-slate-600 dark:text-slate-300">Expected exam score today</dt>
          <dd className="text-3xl font-bold text-slate-900 dark:text-slate-100" data-testid="readiness-now">
            {pct(readiness.now.score)}
          </dd>
          <dd className="text-xs text-slate-600 dark:text-slate-300">95% interval: {range(readiness.now)}</dd>
        </div>
        <div>
          <dt className="text-sm text-slate-600 dark:text-slate-300">
            {examDate ? `Projected on exam day (${dayLabel(examDate, false)})` : "Projected on exam day"}
          </dt>
          {readiness.examDay ? (
            <>
              <dd className="text-3xl font-bold text-slate-900 dark:text-slate-100" data-testid="readiness-exam">
                {pct(readiness.examDay.score)}
              </dd>
              <dd className="text-xs text-slate-600 dark:text-slate-300">
                95% interval: {range(readiness.examDay)}, if you keep your goal of {dailyGoal} a day
              </dd>
            </>
          ) : (
            <dd className="text-sm text-slate-700 dark:text-slate-200">
              {examDate ? "The exam date has passed." : "No exam date set, so there is no projection."}{" "}
              {readOnly ? null : (
                <Link href="/settings" className="font-medium text-brand-700 underline dark:text-brand-300">
                  {examDate ? "Change it" : "Set one"}
                </Link>
              )}
            </dd>
          )}
        </div>
      </dl>
      {daysLeft !== null && daysLeft > 0 ? (
        <p className="mt-4 text-sm text-slate-700 dark:text-slate-200" data-testid="pace">
          {plural(daysLeft, "day", "days")} left. {paceText(data)}
          {readiness.withoutStudy !== null && pace.verdict !== "on-track" ? ` With no more study the projection would be ${pct(readiness.withoutStudy)}.` : ""}
        </p>
      ) : null}
      {data.totals.answered === 0 ? (
        <p className="mt-2 text-sm text-slate-700 dark:text-slate-200" data-testid="readiness-no-answers">
          You have not answered any questions yet, so these are the figures for a typical student, with intervals to match: your first answers
          show where you stand.
        </p>
      ) : null}
      <p className="mt-2 text-xs text-slate-600 dark:text-slate-300">
        The estimate comes from the scheduler&apos;s model of your memory of each question you have met and your level in each topic,
        weighted like the exam. The interval covers which questions the exam happens to ask and what the model cannot know yet.
      </p>
    </section>
  );
}

function paceText({ pace, totals, dailyGoal }: StudentDashboard): string {
  const perDay = pace.recentPerDay < 10 ? pace.recentPerDay.toFixed(1) : String(Math.round(pace.recentPerDay));
  const unmet = totals.total - totals.met;
  if (pace.verdict === "no-activity") return "You have not practised in the last two weeks, so there is no pace to judge yet.";
  const meets =
    unmet === 0 ? "You have met every question." : `At that rate you would meet the ${plural(unmet, "question", "questions")} you have not seen in about ${plural(pace.daysToMeetAll ?? 0, "day", "days")}.`;
  return pace.verdict === "on-track"
    ? `You are on track: ${perDay} a day over the last two weeks (goal ${dailyGoal}). ${meets}`
    : `You are behind your plan: ${perDay} a day over the last two weeks against a goal of ${dailyGoal}. ${meets}`;
}

function NextStepCard({ data, readOnly }: { data: StudentDashboard; readOnly: boolean }) {
  return (
    <section className="rounded-xl border border-brand-600 bg-brand-50 p-5 dark:border-brand-300 dark:bg-slate-900" aria-labelledby="next-heading" data-testid="next-step">
      <h2 id="next-heading" className="text-sm font-semibold uppercase tracking-wide text-brand-700 dark:text-brand-300">
        What to do next
      </h2>
      <p className="mt-1 text-lg font-semibold text-slate-900 dark:text-slate-100">{data.next.text}</p>
      {readOnly ? null : (
        <Link href={data.next.href} className="mt-3 inline-block rounded-lg bg-brand-600 px-4 py-2 text-sm font-semibold text-white hover:bg-brand-700">
          {data.next.action}
        </Link>
      )}
    </section>
  );
}

function MasteryTable({ data, readOnly }: { data: StudentDashboard; readOnly: boolean }) {
  return (
    <section className={CARD} aria-labelledby="mastery-heading">
      <h2 id="mastery-heading" className="text-lg font-semibold text-slate-900 dark:text-slate-100">
        Mastery by topic
      </h2>
      <p className="mt-1 text-sm text-slate-600 dark:text-slate-300">Weakest first. &ldquo;Expected&rdquo; is your expected share right on the topic today.</p>
      <div className="mt-3 overflow-x-auto">
        <table className="w-full text-left text-sm" data-testid="mastery-table">
          <caption className="sr-only">Mastery by topic, weakest first</caption>
          <thead>
            <tr className="border-b border-slate-200 dark:border-slate-700">
              <th scope="col" className="py-2 pr-3">Topic</th>
              <th scope="col" className="py-2 pr-3">Level</th>
              <th scope="col" className="py-2 pr-3">Expected</th>
              <th scope="col" className="py-2 pr-3">Met</th>
              <th scope="col" className="py-2">
                <span className="sr-only">Practise</span>
              </th>
            </tr>
          </thead>
          <tbody>
            {data.topics.map((t) => (
              <tr key={t.id} className="border-b border-slate-100 dark:border-slate-800" data-testid="mastery-row">
                <th scope="row" className="py-2 pr-3 font-medium text-slate-900 dark:text-slate-100">
                  {t.name}
                </th>
                <td className="py-2 pr-3">
                  <span className={`rounded-full px-2 py-0.5 text-xs font-semibold ${LEVEL_STYLE[t.level]}`} data-testid="mastery-level">
                    {masteryLabel(t.level)}
                  </span>
                </td>
                <td className="py-2 pr-3">{t.total > 0 ? pct(t.expected) : "—"}</td>
                <td className="py-2 pr-3">
                  {t.met} of {t.total}
                </td>
                <td className="py-2 text-right">
                  {t.total > 0 && !readOnly ? (
                    <Link href={`/practice?topic=${encodeURIComponent(t.slug)}`} className="font-medium text-brand-700 underline dark:text-brand-300" aria-label={`Practise ${t.name}`}>
                      Practise this
                    </Link>
                  ) : null}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      <details className="mt-3 text-sm">
        <summary className="cursor-pointer text-brand-700 dark:text-brand-300">What the levels mean</summary>
        <dl className="mt-2 space-y-1">
          {MASTERY_LEVELS.map((l) => (
            <div key={l.level}>
              <dt className="inline font-semibold">{l.label}: </dt>
              <dd className="inline text-slate-700 dark:text-slate-200">{l.definition}</dd>
            </div>
          ))}
        </dl>
      </details>
    </section>
  );
}

const HEAT_BG = ["bg-[var(--heat-0)]", "bg-[var(--heat-1)]", "bg-[var(--heat-2)]", "bg-[var(--heat-3)]", "bg-[var(--heat-4)]"] as const;

function Heatmap({ columns }: { columns: HeatmapCell[][] }) {
  return (
    <div aria-hidden="true" className="flex gap-1 overflow-x-auto pb-1">
      {columns.map((week) => (
        <div key={week[0]?.day} className="flex flex-col gap-1">
          {week.map((cell) => (
            <div key={cell.day} title={`${dayLabel(cell.day)}: ${cell.answered}`} className={`h-3 w-3 rounded-sm ${cell.future ? "opacity-0" : HEAT_BG[cell.level]}`} />
          ))}
        </div>
      ))}
    </div>
  );
}

function Activity({ data, readOnly }: { data: StudentDashboard; readOnly: boolean }) {
  const studied = data.heatmap.flat().filter((c) => c.answered > 0);
  const weeks = data.weeklyAccuracy;
  const answeredWeeks = weeks.filter((w) => w.accuracy !== null);
  const latest = answeredWeeks[answeredWeeks.length - 1];
  const dueTotal = data.reviewsDue.reduce((s, d) => s + d.due, 0);
  const busiest = data.reviewsDue.reduce((best, d) => (d.due > best.due ? d : best), { day: data.today, due: 0 });
  return (
    <div className="grid gap-4 lg:grid-cols-2">
      <ChartFigure
        testId="heatmap"
        title="Questions answered per day"
        summary={`${plural(data.streak, "day", "days")} in a row. ${plural(studied.length, "study day", "study days")} in the last ${data.heatmap.length} weeks; darker means closer to your daily goal of ${data.dailyGoal}.`}
        columns={["Day", "Answered"]}
        rows={studied.map((c) => [dayLabel(c.day), String(c.answered)] as const)}
      >
        <Heatmap columns={data.heatmap} />
      </ChartFigure>
      <ChartFigure
        testId="accuracy-chart"
        title="Accuracy by week"
        summary={latest ? `This week or your latest week of practice: ${pct(latest.accuracy ?? 0)} right of ${latest.answered}.` : "No answers in the last 12 weeks yet."}
        columns={["Week starting", "Accuracy"]}
        rows={weeks.map((w) => [dayLabel(w.weekStart, false), w.accuracy === null ? "no answers" : `${pct(w.accuracy)} of ${w.answered}`] as const)}
      >
        <PercentLineChart name="Accuracy" points={weeks.map((w) => ({ label: dayLabel(w.weekStart, false), value: w.accuracy }))} />
      </ChartFigure>
      <ChartFigure
        testId="reviews-chart"
        title="Reviews due, next 14 days"
        summary={
          dueTotal === 0
            ? "No reviews fall due in the next 14 days."
            : `${plural(data.reviewsDueNow, "review is", "reviews are")} due now; ${dueTotal} over the next 14 days, most on ${dayLabel(busiest.day)} (${busiest.due}).`
        }
        columns={["Day", "Reviews due"]}
        rows={data.reviewsDue.map((d) => [dayLabel(d.day), String(d.due)] as const)}
      >
        <CountBarChart name="Reviews due" points={data.reviewsDue.map((d) => ({ label: dayLabel(d.day, false), value: d.due }))} />
      </ChartFigure>
      <ChartFigure
        testId="mock-chart"
        title="Mock exam scores"
        summary={
          data.mocks.length === 0
            ? "No mock exams yet. A mock exam asks a blueprint-weighted set of questions under exam conditions."
            : `${plural(data.mocks.length, "mock exam", "mock exams")}; the latest scored ${pct(data.mocks[data.mocks.length - 1]?.score ?? 0)}.`
        }
        columns={["Submitted", "Score"]}
        rows={data.mocks.map((m) => [dayLabel(m.submittedAt.toISOString().slice(0, 10)), `${pct(m.score)} (${m.correct} of ${m.total})`] as const)}
      >
        {data.mocks.length > 0 ? (
          <PercentLineChart name="Score" points={data.mocks.map((m) => ({ label: dayLabel(m.submittedAt.toISOString().slice(0, 10), false), value: m.score }))} />
        ) : readOnly ? null : (
          <Link href="/practice/mock" className="text-sm font-medium text-brand-700 underline dark:text-brand-300">
            Start a mock exam
          </Link>
        )}
      </ChartFigure>
    </div>
  );
}

function Mistakes({ data, readOnly }: { data: StudentDashboard; readOnly: boolean }) {
  return (
    <section className={CARD} aria-labelledby="mistakes-heading">
      <h2 id="mistakes-heading" className="text-lg font-semibold text-slate-900 dark:text-slate-100">
        Recent mistakes
      </h2>
      {data.mistakes.length === 0 ? (
        <p className="mt-2 text-sm text-slate-600 dark:text-slate-300">No wrong answers yet.</p>
      ) : (
        <ul className="mt-2 space-y-2" data-testid="recent-mistakes">
          {data.mistakes.map((m) => (
            <li key={m.questionId} className="text-sm">
              {readOnly ? (
                <span className="font-medium">{stemStart(m.stem)}</span>
              ) : (
                <Link href={m.href} className="font-medium text-brand-700 underline dark:text-brand-300">
                  {stemStart(m.stem)}
                </Link>
              )}
              <span className="ml-2 text-slate-600 dark:text-slate-300">{m.topicName}</span>
            </li>
          ))}
        </ul>
      )}
      {readOnly ? null : (
        <Link href="/practice/mistakes" className="mt-3 inline-block text-sm font-medium text-brand-700 underline dark:text-brand-300">
          All mistakes to review
        </Link>
      )}
    </section>
  );
}

/**
 * The student's dashboard: readiness and the next step first, then mastery,
 * activity and mistakes. `instructorView` shows a member's dashboard to their
 * instructor: the same figures, without the student's own links and actions.
 */
export function StudentDashboardView({ data, instructorView }: { data: StudentDashboard; instructorView?: { studentName: string } }) {
  const readOnly = instructorView !== undefined;
  return (
    <main className={readOnly ? "" : "mx-auto max-w-5xl px-4 py-8 sm:px-6 sm:py-10"}>
      <h1 className="text-3xl font-bold tracking-tight text-slate-900 dark:text-slate-100">
        {instructorView ? `Progress of ${instructorView.studentName}` : "Your progress"}
      </h1>
      <p className="mt-1 text-slate-600 dark:text-slate-300">
        {data.subject.name}: met {data.totals.met} of {data.totals.total} questions, {plural(data.totals.answered, "answer", "answers")} in all.
      </p>
      {data.subjects.length > 1 && !readOnly ? (
        <nav aria-label="Your subjects" className="mt-2 flex flex-wrap gap-3 text-sm">
          {data.subjects.map((s) =>
            s.current ? (
              <span key={s.id} aria-current="page" className="font-semibold">
                {s.name}
              </span>
            ) : (
              <Link key={s.id} href={`/dashboard?subject=${encodeURIComponent(s.id)}`} className="text-brand-700 underline dark:text-brand-300">
                {s.name}
              </Link>
            ),
          )}
        </nav>
      ) : null}
      <div className="mt-6 grid gap-4 lg:grid-cols-3">
        <div className="lg:col-span-2">
          <ReadinessCard data={data} readOnly={readOnly} />
        </div>
        <NextStepCard data={data} readOnly={readOnly} />
      </div>
      <div className="mt-4">
        <MasteryTable data={data} readOnly={readOnly} />
      </div>
      <div className="mt-4">
        <Activity data={data} readOnly={readOnly} />
      </div>
      <div className="mt-4">
        <Mistakes data={data} readOnly={readOnly} />
      </div>
    </main>
  );
}
