import Link from "next/link";
import { ThemeToggle } from "@/components/theme-toggle";
import { ReachableForm } from "@/components/ui/reachable-form";
import type { Theme } from "@/lib/validation/theme";

type HeaderUser = { name: string; role: "STUDENT" | "INSTRUCTOR" | "ADMIN" } | null;
/** The subject studied now; shown (with "Change") only when more than one is offered. */
type HeaderSubject = { name: string | null; offered: number } | null;

export function SiteHeader({
  user,
  subject = null,
  signOutAction,
  theme,
}: {
  user: HeaderUser;
  subject?: HeaderSubject;
  signOutAction: (form: FormData) => Promise<void>;
  theme: Theme;
}) {
  const staff = user?.role === "INSTRUCTOR" || user?.role === "ADMIN";
  return (
    <header className="border-b border-slate-200 dark:border-slate-700 bg-white dark:bg-slate-900">
      <nav aria-label="Main" className="mx-auto flex max-w-5xl flex-wrap items-center gap-x-4 gap-y-2 px-4 py-3 text-sm sm:gap-x-6 sm:px-6">
        <Link href="/" className="font-bold text-brand-700 dark:text-brand-300">
          IPT Exam Prep
        </Link>
        {user ? (
          <>
            <Link href="/practice" className="text-slate-700 dark:text-slate-200 hover:text-slate-900 dark:hover:text-slate-100">
              Practice
            </Link>
            <Link href="/dashboard" className="text-slate-700 dark:text-slate-200 hover:text-slate-900 dark:hover:text-slate-100">
              Progress
            </Link>
            <Link href="/settings" className="text-slate-700 dark:text-slate-200 hover:text-slate-900 dark:hover:text-slate-100">
              Settings
            </Link>
            {subject && subject.offered > 1 ? (
              <span className="text-slate-600 dark:text-slate-300" data-testid="current-subject">
                {subject.name ? <>Studying {subject.name} · </> : null}
                <Link href="/subjects" className="font-medium text-brand-700 underline dark:text-sky-300">
                  {subject.name ? <>Change<span className="sr-only"> subject</span></> : "Choose a subject"}
                </Link>
              </span>
            ) : null}
            {staff ? (
              <Link href="/instructor" className="text-slate-700 dark:text-slate-200 hover:text-slate-900 dark:hover:text-slate-100">
                Instructor
              </Link>
            ) : null}
            <span className="ml-auto hidden text-slate-500 dark:text-slate-400 sm:inline">{user.name}</span>
            <ReachableForm
              action={signOutAction}
              lost="The connection to the server failed, so you may still be signed in. Check your connection and sign out again."
              className="relative ml-auto sm:ml-0"
              alertClassName="absolute right-0 top-full z-10 mt-2 w-64 rounded-lg border border-red-200 bg-red-50 px-3 py-2 text-xs text-red-800 shadow dark:border-red-800 dark:bg-red-950 dark:text-red-100"
            >
              <button type="submit" className="rounded-md px-2 py-1 text-slate-700 dark:text-slate-200 hover:bg-slate-100 dark:hover:bg-slate-800">
                Sign out
              </button>
            </ReachableForm>
          </>
        ) : (
          <>
            <Link href="/login" className="ml-auto text-slate-700 dark:text-slate-200 hover:text-slate-900 dark:hover:text-slate-100">
              Sign in
            </Link>
            <Link href="/signup" className="rounded-md bg-brand-600 px-3 py-1.5 font-semibold text-white hover:bg-brand-700">
              Sign up
            </Link>
          </>
        )}
        <ThemeToggle theme={theme} />
      </nav>
    </header>
  );
}
