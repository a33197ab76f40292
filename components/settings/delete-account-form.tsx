"use client";

import { useActionState } from "react";
import { ACTION_CONNECTION_LOST, useReachableAction } from "@/components/ui/use-reachable-action";
import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { TextField } from "@/components/ui/text-field";
import { DELETE_CONFIRMATION, type AccountFormState } from "@/lib/validation/account";

export type DeletionNotice = {
  /** Why the account cannot be deleted now, or null. */
  blockedBy: string | null;
  classesHandedOver: string[];
  emptyClasses: number;
};

type DeleteAccountFormProps = {
  notice: DeletionNotice;
  exportHref: string;
  action: (previous: AccountFormState, form: FormData) => Promise<AccountFormState>;
};

/** Offers the data export first, then deletion after the password and an explicit phrase. */
export function DeleteAccountForm({ notice, exportHref, action }: DeleteAccountFormProps) {
  const [state, formAction, pending] = useActionState(useReachableAction(action, ACTION_CONNECTION_LOST), null);
  const fieldErrors = state?.ok === false ? (state.fieldErrors ?? {}) : {};
  return (
    <div className="space-y-4">
      <p className="text-sm text-slate-700 dark:text-slate-200">
        Before you go, you can keep a copy of everything the app holds about you: your profile, answers, memory of each question,
        bookmarks, study days, mock exams and problem reports, as one JSON file.
      </p>
      <a
        href={exportHref}
        download
        className="inline-flex items-center rounded-lg border border-slate-300 px-4 py-2 text-sm font-semibold text-slate-800 hover:bg-slate-100 dark:border-slate-600 dark:text-slate-100 dark:hover:bg-slate-800"
      >
        Download my data
      </a>
      <p className="text-sm text-slate-700 dark:text-slate-200">
        Deleting your account removes your answers, progress, bookmarks, study plan, mock exams, problem reports and class memberships for
        good, and signs you out everywhere. Questions you wrote stay in the bank without your name.
      </p>
      {notice.classesHandedOver.length > 0 ? (
        <p className="text-sm text-slate-700 dark:text-slate-200" data-testid="classes-handed-over">
          Your {notice.classesHandedOver.length === 1 ? "class" : "classes"} with students ({notice.classesHandedOver.join(", ")}) will be handed
          to an admin.
          {notice.emptyClasses > 0 ? ` Your ${notice.emptyClasses === 1 ? "empty class is" : `${notice.emptyClasses} empty classes are`} deleted.` : null}
        </p>
      ) : notice.emptyClasses > 0 ? (
        <p className="text-sm text-slate-700 dark:text-slate-200">
          Your {notice.emptyClasses === 1 ? "empty class is" : `${notice.emptyClasses} empty classes are`} deleted too.
        </p>
      ) : null}
      {notice.blockedBy ? (
        <Alert tone="info">{notice.blockedBy}</Alert>
      ) : (
        <form action={formAction} className="space-y-4" noValidate aria-labelledby="delete-account-heading">
          {state?.ok === false ? <Alert tone="error">{state.error}</Alert> : null}
          <TextField
            label="Your password"
            id="delete-password"
            name="password"
            type="password"
            autoComplete="current-password"
            required
            errors={fieldErrors.password}
          />
          <TextField
            label={`Type "${DELETE_CONFIRMATION}" to confirm`}
            name="confirmation"
            autoComplete="off"
            spellCheck={false}
            required
            errors={fieldErrors.confirmation}
          />
          <Button type="submit" variant="danger" disabled={pending}>
            {pending ? "Deleting…" : "Delete my account"}
          </Button>
        </form>
      )}
    </div>
  );
}
