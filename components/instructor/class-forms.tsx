"use client";

import { useState } from "react";
import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { TextField } from "@/components/ui/text-field";
import { postedFields, useResultAction } from "@/components/ui/use-reachable-action";
import type { ActionResult } from "@/lib/server/action-client";

type Action<T> = (form: FormData) => Promise<ActionResult<T>>;

/** Creates a class; the action goes to the new class's page. The subject is asked for only when there is a choice. */
export function CreateClassForm({ action, subjects = [] }: { action: Action<void>; subjects?: Array<{ id: string; name: string }> }) {
  const [result, formAction, pending] = useResultAction(action);
  const failure = result && !result.ok ? result : null;
  const posted = postedFields(result);
  const subjectErrors = failure?.fieldErrors?.subjectId;
  return (
    <form action={formAction} className="mt-4 grid gap-4 rounded-xl border border-slate-200 bg-white p-5 sm:grid-cols-[2fr_1fr_auto] sm:items-end" noValidate>
      <TextField label="Class name" name="name" required maxLength={100} defaultValue={posted.name} errors={failure?.fieldErrors?.name} />
      <TextField label="Exam date (optional)" name="examDate" type="date" defaultValue={posted.examDate} errors={failure?.fieldErrors?.examDate} />
      {subjects.length > 1 ? (
        <div className="space-y-1 sm:col-span-3 sm:row-start-2">
          <label htmlFor="subjectId" className="block text-sm font-medium text-slate-700 dark:text-slate-200">
            Subject
          </label>
          <select
            id="subjectId"
            name="subjectId"
            aria-invalid={subjectErrors?.length ? true : undefined}
            aria-describedby={subjectErrors?.length ? "subjectId-error" : undefined}
            className="block w-full rounded-lg border border-slate-300 bg-white px-3 py-2 text-sm dark:border-slate-600 dark:bg-slate-900 dark:text-slate-100"
          >
            {subjects.map((s) => (
              <option key={s.id} value={s.id}>
                {s.name}
              </option>
            ))}
          </select>
          {subjectErrors?.length ? (
            <p id="subjectId-error" className="text-xs text-red-700">
              {subjectErrors.join(" ")}
            </p>
          ) : null}
        </div>
      ) : null}
      <Button type="submit" disabled={pending}>
        {pending ? "Creating…" : "Create class"}
      </Button>
      {failure && !failure.fieldErrors ? (
        <div className="sm:col-span-3">
          <Alert tone="error">{failure.error}</Alert>
        </div>
      ) : null}
    </form>
  );
}

/** The join code with a link to copy; regenerating asks first because the old code stops working. */
export function JoinCodePanel({ classId, joinCode, action }: { classId: string; joinCode: string; action: Action<{ joinCode: string }> }) {
  const [result, formAction, pending] = useResultAction(action);
  const [copied, setCopied] = useState(false);
  const code = result?.ok ? result.data.joinCode : joinCode;
  const path = `/join?code=${code}`;
  return (
    <section aria-labelledby="join-code-heading" className="rounded-xl border border-slate-200 bg-white p-5">
      <h2 id="join-code-heading" className="text-sm font-semibold text-slate-700">
        Join code
      </h2>
      <p className="mt-2 font-mono text-3xl tracking-widest text-slate-900" data-testid="join-code">
        {code.slice(0, 4)}-{code.slice(4)}
      </p>
      <p className="mt-2 text-sm text-slate-600">
        Students sign in and enter it at <code>/join</code>, or open the link:{" "}
        <code className="break-all" data-testid="join-link">
          {path}
        </code>
      </p>
      <div className="mt-4 flex flex-wrap gap-2">
        <Button
          type="button"
          variant="secondary"
          onClick={() => {
            void navigator.clipboard?.writeText(`${window.location.origin}${path}`).then(() => setCopied(true));
          }}
        >
          {copied ? "Link copied" : "Copy join link"}
        </Button>
        <form
          action={formAction}
          onSubmit={(event) => {
            if (!window.confirm("Make a new code? The current code stops working at once.")) event.preventDefault();
          }}
        >
          <input type="hidden" name="classId" value={classId} />
          <Button type="submit" variant="secondary" disabled={pending}>
            {pending ? "Regenerating…" : "Regenerate code"}
          </Button>
        </form>
      </div>
      <div aria-live="polite" className="mt-2 text-sm">
        {result?.ok ? <span className="text-emerald-700">New code made; the old one no longer works.</span> : null}
        {result && !result.ok ? <span className="text-red-700">{result.error}</span> : null}
      </div>
    </section>
  );
}

export function RemoveMemberButton({ classId, userId, name, action }: { classId: string; userId: string; name: string; action: Action<void> }) {
  const [result, formAction, pending] = useResultAction(action);
  return (
    <form
      action={formAction}
      onSubmit={(event) => {
        if (!window.confirm(`Remove ${name} from this class? Their own practice history stays theirs.`)) event.preventDefault();
      }}
    >
      <input type="hidden" name="classId" value={classId} />
      <input type="hidden" name="userId" value={userId} />
      <button type="submit" disabled={pending} className="rounded-md px-2 py-1 text-sm text-red-700 hover:bg-red-50 disabled:text-slate-400">
        {pending ? "Removing…" : <>Remove<span className="sr-only"> {name}</span></>}
      </button>
      {result && !result.ok ? (
        <span role="alert" className="text-xs text-red-700">
          {result.error}
        </span>
      ) : null}
    </form>
  );
}
