import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { StudentDashboardView } from "@/components/dashboard/student-dashboard-view";
import { requireStaff } from "@/lib/server/access";
import { ActionError } from "@/lib/server/action-client";
import { classStudentDashboard } from "@/lib/services/class-progress";
import { dashboardIdSchema } from "@/lib/validation/dashboard";

export const metadata: Metadata = { title: "Student progress" };

type Props = { params: Promise<{ id: string; studentId: string }> };

/** One member's dashboard, read-only, for the class's instructor (or an admin). Not a member, or not their class: not found. */
export default async function ClassStudentPage({ params }: Props) {
  const { id, studentId } = await params;
  const user = await requireStaff(`/instructor/analytics/classes/${encodeURIComponent(id)}/students/${encodeURIComponent(studentId)}`);
  const classId = dashboardIdSchema.safeParse(id);
  const memberId = dashboardIdSchema.safeParse(studentId);
  if (!classId.success || !memberId.success) notFound();
  const view = await classStudentDashboard(user, classId.data, memberId.data).catch((e: unknown) => {
    if (e instanceof ActionError && e.code === "NOT_FOUND") notFound();
    throw e;
  });
  return (
    <div>
      <Link href={`/instructor/analytics/classes/${encodeURIComponent(classId.data)}`} className="text-sm text-brand-700 hover:underline dark:text-brand-300">
        ← {view.className}: progress
      </Link>
      {view.dashboard ? (
        <div className="mt-2">
          <StudentDashboardView data={view.dashboard} instructorView={{ studentName: view.name }} />
        </div>
      ) : (
        <main className="mt-2">
          <h1 className="text-2xl font-bold text-slate-900 dark:text-slate-100">Progress of {view.name}</h1>
          <p className="mt-2 text-slate-600 dark:text-slate-300">{view.name} has not started this class&apos;s subject yet.</p>
        </main>
      )}
    </div>
  );
}
