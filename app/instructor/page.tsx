import type { Metadata } from "next";
import { QuestionTable } from "@/components/instructor/question-table";
import { requireStaff } from "@/lib/server/access";
import { listQuestionsWithStats } from "@/lib/services/question-stats";

export const metadata: Metadata = { title: "Instructor" };

export default async function InstructorHome() {
  // The layout checks too, but a layout does not run for every request.
  const user = await requireStaff("/instructor");
  const questions = await listQuestionsWithStats(user);
  return (
    <main>
      <h1 className="text-2xl font-bold text-slate-900">Question bank</h1>
      <p className="mt-1 text-sm text-slate-600">
        {questions.length} questions, {questions.filter((q) => q.status === "PUBLISHED").length} published.
      </p>
      <QuestionTable rows={questions} />
    </main>
  );
}
