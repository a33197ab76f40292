import type { Metadata } from "next";
import Link from "next/link";
import { CreateSubjectForm } from "@/components/instructor/subject-forms";
import { requireStaff } from "@/lib/server/access";
import { listSubjects } from "@/lib/services/subjects";
import { createSubjectAction } from "./actions";

export const metadata: Metadata = { title: "Subjects" };

export default async function SubjectsPage() {
  const user = await requireStaff("/instructor/subjects");
  const subjects = await listSubjects(user);
  return (
    <main>
      <h1 className="text-2xl font-bold text-slate-900">Subjects</h1>
      <p className="mt-1 text-sm text-slate-600">Each subject has its own topics and exam blueprint. Open a subject to edit them.</p>
      <div className="mt-4 overflow-x-auto rounded-xl border border-slate-200 bg-white dark:border-slate-700 dark:bg-slate-900">
        <table className="w-full text-left text-sm text-slate-800 dark:text-slate-100">
          <caption className="sr-only">Subjects</caption>
          <thead className="border-b border-slate-200 bg-slate-50 text-slate-600 dark:border-slate-700 dark:bg-slate-800 dark:text-slate-300">
            <tr>
              <th scope="col" className="px-4 py-2 font-medium">Subject</th>
              <th scope="col" className="px-4 py-2 font-medium">Slug</th>
              <th scope="col" className="px-4 py-2 font-medium">Topics</th>
              <th scope="col" className="px-4 py-2 font-medium">Published questions</th>
            </tr>
          </thead>
          <tbody className="divide-y divide-slate-100 dark:divide-slate-800">
            {subjects.map((s) => (
              <tr key={s.id}>
                <td className="px-4 py-2">
                  <Link href={`/instructor/subjects/${s.slug}`} className="font-medium text-brand-700 hover:underline dark:text-brand-100">
                    {s.name}
                  </Link>
                  <span className="sr-only">: topics and blueprint</span>
                </td>
                <td className="px-4 py-2 font-mono">{s.slug}</td>
                <td className="px-4 py-2">{s.topics}</td>
                <td className="px-4 py-2">{s.publishedQuestions}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      {subjects.length === 0 ? <p className="mt-2 text-sm text-slate-600">No subjects yet. The seed creates IPT; create one below.</p> : null}
      <h2 className="mt-8 text-lg font-semibold text-slate-900">New subject</h2>
      <CreateSubjectForm action={createSubjectAction} />
    </main>
  );
}
