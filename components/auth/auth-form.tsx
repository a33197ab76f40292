"use client";

import Link from "next/link";
import { useActionState } from "react";
import type { ActionResult } from "@/lib/server/action-client";
import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { TextField } from "@/components/ui/text-field";
import { useReachableAction, type LostState } from "@/components/ui/use-reachable-action";

type Mode = "sign-in" | "sign-up";

export type AuthFormState = { result: ActionResult<void> | null; values: Record<string, string> };

type AuthFormProps = {
  mode: Mode;
  /** A server action: the form posts to it natively before hydration, too. */
  action: (previous: AuthFormState, form: FormData) => Promise<AuthFormState>;
  next?: string | undefined;
  /** Why the user is here (their password was just changed or reset). */
  notice?: string | undefined;
};

const COPY: Record<Mode, { title: string; submit: string; pending: string; switchText: string; switchHref: string; switchLabel: string }> = {
  "sign-in": {
    title: "Sign in",
    submit: "Sign in",
    pending: "Signing in…",
    switchText: "New here?",
    switchHref: "/signup",
    switchLabel: "Create an account",
  },
  "sign-up": {
    title: "Create your account",
    submit: "Create account",
    pending: "Creating account…",
    switchText: "Already have an account?",
    switchHref: "/login",
    switchLabel: "Sign in",
  },
};

const UNREACHABLE: Record<Mode, string> = {
  "sign-in": "The connection to the server failed, so you are not signed in yet. Check your connection and try again.",
  "sign-up":
    "The connection to the server failed, so your account may or may not have been created. Check your connection and try again: if the email is then taken, sign in with it instead.",
};

/** A post that got no answer keeps the name and email typed (not the password), as a refusal does. */
function lostFor(mode: Mode): LostState<AuthFormState, FormData> {
  return (_previous, form) => {
    const values: Record<string, string> = {};
    for (const key of ["name", "email"]) {
      const value = form.get(key);
      if (typeof value === "string") values[key] = value;
    }
    return { result: { ok: false, code: "UNREACHABLE", error: UNREACHABLE[mode] }, values };
  };
}

const LOST: Record<Mode, LostState<AuthFormState, FormData>> = { "sign-in": lostFor("sign-in"), "sign-up": lostFor("sign-up") };

/** Sign-in and sign-up form. Keeps what was typed (but not the password) when the server says no. */
export function AuthForm({ mode, action, next, notice }: AuthFormProps) {
  const copy = COPY[mode];
  const [state, formAction, pending] = useActionState<AuthFormState, FormData>(useReachableAction(action, LOST[mode]), { result: null, values: {} });
  const failure = state.result && !state.result.ok ? state.result : null;
  const fieldErrors = failure?.fieldErrors ?? {};

  return (
    <main className="mx-auto max-w-md px-6 py-16">
      <h1 className="text-2xl font-bold text-slate-900 dark:text-slate-100">{copy.title}</h1>
      <form action={formAction} className="mt-6 space-y-4" noValidate>
        {failure ? <Alert tone="error">{failure.error}</Alert> : notice ? <Alert tone="info">{notice}</Alert> : null}
        {next ? <input type="hidden" name="next" value={next} /> : null}
        {mode === "sign-up" ? (
          <TextField label="Name" name="name" autoComplete="name" required defaultValue={state.values.name} errors={fieldErrors.name} />
        ) : null}
        <TextField
          label="Email"
          name="email"
          type="email"
          autoComplete="email"
          required
          defaultValue={state.values.email}
          errors={fieldErrors.email}
        />
        <TextField
          label="Password"
          name="password"
          type="password"
          autoComplete={mode === "sign-up" ? "new-password" : "current-password"}
          required
          errors={fieldErrors.password}
          {...(mode === "sign-up" ? { hint: "At least 10 characters; avoid common passwords." } : {})}
        />
        <Button type="submit" disabled={pending} className="w-full">
          {pending ? copy.pending : copy.submit}
        </Button>
      </form>
      <p className="mt-6 text-sm text-slate-600 dark:text-slate-300">
        {copy.switchText}{" "}
        <Link href={copy.switchHref} className="font-semibold text-brand-700 dark:text-brand-300 hover:underline">
          {copy.switchLabel}
        </Link>
      </p>
    </main>
  );
}
