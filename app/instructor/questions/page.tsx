import type { Metadata } from "next";
import Link from "next/link";
import { QuestionFilters } from "@/components/instructor/question-filters";
import { listHref, QuestionListTable } from "@/components/instructor/question-list-table";
import { requireStaff } from "@/lib/server/access";
import { listQuestions, questionListChoices } from "@/lib/services/question-list";
import { isFiltered, parseQuestionListQuery, questionListParams } from "@/lib/validation/question-list";
import { Pager } from "@/components/ui/pager";

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
          <Pager label="Pages" page={list.page} pageCount={list.pageCount} hrefFor={(page) => listHref(query, { page })} />
        </>
      ) : null}
    </main>
  );
}
