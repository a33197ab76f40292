"use server";

import { redirect } from "next/navigation";
import { z } from "zod";
import { authAction } from "@/lib/server/access";
import { saveStudySettings, saveTimeZone } from "@/lib/services/settings";
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
