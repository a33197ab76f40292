"use client";

import { useActionState, useRef, useState } from "react";
import { ACTION_CONNECTION_LOST, useReachableAction } from "@/components/ui/use-reachable-action";
import type { ResetLinkFormState } from "@/lib/validation/account";

type ResetLinkFormProps = {
  userId: string;
  userName: string;
  action: (previous: ResetLinkFormState, form: FormData) => Promise<ResetLinkFormState>;
};

/** Creates a one-time password-reset link for a user and shows it once, for the admin to pass on. */
export function ResetLinkForm({ userId, userName, action }: ResetLinkFormProps) {
  const [state, formAction, pending] = useActionState(useReachableAction(action, ACTION_CONNECTION_LOST), null);
  const [copied, setCopied] = useState(false);
  const field = useRef<HTMLInputElement>(null);
  const fieldId = `reset-link-${userId}`;

  async function copy(url: string) {
    // Plain-http sites have no clipboard API: select the link so the admin can copy it by hand.
    field.current?.select();
    try {
      await navigator.clipboard.writeText(url);
      setCopied(true);
    } catch {
      setCopied(false);
    }
  }

  return (
    <div className="w-full space-y-2">
      <form action={formAction} onSubmit={() => setCopied(false)}>
        <input type="hidden" name="userId" value={userId} />
        <button
          type="submit"
          disabled={pending}
          className="rounded-md border border-slate-300 px-2 py-1 hover:bg-slate-100 disabled:text-slate-400"
        >
          {pending ? "Creating…" : "Create reset link"}
          <span className="sr-only"> for {userName}</span>
        </button>
      </form>
      {state?.ok === false ? (
        <p role="alert" className="text-xs text-red-700">
          {state.error}
        </p>
      ) : null}
      {state?.ok ? (
        <div role="status" className="space-y-1 rounded-md border border-amber-300 bg-amber-50 p-2 text-xs text-slate-800">
          <label htmlFor={fieldId} className="block font-medium">
            Reset link for {state.name} ({state.email})
          </label>
          <div className="flex gap-2">
            <input
              ref={field}
              id={fieldId}
              readOnly
              value={state.url}
              data-testid="reset-link"
              onFocus={(event) => event.currentTarget.select()}
              className="min-w-0 flex-1 rounded border border-slate-300 bg-white px-2 py-1 font-mono"
            />
            <button type="button" onClick={() => void copy(state.url)} className="rounded-md border border-slate-300 bg-white px-2 py-1 hover:bg-slate-100">
              {copied ? "Copied" : "Copy"}
            </button>
          </div>
          <p>
            Copy it now: it is shown only this once. It works once, until {new Date(state.expiresAt).toUTCString()}, and replaces any
            earlier link for this user.
          </p>
        </div>
      ) : null}
    </div>
  );
}
