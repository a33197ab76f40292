import type { Metadata } from "next";
import Link from "next/link";
import { QuestionFilters } from "@/components/instructor/question-filters";
import { listHref, QuestionListTable } from "@/components/instructor/question-list-table";
import { requireStaff } from "@/lib/server/access";
import { listQuestions, questionListChoices } from "@/lib/services/question-list";
import { isFiltered, parseQuestionListQuery, questionListParams } from "@/lib/validation/question-list";

export const metadata: Metadata = { title: "Questions" };

type Props = { searchParams: Promise<Record<string, string | string[] | undefined>> };

export default async function QuestionsPage({ searchParams }: Props) {
  // The layout checks too, but a layout does not run for every request.
  const user = await requireStaff("/instructor/questions");
  const query = parseQuestionListQuery(await searchParams);
  const [list, choices] = await Promise.all([listQuestions(user, query), questionListChoices(user)]);
  const filters = questionListParams({ ...query, sort: undefined, dir: undefined, page: undefined }).toString();
  const summary =
    list.total === 0
      ? isFiltered(query)
        ? "No questions match."
        : "The bank is empty."
      : `${list.from}–${list.to} of ${list.total} ${list.total === 1 ? "question" : "questions"}`;

  return (
    <main>
      <h1 className="text-2xl font-bold text-slate-900 dark:text-slate-50">Questions</h1>
      <QuestionFilters query={query} choices={choices} />
      <div className="mt-4 flex flex-wrap items-center justify-between gap-3">
        <p role="status" className="text-sm text-slate-700 dark:text-slate-200">
          {summary}
        </p>
        <Link
          href={filters ? `/instructor/export?${filters}` : "/instructor/export"}
          className="text-sm font-semibold text-brand-700 hover:underline dark:text-brand-100"
        >
          {isFiltered(query) ? "Export these" : "Export the bank"}
        </Link>
      </div>
      {list.rows.length > 0 ? (
        <>
          <QuestionListTable rows={list.rows} query={{ ...query, page: list.page }} />
          <nav aria-label="Pages" className="mt-4 flex items-center justify-between gap-3 text-sm">
            {list.page > 1 ? (
              <Link href={listHref(query, { page: list.page - 1 })} rel="prev" className="font-semibold text-brand-700 hover:underline dark:text-brand-100">
                ← Previous
              </Link>
            ) : (
              <span />
            )}
            <span className="text-slate-600 dark:text-slate-300">
              Page {list.page} of {list.pageCount}
            </span>
            {list.page < list.pageCount ? (
              <Link href={listHref(query, { page: list.page + 1 })} rel="next" className="font-semibold text-brand-700 hover:underline dark:text-brand-100">
                Next →
              </Link>
            ) : (
              <span />
            )}
          </nav>
        </>
      ) : null}
    </main>
  );
}
