"use server";

import { revalidatePath } from "next/cache";
import { redirect } from "next/navigation";
import { AuthError } from "next-auth";
import { z } from "zod";
import { authAction } from "@/lib/server/access";
import type { ActionResult } from "@/lib/server/action-client";
import { signIn, signOut } from "@/lib/server/auth";
import { changeOwnPassword, deleteOwnAccount } from "@/lib/services/account-lifecycle";
import { saveStudySettings, saveTimeZone } from "@/lib/services/settings";
import { changePasswordSchema, deleteAccountSchema, type AccountFormState } from "@/lib/validation/account";
import { studySettingsSchema, type SettingsFormState } from "@/lib/validation/settings";

const saveSettings = authAction({ schema: z.unknown() }, async (raw, { user }) => {
  // The schema needs "now" for the past/too-far checks, so it is built per request.
  const parsed = studySettingsSchema(new Date()).safeParse(raw);
  if (!parsed.success) {
    const flat = z.flattenError(parsed.error);
    return { ok: false as const, error: "Some fields need your attention. Nothing was saved.", fieldErrors: flat.fieldErrors };
  }
  return { ok: true as const, saved: await saveStudySettings(user.id, parsed.data) };
});

function formFields(form: FormData): Record<string, string> {
  const out: Record<string, string> = {};
  for (const key of ["examDate", "dailyGoal", "timeZone"]) {
    const value = form.get(key);
    if (typeof value === "string") out[key] = value;
  }
  return out;
}

/** Settings and the welcome step. `after=practice` (the welcome step) goes on to practice once saved. */
export async function saveSettingsAction(_previous: SettingsFormState, form: FormData): Promise<SettingsFormState> {
  const result = await saveSettings(formFields(form));
  if (!result.ok) return { ok: false, error: result.error, ...(result.fieldErrors ? { fieldErrors: result.fieldErrors } : {}) };
  if (!result.data.ok) return result.data;
  if (form.get("after") === "practice") redirect("/practice");
  return result.data;
}

const skipWelcome = authAction({ schema: z.object({ timeZone: z.string().optional() }) }, async (input, { user }) => {
  const parsed = studySettingsSchema(new Date()).shape.timeZone.safeParse(input.timeZone);
  await saveTimeZone(user.id, parsed.success ? parsed.data : null);
});

/** The welcome step's "Skip for now": keep the browser's time zone, set nothing else. */
export async function skipWelcomeAction(form: FormData): Promise<void> {
  await skipWelcome(formFields(form));
  redirect("/practice");
}

const changePassword = authAction({ schema: changePasswordSchema }, async (input, { user }) => {
  await changeOwnPassword(user, input);
  // Every session ended with the change; this browser gets a fresh one under the new password.
  try {
    await signIn("credentials", { email: user.email, password: input.newPassword, redirect: false });
  } catch (error) {
    if (!(error instanceof AuthError)) throw error;
    // The password did change (sign-in was throttled, say): this browser signs in again like the others.
    redirect("/login?notice=password-changed&next=%2Fsettings");
  }
  // A redirect, not a re-render of this request: Next renders the target with the new session cookie,
  // where this request's own headers still carry the ended one.
  redirect("/settings?password=changed");
});

const deleteAccount = authAction({ schema: deleteAccountSchema }, async (input, { user }) => {
  await deleteOwnAccount(user, input);
  await signOut({ redirect: false });
  // The header lives in the root layout: re-render it so the name disappears.
  revalidatePath("/", "layout");
  redirect("/account-deleted");
});

function fields(form: FormData, keys: readonly string[]): Record<string, string> {
  const out: Record<string, string> = {};
  for (const key of keys) {
    const value = form.get(key);
    if (typeof value === "string") out[key] = value;
  }
  return out;
}

function refusal(result: Extract<ActionResult<unknown>, { ok: false }>): AccountFormState {
  return { ok: false, error: result.error, ...(result.fieldErrors ? { fieldErrors: result.fieldErrors } : {}) };
}

/** Changes the password and comes back to /settings?password=changed; a refusal comes back to the form. */
export async function changePasswordAction(_previous: AccountFormState, form: FormData): Promise<AccountFormState> {
  const result = await changePassword(fields(form, ["currentPassword", "newPassword", "confirmPassword"]));
  return result.ok ? null : refusal(result);
}

/** Deletes the account and lands on /account-deleted; a refusal comes back to the form. */
export async function deleteAccountAction(_previous: AccountFormState, form: FormData): Promise<AccountFormState> {
  const result = await deleteAccount(fields(form, ["password", "confirmation"]));
  return result.ok ? null : refusal(result);
}
