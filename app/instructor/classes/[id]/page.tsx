import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { JoinCodePanel, RemoveMemberButton } from "@/components/instructor/class-forms";
import { formatCalendarDate } from "@/components/ui/format-date";
import { requireStaff } from "@/lib/server/access";
import { ActionError } from "@/lib/server/action-client";
import { getClassDetail } from "@/lib/services/classes";
import { regenerateJoinCodeAction, removeMemberAction } from "../../actions";

export const metadata: Metadata = { title: "Class" };

export default async function ClassPage({ params }: { params: Promise<{ id: string }> }) {
  const { id } = await params;
  const user = await requireStaff(`/instructor/classes/${encodeURIComponent(id)}`);
  const detail = await getClassDetail(user, id).catch((error: unknown) => {
    if (error instanceof ActionError && error.code === "NOT_FOUND") notFound();
    throw error;
  });
  return (
    <main className="space-y-6">
      <div>
        <Link href="/instructor/classes" className="text-sm text-brand-700 hover:underline">
          ← All classes
        </Link>
        <h1 className="mt-2 text-2xl font-bold text-slate-900">{detail.name}</h1>
        <p className="mt-1 text-sm text-slate-600">
          Exam date: {formatCalendarDate(detail.examDate)} · {detail.members} students · instructor {detail.ownerName}
        </p>
        <Link
          href={`/instructor/analytics/classes/${encodeURIComponent(detail.id)}`}
          className="mt-3 inline-block rounded-lg bg-brand-600 px-3 py-1.5 text-sm font-semibold text-white hover:bg-brand-700"
        >
          Class progress
        </Link>
      </div>
      <JoinCodePanel classId={detail.id} joinCode={detail.joinCode} action={regenerateJoinCodeAction} />
      <section aria-labelledby="roster-heading">
        <h2 id="roster-heading" className="text-lg font-semibold text-slate-900">
          Roster
        </h2>
        {detail.roster.length === 0 ? (
          <p className="mt-2 text-sm text-slate-600">No students yet. Share the join code.</p>
        ) : (
          <div className="mt-3 overflow-x-auto rounded-xl border border-slate-200 bg-white">
            <table className="w-full text-left text-sm">
              <thead className="border-b border-slate-200 bg-slate-50 text-slate-600">
                <tr>
                  <th scope="col" className="px-4 py-2 font-medium">Student</th>
                  <th scope="col" className="px-4 py-2 font-medium">Email</th>
                  <th scope="col" className="px-4 py-2 font-medium">Joined</th>
                  <th scope="col" className="px-4 py-2 font-medium">Last activity</th>
                  <th scope="col" className="px-4 py-2 font-medium"><span className="sr-only">Actions</span></th>
                </tr>
              </thead>
              <tbody className="divide-y divide-slate-100">
                {detail.roster.map((member) => (
                  <tr key={member.userId}>
                    <td className="px-4 py-2 font-medium text-slate-900">{member.name}</td>
                    <td className="px-4 py-2 text-slate-600">{member.email}</td>
                    <td className="px-4 py-2">{formatCalendarDate(member.joinedAt)}</td>
                    <td className="px-4 py-2">{member.lastActiveAt ? formatCalendarDate(member.lastActiveAt) : "Not yet practised"}</td>
                    <td className="px-4 py-2 text-right">
                      <RemoveMemberButton classId={detail.id} userId={member.userId} name={member.name} action={removeMemberAction} />
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        )}
      </section>
    </main>
  );
}
