"use client";

import { useActionState } from "react";
import { CONNECTION_LOST, useReachableAction } from "@/components/ui/use-reachable-action";
import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import type { ActionResult } from "@/lib/server/action-client";
import type { SubjectChoice } from "@/lib/services/enrolment";

type SubjectChooserProps = {
  subjects: SubjectChoice[];
  action: (previous: ActionResult<string> | null, form: FormData) => Promise<ActionResult<string> | null>;
  /** Where to go once chosen. */
  next: "/" | "/welcome";
};

const plural = (n: number, one: string, many: string) => `${n} ${n === 1 ? one : many}`;

/** One card per offered subject, each with its own button; works without JavaScript. */
export function SubjectChooser({ subjects, action, next }: SubjectChooserProps) {
  const [state, formAction, pending] = useActionState(useReachableAction(action, CONNECTION_LOST), null);
  const failure = state && !state.ok ? state : null;
  return (
    <div className="space-y-4">
      {failure ? <Alert tone="error">{failure.fieldErrors?.subjectId?.join(" ") ?? failure.error}</Alert> : null}
      <ul className="grid gap-4 sm:grid-cols-2" aria-label="Subjects">
        {subjects.map((subject) => (
          <li
            key={subject.id}
            className="flex flex-col rounded-xl border border-slate-200 bg-white p-5 dark:border-slate-700 dark:bg-slate-900"
            data-testid="subject-card"
          >
            <h2 className="text-lg font-semibold text-slate-900 dark:text-slate-100">{subject.name}</h2>
            {subject.description ? <p className="mt-1 text-sm text-slate-600 dark:text-slate-300">{subject.description}</p> : null}
            <p className="mt-2 text-sm text-slate-700 dark:text-slate-300">
              {plural(subject.questionCount, "question", "questions")}
              {" · "}
              {subject.current ? "Studying now" : subject.enrolled ? "Enrolled" : "Not started"}
            </p>
            <form action={formAction} className="mt-4">
              <input type="hidden" name="subjectId" value={subject.id} />
              <input type="hidden" name="next" value={next} />
              <Button type="submit" variant={subject.current ? "secondary" : "primary"} disabled={pending}>
                {subject.current ? "Continue" : "Study"} {subject.name}
              </Button>
            </form>
          </li>
        ))}
      </ul>
    </div>
  );
}
