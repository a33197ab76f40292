import Link from "next/link";
import { redirect } from "next/navigation";
import { TodayOverview } from "@/components/today/today-overview";
import { currentUser } from "@/lib/server/access";
import { currentEnrolment } from "@/lib/services/enrolment";
import { todaySummary } from "@/lib/services/today";

export default async function HomePage() {
  const user = await currentUser();
  // Signed in: today's plan for the subject studied now, read for the session's user only.
  if (user) {
    if (!(await currentEnrolment(user.id))) redirect("/subjects");
    return <TodayOverview name={user.name} summary={await todaySummary(user.id)} />;
  }
  return (
    <main className="mx-auto max-w-3xl px-6 py-20">
      <h1 className="text-4xl font-bold tracking-tight text-slate-900 dark:text-slate-100">Get ready for your IPT exam.</h1>
      <p className="mt-4 text-lg text-slate-600 dark:text-slate-300">
        Practise Interpersonal Therapy questions chosen for you: reviews just before you would forget, new questions at
        your level, and an explanation for every option.
      </p>
      <div className="mt-8 flex flex-wrap gap-3">
        <Link href="/signup" className="rounded-lg bg-brand-600 px-5 py-2.5 font-semibold text-white hover:bg-brand-700">
          Create a free account
        </Link>
        <Link href="/login" className="rounded-lg border border-slate-300 dark:border-slate-600 bg-white dark:bg-slate-900 px-5 py-2.5 font-semibold text-slate-800 dark:text-slate-100 hover:bg-slate-100 dark:hover:bg-slate-800">
          Sign in
        </Link>
      </div>
    </main>
  );
}
