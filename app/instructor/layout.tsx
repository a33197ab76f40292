import Link from "next/link";
import type { ReactNode } from "react";
import { requireStaff } from "@/lib/server/access";

/** A second line only: a layout does not run for every request, so each page and action checks for itself. */
export default async function InstructorLayout({ children }: { children: ReactNode }) {
  const user = await requireStaff("/instructor");
  return (
    <div className="mx-auto max-w-6xl px-6 py-8">
      <nav aria-label="Instructor" className="mb-6 flex flex-wrap gap-x-4 gap-y-2 text-sm">
        <Link href="/instructor/questions" className="font-semibold text-slate-800 hover:underline">
          Questions
        </Link>
        <Link href="/instructor/import" className="font-semibold text-slate-800 hover:underline">
          Import
        </Link>
        <Link href="/instructor/export" className="font-semibold text-slate-800 hover:underline">
          Export
        </Link>
        <Link href="/instructor/classes" className="font-semibold text-slate-800 hover:underline">
          Classes
        </Link>
        <Link href="/instructor/subjects" className="font-semibold text-slate-800 hover:underline">
          Subjects
        </Link>
        <Link href="/instructor/reports" className="font-semibold text-slate-800 hover:underline">
          Reports
        </Link>
        {user.role === "ADMIN" ? (
          <Link href="/instructor/users" className="font-semibold text-slate-800 hover:underline">
            Users and roles
          </Link>
        ) : null}
      </nav>
      {children}
    </div>
  );
}
