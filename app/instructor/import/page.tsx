import type { Metadata } from "next";
import { ImportForm } from "@/components/instructor/import-form";
import { requireStaff } from "@/lib/server/access";
import { subjectTopics } from "@/lib/services/question-import";
import { importQuestionsAction } from "../actions";

export const metadata: Metadata = { title: "Import questions" };

export default async function ImportPage() {
  const user = await requireStaff("/instructor/import");
  const topics = await subjectTopics(user, "ipt");
  return (
    <main>
      <h1 className="text-2xl font-bold text-slate-900">Import questions</h1>
      <p className="mt-1 text-sm text-slate-600">
        Moodle GIFT, Moodle XML, Aiken, CSV or this app&apos;s JSON. The import is all or nothing: with any problem, nothing is written.
        Importing the same file again changes nothing.
      </p>
      <ImportForm action={importQuestionsAction} topics={topics} />
    </main>
  );
}
