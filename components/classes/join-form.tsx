"use client";

import Link from "next/link";
import { useActionState } from "react";
import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { formatCalendarDate } from "@/components/ui/format-date";
import { TextField } from "@/components/ui/text-field";
import type { ActionResult } from "@/lib/server/action-client";
import type { JoinResult } from "@/lib/services/classes";

type JoinFormProps = { action: (form: FormData) => Promise<ActionResult<JoinResult>>; code?: string | undefined };

export function JoinForm({ action, code }: JoinFormProps) {
  const [state, formAction, pending] = useActionState<{ result: ActionResult<JoinResult> | null; code: string }, FormData>(
    async (_previous, form) => {
      const typed = form.get("code");
      return { result: await action(form), code: typeof typed === "string" ? typed : "" };
    },
    { result: null, code: code ?? "" },
  );
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
