import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { ItemAnalysisFilters } from "@/components/instructor/item-analysis-filters";
import { ItemAnalysisHelp } from "@/components/instructor/item-analysis-help";
import { ItemAnalysisTable } from "@/components/instructor/item-analysis-table";
import { Alert } from "@/components/ui/alert";
import { requireStaff } from "@/lib/server/access";
import { ActionError } from "@/lib/server/action-client";
import { itemAnalysisPage } from "@/lib/services/item-analysis";
import { itemAnalysisHref, parseItemAnalysisQuery } from "@/lib/validation/item-analysis";
import { Pager } from "@/components/ui/pager";

export const metadata: Metadata = { title: "Item analysis" };

type Props = { searchParams: Promise<Record<string, string | string[] | undefined>> };

const IGNORED_NAMES: Record<string, string> = {
  subject: "subject",
  topic: "topic",
  flagged: "“flagged only”",
  sort: "sort order",
  dir: "sort direction",
  page: "page number",
};

/** How old the figures are: they are reused for up to a minute (lib/services/item-analysis.ts). */
function statisticsAge(ageMs: number): string {
  const seconds = Math.max(0, Math.round(ageMs / 1000));
  const age = seconds < 2 ? "just now" : `${seconds} seconds ago`;
  return `Figures computed ${age}; they are recomputed at most once a minute, and at once after an edit to the subject's questions.`;
}

export default async function ItemAnalysisPage({ searchParams }: Props) {
  // The layout checks too, but a layout does not run for every request.
  const user = await requireStaff("/instructor/analytics/items");
  const { query, ignored } = parseItemAnalysisQuery(await searchParams);
  // A subject the address names but garbled is as unknown as one that does not exist.
  if (ignored.includes("subject")) notFound();
  let data;
  try {
    data = await itemAnalysisPage(user, query);
  } catch (error) {
    // A subject that is not the viewer's answers exactly like one that does not exist.
    if (error instanceof ActionError && error.code === "NOT_FOUND") notFound();
    throw error;
  }
  const { report } = data;
  const place = report ? `${report.subject.name}${data.topic ? `, ${data.topic.name}` : ""}` : "";
  const summary =
    data.total === 0
      ? query.flagged
        ? "No flagged versions here."
        : "No first attempts here yet."
      : `${data.from}–${data.to} of ${data.total} ${data.total === 1 ? "version" : "versions"} · ${data.flagged} flagged`;

  return (
    <main>
      <p className="text-sm">
        <Link href="/instructor/analytics" className="text-brand-700 hover:underline dark:text-brand-100">
          ← Analytics
        </Link>
      </p>
      <h1 className="mt-2 text-2xl font-bold text-slate-900 dark:text-slate-50">Item analysis</h1>
      <p className="mt-1 text-sm text-slate-700 dark:text-slate-200">
        How each question and version performs on students&rsquo; first attempts. Flags point to questions worth a look and link to their editor;
        what every number means is explained below the table.
      </p>
      {ignored.length > 0 ? (
        <div className="mt-4">
          <Alert tone="info">
            Part of this address was not understood and was left out: {ignored.map((name) => IGNORED_NAMES[name] ?? name).join(", ")}.
          </Alert>
        </div>
      ) : null}
      {data.unknownTopic ? (
        <div className="mt-4">
          <Alert tone="info">
            {report?.subject.name} has no topic &ldquo;{data.unknownTopic}&rdquo;: showing every topic.
          </Alert>
        </div>
      ) : null}

      {report === null ? (
        <p className="mt-6 text-slate-700 dark:text-slate-200">
          You have no subjects to analyse yet. Item analysis covers the subjects of the classes you own and of the questions you wrote.
        </p>
      ) : (
        <>
          <ItemAnalysisFilters query={query} subjects={data.subjects} subject={report.subject} topics={report.topics} topic={data.topic} />
          <div className="mt-4 flex flex-wrap items-baseline justify-between gap-3 text-sm">
            <p role="status" className="text-slate-700 dark:text-slate-200" data-testid="item-summary">
              {summary}
            </p>
            {report.unattemptedQuestions > 0 ? (
              <p className="text-slate-600 dark:text-slate-300">
                {report.unattemptedQuestions} {report.unattemptedQuestions === 1 ? "question has" : "questions have"} no first attempts yet.
              </p>
            ) : null}
            <p className="text-slate-600 dark:text-slate-300" data-testid="statistics-age">
              {statisticsAge(data.statisticsAgeMs)}
            </p>
          </div>
          {data.rows.length > 0 ? (
            <ItemAnalysisTable rows={data.rows} query={{ ...query, page: data.page }} caption={`Item statistics for ${place}${query.flagged ? ", flagged only" : ""}`} />
          ) : null}
          {data.pageCount > 1 ? (
            <Pager label="Pages" page={data.page} pageCount={data.pageCount} hrefFor={(page) => itemAnalysisHref({ ...query, page })} />
          ) : null}
        </>
      )}
      <ItemAnalysisHelp />
    </main>
  );
}
