"use client";

import { useActionState, useEffect, useId, useRef } from "react";
import type { ReportFormState } from "@/app/practice/actions";
import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { useHydrated } from "@/components/ui/use-hydrated";
import { CONNECTION_LOST, useReachableAction } from "@/components/ui/use-reachable-action";
import { PROBLEM_CATEGORIES } from "@/lib/validation/practice-modes";

type ReportProblemProps = {
  /** The presentation (of the signed-in student) whose question version is reported. */
  presentationId: string;
  /** reportProblemAction from app/practice/actions.ts. */
  action: (previous: ReportFormState, form: FormData) => Promise<ReportFormState>;
  /** Already sent (e.g. a no-JavaScript post came back): show the thanks instead of the form. */
  sent?: boolean;
  /** On a mock exam's results: the exam, so a post made before JavaScript returns to its results. */
  mockExamId?: string;
};

/**
 * "Report a problem" with a question: a disclosure holding a small form
 * (category and a short reason). Usable anywhere a presentation is shown:
 * practice, and a mock exam's results.
 */
export function ReportProblem({ presentationId, action, sent = false, mockExamId }: ReportProblemProps) {
  const [state, formAction, pending] = useActionState(useReachableAction(action, CONNECTION_LOST), null);
  const hydrated = useHydrated();
  const id = useId();
  const thanksRef = useRef<HTMLDivElement>(null);
  const failure = state?.ok === false ? state : null;
  const reasonError = failure?.fieldErrors?.reason?.[0];
  const categoryError = failure?.fieldErrors?.category?.[0];
  const sentHere = state?.ok === true;
  const done = sent || sentHere;

  // The form (and the focused Send button) is replaced by the thanks: focus follows it.
  useEffect(() => {
    if (sentHere) thanksRef.current?.focus();
  }, [sentHere]);
  return (
    <details className="group rounded-lg border border-slate-200 text-sm dark:border-slate-700" data-testid="report-problem" open={failure !== null || done || undefined}>
      <summary className="cursor-pointer rounded-lg px-3 py-2 font-medium text-slate-700 hover:bg-slate-50 dark:text-slate-200 dark:hover:bg-slate-800">
        Report a problem with this question
      </summary>
      <div className="border-t border-slate-200 p-3 dark:border-slate-700">
        {done ? (
          <div ref={thanksRef} tabIndex={-1}>
            <Alert tone="success">Thank you: your report was sent. An instructor will look at this question.</Alert>
          </div>
        ) : (
          <form action={formAction} className="space-y-3" noValidate>
            <input type="hidden" name="presentationId" value={presentationId} />
            {mockExamId ? <input type="hidden" name="mockExamId" value={mockExamId} /> : null}
            {hydrated ? <input type="hidden" name="enhanced" value="1" /> : null}
            {failure ? <Alert tone="error">{failure.error}</Alert> : null}
            <fieldset className="min-w-0" aria-describedby={categoryError ? `${id}-category-error` : undefined}>
              <legend className="font-medium text-slate-800 dark:text-slate-100">What kind of problem?</legend>
              <div className="mt-2 grid gap-1 sm:grid-cols-2">
                {PROBLEM_CATEGORIES.map((c) => (
                  <label key={c.value} className="flex items-center gap-2 text-slate-700 dark:text-slate-200">
                    <input type="radio" name="category" value={c.value} required />
                    {c.label}
                  </label>
                ))}
              </div>
              {categoryError ? (
                <p id={`${id}-category-error`} className="mt-1 text-xs text-red-700 dark:text-red-300">
                  {categoryError}
                </p>
              ) : null}
            </fieldset>
            <div className="space-y-1">
              <label htmlFor={`${id}-reason`} className="block font-medium text-slate-800 dark:text-slate-100">
                What is the problem?
              </label>
              <textarea
                id={`${id}-reason`}
                name="reason"
                rows={3}
                required
                minLength={10}
                maxLength={1000}
                aria-invalid={reasonError ? true : undefined}
                aria-describedby={reasonError ? `${id}-reason-error` : `${id}-reason-hint`}
                className={`block w-full rounded-lg border bg-white px-3 py-2 text-slate-900 dark:bg-slate-900 dark:text-slate-100 ${
                  reasonError ? "border-red-500" : "border-slate-300 dark:border-slate-600"
                }`}
              />
              {reasonError ? (
                <p id={`${id}-reason-error`} className="text-xs text-red-700 dark:text-red-300">
                  {reasonError}
                </p>
              ) : (
                <p id={`${id}-reason-hint`} className="text-xs text-slate-600 dark:text-slate-400">
                  10 to 1000 characters. An instructor reads every report.
                </p>
              )}
            </div>
            {/* Not `disabled` while sending: a disabled button drops keyboard focus to the page. */}
            <Button
              type="submit"
              variant="secondary"
              aria-disabled={pending || undefined}
              onClick={(event) => {
                if (pending) event.preventDefault();
              }}
            >
              {pending ? "Sending…" : "Send report"}
            </Button>
          </form>
        )}
      </div>
    </details>
  );
}
