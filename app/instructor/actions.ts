"use server";

import { revalidatePath } from "next/cache";
import { redirect } from "next/navigation";
import { authAction } from "@/lib/server/access";
import { ADMIN_ROLES, STAFF_ROLES, type ActionResult } from "@/lib/server/action-client";
import { changeUserRole } from "@/lib/services/accounts";
import { createClass, regenerateJoinCode, removeMember } from "@/lib/services/classes";
import { importFromForm, type ImportReport } from "@/lib/services/question-import";
import { changeRoleSchema } from "@/lib/validation/admin";
import { classIdSchema, createClassSchema, removeMemberSchema } from "@/lib/validation/classes";
import { importFormFields, importFormSchema } from "@/lib/validation/import";

export const changeRoleAction = authAction({ schema: changeRoleSchema, roles: ADMIN_ROLES }, async (input, { user }) => {
  const updated = await changeUserRole(user, input.userId, input.role);
  revalidatePath("/instructor/users");
  return updated;
});

export const createClassAction = authAction({ schema: createClassSchema, roles: STAFF_ROLES }, async (input, { user }) => {
  const created = await createClass(user, input);
  revalidatePath("/instructor/classes");
  redirect(`/instructor/classes/${created.id}`);
});

export const regenerateJoinCodeAction = authAction({ schema: classIdSchema, roles: STAFF_ROLES }, async (input, { user }) => {
  const joinCode = await regenerateJoinCode(user, input.classId);
  revalidatePath(`/instructor/classes/${input.classId}`);
  return { joinCode };
});

export const removeMemberAction = authAction({ schema: removeMemberSchema, roles: STAFF_ROLES }, async (input, { user }) => {
  await removeMember(user, input.classId, input.userId);
  revalidatePath(`/instructor/classes/${input.classId}`);
});

const runImport = authAction({ schema: importFormSchema, roles: STAFF_ROLES }, async (input, { user }) => {
  const outcome = await importFromForm(user, input);
  if (outcome.report.written) revalidatePath("/instructor/questions");
  return outcome;
});

export type ImportFormState = {
  result: ActionResult<ImportReport> | null;
  intent: string;
  /** The text that was checked, for the text box after a post without JavaScript; null after one with it. */
  text: string | null;
};

/**
 * Previews or commits an import; the preview runs the same import and rolls
 * it back. useActionState's shape, so the form works before and without
 * JavaScript: then the file itself is posted, and the page comes back with
 * the report and the file's text in the box, to fix and import.
 */
export async function importQuestionsAction(_previous: ImportFormState, form: FormData): Promise<ImportFormState> {
  const input = importFormFields(form);
  const outcome = await runImport(input);
  const intent = typeof input.intent === "string" ? input.intent : "";
  const enhanced = form.get("enhanced") === "1";
  if (!outcome.ok) return { result: outcome, intent, text: enhanced ? null : typeof input.text === "string" ? input.text : null };
  return { result: { ok: true, data: outcome.data.report }, intent, text: enhanced ? null : outcome.data.text };
}
