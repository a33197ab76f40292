"use server";

import { revalidatePath } from "next/cache";
import { redirect } from "next/navigation";
import { AuthError } from "next-auth";
import { z } from "zod";
import { ActionError } from "@/lib/server/action-client";
import { publicAction } from "@/lib/server/access";
import { signIn, signOut } from "@/lib/server/auth";
import { getServerEnv } from "@/lib/server/env";
import { registerStudent } from "@/lib/services/accounts";
import { safeNextPath, signInSchema, signUpSchema } from "@/lib/validation/auth";

const GENERIC_SIGN_IN_ERROR = "That email and password do not match an account.";

export const signUpAction = publicAction(signUpSchema, async (input) => {
  await registerStudent(input);
  await signIn("credentials", { email: input.email, password: input.password, redirectTo: "/practice" });
});

export const signInAction = publicAction(signInSchema, async (input) => {
  try {
    await signIn("credentials", { email: input.email, password: input.password, redirectTo: safeNextPath(input.next) });
  } catch (error) {
    if (error instanceof AuthError) {
      if ((error as { code?: string }).code === "locked") {
        const minutes = getServerEnv().LOGIN_LOCK_MINUTES;
        throw new ActionError(
          "RATE_LIMITED",
          `Too many failed sign-ins for this account. It is locked for up to ${minutes} minutes; try again later.`,
        );
      }
      throw new ActionError("INVALID_INPUT", GENERIC_SIGN_IN_ERROR);
    }
    throw error;
  }
});

const signOutInternal = publicAction(z.unknown(), async () => {
  await signOut({ redirect: false });
  // The header lives in the root layout: re-render it so the old name disappears.
  revalidatePath("/", "layout");
  redirect("/login");
});

export async function signOutAction(): Promise<void> {
  await signOutInternal(undefined);
}
