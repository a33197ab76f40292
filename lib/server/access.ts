import "server-only";
import { forbidden, redirect, unauthorized, unstable_rethrow } from "next/navigation";
import { createActionClient, STAFF_ROLES, type ActionUser } from "./action-client";
import { findSessionUser } from "../services/accounts";
import { auth } from "./auth";

/**
 * Who is asking, and what they may reach. Pages call the require* guards
 * themselves (a layout's check is only a second line: it does not run for
 * every request); server actions go through publicAction / authAction.
 */

/** The signed-in user, re-read from the database so role changes and deletions apply at once. */
export async function currentUser(): Promise<ActionUser | null> {
  const session = await auth();
  const id = session?.user?.id;
  if (!id) return null;
  // A database error propagates: it is an internal error, not "signed out".
  const user = await findSessionUser(id);
  // Sign-out, a role change or a password change moved the version on: this session is over.
  if (!user || user.sessionVersion !== session.sessionVersion) return null;
  return { id: user.id, email: user.email, name: user.name, role: user.role };
}

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

/** The action client every app/<area>/actions.ts uses: a denied session or role becomes a real 401/403. */
export const { publicAction, authAction } = createActionClient({
  getUser: currentUser,
  rethrowIfFrameworkError: unstable_rethrow,
  onDenied: (failure) => {
    if (failure.code === "UNAUTHENTICATED") unauthorized();
    forbidden();
  },
  logError: (error) => console.error("[action]", error),
});
