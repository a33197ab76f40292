import type { Metadata } from "next";
import { SettingsForm } from "@/components/settings/settings-form";
import { SubjectChooser } from "@/components/subjects/subject-chooser";
import { requireUser } from "@/lib/server/access";
import { currentEnrolment, offeredSubjectCount, offeredSubjects } from "@/lib/services/enrolment";
import { studySettings } from "@/lib/services/settings";
import { saveSettingsAction, skipWelcomeAction } from "../settings/actions";
import { chooseSubjectAction } from "../subjects/actions";

export const metadata: Metadata = { title: "Welcome" };

/**
 * The short step after sign-up: when is the exam, how much a day. With
 * several subjects offered the student first chooses one (with one, they are
 * enrolled in it without being asked).
 */
export default async function WelcomePage() {
  const user = await requireUser("/welcome");
  const enrolment = await currentEnrolment(user.id);
  if (!enrolment) {
    const subjects = await offeredSubjects(user.id);
    return (
      <main className="mx-auto max-w-3xl px-4 py-10 sm:px-6">
        <h1 className="text-2xl font-bold text-slate-900 dark:text-slate-100">Welcome, {user.name}</h1>
        <p className="mt-2 text-slate-600 dark:text-slate-300">
          What are you studying for? Each subject keeps its own exam date, goal and progress; you can switch later.
        </p>
        <div className="mt-6">
          {subjects.length > 0 ? (
            <SubjectChooser subjects={subjects} action={chooseSubjectAction} next="/welcome" />
          ) : (
            <p className="text-slate-700 dark:text-slate-300">No subject has questions to practise yet. Ask your instructor to publish some.</p>
          )}
        </div>
      </main>
    );
  }
  const [settings, offered] = [await studySettings(user.id), await offeredSubjectCount()];
  return (
    <main className="mx-auto max-w-xl px-4 py-10 sm:px-6">
      <h1 className="text-2xl font-bold text-slate-900 dark:text-slate-100">Welcome, {user.name}</h1>
      <p className="mt-2 text-slate-600 dark:text-slate-300">
        {offered > 1 ? `You are studying ${enrolment.subjectName}. ` : ""}When is your exam, and how many questions a day suit you? Both are optional; you can change them later in Settings.
      </p>
      <div className="mt-6">
        <SettingsForm initial={settings} action={saveSettingsAction} welcome={{ skipAction: skipWelcomeAction }} />
      </div>
    </main>
  );
}
