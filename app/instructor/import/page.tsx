import type { Metadata } from "next";
import { ImportForm } from "@/components/instructor/import-form";
import { Alert } from "@/components/ui/alert";
import { requireStaff } from "@/lib/server/access";
import { Button } from "@/components/ui/button";
import { subjectTopics } from "@/lib/services/question-import";
import { listSubjects } from "@/lib/services/subjects";
import { importQuestionsAction } from "../actions";

export const metadata: Metadata = { title: "Import questions" };

type ImportPageProps = { searchParams: Promise<Record<string, string | string[] | undefined>> };

export default async function ImportPage({ searchParams }: ImportPageProps) {
  const user = await requireStaff("/instructor/import");
  const params = await searchParams;
  // A file too large for the server to read (proxy.ts) comes back here.
  const tooLarge = params.error === "too-large";
  // Each subject has its own bank and topics: the chosen one, else IPT, else the first.
  const subjects = await listSubjects(user);
  const chosen = typeof params.subject === "string" ? params.subject : undefined;
  const subject = subjects.find((s) => s.slug === chosen) ?? subjects.find((s) => s.slug === "ipt") ?? subjects[0];
  const topics = subject ? await subjectTopics(user, subject.slug) : [];
  return (
    <main>
      <h1 className="text-2xl font-bold text-slate-900 dark:text-slate-100">Import questions</h1>
      <p className="mt-1 text-sm text-slate-600 dark:text-slate-300">
        Moodle GIFT, Moodle XML, Aiken, CSV or this app&apos;s JSON. The import is all or nothing: with any problem, nothing is written.
        Importing the same file again changes nothing.
      </p>
      {subjects.length > 1 && subject ? (
        <form method="get" className="mt-4 flex flex-wrap items-end gap-3">
          <label className="block text-sm font-medium text-slate-700 dark:text-slate-200">
            Subject
            <select
              name="subject"
              defaultValue={subject.slug}
              className="mt-1 block rounded-lg border border-slate-300 bg-white px-3 py-2 text-sm dark:border-slate-600 dark:bg-slate-900 dark:text-slate-100"
            >
              {subjects.map((s) => (
                <option key={s.slug} value={s.slug}>
                  {s.name}
                </option>
              ))}
            </select>
          </label>
          <Button type="submit" variant="secondary">
            Switch subject
          </Button>
        </form>
      ) : null}
      {tooLarge ? (
        <div className="mt-4">
          <Alert tone="error">The file is larger than 5 MB; split it into smaller files. Nothing was imported.</Alert>
        </div>
      ) : null}
      {subject ? (
        <>
          <p className="mt-4 text-sm text-slate-700 dark:text-slate-200" data-testid="import-subject">
            Questions go into <strong>{subject.name}</strong>: its categories are matched to its topics.
          </p>
          <ImportForm key={subject.slug} action={importQuestionsAction} subject={{ slug: subject.slug, name: subject.name }} topics={topics} />
        </>
      ) : (
        <p className="mt-4 text-sm text-slate-700 dark:text-slate-200">There is no subject to import into yet: create one first.</p>
      )}
    </main>
  );
}
