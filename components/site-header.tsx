import Link from "next/link";

type HeaderUser = { name: string; role: "STUDENT" | "INSTRUCTOR" | "ADMIN" } | null;

export function SiteHeader({ user, signOutAction }: { user: HeaderUser; signOutAction: () => Promise<void> }) {
  const staff = user?.role === "INSTRUCTOR" || user?.role === "ADMIN";
  return (
    <header className="border-b border-slate-200 bg-white">
      <nav aria-label="Main" className="mx-auto flex max-w-5xl flex-wrap items-center gap-x-4 gap-y-2 px-4 py-3 text-sm sm:gap-x-6 sm:px-6">
        <Link href="/" className="font-bold text-brand-700">
          IPT Exam Prep
        </Link>
        {user ? (
          <>
            <Link href="/practice" className="text-slate-700 hover:text-slate-900">
              Practice
            </Link>
            <Link href="/settings" className="text-slate-700 hover:text-slate-900">
              Settings
            </Link>
            {staff ? (
              <Link href="/instructor" className="text-slate-700 hover:text-slate-900">
                Instructor
              </Link>
            ) : null}
            <span className="ml-auto hidden text-slate-500 sm:inline">{user.name}</span>
            <form action={signOutAction} className="ml-auto sm:ml-0">
              <button type="submit" className="rounded-md px-2 py-1 text-slate-700 hover:bg-slate-100">
                Sign out
              </button>
            </form>
          </>
        ) : (
          <>
            <Link href="/login" className="ml-auto text-slate-700 hover:text-slate-900">
              Sign in
            </Link>
            <Link href="/signup" className="rounded-md bg-brand-600 px-3 py-1.5 font-semibold text-white hover:bg-brand-700">
              Sign up
            </Link>
          </>
        )}
      </nav>
    </header>
  );
}
