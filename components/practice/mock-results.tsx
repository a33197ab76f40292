import Link from "next/link";
import type { MockExamResults } from "@/lib/services/mock-exam";
import { formatDateTime, formatDuration, formatScore } from "./mock-format";

function CheckIcon() {
  return (
    <svg aria-hidden="true" viewBox="0 0 20 20" className="h-4 w-4 shrink-0" fill="currentColor">
      <path d="M7.6 14.2 3.4 10l1.4-1.4 2.8 2.8 7.6-7.6 1.4 1.4z" />
    </svg>
  );
}

function CrossIcon() {
  return (
    <svg aria-hidden="true" viewBox="0 0 20 20" className="h-4 w-4 shrink-0" fill="currentColor">
      <path d="m5.05 3.64 4.95 4.95 4.95-4.95 1.41 1.41L11.41 10l4.95 4.95-1.41 1.41L10 11.41l-4.95 4.95-1.41-1.41L8.59 10 3.64 5.05z" />
    </svg>
  );
}

function Verdict({ item }: { item: MockExamResults["items"][number] }) {
  if (item.chosenOptionId === null) {
    return <span className="rounded-full bg-slate-200 px-2 py-0.5 text-slate-900">Not answered</span>;
  }
  return item.correct ? (
    <span className="inline-flex items-center gap-1 rounded-full bg-emerald-100 px-2 py-0.5 text-emerald-900">
      <CheckIcon /> Correct
    </span>
  ) : (
    <span className="inline-flex items-center gap-1 rounded-full bg-red-100 px-2 py-0.5 text-red-900">
      <CrossIcon /> Incorrect
    </span>
  );
}

/** A submitted mock exam: score, topics, time, then every item with the key and the reasons. */
export function MockResults({ results }: { results: MockExamResults }) {
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
              <p className="mt-2 leading-relaxed break-words text-slate-900 dark:text-slate-100">{item.stem}</p>
              <ul className="mt-4 space-y-2">
                {item.options.map((option) => {
                  const chosen = option.id === item.chosenOptionId;
                  const tone = option.correct
                    ? "border-emerald-600 bg-emerald-50 dark:bg-emerald-950"
                    : chosen
                      ? "border-red-500 bg-red-50 dark:bg-red-950"
                      : "border-slate-200 dark:border-slate-700";
                  return (
                    <li key={option.id} className={`rounded-xl border-2 p-3 ${tone}`} data-testid="result-option">
                      <p className="flex items-start gap-2">
                        <span className="font-semibold text-slate-600 dark:text-slate-300">{option.letter}.</span>
                        <span className="min-w-0 break-words text-slate-900 dark:text-slate-100">{option.text}</span>
                      </p>
                      <p className="mt-1 flex flex-wrap gap-2 text-xs font-semibold">
                        {option.correct ? (
                          <span className="inline-flex items-center gap-1 rounded-full bg-emerald-100 px-2 py-0.5 text-emerald-900">
                            <CheckIcon /> Correct answer
                          </span>
                        ) : null}
                        {chosen ? <span className="rounded-full bg-slate-200 px-2 py-0.5 text-slate-900">Your answer</span> : null}
                      </p>
                      <p className="mt-1 text-sm text-slate-700 dark:text-slate-300" data-testid="option-feedback">
                        {option.feedback}
                      </p>
                    </li>
                  );
                })}
              </ul>
              {item.chosenOptionId === null ? <p className="mt-3 text-sm font-medium text-slate-700 dark:text-slate-300">You did not answer this question.</p> : null}
              <div className="mt-3 rounded-xl bg-slate-50 p-3 dark:bg-slate-800">
                <h4 className="text-sm font-semibold text-slate-900 dark:text-slate-100">Explanation</h4>
                <p className="mt-1 text-sm leading-relaxed break-words text-slate-700 dark:text-slate-300" data-testid="explanation">
                  {item.explanation}
                </p>
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
