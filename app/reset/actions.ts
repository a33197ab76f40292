"use server";

import { redirect } from "next/navigation";
import { publicAction } from "@/lib/server/access";
import { signInContext } from "@/lib/server/sign-in-context";
import { resetPasswordWithLink } from "@/lib/services/account-lifecycle";
import { resetPasswordSchema, type AccountFormState } from "@/lib/validation/account";

/** Public: the token in the link is the credential (lib/services/account-lifecycle.ts checks and spends it). */
const resetPassword = publicAction(resetPasswordSchema, async (input) => {
  const { address } = await signInContext();
  await resetPasswordWithLink(input.token, input.newPassword, { address });
  redirect("/login?notice=password-reset");
});

export async function resetPasswordAction(_previous: AccountFormState, form: FormData): Promise<AccountFormState> {
  const text = (key: string) => {
    const value = form.get(key);
    return typeof value === "string" ? value : "";
  };
  const result = await resetPassword({ token: text("token"), newPassword: text("newPassword"), confirmPassword: text("confirmPassword") });
  if (result.ok) return null;
  return { ok: false, error: result.error, ...(result.fieldErrors ? { fieldErrors: result.fieldErrors } : {}) };
}
