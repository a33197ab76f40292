import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { QuestionEditor } from "@/components/instructor/question-editor";
import { DeleteQuestionForm, StatusButton } from "@/components/instructor/question-status-forms";
import { QuestionReports } from "@/components/instructor/report-card";
import { Alert } from "@/components/ui/alert";
import { requireStaff } from "@/lib/server/access";
import { reportsForQuestion } from "@/lib/services/problem-report-queue";
import { editorTopics, nearDuplicateStems, questionForEditing } from "@/lib/services/question-editor";
import { STATUS_LABELS } from "@/lib/validation/question-editor";
import { resolveReportAction } from "../../reports/actions";
import { checkStemAction, deleteQuestionAction, saveQuestionAction, setStatusAction } from "../editor-actions";

export const metadata: Metadata = { title: "Edit question" };

type Props = { params: Promise<{ id: string }>; searchParams: Promise<Record<string, string | string[] | undefined>> };

function savedMessage(saved: string | string[] | undefined): string | null {
  if (saved === "created") return "Question created.";
  if (saved === "updated") return "Saved.";
  if (saved === "unchanged") return "Nothing changed.";
  if (saved === "status") return "Status changed.";
  const version = typeof saved === "string" ? /^version-(\d+)$/.exec(saved) : null;
  if (version) return `Saved as version ${version[1]}: students who answered the earlier wording keep it in their history.`;
  return null;
}

export default async function EditQuestionPage({ params, searchParams }: Props) {
  const { id } = await params;
  const user = await requireStaff(`/instructor/questions/${encodeURIComponent(id)}`);
  const question = await questionForEditing(user, id);
  if (!question) notFound();
  const [topics, duplicates, reports, { saved }] = await Promise.all([
    editorTopics(user),
    nearDuplicateStems(user, { stem: question.stem, topicId: question.topicId, questionId: question.id }),
    reportsForQuestion(user, question.id),
    searchParams,
  ]);
  const message = savedMessage(saved);
  const keyIndex = question.options.findIndex((o) => o.correct);
  return (
    <main>
      <p className="text-sm">
        <Link href="/instructor/questions" className="text-brand-700 hover:underline dark:text-brand-300">
          ← Question bank
        </Link>
      </p>
      <div className="mt-2 flex flex-wrap items-baseline justify-between gap-2">
        <h1 className="text-2xl font-bold text-slate-900 dark:text-slate-100">
          Edit <span className="font-mono">{question.slug}</span>
        </h1>
        <p className="text-sm text-slate-700 dark:text-slate-300">
          {STATUS_LABELS[question.status]} · version {question.currentVersion} ·{" "}
          <Link href={`/instructor/questions/${question.id}/history`} className="text-brand-700 underline dark:text-brand-300">
            History and versions
          </Link>
        </p>
      </div>
      {message ? (
        <div className="mt-4">
          <Alert tone="success">{message}</Alert>
        </div>
      ) : null}
      {reports.length > 0 ? (
        <div className="mt-6">
          <QuestionReports reports={reports} action={resolveReportAction} />
        </div>
      ) : null}
      <div className="mt-6">
        <QuestionEditor
          questionId={question.id}
          initial={{
            stem: question.stem,
            options: question.options.map((o) => ({ text: o.text, feedback: o.feedback })),
            correct: keyIndex >= 0 ? String(keyIndex) : "",
            explanation: question.explanation,
            topicId: question.topicId,
            difficulty: question.difficulty,
            kind: question.kind,
            sources: question.sources.join("\n"),
            tags: question.tags.join(", "),
            status: question.status,
          }}
          topics={topics}
          action={saveQuestionAction}
          checkStem={checkStemAction}
          initialDuplicates={duplicates}
          {...(question.currentVersionSeen
            ? { versionNote: `Students have answered or been shown version ${question.currentVersion}: changing the wording saves a new version ${question.currentVersion + 1}. Topic, difficulty, kind, sources, tags and status never make a version.` }
            : {})}
        />
      </div>

      <section aria-labelledby="status-heading" className="mt-10 rounded-xl border border-slate-200 p-5 dark:border-slate-700">
        <h2 id="status-heading" className="text-lg font-semibold text-slate-900 dark:text-slate-100">
          Publish, retire or delete
        </h2>
        <div className="mt-3 flex flex-wrap gap-2">
          {question.status !== "PUBLISHED" ? <StatusButton questionId={question.id} status="PUBLISHED" label="Publish" action={setStatusAction} /> : null}
          {question.status !== "RETIRED" ? <StatusButton questionId={question.id} status="RETIRED" label="Retire" action={setStatusAction} /> : null}
        </div>
        <p className="mt-3 text-sm text-slate-700 dark:text-slate-300">
          Retiring stops serving the question and keeps its answers and statistics.
        </p>
        <div className="mt-4">
          {question.answerCount > 0 ? (
            <p className="text-sm text-slate-700 dark:text-slate-300">
              This question has {question.answerCount} answer{question.answerCount === 1 ? "" : "s"}, so it cannot be deleted; retire it instead.
            </p>
          ) : (
            <DeleteQuestionForm questionId={question.id} slug={question.slug} action={deleteQuestionAction} />
          )}
        </div>
      </section>
    </main>
  );
}
