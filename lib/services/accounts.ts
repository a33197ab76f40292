import "server-only";
import { directRead, isUniqueViolation, sqlNumber } from "../server/direct-sql";
import { ActionError, ADMIN_ROLES, assertRole, type ActionUser, type Role } from "../server/action-client";
import { getDb, type DbTx } from "../server/db";
import { getServerEnv } from "../server/env";
import { hashPassword, verifyAgainstDummy, verifyPassword } from "../server/password";
import type { SignUpInput } from "../validation/auth";
import { refundAttempts, reserveAttempt, reserveAttempts, type ThrottleRule } from "./throttle";

/**
 * Accounts: sign-up, credential checks with throttling, sessions' validity,
 * roles. Owns the User table. Sign-in throttling is described in
 * docs/decisions/0003-security-review.md.
 */

/** Where a sign-in or sign-up comes from (lib/server/sign-in-context.ts). */
export type AttemptOrigin = { address: string; knownDevice: (userId: string) => string | null };

const minutes = (ms: number) => Math.max(1, Math.ceil(ms / 60_000));

export async function registerStudent(input: SignUpInput, origin: Pick<AttemptOrigin, "address">, now = new Date()): Promise<ActionUser> {
  const { SIGNUP_MAX_PER_ADDRESS, SIGNUP_WINDOW_MINUTES } = getServerEnv();
  // Before the hash: a flood of sign-ups is refused for almost nothing.
  const reservation = await reserveAttempt(
    { key: `signup:address:${origin.address}`, limit: SIGNUP_MAX_PER_ADDRESS, windowMs: SIGNUP_WINDOW_MINUTES * 60_000 },
    now,
  );
  if (!reservation.ok) {
    throw new ActionError(
      "RATE_LIMITED",
      `Too many accounts were created from your network recently. Try again in ${minutes(reservation.retryAfterMs)} minutes.`,
    );
  }
  const passwordHash = await hashPassword(input.password);
  try {
    const user = await getDb().user.create({
      data: { name: input.name, email: input.email, passwordHash, role: "STUDENT" },
      select: { id: true, email: true, name: true, role: true },
    });
    return user;
  } catch (error) {
    if (isUniqueViolation(error)) {
      throw new ActionError("CONFLICT", "An account with this email already exists.", {
        email: ["An account with this email already exists. Sign in instead."],
      });
    }
    throw error;
  }
}

export type SignedInUser = ActionUser & { sessionVersion: number };

export type CredentialCheck =
  | { status: "ok"; user: SignedInUser }
  | { status: "invalid" }
  | { status: "throttled"; retryAfterMinutes: number };

/**
 * Checks an email and password. Each attempt is reserved against its limits
 * before the password hash runs, so parallel guesses cannot exceed them:
 * - from a browser where this account has signed in before (a known device):
 *   that device's own budget, which no one else's failures touch;
 * - otherwise: the account's budget and the client address's budget.
 * A success gives its reservations back. An unknown email does the same work
 * and the same writes as a wrong password, and gets the same answer.
 */
export async function checkCredentials(email: string, password: string, origin: AttemptOrigin, now = new Date()): Promise<CredentialCheck> {
  const { LOGIN_MAX_FAILURES, LOGIN_WINDOW_MINUTES, LOGIN_MAX_PER_ADDRESS } = getServerEnv();
  const windowMs = LOGIN_WINDOW_MINUTES * 60_000;
  const normalized = email.trim().toLowerCase();
  const user = await getDb().user.findUnique({ where: { email: normalized } });
  const device = user ? origin.knownDevice(user.id) : null;
  const rules: ThrottleRule[] =
    user && device
      ? [{ key: `login:device:${user.id}:${device}`, limit: LOGIN_MAX_FAILURES, windowMs }]
      : [
          { key: `login:address:${origin.address}`, limit: LOGIN_MAX_PER_ADDRESS, windowMs },
          { key: `login:account:${normalized}`, limit: LOGIN_MAX_FAILURES, windowMs },
        ];
  const reservation = await reserveAttempts(rules, now);
  if (!reservation.ok) return { status: "throttled", retryAfterMinutes: minutes(reservation.retryAfterMs) };

  if (!user) {
    await verifyAgainstDummy(password);
    return { status: "invalid" };
  }
  if (!(await verifyPassword(user.passwordHash, password))) return { status: "invalid" };
  await refundAttempts(rules);
  return {
    status: "ok",
    user: { id: user.id, email: user.email, name: user.name, role: user.role, sessionVersion: user.sessionVersion },
  };
}

