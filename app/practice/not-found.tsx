import Link from "next/link";

/** Practice's own not-found page: an unknown question, topic or mode gets a way back. */
export default function PracticeNotFound() {
  return (
    <main className="mx-auto max-w-lg px-6 py-24 text-center">
      <h1 className="text-2xl font-bold text-slate-900 dark:text-slate-100">Not found in practice</h1>
      <p className="mt-3 text-slate-600 dark:text-slate-300">
        There is no such question, topic or practice mode, or it is not yours. Choose a topic from the list or go back to practice.
      </p>
      <div className="mt-8 flex flex-wrap justify-center gap-3">
        <Link href="/practice/topics" className="rounded-lg bg-brand-600 px-4 py-2 text-sm font-semibold text-white hover:bg-brand-700">
          Choose a topic
        </Link>
        <Link
          href="/practice"
          className="rounded-lg border border-slate-300 bg-white px-4 py-2 text-sm font-semibold text-slate-800 hover:bg-slate-100 dark:border-slate-600 dark:bg-slate-900 dark:text-slate-100 dark:hover:bg-slate-800"
        >
          Adaptive practice
        </Link>
      </div>
    </main>
  );
}
