import type { Metadata } from "next";
import { notFound, redirect } from "next/navigation";
import { StudentDashboardView } from "@/components/dashboard/student-dashboard-view";
import { ActionError } from "@/lib/server/action-client";
import { requireUser } from "@/lib/server/access";
import { studentDashboard } from "@/lib/services/student-dashboard";
import { singleParam } from "@/lib/validation/practice-modes";
import { dashboardIdSchema } from "@/lib/validation/dashboard";

export const metadata: Metadata = { title: "Your progress" };

type DashboardPageProps = { searchParams: Promise<Record<string, string | string[] | undefined>> };

/**
 * /dashboard: the signed-in user's own progress in one of their subjects
 * (?subject=<id>, their current one by default). Anyone signed in has one;
 * a subject they are not enrolled in is not found.
 */
export default async function DashboardPage({ searchParams }: DashboardPageProps) {
  const user = await requireUser("/dashboard");
  const params = await searchParams;
  const raw = singleParam(params.subject);
  if (raw === null) notFound();
  let subjectId: string | null = null;
  if (raw !== undefined) {
    const parsed = dashboardIdSchema.safeParse(raw);
    if (!parsed.success) notFound();
    subjectId = parsed.data;
  }
  let data;
  try {
    data = await studentDashboard(user, subjectId);
  } catch (error) {
    if (error instanceof ActionError && error.code === "NOT_FOUND") notFound();
    throw error;
  }
  if (!data) redirect("/subjects");
  return <StudentDashboardView data={data} />;
}
