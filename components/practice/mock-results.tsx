import Link from "next/link";
import type { ComponentProps } from "react";
import type { MockExamResults } from "@/lib/services/mock-exam";
import { formatDateTime, formatDuration, formatScore } from "./mock-format";
import { CheckIcon, CrossIcon, ExplanationPanel, ResultOptions } from "./question-view";
import { ReportProblem } from "./report-problem";

function Verdict({ item }: { item: MockExamResults["items"][number] }) {
  if (item.chosenOptionId === null) {
    return <span className="rounded-full bg-slate-200 px-2 py-0.5 text-slate-900 dark:bg-slate-700 dark:text-slate-100">Not answered</span>;
  }
  return item.correct ? (
    <span className="inline-flex items-center gap-1 rounded-full bg-emerald-100 px-2 py-0.5 text-emerald-900 dark:bg-emerald-900 dark:text-emerald-100">
      <CheckIcon /> Correct
    </span>
  ) : (
    <span className="inline-flex items-center gap-1 rounded-full bg-red-100 px-2 py-0.5 text-red-900 dark:bg-red-900 dark:text-red-100">
      <CrossIcon /> Incorrect
    </span>
  );
}

type MockResultsProps = {
  results: MockExamResults;
  /** reportProblemAction from app/practice/actions.ts: "Report a problem" on each item. */
  reportAction: ComponentProps<typeof ReportProblem>["action"];
  /** The item whose report a post made before JavaScript has just sent (its form shows the thanks). */
  reportedPresentationId?: string | null;
};

/**
 * A submitted mock exam: score, topics, time, then every item as the practice
 * screen shows an answered question (the key, every option's feedback, the
 * explanation), each with "Report a problem".
 */
export function MockResults({ results, reportAction, reportedPresentationId = null }: MockResultsProps) {
  return (
    <div className="space-y-8">
      <div>
        <h1 className="text-3xl font-bold tracking-tight text-slate-900 dark:text-slate-100">Mock exam results</h1>
        <p className="mt-1 text-sm text-slate-600 dark:text-slate-300">
          {results.subjectName} · started {formatDateTime(results.startedAt)}
        </p>
      </div>

      <div role="status" className="rounded-xl border border-slate-200 bg-white p-5 dark:border-slate-700 dark:bg-slate-900" data-testid="mock-score">
        <p className="text-2xl font-bold text-slate-900 dark:text-slate-100">Score: {formatScore(results.correctCount, results.questionCount)}</p>
        <dl className="mt-3 grid grid-cols-1 gap-2 text-sm text-slate-700 sm:grid-cols-3 dark:text-slate-200">
          <div>
            <dt className="text-slate-600 dark:text-slate-400">Answered</dt>
            <dd className="font-semibold">
              {results.answeredCount} of {results.questionCount}
            </dd>
          </div>
          <div>
            <dt className="text-slate-600 dark:text-slate-400">Time used</dt>
            <dd className="font-semibold" data-testid="time-used">
              {formatDuration(results.timeUsedSec)}
            </dd>
          </div>
          <div>
            <dt className="text-slate-600 dark:text-slate-400">Ended</dt>
            <dd className="font-semibold">{results.endedBy === "expired" ? "Time ran out" : "Submitted by you"}</dd>
          </div>
        </dl>
      </div>

      <section aria-labelledby="topics-heading">
        <h2 id="topics-heading" className="text-xl font-semibold text-slate-900 dark:text-slate-100">
          By topic
        </h2>
        <div className="mt-3 overflow-x-auto">
          <table className="w-full text-left text-sm" data-testid="topic-breakdown">
            <thead>
              <tr className="border-b border-slate-200 text-slate-600 dark:border-slate-700 dark:text-slate-300">
                <th scope="col" className="py-2 pr-4 font-medium">
                  Topic
                </th>
                <th scope="col" className="py-2 pr-4 font-medium">
                  Correct
                </th>
                <th scope="col" className="py-2 font-medium">
                  Score
                </th>
              </tr>
            </thead>
            <tbody>
              {results.topics.map((topic) => (
                <tr key={topic.topicName} className="border-b border-slate-100 text-slate-800 dark:border-slate-800 dark:text-slate-200">
                  <th scope="row" className="py-2 pr-4 font-normal">
                    {topic.topicName}
                  </th>
                  <td className="py-2 pr-4">
                    {topic.correct} of {topic.total}
                  </td>
                  <td className="py-2">{Math.round((topic.correct / topic.total) * 100)}%</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      </section>

      <section aria-labelledby="items-heading">
        <h2 id="items-heading" className="text-xl font-semibold text-slate-900 dark:text-slate-100">
          Every question
        </h2>
        <ol className="mt-3 space-y-6">
          {results.items.map((item) => (
            <li key={item.position} className="rounded-2xl border border-slate-200 bg-white p-4 sm:p-6 dark:border-slate-700 dark:bg-slate-900" data-testid="result-item">
              <h3 className="flex flex-wrap items-center gap-2 text-sm font-semibold">
                <span className="text-slate-900 dark:text-slate-100">Question {item.position + 1}</span>
                <span className="text-xs tracking-wide text-brand-700 uppercase dark:text-brand-300">{item.topicName}</span>
                <Verdict item={item} />
              </h3>
              <ResultOptions
                stem={item.stem}
                name={`item-${item.position + 1}`}
                result={{ correct: item.correct, chosenOptionId: item.chosenOptionId, options: item.options, others: item.others }}
              />
              {item.chosenOptionId === null ? <p className="mt-3 text-sm font-medium text-slate-700 dark:text-slate-300">You did not answer this question.</p> : null}
              <div className="mt-3">
                <ExplanationPanel explanation={item.explanation} headingLevel={4} />
              </div>
              <div className="mt-3">
                <ReportProblem
                  presentationId={item.presentationId}
                  action={reportAction}
                  mockExamId={results.examId}
                  sent={item.presentationId === reportedPresentationId}
                />
              </div>
            </li>
          ))}
        </ol>
      </section>

      <p className="flex flex-wrap gap-4">
        <Link href="/practice/mock" className="rounded-lg bg-brand-600 px-4 py-2 text-sm font-semibold text-white hover:bg-brand-700">
          Start another mock exam
        </Link>
        <Link href="/" className="px-1 py-2 text-sm font-medium text-brand-700 underline dark:text-brand-300">
          Back to Today
        </Link>
      </p>
    </div>
  );
}
