import Link from "next/link";
import type { ReactNode } from "react";
import { requireStaff } from "@/lib/server/access";

/** Guards every instructor page; each action in app/instructor/actions.ts checks again. */
export default async function InstructorLayout({ children }: { children: ReactNode }) {
  const user = await requireStaff("/instructor");
  return (
    <div className="mx-auto max-w-6xl px-6 py-8">
      <nav aria-label="Instructor" className="mb-6 flex gap-4 text-sm">
        <Link href="/instructor" className="font-semibold text-slate-800 hover:underline">
          Questions
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
