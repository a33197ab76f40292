import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { BlueprintForm, CreateTopicForm, EditTopicForm, RemoveTopicButton } from "@/components/instructor/topic-forms";
import { Alert } from "@/components/ui/alert";
import { ReachableForm } from "@/components/ui/reachable-form";
import { requireStaff } from "@/lib/server/access";
import { ActionError } from "@/lib/server/action-client";
import { getSubjectTopics } from "@/lib/services/topics";
import { BLUEPRINT_TOTAL_TENTHS, formatTenths, weightToTenths } from "@/lib/validation/topics";
import { createTopicAction, moveTopicAction, removeTopicAction, setBlueprintAction, updateTopicAction } from "../actions";

export const metadata: Metadata = { title: "Topics and blueprint" };

/** A move is not safe to repeat blindly: a second post moves the topic a second place. */
const MOVE_LOST = "The connection to the server failed, so the topic may or may not have moved. Reload the page to see the order before you try again.";

const MOVE_BUTTON =
  "rounded-md border border-slate-300 bg-white px-2 py-1 text-sm text-slate-800 hover:bg-slate-100 disabled:cursor-not-allowed disabled:text-slate-400 dark:border-slate-600 dark:bg-slate-800 dark:text-slate-100";

export default async function SubjectTopicsPage({ params }: { params: Promise<{ slug: string }> }) {
  const { slug } = await params;
  const user = await requireStaff(`/instructor/subjects/${encodeURIComponent(slug)}`);
  const { subject, topics, totalTenths } = await getSubjectTopics(user, slug).catch((error: unknown) => {
    if (error instanceof ActionError && error.code === "NOT_FOUND") notFound();
    throw error;
  });
  return (
    <main className="space-y-8">
      <div>
        <Link href="/instructor/subjects" className="text-sm text-brand-700 hover:underline">
          ← All subjects
        </Link>
        <h1 className="mt-2 text-2xl font-bold text-slate-900">{subject.name}: topics and blueprint</h1>
        <p className="mt-1 text-sm text-slate-600">
          Slug <code>{subject.slug}</code>
          {subject.description ? ` · ${subject.description}` : ""}
        </p>
        <details className="mt-3 max-w-3xl text-sm text-slate-600">
          <summary className="cursor-pointer font-medium text-slate-700">How edits here and the seed get along</summary>
          <p className="mt-2">
            A topic keeps its slug when you rename it, so imports and exports still find it. Running the seed (<code>npm run db:seed</code>) only
            creates bundled topics that do not exist yet, with the bank file&apos;s name and weight; it never changes a topic that exists, so your
            names, descriptions, weights and order stay. A bundled topic you removed comes back on the next seed with its bank weight: check that
            the total below is still 100%.
          </p>
        </details>
      </div>

      {topics.length > 0 && totalTenths !== BLUEPRINT_TOTAL_TENTHS ? (
        <Alert tone="info">
          The stored weights add up to {formatTenths(totalTenths)}%, not 100%. Set them in the blueprint below so they add up to 100%.
        </Alert>
      ) : null}

      <section aria-labelledby="topics-heading">
        <h2 id="topics-heading" className="text-lg font-semibold text-slate-900">
          {topics.length === 0 ? "No topics yet" : `${topics.length} ${topics.length === 1 ? "topic" : "topics"}, in exam order`}
        </h2>
        {topics.length > 0 ? (
          <ol className="mt-3 space-y-3">
            {topics.map((topic, index) => (
              <li
                key={topic.id}
                aria-label={topic.name}
                className="rounded-xl border border-slate-200 bg-white p-4 text-slate-800 dark:border-slate-700 dark:bg-slate-900 dark:text-slate-100"
              >
                <div className="flex flex-wrap items-start justify-between gap-3">
                  <div className="min-w-0">
                    <h3 className="font-semibold">
                      <span className="text-slate-500 dark:text-slate-400">{index + 1}.</span> {topic.name}
                    </h3>
                    <p className="mt-1 break-all text-xs text-slate-600 dark:text-slate-300">
                      <code>{topic.slug}</code> · {topic.questions} {topic.questions === 1 ? "question" : "questions"} ({topic.publishedQuestions}{" "}
                      published) · weight {formatTenths(weightToTenths(topic.weight))}%
                    </p>
                    {topic.description ? <p className="mt-1 text-sm text-slate-600 dark:text-slate-300">{topic.description}</p> : null}
                  </div>
                  <div className="flex flex-wrap items-start gap-2">
                    <ReachableForm action={moveTopicAction} lost={MOVE_LOST}>
                      <input type="hidden" name="topicId" value={topic.id} />
                      <input type="hidden" name="direction" value="up" />
                      <button type="submit" className={MOVE_BUTTON} disabled={index === 0}>
                        Move up<span className="sr-only"> {topic.name}</span>
                      </button>
                    </ReachableForm>
                    <ReachableForm action={moveTopicAction} lost={MOVE_LOST}>
                      <input type="hidden" name="topicId" value={topic.id} />
                      <input type="hidden" name="direction" value="down" />
                      <button type="submit" className={MOVE_BUTTON} disabled={index === topics.length - 1}>
                        Move down<span className="sr-only"> {topic.name}</span>
                      </button>
                    </ReachableForm>
                    <RemoveTopicButton topic={topic} action={removeTopicAction} />
                  </div>
                </div>
                <details className="mt-2">
                  <summary className="cursor-pointer text-sm font-medium text-brand-700 dark:text-brand-100">
                    Rename or describe<span className="sr-only"> {topic.name}</span>
                  </summary>
                  <EditTopicForm topic={topic} action={updateTopicAction} />
                </details>
              </li>
            ))}
          </ol>
        ) : (
          <p className="mt-2 text-sm text-slate-600">Add the first topic below.</p>
        )}
      </section>

      {topics.length > 0 ? (
        <section aria-labelledby="blueprint-heading">
          <h2 id="blueprint-heading" className="text-lg font-semibold text-slate-900">
            Blueprint
          </h2>
          <BlueprintForm
            key={topics.map((t) => t.id).join()}
            subjectSlug={subject.slug}
            topics={topics.map((t) => ({ id: t.id, name: t.name, percent: formatTenths(weightToTenths(t.weight)) }))}
            action={setBlueprintAction}
          />
        </section>
      ) : null}

      <section aria-labelledby="new-topic-heading">
        <h2 id="new-topic-heading" className="text-lg font-semibold text-slate-900">
          Add a topic
        </h2>
        <CreateTopicForm subjectSlug={subject.slug} action={createTopicAction} />
      </section>
    </main>
  );
}
