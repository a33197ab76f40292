"use client";

import { useActionState } from "react";
import { ACTION_CONNECTION_LOST, CONNECTION_LOST, useReachableAction } from "@/components/ui/use-reachable-action";
import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";

type SimpleFormState = { ok: false; error: string; fieldErrors?: Record<string, string[] | undefined> } | null;
type FormAction = (previous: SimpleFormState, form: FormData) => Promise<SimpleFormState>;

/** One-click status change (publish, retire...): a plain form, so it works without JavaScript. */
export function StatusButton({ questionId, status, label, action }: { questionId: string; status: string; label: string; action: FormAction }) {
  const [state, formAction, pending] = useActionState(useReachableAction(action, CONNECTION_LOST), null);
  return (
    <form action={formAction} className="inline">
      <input type="hidden" name="questionId" value={questionId} />
      <input type="hidden" name="status" value={status} />
      <Button type="submit" variant="secondary" disabled={pending}>
        {label}
      </Button>
      {state ? (
        <span role="alert" className="ml-2 text-sm text-red-700 dark:text-red-400">
          {state.error}
        </span>
      ) : null}
    </form>
  );
}

/**
 * Deleting asks for a ticked confirmation in the same form (no script
 * needed); the server refuses a question with answers and says to retire it.
 */
export function DeleteQuestionForm({ questionId, slug, action }: { questionId: string; slug: string; action: FormAction }) {
  const [state, formAction, pending] = useActionState(useReachableAction(action, ACTION_CONNECTION_LOST), null);
  const confirmError = state?.fieldErrors?.confirm?.[0];
  return (
    <form action={formAction} className="space-y-3" noValidate>
      <input type="hidden" name="questionId" value={questionId} />
      <div>
        <label className="flex items-start gap-2 text-sm text-slate-800 dark:text-slate-200">
          <input
            type="checkbox"
            name="confirm"
            id="confirm-delete"
            className="mt-1"
            aria-invalid={Boolean(confirmError) || undefined}
            aria-describedby={confirmError ? "confirm-delete-error" : undefined}
          />
          I understand that deleting {slug} removes it and its versions for good.
        </label>
        {confirmError ? (
          <p id="confirm-delete-error" className="mt-1 text-xs text-red-700 dark:text-red-400">
            <span className="font-semibold">Error:</span> {confirmError}
          </p>
        ) : null}
      </div>
      {state && !confirmError ? <Alert tone="error">{state.error}</Alert> : null}
      <button
        type="submit"
        disabled={pending}
        className="rounded-lg border border-red-300 bg-white px-4 py-2 text-sm font-semibold text-red-800 hover:bg-red-50 disabled:text-slate-400 dark:bg-slate-900 dark:text-red-300"
      >
        {pending ? "Deleting…" : "Delete question"}
      </button>
    </form>
  );
}
