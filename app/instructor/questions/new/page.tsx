import type { Metadata } from "next";
import Link from "next/link";
import { QuestionEditor } from "@/components/instructor/question-editor";
import { requireStaff } from "@/lib/server/access";
import { editorTopics } from "@/lib/services/question-editor";
import { checkStemAction, saveQuestionAction } from "../editor-actions";

export const metadata: Metadata = { title: "New question" };

export default async function NewQuestionPage() {
  const user = await requireStaff("/instructor/questions/new");
  const topics = await editorTopics(user);
  return (
    <main>
      <p className="text-sm">
        <Link href="/instructor/questions" className="text-brand-700 hover:underline dark:text-brand-300">
          ← Question bank
        </Link>
      </p>
      <h1 className="mt-2 text-2xl font-bold text-slate-900 dark:text-slate-100">New question</h1>
      <div className="mt-6">
        <QuestionEditor
          initial={{
            stem: "",
            options: Array.from({ length: 4 }, () => ({ text: "", feedback: "" })),
            correct: "",
            explanation: "",
            topicId: "",
            difficulty: "MEDIUM",
            kind: "APPLICATION",
            sources: "",
            tags: "",
            status: "DRAFT",
          }}
          topics={topics}
          action={saveQuestionAction}
          checkStem={checkStemAction}
        />
      </div>
    </main>
  );
}
