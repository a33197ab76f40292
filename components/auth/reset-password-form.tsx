"use client";

import { useActionState } from "react";
import { ACTION_CONNECTION_LOST, useReachableAction } from "@/components/ui/use-reachable-action";
import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { TextField } from "@/components/ui/text-field";
import { PASSWORD_MIN_LENGTH } from "@/lib/validation/auth";
import type { AccountFormState } from "@/lib/validation/account";

type ResetPasswordFormProps = {
  token: string;
  email: string;
  action: (previous: AccountFormState, form: FormData) => Promise<AccountFormState>;
};

/** The new password twice, for the account the reset link belongs to. */
export function ResetPasswordForm({ token, email, action }: ResetPasswordFormProps) {
  const [state, formAction, pending] = useActionState(useReachableAction(action, ACTION_CONNECTION_LOST), null);
  const fieldErrors = state?.ok === false ? (state.fieldErrors ?? {}) : {};
  const failure = state?.ok === false ? [state.error, ...(fieldErrors.token ?? [])].join(" ") : null;
  return (
    <form action={formAction} className="mt-6 space-y-4" noValidate>
      {failure ? <Alert tone="error">{failure}</Alert> : null}
      <input type="hidden" name="token" value={token} />
      {/* Lets a password manager file the new password under the right account. */}
      <input type="hidden" name="username" autoComplete="username" value={email} />
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
      <Button type="submit" disabled={pending} className="w-full">
        {pending ? "Saving…" : "Set new password"}
      </Button>
    </form>
  );
}
