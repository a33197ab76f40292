"use server";

import { revalidatePath } from "next/cache";
import { redirect } from "next/navigation";
import { authAction } from "@/lib/server/access";
import { ActionError, formDataToObject, MESSAGES, STAFF_ROLES } from "@/lib/server/action-client";
import { createQuestion, deleteQuestion, nearDuplicateStems, setStatus, updateQuestion } from "@/lib/services/question-editor";
import {
  deleteQuestionSchema,
  editorFormSchema,
  editorInputFromForm,
  setStatusSchema,
  stemCheckSchema,
  validateQuestionEditor,
  type EditorFieldErrors,
  type EditorValues,
} from "@/lib/validation/question-editor";

/*
 * The question editor's actions (in their own file beside the bank list's
 * area so the two can grow apart). The form actions take (previous, form) so
 * the forms post natively before JavaScript loads; each goes through
 * authAction, which refuses anyone but staff with a real 401/403.
 */

export type EditorFormState = { ok: false; error: string; fieldErrors?: EditorFieldErrors; values?: EditorValues } | null;
export type SimpleFormState = { ok: false; error: string; fieldErrors?: Record<string, string[] | undefined> } | null;

const save = authAction({ schema: editorFormSchema, roles: STAFF_ROLES }, async (raw, { user }) => {
  const checked = validateQuestionEditor(editorInputFromForm(raw));
  if (!checked.ok) throw new ActionError("INVALID_INPUT", MESSAGES.invalidInput, checked.fieldErrors);
  const id = typeof raw.questionId === "string" && raw.questionId ? raw.questionId : null;
  if (!id) {
    const created = await createQuestion(user, checked.data);
    return { id: created.id, saved: "created" };
  }
  const outcome = await updateQuestion(user, id, checked.data);
  return { id, saved: outcome.versionCreated ? `version-${outcome.version}` : outcome.wordingChanged || outcome.changedFields.length > 0 ? "updated" : "unchanged" };
});

export async function saveQuestionAction(_previous: EditorFormState, form: FormData): Promise<EditorFormState> {
  const result = await save(form);
  if (!result.ok) {
    return {
      ok: false,
      error: result.error,
      ...(result.fieldErrors ? { fieldErrors: result.fieldErrors } : {}),
      values: editorInputFromForm(formDataToObject(form)),
    };
  }
  revalidatePath("/instructor/questions");
  redirect(`/instructor/questions/${encodeURIComponent(result.data.id)}?saved=${result.data.saved}`);
}

const remove = authAction({ schema: deleteQuestionSchema, roles: STAFF_ROLES }, (input, { user }) => deleteQuestion(user, input.questionId));

export async function deleteQuestionAction(_previous: SimpleFormState, form: FormData): Promise<SimpleFormState> {
  const result = await remove(form);
  if (!result.ok) return { ok: false, error: result.error, ...(result.fieldErrors ? { fieldErrors: result.fieldErrors } : {}) };
  revalidatePath("/instructor/questions");
  redirect(`/instructor/questions?deleted=${encodeURIComponent(result.data.slug)}`);
}

const changeStatus = authAction({ schema: setStatusSchema, roles: STAFF_ROLES }, async (input, { user }) => {
  await setStatus(user, input.questionId, input.status);
  return input;
});

export async function setStatusAction(_previous: SimpleFormState, form: FormData): Promise<SimpleFormState> {
  const result = await changeStatus(form);
  if (!result.ok) return { ok: false, error: result.error, ...(result.fieldErrors ? { fieldErrors: result.fieldErrors } : {}) };
  revalidatePath("/instructor/questions");
  redirect(`/instructor/questions/${encodeURIComponent(result.data.questionId)}?saved=status`);
}

/** Stems of the subject that read nearly the same as the one being typed (called while typing). */
export const checkStemAction = authAction({ schema: stemCheckSchema, roles: STAFF_ROLES }, (input, { user }) =>
  nearDuplicateStems(user, input),
);
