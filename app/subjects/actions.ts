"use server";

import { revalidatePath } from "next/cache";
import { redirect } from "next/navigation";
import { authAction } from "@/lib/server/access";
import type { ActionResult } from "@/lib/server/action-client";
import { chooseSubject } from "@/lib/services/enrolment";
import { chooseSubjectSchema } from "@/lib/validation/subjects";

const choose = authAction({ schema: chooseSubjectSchema }, async (input, { user }) => {
  await chooseSubject(user.id, input.subjectId);
  // The site header (in the root layout) names the current subject: render it again.
  revalidatePath("/", "layout");
  return input.next;
});

/** A student chooses what to study: enrolled if needed, it becomes current, then home (or back to the welcome step). */
export async function chooseSubjectAction(_previous: ActionResult<string> | null, form: FormData): Promise<ActionResult<string> | null> {
  const result = await choose(form);
  if (result.ok) redirect(result.data);
  return result;
}
