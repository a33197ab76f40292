import Link from "next/link";
import type { ReactNode } from "react";
import { requireStaff } from "@/lib/server/access";

/** A second line only: a layout does not run for every request, so each page and action checks for itself. */
export default async function InstructorLayout({ children }: { children: ReactNode }) {
  const user = await requireStaff("/instructor");
  return (
    <div className="mx-auto max-w-6xl px-6 py-8">
      <nav aria-label="Instructor" className="mb-6 flex flex-wrap gap-x-4 gap-y-2 text-sm">
        <Link href="/instructor/questions" className="font-semibold text-slate-800 hover:underline dark:text-slate-100">
          Questions
        </Link>
        <Link href="/instructor/import" className="font-semibold text-slate-800 hover:underline dark:text-slate-100">
          Import
        </Link>
        <Link href="/instructor/export" className="font-semibold text-slate-800 hover:underline dark:text-slate-100">
          Export
        </Link>
        <Link href="/instructor/classes" className="font-semibold text-slate-800 hover:underline dark:text-slate-100">
          Classes
        </Link>
        <Link href="/instructor/subjects" className="font-semibold text-slate-800 hover:underline dark:text-slate-100">
          Subjects
        </Link>
        <Link href="/instructor/reports" className="font-semibold text-slate-800 hover:underline dark:text-slate-100">
          Reports
        </Link>
        <Link href="/instructor/analytics" className="font-semibold text-slate-800 hover:underline dark:text-slate-100">
          Analytics
        </Link>
        {user.role === "ADMIN" ? (
          <Link href="/instructor/users" className="font-semibold text-slate-800 hover:underline dark:text-slate-100">
            Users and roles
          </Link>
        ) : null}
      </nav>
      {children}
    </div>
  );
}
