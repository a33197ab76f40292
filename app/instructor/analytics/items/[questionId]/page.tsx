import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { ItemAnalysisQuestion } from "@/components/instructor/item-analysis-question";
import { requireStaff } from "@/lib/server/access";
import { ActionError } from "@/lib/server/action-client";
import { questionItemAnalysis } from "@/lib/services/item-analysis";
import { dashboardIdSchema } from "@/lib/validation/dashboard";
import { itemAnalysisHref } from "@/lib/validation/item-analysis";

export const metadata: Metadata = { title: "Item analysis of a question" };

type Props = { params: Promise<{ questionId: string }> };

/** One question's versions with their options analysed, for an instructor of its subject (or an admin); any other question is not found. */
export default async function QuestionItemAnalysisPage({ params }: Props) {
  const { questionId } = await params;
  const user = await requireStaff(`/instructor/analytics/items/${encodeURIComponent(questionId)}`);
  const id = dashboardIdSchema.safeParse(questionId);
  if (!id.success) notFound();
  const data = await questionItemAnalysis(user, id.data).catch((e: unknown) => {
    if (e instanceof ActionError && e.code === "NOT_FOUND") notFound();
    throw e;
  });
  const seconds = Math.round(data.statisticsAgeMs / 1000);
  return (
    <main>
      <p className="text-sm">
        <Link href={itemAnalysisHref({ subject: data.subject.slug })} className="text-brand-700 hover:underline dark:text-brand-100">
          ← Item analysis of {data.subject.name}
        </Link>
      </p>
      <h1 className="mt-2 text-2xl font-bold text-slate-900 dark:text-slate-50">Item analysis of {data.question.slug}</h1>
      <p className="mt-1 text-sm text-slate-700 dark:text-slate-200">
        {data.question.topicName} · first attempts only · figures computed {seconds < 2 ? "just now" : `${seconds} seconds ago`}
      </p>
      <ItemAnalysisQuestion data={data} />
    </main>
  );
}
