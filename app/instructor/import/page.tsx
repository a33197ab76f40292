import type { Metadata } from "next";
import { ImportForm } from "@/components/instructor/import-form";
import { Alert } from "@/components/ui/alert";
import { requireStaff } from "@/lib/server/access";
import { subjectTopics } from "@/lib/services/question-import";
import { importQuestionsAction } from "../actions";

export const metadata: Metadata = { title: "Import questions" };

type ImportPageProps = { searchParams: Promise<Record<string, string | string[] | undefined>> };

export default async function ImportPage({ searchParams }: ImportPageProps) {
  const user = await requireStaff("/instructor/import");
  // A file too large for the server to read (proxy.ts) comes back here.
  const tooLarge = (await searchParams).error === "too-large";
  const topics = await subjectTopics(user, "ipt");
  return (
    <main>
      <h1 className="text-2xl font-bold text-slate-900">Import questions</h1>
      <p className="mt-1 text-sm text-slate-600">
        Moodle GIFT, Moodle XML, Aiken, CSV or this app&apos;s JSON. The import is all or nothing: with any problem, nothing is written.
        Importing the same file again changes nothing.
      </p>
      {tooLarge ? (
        <div className="mt-4">
          <Alert tone="error">The file is larger than 5 MB; split it into smaller files. Nothing was imported.</Alert>
        </div>
      ) : null}
      <ImportForm action={importQuestionsAction} topics={topics} />
    </main>
  );
}
