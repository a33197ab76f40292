"use client";

import { useActionState } from "react";
import { ACTION_CONNECTION_LOST, useReachableAction } from "@/components/ui/use-reachable-action";
import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { TextField } from "@/components/ui/text-field";
import { PASSWORD_MIN_LENGTH } from "@/lib/validation/auth";
import type { AccountFormState } from "@/lib/validation/account";

type ChangePasswordFormProps = {
  action: (previous: AccountFormState, form: FormData) => Promise<AccountFormState>;
};

/** The current password, then the new one twice; the same rules as sign-up. */
export function ChangePasswordForm({ action }: ChangePasswordFormProps) {
  const [state, formAction, pending] = useActionState(useReachableAction(action, ACTION_CONNECTION_LOST), null);
  const fieldErrors = state?.ok === false ? (state.fieldErrors ?? {}) : {};
  return (
    <form action={formAction} className="space-y-4" noValidate aria-labelledby="change-password-heading">
      {state?.ok === false ? <Alert tone="error">{state.error}</Alert> : null}
      <TextField
        label="Current password"
        name="currentPassword"
        type="password"
        autoComplete="current-password"
        required
        errors={fieldErrors.currentPassword}
      />
      <TextField
        label="New password"
        name="newPassword"
        type="password"
        autoComplete="new-password"
        required
        errors={fieldErrors.newPassword}
        hint={`At least ${PASSWORD_MIN_LENGTH} characters; avoid common passwords.`}
      />
      <TextField
        label="New password again"
        name="confirmPassword"
        type="password"
        autoComplete="new-password"
        required
        errors={fieldErrors.confirmPassword}
      />
      <p className="text-sm text-slate-600 dark:text-slate-300">Every other browser and device where you are signed in will be signed out.</p>
      <Button type="submit" disabled={pending}>
        {pending ? "Changing…" : "Change password"}
      </Button>
    </form>
  );
}
