import { randomUUID } from "node:crypto";
import type { Metadata } from "next";
import Link from "next/link";
import { MockStartForm } from "@/components/practice/mock-start-form";
import { formatDateTime, formatScore } from "@/components/practice/mock-format";
import { requireUser } from "@/lib/server/access";
import { listMockExams } from "@/lib/services/mock-exam";
import { startMockExamAction } from "./actions";

export const metadata: Metadata = { title: "Mock exam" };

/** Start a mock exam; below, the student's past ones (results, or "Resume" while one runs). */
export default async function MockExamStartPage() {
  const user = await requireUser("/practice/mock");
  const exams = await listMockExams(user.id);
  return (
    <main className="mx-auto max-w-3xl px-4 py-8 sm:px-6 sm:py-10">
      <h1 className="text-3xl font-bold tracking-tight text-slate-900 dark:text-slate-100">Mock exam</h1>
      <p className="mt-2 text-slate-600 dark:text-slate-300">
        A timed run through questions drawn like the real exam. You can change answers and flag questions until you submit; you
        see your score, the answers and the explanations afterwards.
      </p>
      {/* A new token each time the page renders: the same form posted twice starts one exam. */}
      <MockStartForm action={startMockExamAction} startToken={randomUUID()} />

      <section aria-labelledby="past-heading" className="mt-10">
        <h2 id="past-heading" className="text-xl font-semibold text-slate-900 dark:text-slate-100">
          Your mock exams
        </h2>
        {exams.length === 0 ? (
          <p className="mt-2 text-sm text-slate-600 dark:text-slate-300">None yet.</p>
        ) : (
          <ul className="mt-3 divide-y divide-slate-200 rounded-xl border border-slate-200 bg-white dark:divide-slate-700 dark:border-slate-700 dark:bg-slate-900" data-testid="mock-exam-list">
            {exams.map((exam) => (
              <li key={exam.id} className="flex flex-wrap items-center justify-between gap-2 px-4 py-3 text-sm">
                <span className="text-slate-700 dark:text-slate-200">
                  {formatDateTime(exam.startedAt)} · {exam.questionCount} questions
                </span>
                {exam.submittedAt ? (
                  <span className="flex flex-wrap items-center gap-3">
                    <span className="font-semibold text-slate-900 dark:text-slate-100">{formatScore(exam.correctCount ?? 0, exam.questionCount)}</span>
                    <Link href={`/practice/mock/${exam.id}/results`} className="font-medium text-brand-700 underline dark:text-brand-300">
                      Results<span className="sr-only"> of the exam started {formatDateTime(exam.startedAt)}</span>
                    </Link>
                  </span>
                ) : (
                  <span className="flex flex-wrap items-center gap-3">
                    <span className="text-slate-600 dark:text-slate-300">In progress</span>
                    <Link href={`/practice/mock/${exam.id}`} className="font-medium text-brand-700 underline dark:text-brand-300">
                      Resume<span className="sr-only"> the exam started {formatDateTime(exam.startedAt)}</span>
                    </Link>
                  </span>
                )}
              </li>
            ))}
          </ul>
        )}
      </section>
    </main>
  );
}
