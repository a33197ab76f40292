"use server";

import { revalidatePath } from "next/cache";
import { redirect } from "next/navigation";
import { authAction } from "@/lib/server/access";
import { ADMIN_ROLES, STAFF_ROLES } from "@/lib/server/action-client";
import { changeUserRole } from "@/lib/services/accounts";
import { createClass, regenerateJoinCode, removeMember } from "@/lib/services/classes";
import { importQuestionFile } from "@/lib/services/question-import";
import { changeRoleSchema } from "@/lib/validation/admin";
import { classIdSchema, createClassSchema, removeMemberSchema } from "@/lib/validation/classes";
import { importFormSchema } from "@/lib/validation/import";

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

/** Previews or commits an import; the preview runs the same import and rolls it back. */
export const importQuestionsAction = authAction({ schema: importFormSchema, roles: STAFF_ROLES }, async (input, { user }) => {
  const report = await importQuestionFile(user, input.text, {
    ...(input.format === "auto" ? {} : { format: input.format }),
    subjectSlug: "ipt",
    ...(input.topic ? { defaultTopic: input.topic } : {}),
    dryRun: input.intent === "preview",
    publish: input.publish === "on",
  });
  if (report.written) revalidatePath("/instructor/questions");
  return report;
});
