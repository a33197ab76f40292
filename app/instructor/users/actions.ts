"use server";

import { authAction } from "@/lib/server/access";
import { ADMIN_ROLES } from "@/lib/server/action-client";
import { siteOrigin } from "@/lib/server/site-url";
import { createPasswordResetLink } from "@/lib/services/account-lifecycle";
import { createResetLinkSchema, type ResetLinkFormState } from "@/lib/validation/account";

const createResetLink = authAction({ schema: createResetLinkSchema, roles: ADMIN_ROLES }, async (input, { user }) => {
  const link = await createPasswordResetLink(user, input.userId);
  return { url: `${await siteOrigin()}/reset/${link.token}`, expiresAt: link.expiresAt.toISOString(), name: link.user.name, email: link.user.email };
});

/** Creates a one-time reset link; the result (the only place the token ever appears) goes to this admin alone. */
export async function createResetLinkAction(_previous: ResetLinkFormState, form: FormData): Promise<ResetLinkFormState> {
  const userId = form.get("userId");
  const result = await createResetLink({ userId: typeof userId === "string" ? userId : "" });
  return result.ok ? { ok: true, ...result.data } : { ok: false, error: result.error };
}
