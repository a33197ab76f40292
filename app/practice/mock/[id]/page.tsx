import type { Metadata } from "next";
import { notFound, redirect } from "next/navigation";
import { MockExamRunner } from "@/components/practice/mock-exam-runner";
import { requireUser } from "@/lib/server/access";
import { openMockExam } from "@/lib/services/mock-exam";
import { mockExamIdSchema } from "@/lib/validation/mock-exam";
import { mockItemAction, mockTimerAction, submitMockExamAction } from "../actions";

export const metadata: Metadata = { title: "Mock exam" };

type MockExamPageProps = {
  params: Promise<{ id: string }>;
  searchParams: Promise<Record<string, string | string[] | undefined>>;
};

/**
 * /practice/mock/<id>?q=<n>: question n (1-based) of one of the student's open
 * mock exams; &confirm=1 adds the submit confirmation. A finished exam, or
 * one whose time ran out (submitted now), goes to its results.
 */
export default async function MockExamPage({ params, searchParams }: MockExamPageProps) {
  const { id } = await params;
  const user = await requireUser(`/practice/mock/${encodeURIComponent(id)}`);
  const examId = mockExamIdSchema.safeParse(id);
  if (!examId.success) notFound();
  const { q, confirm } = await searchParams;
  let position = 0;
  if (q !== undefined) {
    const number = typeof q === "string" && /^\d{1,3}$/.test(q) ? Number(q) : NaN;
    if (!Number.isInteger(number) || number < 1) notFound();
    position = number - 1;
  }
  const now = new Date();
  const opened = await openMockExam(user.id, examId.data, position, now);
  if (opened.status === "not-found") notFound();
  if (opened.status === "submitted") redirect(`/practice/mock/${examId.data}/results`);
  const { view } = opened;
  return (
    <main className="mx-auto max-w-3xl px-4 py-8 sm:px-6 sm:py-10">
      <MockExamRunner
        key={view.current.position}
        exam={{ ...view, deadline: view.deadline ? view.deadline.toISOString() : null }}
        serverNow={now.getTime()}
        confirm={confirm === "1"}
        itemAction={mockItemAction}
        timerAction={mockTimerAction}
        submitAction={submitMockExamAction}
      />
    </main>
  );
}
