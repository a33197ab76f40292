"use server";

import { revalidatePath } from "next/cache";
import { ADMIN_ROLES } from "@/lib/server/action-client";
import { authAction } from "@/lib/server/access";
import { changeUserRole } from "@/lib/services/accounts";
import { changeRoleSchema } from "@/lib/validation/admin";

export const changeRoleAction = authAction({ schema: changeRoleSchema, roles: ADMIN_ROLES }, async (input, { user }) => {
  const updated = await changeUserRole(user, input.userId, input.role);
  revalidatePath("/instructor/users");
  return updated;
});
