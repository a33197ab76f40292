import type { Metadata } from "next";
import Link from "next/link";
import { PracticeModeNav } from "@/components/practice/practice-mode-nav";
import { requireUser } from "@/lib/server/access";
import { drillTopics } from "@/lib/services/practice-modes";

export const metadata: Metadata = { title: "Drill a topic" };

/** The subject's topics, each with how many of its questions the student has met, and a link to drill it. */
export default async function TopicsPage() {
  const user = await requireUser("/practice/topics");
  const { subjectName, topics } = await drillTopics(user.id);
  return (
    <main className="mx-auto max-w-3xl px-4 py-8 sm:px-6 sm:py-10">
      <div className="flex flex-wrap items-center justify-between gap-2">
        <h1 className="text-2xl font-bold text-slate-900 dark:text-slate-100">Drill a topic</h1>
        <PracticeModeNav />
      </div>
      <p className="mt-2 text-slate-600 dark:text-slate-300">
        {subjectName ? `${subjectName}: ` : ""}practise one topic at a time. The scheduler still orders its questions for you.
      </p>
      {topics.length === 0 ? (
        <p className="mt-6 text-slate-600 dark:text-slate-300">There are no topics yet.</p>
      ) : (
        <ul className="mt-6 space-y-3" data-testid="topic-list">
          {topics.map((topic) => (
            <li
              key={topic.id}
              className="flex flex-wrap items-center justify-between gap-3 rounded-xl border border-slate-200 bg-white p-4 dark:border-slate-700 dark:bg-slate-900"
              data-testid="topic-row"
            >
              <div className="min-w-0">
                <h2 className="font-semibold break-words text-slate-900 dark:text-slate-100">{topic.name}</h2>
                <p className="text-sm text-slate-600 dark:text-slate-300" data-testid="topic-progress">
                  Met {topic.met} of {topic.total} questions
                </p>
              </div>
              {topic.total > 0 ? (
                <Link
                  href={`/practice?topic=${encodeURIComponent(topic.slug)}`}
                  className="rounded-lg bg-brand-600 px-3 py-1.5 text-sm font-semibold text-white hover:bg-brand-700"
                  aria-label={`Drill this topic: ${topic.name}`}
                >
                  Drill this topic
                </Link>
              ) : (
                <span className="text-sm text-slate-600 dark:text-slate-300">No questions yet</span>
              )}
            </li>
          ))}
        </ul>
      )}
    </main>
  );
}
