import type { Metadata } from "next";
import { SettingsForm } from "@/components/settings/settings-form";
import { requireUser } from "@/lib/server/access";
import { studySettings } from "@/lib/services/settings";
import { saveSettingsAction } from "./actions";

export const metadata: Metadata = { title: "Settings" };

export default async function SettingsPage() {
  const user = await requireUser("/settings");
  const settings = await studySettings(user.id);
  return (
    <main className="mx-auto max-w-xl px-4 py-10 sm:px-6">
      <h1 className="text-2xl font-bold text-slate-900 dark:text-slate-100">Study settings</h1>
      <p className="mt-2 text-slate-600 dark:text-slate-300">Both are optional and you can change them at any time.</p>
      <div className="mt-6">
        <SettingsForm initial={settings} action={saveSettingsAction} />
      </div>
    </main>
  );
}
