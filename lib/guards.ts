import "server-only";
import { forbidden, redirect } from "next/navigation";
import { STAFF_ROLES, type ActionUser } from "./action-client";
import { currentUser } from "./auth";

/** Page-level guards for server components and layouts. Actions check again themselves. */

export async function requireUser(returnTo: string): Promise<ActionUser> {
  const user = await currentUser();
  if (!user) redirect(`/login?next=${encodeURIComponent(returnTo)}`);
  return user;
}

export async function requireStaff(returnTo: string): Promise<ActionUser> {
  const user = await requireUser(returnTo);
  if (!STAFF_ROLES.includes(user.role)) forbidden();
  return user;
}

export async function requireAdmin(returnTo: string): Promise<ActionUser> {
  const user = await requireUser(returnTo);
  if (user.role !== "ADMIN") forbidden();
  return user;
}
