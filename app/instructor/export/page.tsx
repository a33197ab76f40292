import type { Metadata } from "next";
import Link from "next/link";
import { requireStaff } from "@/lib/server/access";
import { countQuestions, questionListChoices } from "@/lib/services/question-list";
import { isExportSelection, parseQuestionFilter, questionListParams } from "@/lib/validation/question-list";

export const metadata: Metadata = { title: "Export questions" };

type Props = { searchParams: Promise<Record<string, string | string[] | undefined>> };

const FORMATS = [
  { value: "moodle-xml", label: "Moodle XML", note: "Everything: feedback, explanation, tags, difficulty, kind and sources." },
  { value: "gift", label: "Moodle GIFT", note: "Everything, as plain text." },
  { value: "csv", label: "CSV", note: "One row per question, for a spreadsheet (documented header)." },
  { value: "json", label: "JSON", note: "This app's bank format: the subject, its topics and the questions." },
  { value: "aiken", label: "Aiken", note: "The stem, the options and the key only: Aiken cannot carry feedback or explanations (nor topic, tags, difficulty, kind or sources)." },
  { value: "qti", label: "QTI 3.0 (zip)", note: "A content package for other assessment systems; it carries no topic, tags, difficulty, kind or sources." },
] as const;

const FILTER_LABELS: Record<string, string> = { q: "search", subject: "subject", topic: "topic", status: "status", difficulty: "difficulty", kind: "kind", tag: "tag" };

export default async function ExportPage({ searchParams }: Props) {
  // The layout checks too, but a layout does not run for every request.
  const user = await requireStaff("/instructor/export");
  const filter = parseQuestionFilter(await searchParams);
  const choices = await questionListChoices(user);
  // The list's subject, else the first subject (IPT while it is the only one).
  const subject = choices.subjects.find((s) => s.slug === filter.subject) ?? choices.subjects.find((s) => s.slug === "ipt") ?? choices.subjects[0];
  const selection = isExportSelection(filter);
  const [selected, whole] = subject
    ? await Promise.all([selection ? countQuestions(user, { ...filter, subject: subject.slug }) : Promise.resolve(0), countQuestions(user, { q: "", subject: subject.slug })])
    : [0, 0];
  const hidden = [...questionListParams({ ...filter, subject: undefined }).entries()];
  const described = hidden.map(([key, value]) => `${FILTER_LABELS[key] ?? key} “${value}”`).join(", ");

  return (
    <main className="max-w-3xl">
      <h1 className="text-2xl font-bold text-slate-900 dark:text-slate-50">Export questions</h1>
      <p className="mt-1 text-sm text-slate-600 dark:text-slate-300">
        Download the bank, or the questions a search on the <Link href={`/instructor/questions?${questionListParams(filter).toString()}`} className="font-semibold text-brand-700 hover:underline dark:text-brand-100">question list</Link> found, in the format another system reads. Each file can be imported here again.
      </p>
      {!subject ? (
        <p role="status" className="mt-6 text-sm text-slate-700 dark:text-slate-200">
          There is no subject to export yet.
        </p>
      ) : (
        <form method="get" action="/instructor/export/download" className="mt-6 space-y-6">
          <input type="hidden" name="subject" value={subject.slug} />
          {hidden.map(([key, value]) => (
            <input key={key} type="hidden" name={key} value={value} />
          ))}
          <fieldset>
            <legend className="text-base font-semibold text-slate-900 dark:text-slate-50">What to export</legend>
            <div className="mt-2 space-y-2 text-sm text-slate-800 dark:text-slate-100">
              {selection ? (
                <label className="flex items-start gap-2">
                  <input type="radio" name="scope" value="selection" defaultChecked className="mt-1" />
                  <span>
                    The selection: {selected} {selected === 1 ? "question" : "questions"} of {subject.name} matching {described}
                  </span>
                </label>
              ) : null}
              <label className="flex items-start gap-2">
                <input type="radio" name="scope" value="all" defaultChecked={!selection} className="mt-1" />
                <span>
                  The whole bank of {subject.name}: {whole} {whole === 1 ? "question" : "questions"}
                </span>
              </label>
            </div>
          </fieldset>
          <fieldset>
            <legend className="text-base font-semibold text-slate-900 dark:text-slate-50">Format</legend>
            <div className="mt-2 space-y-3 text-sm">
              {FORMATS.map((f, i) => (
                <label key={f.value} className="flex items-start gap-2">
                  <input type="radio" name="format" value={f.value} defaultChecked={i === 0} required className="mt-1" aria-describedby={`format-${f.value}-note`} />
                  <span>
                    <span className="font-medium text-slate-900 dark:text-slate-50">{f.label}</span>
                    <span id={`format-${f.value}-note`} className="block text-slate-600 dark:text-slate-300">
                      {f.note}
                    </span>
                  </span>
                </label>
              ))}
            </div>
          </fieldset>
          <button type="submit" className="inline-flex items-center justify-center rounded-lg bg-brand-600 px-4 py-2 text-sm font-semibold text-white hover:bg-brand-700">
            Download
          </button>
        </form>
      )}
    </main>
  );
}
