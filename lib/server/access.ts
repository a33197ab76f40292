import "server-only";
import { forbidden, redirect, unauthorized, unstable_rethrow } from "next/navigation";
import { createActionClient, STAFF_ROLES, type ActionUser } from "./action-client";
import { findSessionUser } from "../services/accounts";
import { headers } from "next/headers";
import { auth, SESSION_COOKIE } from "./auth";

/**
 * Who is asking, and what they may reach. Pages call the require* guards
 * themselves (a layout's check is only a second line: it does not run for
 * every request); server actions go through publicAction / authAction.
 */

/**
 * Decoded session tokens, by the cookie's value, for a minute. Decoding a
 * next-auth token derives a key and decrypts (and renews) it: about 1.5 ms of
 * CPU, as much as the rest of a practice answer. What a token says (who, and
 * the session version it was issued with) never changes, and the user's row is
 * still read on every request, so a sign-out, a role change or a password
 * change ends the session at once; the memo only spares the decryption. A
 * token that expires meanwhile is honoured for at most SESSION_MEMO_MS longer,
 * and an active session still renews its cookie about once a minute.
 */
const SESSION_MEMO_MS = 60_000;
const SESSION_MEMO_LIMIT = 10_000;
const held = globalThis as unknown as { sessionMemo?: Map<string, { id: string; sessionVersion: number | undefined; until: number }> };
held.sessionMemo ??= new Map();
const sessionMemo = held.sessionMemo;

/**
 * The session cookies as the request sent them: what next-auth's auth() decodes. Not cookies():
 * in a server action that signed in again, cookies() already returns the new token while auth()
 * still decodes the request's, and the memo would file the old session under the new token.
 */
function sessionTokenOf(cookieHeader: string | null): string {
  return (cookieHeader ?? "")
    .split(";")
    .map((part) => part.trim())
    .filter((part) => SESSION_COOKIE.test(part.slice(0, Math.max(0, part.indexOf("=")))))
    .sort()
    .join(";");
}

async function sessionOf(): Promise<{ id: string; sessionVersion: number | undefined } | null> {
  const token = sessionTokenOf((await headers()).get("cookie"));
  const now = Date.now();
  const known = token ? sessionMemo.get(token) : undefined;
  if (known && known.until > now) return known;
  const session = await auth();
  const id = session?.user?.id;
  if (!id) return null;
  const decoded = { id, sessionVersion: session.sessionVersion, until: now + SESSION_MEMO_MS };
  if (token) {
    if (sessionMemo.size >= SESSION_MEMO_LIMIT) {
      // The oldest entries go first (a Map iterates in insertion order).
      for (const key of [...sessionMemo.keys()].slice(0, SESSION_MEMO_LIMIT / 10)) sessionMemo.delete(key);
    }
    sessionMemo.set(token, decoded);
  }
  return decoded;
}

/** The signed-in user, re-read from the database so role changes and deletions apply at once. */
export async function currentUser(): Promise<ActionUser | null> {
  const session = await sessionOf();
  if (!session) return null;
  // A database error propagates: it is an internal error, not "signed out".
  const user = await findSessionUser(session.id);
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
