"use client";

import { useState } from "react";
import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { TextField } from "@/components/ui/text-field";
import { postedFields, useResultAction } from "@/components/ui/use-reachable-action";
import type { ActionResult } from "@/lib/server/action-client";
import { formatTenths, parsePercentTenths, weightFieldName } from "@/lib/validation/topics";
import { TextAreaField } from "./subject-forms";

type Action<T> = (form: FormData) => Promise<ActionResult<T>>;

export function CreateTopicForm({ subjectSlug, action }: { subjectSlug: string; action: Action<{ id: string; slug: string }> }) {
  const [result, formAction, pending] = useResultAction(action);
  const failure = result && !result.ok ? result : null;
  const posted = postedFields(result);
  return (
    <form action={formAction} noValidate className="mt-3 grid gap-4 rounded-xl border border-slate-200 bg-white p-5 dark:border-slate-700 dark:bg-slate-900">
      <input type="hidden" name="subjectSlug" value={subjectSlug} />
      <TextField label="Topic name" name="name" id="new-topic-name" required maxLength={100} defaultValue={posted.name} errors={failure?.fieldErrors?.name} />
      <TextAreaField
        label="Description (optional)"
        name="description"
        id="new-topic-description"
        defaultValue={posted.description}
        errors={failure?.fieldErrors?.description}
      />
      <div>
        <Button type="submit" disabled={pending}>
          {pending ? "Adding…" : "Add topic"}
        </Button>
      </div>
      <div aria-live="polite">
        {result?.ok ? <Alert tone="success">Topic added with slug {result.data.slug} and weight 0%. Set its weight in the blueprint.</Alert> : null}
        {failure && !failure.fieldErrors ? <Alert tone="error">{failure.error}</Alert> : null}
      </div>
    </form>
  );
}

/** Rename and describe a topic; its slug does not change. */
export function EditTopicForm({ topic, action }: { topic: { id: string; name: string; description: string }; action: Action<{ name: string }> }) {
  const [result, formAction, pending] = useResultAction(action);
  const failure = result && !result.ok ? result : null;
  const posted = postedFields(result);
  return (
    <form action={formAction} noValidate className="mt-3 grid gap-3">
      <input type="hidden" name="topicId" value={topic.id} />
      <TextField
        label="Name"
        name="name"
        id={`name-${topic.id}`}
        required
        maxLength={100}
        defaultValue={posted.name ?? topic.name}
        errors={failure?.fieldErrors?.name}
      />
      <TextAreaField label="Description" name="description" id={`description-${topic.id}`} defaultValue={posted.description ?? topic.description} errors={failure?.fieldErrors?.description} />
      <div>
        <Button type="submit" variant="secondary" disabled={pending}>
          {pending ? "Saving…" : "Save"}
          <span className="sr-only"> {topic.name}</span>
        </Button>
      </div>
      <div aria-live="polite" className="text-sm">
        {result?.ok ? <span className="text-emerald-700 dark:text-emerald-400">Saved.</span> : null}
        {failure && !failure.fieldErrors ? <span className="text-red-700 dark:text-red-400">{failure.error}</span> : null}
      </div>
    </form>
  );
}

export function RemoveTopicButton({ topic, action }: { topic: { id: string; name: string }; action: Action<{ name: string }> }) {
  const [result, formAction, pending] = useResultAction(action);
  return (
    <form
      action={formAction}
      onSubmit={(event) => {
        if (!window.confirm(`Remove the topic “${topic.name}”? This cannot be undone.`)) event.preventDefault();
      }}
    >
      <input type="hidden" name="topicId" value={topic.id} />
      <button
        type="submit"
        disabled={pending}
        className="rounded-md px-2 py-1 text-sm text-red-700 hover:bg-red-50 disabled:text-slate-400 dark:text-red-400 dark:hover:bg-red-950"
      >
        {pending ? "Removing…" : <>Remove<span className="sr-only"> {topic.name}</span></>}
      </button>
      {result && !result.ok ? (
        <p role="alert" className="mt-1 text-sm text-red-700 dark:text-red-400">
          {result.error}
        </p>
      ) : null}
    </form>
  );
}

/** One percentage per topic; the running total is shown as you type, and the server checks it again. */
export function BlueprintForm({
  subjectSlug,
  topics,
  action,
}: {
  subjectSlug: string;
  topics: Array<{ id: string; name: string; percent: string }>;
  action: Action<void>;
}) {
  const [result, formAction, pending] = useResultAction(action);
  const failure = result && !result.ok ? result : null;
  const [values, setValues] = useState<Record<string, string>>(() => Object.fromEntries(topics.map((t) => [t.id, t.percent])));
  const parsed = topics.map((t) => parsePercentTenths(values[t.id] ?? ""));
  const total = parsed.every((p) => p !== null) ? parsed.reduce<number>((sum, p) => sum + (p ?? 0), 0) : null;
  return (
    <form action={formAction} noValidate className="mt-3 rounded-xl border border-slate-200 bg-white p-5 dark:border-slate-700 dark:bg-slate-900">
      <input type="hidden" name="subjectSlug" value={subjectSlug} />
      <fieldset>
        <legend className="text-sm text-slate-600 dark:text-slate-300">
          Share of the exam for each topic, in percent (whole numbers or one decimal, like 12.5). They must add up to 100.
        </legend>
        <div className="mt-3 grid gap-3 sm:grid-cols-2">
          {topics.map((t) => (
            <div key={t.id} className="flex items-end gap-2">
              <input type="hidden" name="topicId" value={t.id} />
              <div className="flex-1">
                <TextField
                  label={t.name}
                  name={weightFieldName(t.id)}
                  inputMode="decimal"
                  autoComplete="off"
                  value={values[t.id] ?? ""}
                  onChange={(event) => setValues((old) => ({ ...old, [t.id]: event.target.value }))}
                  errors={failure?.fieldErrors?.[weightFieldName(t.id)]}
                />
              </div>
              <span aria-hidden="true" className="pb-2 text-sm text-slate-600 dark:text-slate-300">
                %
              </span>
            </div>
          ))}
        </div>
      </fieldset>
      <p className="mt-4 text-sm font-medium text-slate-800 dark:text-slate-100" aria-live="polite" data-testid="blueprint-total">
        {total === null ? "Total: fix the entries marked above." : `Total: ${formatTenths(total)}%${total === 1000 ? " ✓" : " (must be 100%)"}`}
      </p>
      <div className="mt-3">
        <Button type="submit" disabled={pending}>
          {pending ? "Saving…" : "Save weights"}
        </Button>
      </div>
      <div className="mt-3" aria-live="polite">
        {result?.ok ? <Alert tone="success">Weights saved.</Alert> : null}
        {failure ? <Alert tone="error">{failure.error}</Alert> : null}
      </div>
    </form>
  );
}
