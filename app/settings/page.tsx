import type { Metadata } from "next";
import Link from "next/link";
import { redirect } from "next/navigation";
import { ChangePasswordForm } from "@/components/settings/change-password-form";
import { DeleteAccountForm } from "@/components/settings/delete-account-form";
import { SettingsForm } from "@/components/settings/settings-form";
import { Alert } from "@/components/ui/alert";
import { requireUser } from "@/lib/server/access";
import { previewAccountDeletion } from "@/lib/services/account-lifecycle";
import { currentEnrolment, offeredSubjectCount } from "@/lib/services/enrolment";
import { studySettings } from "@/lib/services/settings";
import { changePasswordAction, deleteAccountAction, saveSettingsAction } from "./actions";

export const metadata: Metadata = { title: "Settings" };

const SECTION = "mt-10 border-t border-slate-200 pt-8 dark:border-slate-700";
const HEADING = "text-xl font-semibold text-slate-900 dark:text-slate-100";

export default async function SettingsPage({ searchParams }: { searchParams: Promise<{ password?: string | string[] }> }) {
  const user = await requireUser("/settings");
  const passwordChanged = (await searchParams).password === "changed";
  const enrolment = await currentEnrolment(user.id);
  // A student chooses a subject first; staff may have none and still manage their account here.
  if (!enrolment && user.role === "STUDENT") redirect("/subjects");
  const study = enrolment ? { settings: await studySettings(user.id), offered: await offeredSubjectCount() } : null;
  const deletion = await previewAccountDeletion(user);
  return (
    <main className="mx-auto max-w-xl px-4 py-10 sm:px-6">
      <h1 className="text-2xl font-bold text-slate-900 dark:text-slate-100">Settings</h1>
      {enrolment && study ? (
        <section aria-labelledby="study-settings-heading" className="mt-6">
          <h2 id="study-settings-heading" className={HEADING}>
            Study settings
          </h2>
          <p className="mt-2 text-slate-600 dark:text-slate-300" data-testid="settings-subject">
            The exam date and daily goal are for <strong>{enrolment.subjectName}</strong>.
            {study.offered > 1 ? (
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
            <SettingsForm initial={study.settings} action={saveSettingsAction} />
          </div>
        </section>
      ) : null}
      <section aria-labelledby="change-password-heading" className={SECTION}>
        <h2 id="change-password-heading" className={HEADING}>
          Change password
        </h2>
        <div className="mt-4 space-y-4">
          {passwordChanged ? (
            <Alert tone="success">Your password was changed. You are still signed in here; every other browser and device was signed out.</Alert>
          ) : null}
          <ChangePasswordForm action={changePasswordAction} />
        </div>
      </section>
      <section aria-labelledby="delete-account-heading" className={SECTION}>
        <h2 id="delete-account-heading" className={HEADING}>
          Delete account
        </h2>
        <div className="mt-4">
          <DeleteAccountForm notice={deletion} exportHref="/settings/export" action={deleteAccountAction} />
        </div>
      </section>
    </main>
  );
}
