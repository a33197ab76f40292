import { z } from "./zod";

export const ROLES = ["STUDENT", "INSTRUCTOR", "ADMIN"] as const;

export const changeRoleSchema = z.object({
  userId: z.string().min(1).max(64),
  role: z.enum(ROLES, { error: "Choose student, instructor or admin." }),
});
