"use server";

import { revalidatePath } from "next/cache";
import { redirect } from "next/navigation";
import { authAction } from "@/lib/server/access";
import { STAFF_ROLES } from "@/lib/server/action-client";
import { createSubject } from "@/lib/services/subjects";
import { createTopic, moveTopic, removeTopic, setBlueprint, updateTopic } from "@/lib/services/topics";
import { blueprintSchema, createSubjectSchema, createTopicSchema, moveTopicSchema, topicIdSchema, updateTopicSchema } from "@/lib/validation/topics";

/** Subjects, their topics and the blueprint: every action is staff-only and the services check again. */

function revalidateSubject(slug: string): void {
  revalidatePath("/instructor/subjects");
  revalidatePath(`/instructor/subjects/${slug}`);
}

export const createSubjectAction = authAction({ schema: createSubjectSchema, roles: STAFF_ROLES }, async (input, { user }) => {
  const created = await createSubject(user, input);
  revalidatePath("/instructor/subjects");
  redirect(`/instructor/subjects/${created.slug}`);
});

export const createTopicAction = authAction({ schema: createTopicSchema, roles: STAFF_ROLES }, async (input, { user }) => {
  const created = await createTopic(user, input);
  revalidateSubject(input.subjectSlug);
  return created;
});

export const updateTopicAction = authAction({ schema: updateTopicSchema, roles: STAFF_ROLES }, async (input, { user }) => {
  await updateTopic(user, input);
  revalidatePath("/instructor/subjects", "layout");
  return { name: input.name };
});

export const removeTopicAction = authAction({ schema: topicIdSchema, roles: STAFF_ROLES }, async (input, { user }) => {
  const removed = await removeTopic(user, input.topicId);
  revalidatePath("/instructor/subjects", "layout");
  return removed;
});

export const setBlueprintAction = authAction({ schema: blueprintSchema, roles: STAFF_ROLES }, async (input, { user }) => {
  await setBlueprint(user, input.subjectSlug, input.weights);
  revalidateSubject(input.subjectSlug);
});

const moveTopicResult = authAction({ schema: moveTopicSchema, roles: STAFF_ROLES }, async (input, { user }) => {
  await moveTopic(user, input.topicId, input.direction);
  revalidatePath("/instructor/subjects", "layout");
});

/**
 * The move buttons are plain forms so they work without JavaScript; the page
 * re-renders with the new order. A refused session or role still becomes a
 * 401/403 (authAction), and a topic removed meanwhile simply stays removed.
 */
export async function moveTopicAction(form: FormData): Promise<void> {
  await moveTopicResult(form);
}
