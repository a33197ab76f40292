import type { Metadata } from "next";
import Link from "next/link";
import { SubjectChooser } from "@/components/subjects/subject-chooser";
import { requireUser } from "@/lib/server/access";
import { offeredSubjects } from "@/lib/services/enrolment";
import { chooseSubjectAction } from "./actions";

export const metadata: Metadata = { title: "Choose a subject" };

/** A student chooses what to study; exam date, goal, streak and progress are kept per subject. */
export default async function SubjectsPage() {
  const user = await requireUser("/subjects");
  const subjects = await offeredSubjects(user.id);
  return (
    <main className="mx-auto max-w-3xl px-4 py-10 sm:px-6">
      <h1 className="text-2xl font-bold text-slate-900 dark:text-slate-100">Choose what to study</h1>
      <p className="mt-2 text-slate-600 dark:text-slate-300">
        Each subject keeps its own exam date, daily goal, streak and progress. You can switch at any time.
      </p>
      <div className="mt-6">
        {subjects.length > 0 ? (
          <SubjectChooser subjects={subjects} action={chooseSubjectAction} next="/" />
        ) : (
          <p className="rounded-xl border border-slate-200 bg-white p-6 text-slate-700 dark:border-slate-700 dark:bg-slate-900 dark:text-slate-300">
            No subject has questions to practise yet. Ask your instructor to publish some.{" "}
            <Link href="/" className="font-medium text-brand-700 underline dark:text-sky-300">
              Back to the start page
            </Link>
          </p>
        )}
      </div>
    </main>
  );
}
