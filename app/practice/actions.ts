"use server";

import { redirect } from "next/navigation";
import { authAction } from "@/lib/server/access";
import { recordAnswer, type AnswerFormState } from "@/lib/services/practice";
import { submitAnswerSchema } from "@/lib/validation/practice";

/** Any signed-in user may practise; the answer is stored for the session's user, against a presentation they were shown. */
const submitAnswer = authAction({ schema: submitAnswerSchema }, (input, { user }) => recordAnswer(user.id, input));

/**
 * The question form's action. A page that has hydrated marks its posts
 * (`enhanced=1`) and gets the result back in place, so the status region that
 * announces it stays mounted. Before JavaScript has loaded the form posts
 * natively, and the browser is sent (303) to the answered presentation's page.
 * A repeated submit gets the same stored result either way.
 */
export async function submitAnswerAction(_previous: AnswerFormState, form: FormData): Promise<AnswerFormState> {
  const result = await submitAnswer(form);
  if (!result.ok) return { ok: false, error: result.error, ...(result.fieldErrors ? { fieldErrors: result.fieldErrors } : {}) };
  const { presentationId, replayed: _replayed, ...answer } = result.data;
  if (form.get("enhanced") === "1") return { ok: true, result: answer };
  redirect(`/practice?p=${encodeURIComponent(presentationId)}`);
}
