"use client";

import Link from "next/link";
import { useActionState, useCallback } from "react";
import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { formatCalendarDate } from "@/components/ui/format-date";
import { TextField } from "@/components/ui/text-field";
import { CONNECTION_LOST, useReachableAction } from "@/components/ui/use-reachable-action";
import type { ActionResult } from "@/lib/server/action-client";
import type { JoinResult } from "@/lib/services/classes";

type JoinFormProps = { action: (form: FormData) => Promise<ActionResult<JoinResult>>; code?: string | undefined };

type JoinFormState = { result: ActionResult<JoinResult> | null; code: string };

function typedCode(form: FormData): string {
  const typed = form.get("code");
  return typeof typed === "string" ? typed : "";
}

const lostJoin = (_previous: JoinFormState, form: FormData): JoinFormState => ({ result: CONNECTION_LOST, code: typedCode(form) });

export function JoinForm({ action, code }: JoinFormProps) {
  const join = useCallback(async (_previous: JoinFormState, form: FormData): Promise<JoinFormState> => ({ result: await action(form), code: typedCode(form) }), [action]);
  // A post that got no answer keeps the code typed; joining twice changes nothing.
  const [state, formAction, pending] = useActionState<JoinFormState, FormData>(useReachableAction(join, lostJoin), { result: null, code: code ?? "" });
  const result = state.result;
  if (result?.ok) {
    const { className, alreadyMember, examDateAdopted } = result.data;
    return (
      <div className="mt-6 space-y-4">
        <Alert tone="success">
          {alreadyMember ? `You are already in ${className}.` : `You joined ${className}.`}
          {examDateAdopted ? ` Your exam date is now ${formatCalendarDate(new Date(examDateAdopted), "long")}, the class's.` : ""}
        </Alert>
        <Link href="/practice" className="inline-block rounded-lg bg-brand-600 px-4 py-2 text-sm font-semibold text-white hover:bg-brand-700">
          Start practice
        </Link>
      </div>
    );
  }
  const failure = result && !result.ok ? result : null;
  return (
    <form action={formAction} className="mt-6 space-y-4" noValidate>
      {failure ? <Alert tone="error">{failure.error}</Alert> : null}
      <TextField
        label="Class code"
        name="code"
        autoComplete="off"
        autoCapitalize="characters"
        spellCheck={false}
        required
        defaultValue={state.code}
        hint="8 letters and digits, from your instructor."
        errors={failure?.fieldErrors?.code}
      />
      <Button type="submit" disabled={pending}>
        {pending ? "Joining…" : "Join class"}
      </Button>
    </form>
  );
}
