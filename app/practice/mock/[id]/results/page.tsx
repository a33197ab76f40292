import type { Metadata } from "next";
import { notFound, redirect } from "next/navigation";
import { MockResults } from "@/components/practice/mock-results";
import { Alert } from "@/components/ui/alert";
import { requireUser } from "@/lib/server/access";
import { mockExamResults } from "@/lib/services/mock-exam";
import { alreadyReported } from "@/lib/services/problem-reports";
import { mockExamIdSchema } from "@/lib/validation/mock-exam";
import { presentationIdSchema } from "@/lib/validation/practice";
import { reportProblemAction } from "@/app/practice/actions";

export const metadata: Metadata = { title: "Mock exam results" };

type ResultsPageProps = {
  params: Promise<{ id: string }>;
  searchParams: Promise<Record<string, string | string[] | undefined>>;
};

const NOTICES: Record<string, string> = {
  expired: "Time ran out: your exam was submitted with the answers you had chosen.",
  already: "This exam had already been submitted, so nothing was changed. These are its results.",
};

/**
 * The results of a submitted mock exam; an exam still running goes back to
 * its questions. ?reported=<presentation> comes back from a report sent
 * before JavaScript: that item thanks the student if the report is stored.
 */
export default async function MockExamResultsPage({ params, searchParams }: ResultsPageProps) {
  const { id } = await params;
  const user = await requireUser(`/practice/mock/${encodeURIComponent(id)}/results`);
  const examId = mockExamIdSchema.safeParse(id);
  if (!examId.success) notFound();
  const outcome = await mockExamResults(user.id, examId.data);
  if (outcome.status === "not-found") notFound();
  if (outcome.status === "open") redirect(`/practice/mock/${examId.data}`);
  const { notice, reported } = await searchParams;
  const message = typeof notice === "string" ? NOTICES[notice] : undefined;
  const reportedId = presentationIdSchema.safeParse(reported);
  const reportedPresentationId =
    reportedId.success && outcome.results.items.some((i) => i.presentationId === reportedId.data) && (await alreadyReported(user.id, reportedId.data))
      ? reportedId.data
      : null;
  return (
    <main className="mx-auto max-w-3xl px-4 py-8 sm:px-6 sm:py-10">
      {message ? (
        <div className="mb-6">
          <Alert tone="info">{message}</Alert>
        </div>
      ) : null}
      <MockResults results={outcome.results} reportAction={reportProblemAction} reportedPresentationId={reportedPresentationId} />
    </main>
  );
}
