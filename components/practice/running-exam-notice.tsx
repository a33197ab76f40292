import Link from "next/link";

export type RunningExamSummary = { id: string; questionCount: number };

/**
 * Practice holds back the questions of the student's running mock exams
 * (decision 0006); this says so and leads back to the exam, so a question
 * missing from practice, or an empty practice page, is never a mystery.
 */
export function RunningExamNotice({ exams }: { exams: readonly RunningExamSummary[] }) {
  const first = exams[0];
  if (first === undefined) return null;
  const held = exams.reduce((sum, exam) => sum + exam.questionCount, 0);
  const single = exams.length === 1;
  return (
    <p
      role="note"
      data-testid="running-exam-notice"
      className="mb-4 rounded-lg border border-amber-300 bg-amber-50 px-4 py-3 text-sm text-slate-800 dark:border-amber-700 dark:bg-amber-950 dark:text-slate-100"
    >
      {single
        ? `You have a mock exam running: its ${String(held)} questions stay out of practice until you submit it. `
        : `You have ${String(exams.length)} mock exams running: their ${String(held)} questions stay out of practice until you submit them. `}
      <Link href={single ? `/practice/mock/${first.id}` : "/practice/mock"} className="font-medium text-brand-700 underline dark:text-brand-300">
        {single ? "Continue the exam" : "See your mock exams"}
      </Link>
    </p>
  );
}
