import type { Metadata } from "next";
import Link from "next/link";
import { redirect } from "next/navigation";
import { SettingsForm } from "@/components/settings/settings-form";
import { requireUser } from "@/lib/server/access";
import { currentEnrolment, offeredSubjectCount } from "@/lib/services/enrolment";
import { studySettings } from "@/lib/services/settings";
import { saveSettingsAction } from "./actions";

export const metadata: Metadata = { title: "Settings" };

export default async function SettingsPage() {
  const user = await requireUser("/settings");
  const enrolment = await currentEnrolment(user.id);
  if (!enrolment) redirect("/subjects");
  const [settings, offered] = [await studySettings(user.id), await offeredSubjectCount()];
  return (
    <main className="mx-auto max-w-xl px-4 py-10 sm:px-6">
      <h1 className="text-2xl font-bold text-slate-900 dark:text-slate-100">Study settings</h1>
      <p className="mt-2 text-slate-600 dark:text-slate-300" data-testid="settings-subject">
        The exam date and daily goal are for <strong>{enrolment.subjectName}</strong>.
        {offered > 1 ? (
          <>
            {" "}
            Each subject has its own;{" "}
            <Link href="/subjects" className="font-medium text-brand-700 underline dark:text-sky-300">
              change subject
            </Link>
            .
          </>
        ) : null}{" "}
        Both are optional and you can change them at any time.
      </p>
      <div className="mt-6">
        <SettingsForm initial={settings} action={saveSettingsAction} />
      </div>
    </main>
  );
}
