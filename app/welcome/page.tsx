import type { Metadata } from "next";
import { SettingsForm } from "@/components/settings/settings-form";
import { requireUser } from "@/lib/server/access";
import { studySettings } from "@/lib/services/settings";
import { saveSettingsAction, skipWelcomeAction } from "../settings/actions";

export const metadata: Metadata = { title: "Welcome" };

/** The short step after sign-up: when is the exam, how much a day. */
export default async function WelcomePage() {
  const user = await requireUser("/welcome");
  const settings = await studySettings(user.id);
  return (
    <main className="mx-auto max-w-xl px-4 py-10 sm:px-6">
      <h1 className="text-2xl font-bold text-slate-900 dark:text-slate-100">Welcome, {user.name}</h1>
      <p className="mt-2 text-slate-600 dark:text-slate-300">
        When is your exam, and how many questions a day suit you? Both are optional; you can change them later in Settings.
      </p>
      <div className="mt-6">
        <SettingsForm initial={settings} action={saveSettingsAction} welcome={{ skipAction: skipWelcomeAction }} />
      </div>
    </main>
  );
}
