"use server";

import { revalidatePath } from "next/cache";
import { redirect } from "next/navigation";
import { authAction } from "@/lib/server/access";
import { removeBookmark, setBookmark } from "@/lib/services/bookmarks";
import { answerAndContinue, recordAnswer, type AnswerFormState } from "@/lib/services/practice";
import { practiceScreen } from "@/lib/services/practice-screen";
import { reportProblem } from "@/lib/services/problem-reports";
import { mockExamIdSchema } from "@/lib/validation/mock-exam";
import { submitAnswerSchema } from "@/lib/validation/practice";
import { bookmarkFormSchema, removeBookmarkSchema, reportProblemSchema } from "@/lib/validation/practice-modes";

/** Any signed-in user may practise; the answer is stored for the session's user, against a presentation they were shown. */
const submitAnswer = authAction({ schema: submitAnswerSchema }, (input, { user }) => recordAnswer(user.id, input));

/** The same, issuing the next question of the scope with it (and its screen) for a page that swaps it in. */
const submitAndContinue = authAction({ schema: submitAnswerSchema }, async (input, { user }) => {
  const { recorded, next } = await answerAndContinue(user.id, input);
  // The answer is stored whatever happens here: without the next screen, "Next question" asks the page.
  const screen = next ? await practiceScreen(user.id, next).catch(() => null) : null;
  return { recorded, next: screen };
});

/**
 * The question form's action. A page that has hydrated marks its posts
 * (`enhanced=1`) and gets the result back in place, so the status region that
 * announces it stays mounted, together with the next question (not yet
 * answered, so without its key), which "Next question" shows without another
 * request. Before JavaScript has loaded the form posts natively, and the
 * browser is sent (303) to the answered presentation's page. A repeated
 * submit gets the same stored result either way.
 */
export async function submitAnswerAction(_previous: AnswerFormState, form: FormData): Promise<AnswerFormState> {
  if (form.get("enhanced") === "1") {
    const result = await submitAndContinue(form);
    if (!result.ok) return { ok: false, error: result.error, ...(result.fieldErrors ? { fieldErrors: result.fieldErrors } : {}) };
    const { presentationId: _id, replayed: _replayed, scope: _scope, ...answer } = result.data.recorded;
    return { ok: true, result: answer, next: result.data.next };
  }
  const result = await submitAnswer(form);
  if (!result.ok) return { ok: false, error: result.error, ...(result.fieldErrors ? { fieldErrors: result.fieldErrors } : {}) };
  redirect(`/practice?p=${encodeURIComponent(result.data.presentationId)}`);
}

export type BookmarkFormState = { ok: true; bookmarked: boolean } | { ok: false; error: string } | null;

const saveBookmark = authAction({ schema: bookmarkFormSchema }, (input, { user }) => setBookmark(user.id, input.presentationId, input.bookmark));

/**
 * The question screen's Bookmark toggle. Sets the state the button asked for
 * (a repeated post changes nothing). A hydrated page gets the new state back in
 * place, with no refresh (a refresh would issue the next question after an
 * answer); without JavaScript the browser returns to the presentation's page.
 */
export async function toggleBookmarkAction(_previous: BookmarkFormState, form: FormData): Promise<BookmarkFormState> {
  const result = await saveBookmark(form);
  if (!result.ok) return { ok: false, error: result.error };
  if (form.get("enhanced") === "1") return { ok: true, bookmarked: result.data.bookmarked };
  const id = form.get("presentationId");
  redirect(`/practice?p=${encodeURIComponent(typeof id === "string" ? id : "")}`);
}

const dropBookmark = authAction({ schema: removeBookmarkSchema }, (input, { user }) => removeBookmark(user.id, input.questionId));

/** The bookmarks page's Remove button: the list is read again. */
export async function removeBookmarkAction(form: FormData): Promise<void> {
  await dropBookmark(form);
  revalidatePath("/practice/bookmarks");
}

export type ReportFormState =
  | { ok: true }
  | { ok: false; error: string; fieldErrors?: Record<string, string[] | undefined> }
  | null;

const sendReport = authAction({ schema: reportProblemSchema }, (input, { user }) => reportProblem(user.id, input));

/**
 * "Report a problem" on a question, from practice or a mock exam's results.
 * In place for a hydrated page; without JavaScript a sent report returns to
 * the page it came from (the presentation's page, or the exam's results when
 * the form names the exam), which thanks the student.
 */
export async function reportProblemAction(_previous: ReportFormState, form: FormData): Promise<ReportFormState> {
  const result = await sendReport(form);
  if (!result.ok) return { ok: false, error: result.error, ...(result.fieldErrors ? { fieldErrors: result.fieldErrors } : {}) };
  if (form.get("enhanced") === "1") return { ok: true };
  const id = form.get("presentationId");
  const presentationId = encodeURIComponent(typeof id === "string" ? id : "");
  // Only a well-formed exam id is put in the address; the results page checks the exam is the student's.
  const exam = mockExamIdSchema.safeParse(form.get("mockExamId"));
  if (exam.success) redirect(`/practice/mock/${encodeURIComponent(exam.data)}/results?reported=${presentationId}`);
  redirect(`/practice?p=${presentationId}&reported=1`);
}
