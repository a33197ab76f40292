"use server";

import { revalidatePath } from "next/cache";
import { redirect } from "next/navigation";
import { AuthError } from "next-auth";
import { z } from "zod";
import { currentUser, publicAction } from "@/lib/server/access";
import { ActionError } from "@/lib/server/action-client";
import { signIn, signOut } from "@/lib/server/auth";
import { signInContext } from "@/lib/server/sign-in-context";
import { endSessions, registerStudent } from "@/lib/services/accounts";
import { safeNextPath, signInSchema, signUpSchema } from "@/lib/validation/auth";
import type { AuthFormState } from "@/components/auth/auth-form";

const GENERIC_SIGN_IN_ERROR = "That email and password do not match an account.";

const signUpAction = publicAction(signUpSchema, async (input) => {
  const { address } = await signInContext();
  await registerStudent(input, { address });
  await signIn("credentials", { email: input.email, password: input.password, redirectTo: "/welcome" });
});

const signInAction = publicAction(signInSchema, async (input) => {
  try {
    await signIn("credentials", { email: input.email, password: input.password, redirectTo: safeNextPath(input.next) });
  } catch (error) {
    if (error instanceof AuthError) {
      const code = (error as { code?: string }).code ?? "";
      const throttled = /^throttled:(\d+)$/.exec(code);
      if (throttled) {
        // Worded the same whether or not the email belongs to an account.
        throw new ActionError(
          "RATE_LIMITED",
          `Too many sign-in attempts. Try again in ${throttled[1]} minutes, or sign in from a browser you have used before.`,
        );
      }
      throw new ActionError("INVALID_INPUT", GENERIC_SIGN_IN_ERROR);
    }
    throw error;
  }
});

/** What the form shows again after a refusal: the name and email typed, never the password. */
function typedValues(form: FormData): Record<string, string> {
  const text = (key: string) => {
    const value = form.get(key);
    return typeof value === "string" ? value : "";
  };
  return { name: text("name"), email: text("email") };
}

/**
 * The sign-in and sign-up forms' actions, in useActionState's shape so the
 * forms are real posts before JavaScript has loaded: a success redirects
 * (303), a refusal re-renders the form with the message and what was typed.
 */
export async function signInFormAction(_previous: AuthFormState, form: FormData): Promise<AuthFormState> {
  return { result: await signInAction(form), values: typedValues(form) };
}

export async function signUpFormAction(_previous: AuthFormState, form: FormData): Promise<AuthFormState> {
  return { result: await signUpAction(form), values: typedValues(form) };
}

const signOutInternal = publicAction(z.unknown(), async () => {
  // Ending the session server-side: a copy of the old cookie stops working too.
  const user = await currentUser().catch(() => null);
  if (user) await endSessions(user.id);
  await signOut({ redirect: false });
  // The header lives in the root layout: re-render it so the old name disappears.
  revalidatePath("/", "layout");
  redirect("/login");
});

export async function signOutAction(): Promise<void> {
  await signOutInternal(undefined);
}
