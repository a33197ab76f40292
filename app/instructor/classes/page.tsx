import type { Metadata } from "next";
import Link from "next/link";
import { CreateClassForm } from "@/components/instructor/class-forms";
import { formatCalendarDate } from "@/components/ui/format-date";
import { requireStaff } from "@/lib/server/access";
import { listClasses, subjectsForClasses } from "@/lib/services/classes";
import { createClassAction } from "../actions";

export const metadata: Metadata = { title: "Classes" };

export default async function ClassesPage() {
  const user = await requireStaff("/instructor/classes");
  const [classes, subjects] = [await listClasses(user), await subjectsForClasses(user)];
  return (
    <main>
      <h1 className="text-2xl font-bold text-slate-900">Classes</h1>
      <p className="mt-1 text-sm text-slate-600">
        {user.role === "ADMIN" ? "Every class (you are an admin)." : "Your classes."} Students join with the class code at /join.
      </p>
      <h2 className="mt-6 text-lg font-semibold text-slate-900">New class</h2>
      <CreateClassForm action={createClassAction} subjects={subjects} />
      <h2 className="mt-8 text-lg font-semibold text-slate-900">{classes.length === 0 ? "No classes yet" : `${classes.length} classes`}</h2>
      {classes.length > 0 ? (
        <div className="mt-3 overflow-x-auto rounded-xl border border-slate-200 bg-white">
          <table className="w-full text-left text-sm">
            <thead className="border-b border-slate-200 bg-slate-50 text-slate-600">
              <tr>
                <th scope="col" className="px-4 py-2 font-medium">Class</th>
                <th scope="col" className="px-4 py-2 font-medium">Code</th>
                <th scope="col" className="px-4 py-2 font-medium">Exam date</th>
                <th scope="col" className="px-4 py-2 font-medium">Students</th>
                {user.role === "ADMIN" ? <th scope="col" className="px-4 py-2 font-medium">Instructor</th> : null}
              </tr>
            </thead>
            <tbody className="divide-y divide-slate-100">
              {classes.map((c) => (
                <tr key={c.id}>
                  <td className="px-4 py-2">
                    <Link href={`/instructor/classes/${c.id}`} className="font-medium text-brand-700 hover:underline">
                      {c.name}
                    </Link>
                    <Link href={`/instructor/analytics/classes/${c.id}`} className="ml-3 text-xs text-brand-700 underline">
                      Progress<span className="sr-only"> of {c.name}</span>
                    </Link>
                  </td>
                  <td className="px-4 py-2 font-mono">{c.joinCode}</td>
                  <td className="px-4 py-2">{formatCalendarDate(c.examDate)}</td>
                  <td className="px-4 py-2">{c.members}</td>
                  {user.role === "ADMIN" ? <td className="px-4 py-2">{c.ownerName}</td> : null}
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      ) : null}
    </main>
  );
}