/** The session's user as the database knows them now (role changes apply at once). */
export async function findSessionUser(userId: string): Promise<SignedInUser | null> {
  // Every request of a signed-in user asks this: one prepared statement (lib/server/direct-sql.ts).
  const row = await directRead((sql) =>
    sql.one<{ id: string; email: string; name: string; role: Role; sessionVersion: unknown }>(
      `SELECT "id", "email", "name", "role", "sessionVersion" FROM "User" WHERE "id" = ?`,
      userId,
    ),
  );
  return row ? { id: row.id, email: row.email, name: row.name, role: row.role, sessionVersion: sqlNumber(row.sessionVersion) } : null;
}

/** Ends every session of the user: each token carries the version it was issued with. */
export async function endSessions(userId: string): Promise<void> {
  await getDb().user.updateMany({ where: { id: userId }, data: { sessionVersion: { increment: 1 } } });
}

/**
 * Holds every admin row until the transaction ends, before a change that may
 * leave the site without an admin counts them. Without it, under PostgreSQL's
 * READ COMMITTED, the last two admins demoting (or deleting) each other at
 * once would each count two and both succeed; with it the second waits, then
 * counts the first one's result. On SQLite the write takes the database's
 * write lock at once, with the same effect.
 */
export async function lockAdmins(tx: DbTx): Promise<void> {
  await tx.$executeRaw`UPDATE "User" SET "role" = "role" WHERE "role" = 'ADMIN'`;
}

export async function changeUserRole(actor: ActionUser, userId: string, role: Role): Promise<ActionUser> {
  assertRole(actor, ADMIN_ROLES);
  const db = getDb();
  return db.$transaction(async (tx) => {
    const target = await tx.user.findUnique({ where: { id: userId }, select: { id: true, role: true } });
    if (!target) throw new ActionError("NOT_FOUND", "That user no longer exists.");
    if (target.role === "ADMIN" && role !== "ADMIN") {
      await lockAdmins(tx);
      const admins = await tx.user.count({ where: { role: "ADMIN" } });
      if (admins <= 1) {
        throw new ActionError("CONFLICT", "This is the last admin account; make someone else an admin first.");
      }
    }
    if (actor.id === userId && role !== "ADMIN") {
      throw new ActionError("CONFLICT", "You cannot remove your own admin role.");
    }
    // Reset links are an admin's: those this user made stop working with the role.
    if (role !== "ADMIN") await tx.passwordReset.deleteMany({ where: { createdById: userId } });
    // A new role ends the user's sessions: they sign in again under it.
    return tx.user.update({
      where: { id: userId },
      data: { role, ...(target.role !== role ? { sessionVersion: { increment: 1 } } : {}) },
      select: { id: true, email: true, name: true, role: true },
    });
  });
}

export async function listUsers(actor: ActionUser): Promise<Array<ActionUser & { createdAt: Date }>> {
  assertRole(actor, ADMIN_ROLES);
  return getDb().user.findMany({
    orderBy: [{ role: "desc" }, { createdAt: "asc" }],
    select: { id: true, email: true, name: true, role: true, createdAt: true },
  });
}

/**
 * Creates an admin (npm run admin:create). An existing account is turned into
 * an admin with the new password only when `reset` is set; either way it stops
 * being a demo account and its old sessions end.
 */
export async function createAdmin(input: SignUpInput, options: { reset: boolean }): Promise<{ id: string; created: boolean }> {
  const db = getDb();
  const passwordHash = await hashPassword(input.password);
  const existing = await db.user.findUnique({ where: { email: input.email }, select: { id: true } });
  if (existing) {
    if (!options.reset) {
      throw new ActionError("CONFLICT", `An account with the email ${input.email} exists. Run again with --reset to make it an admin with this password.`);
    }
    await db.$transaction([
      db.user.update({
        where: { id: existing.id },
        data: { role: "ADMIN", name: input.name, passwordHash, demoAccount: false, sessionVersion: { increment: 1 } },
      }),
      // A new password ends the reset links made for the account.
      db.passwordReset.deleteMany({ where: { userId: existing.id } }),
    ]);
    return { id: existing.id, created: false };
  }
  const user = await db.user.create({ data: { email: input.email, name: input.name, passwordHash, role: "ADMIN" }, select: { id: true } });
  return { id: user.id, created: true };
}
