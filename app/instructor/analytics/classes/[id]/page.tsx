import type { Metadata } from "next";
import { notFound } from "next/navigation";
import { ClassOverviewView } from "@/components/instructor/class-overview";
import { requireStaff } from "@/lib/server/access";
import { ActionError } from "@/lib/server/action-client";
import { classOverview } from "@/lib/services/class-progress";
import { dashboardIdSchema, dateRangeSchema, pageNumber } from "@/lib/validation/dashboard";
import { singleParam } from "@/lib/validation/practice-modes";

export const metadata: Metadata = { title: "Class progress" };

type Props = { params: Promise<{ id: string }>; searchParams: Promise<Record<string, string | string[] | undefined>> };

/** A class's progress for its instructor (or an admin); another's class is not found. ?from&to choose the activity range, ?page the page of the student table. */
export default async function ClassProgressPage({ params, searchParams }: Props) {
  const { id } = await params;
  const user = await requireStaff(`/instructor/analytics/classes/${encodeURIComponent(id)}`);
  const classId = dashboardIdSchema.safeParse(id);
  if (!classId.success) notFound();
  const query = await searchParams;
  const from = singleParam(query.from);
  const to = singleParam(query.to);
  let range: { from: string; to: string } | null = null;
  let error: string | null = null;
  if (from !== undefined || to !== undefined) {
    const parsed = dateRangeSchema.safeParse({ from, to });
    if (parsed.success) range = parsed.data;
    else error = `${parsed.error.issues[0]?.message ?? "That range cannot be shown."} Showing the last 60 days instead.`;
  }
  const rawPage = singleParam(query.page);
  const page = rawPage === null ? null : pageNumber(rawPage);
  const data = await classOverview(user, classId.data, range).catch((e: unknown) => {
    if (e instanceof ActionError && e.code === "NOT_FOUND") notFound();
    throw e;
  });
  return (
    <ClassOverviewView
      data={data}
      error={error}
      membersPage={page ?? 1}
      pageError={page === null ? "That page number was not understood: showing the first page of students." : null}
      range={range}
    />
  );
}
