"use client";

import { Button } from "@/components/ui/button";
import { postedFields, useResultAction } from "@/components/ui/use-reachable-action";
import type { ActionResult } from "@/lib/server/action-client";
import { TextAreaField } from "./subject-forms";

type Action<T> = (form: FormData) => Promise<ActionResult<T>>;

/** Resolve (note optional) or dismiss (note required) one open report. */
export function ResolveReportForm({ reportId, action }: { reportId: string; action: Action<{ status: string }> }) {
  const [result, formAction, pending] = useResultAction(action);
  const failure = result && !result.ok ? result : null;
  if (result?.ok) {
    return (
      <p role="status" className="text-sm text-emerald-800 dark:text-emerald-300">
        {result.data.status === "DISMISSED" ? "Dismissed." : "Resolved."}
      </p>
    );
  }
  return (
    <form action={formAction} noValidate className="grid gap-2">
      <input type="hidden" name="reportId" value={reportId} />
      <TextAreaField label="Note (required to dismiss)" name="note" id={`note-${reportId}`} defaultValue={postedFields(result).note} errors={failure?.fieldErrors?.note} />
      <div className="flex flex-wrap gap-2">
        <Button type="submit" name="outcome" value="RESOLVED" disabled={pending}>
          Resolve
        </Button>
        <Button type="submit" name="outcome" value="DISMISSED" variant="secondary" disabled={pending}>
          Dismiss
        </Button>
      </div>
      {failure && !failure.fieldErrors?.note ? (
        <p role="alert" className="text-sm text-red-700 dark:text-red-400">
          {failure.error}
        </p>
      ) : null}
    </form>
  );
}
