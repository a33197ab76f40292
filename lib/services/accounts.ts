import "server-only";
import { ActionError, ADMIN_ROLES, assertRole, type ActionUser, type Role } from "../server/action-client";
import { getDb } from "../server/db";
import { getServerEnv } from "../server/env";
import { Prisma } from "../generated/prisma/client";
import { hashPassword, verifyAgainstDummy, verifyPassword } from "../server/password";
import type { SignUpInput } from "../validation/auth";

/** Accounts: sign-up, credential checks with lockout, roles. Owns the User table. */

export async function registerStudent(input: SignUpInput): Promise<ActionUser> {
  const passwordHash = await hashPassword(input.password);
  try {
    const user = await getDb().user.create({
      data: { name: input.name, email: input.email, passwordHash, role: "STUDENT" },
      select: { id: true, email: true, name: true, role: true },
    });
    return user;
  } catch (error) {
    if (error instanceof Prisma.PrismaClientKnownRequestError && error.code === "P2002") {
      throw new ActionError("CONFLICT", "An account with this email already exists.", {
        email: ["An account with this email already exists. Sign in instead."],
      });
    }
    throw error;
  }
}

export type CredentialCheck =
  | { status: "ok"; user: ActionUser }
  | { status: "invalid" }
  | { status: "locked"; retryAfterMinutes: number };

/**
 * Checks an email and password. Repeated failures lock the account for a while;
 * an unknown email costs the same time as a wrong password.
 */
export async function checkCredentials(email: string, password: string, now: Date): Promise<CredentialCheck> {
  const { LOGIN_MAX_FAILURES, LOGIN_LOCK_MINUTES } = getServerEnv();
  const db = getDb();
  const user = await db.user.findUnique({ where: { email: email.trim().toLowerCase() } });
  if (!user) {
    await verifyAgainstDummy(password);
    return { status: "invalid" };
  }
  if (user.lockedUntil && user.lockedUntil > now) {
    return { status: "locked", retryAfterMinutes: Math.ceil((user.lockedUntil.getTime() - now.getTime()) / 60_000) };
  }
  if (await verifyPassword(user.passwordHash, password)) {
    if (user.failedLoginCount > 0 || user.lockedUntil) {
      await db.user.update({ where: { id: user.id }, data: { failedLoginCount: 0, lockedUntil: null } });
    }
    return { status: "ok", user: { id: user.id, email: user.email, name: user.name, role: user.role } };
  }
  // Count atomically so concurrent guesses cannot slip past the limit.
  const updated = await db.user.update({
    where: { id: user.id },
    data: { failedLoginCount: { increment: 1 } },
    select: { failedLoginCount: true },
  });
  if (updated.failedLoginCount >= LOGIN_MAX_FAILURES) {
    await db.user.update({
      where: { id: user.id },
      data: { failedLoginCount: 0, lockedUntil: new Date(now.getTime() + LOGIN_LOCK_MINUTES * 60_000) },
    });
    return { status: "locked", retryAfterMinutes: LOGIN_LOCK_MINUTES };
  }
  return { status: "invalid" };
}

/** The session's user as the database knows them now (role changes apply at once). */
export async function findSessionUser(userId: string): Promise<ActionUser | null> {
  return getDb().user.findUnique({ where: { id: userId }, select: { id: true, email: true, name: true, role: true } });
}

export async function changeUserRole(actor: ActionUser, userId: string, role: Role): Promise<ActionUser> {
  assertRole(actor, ADMIN_ROLES);
  const db = getDb();
  return db.$transaction(async (tx) => {
    const target = await tx.user.findUnique({ where: { id: userId }, select: { id: true, role: true } });
    if (!target) throw new ActionError("NOT_FOUND", "That user no longer exists.");
    if (target.role === "ADMIN" && role !== "ADMIN") {
      const admins = await tx.user.count({ where: { role: "ADMIN" } });
      if (admins <= 1) {
        throw new ActionError("CONFLICT", "This is the last admin account; make someone else an admin first.");
      }
    }
    if (actor.id === userId && role !== "ADMIN") {
      throw new ActionError("CONFLICT", "You cannot remove your own admin role.");
    }
    return tx.user.update({ where: { id: userId }, data: { role }, select: { id: true, email: true, name: true, role: true } });
  });
}

export async function listUsers(actor: ActionUser): Promise<Array<ActionUser & { createdAt: Date }>> {
  assertRole(actor, ADMIN_ROLES);
  return getDb().user.findMany({
    orderBy: [{ role: "desc" }, { createdAt: "asc" }],
    select: { id: true, email: true, name: true, role: true, createdAt: true },
  });
}
