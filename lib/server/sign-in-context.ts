import "server-only";
import { createHmac, randomBytes, timingSafeEqual } from "node:crypto";
import { cookies, headers } from "next/headers";
import { secureCookiesForRequest } from "./cookie-policy";
import { getServerEnv } from "./env";

/**
 * What a sign-in or sign-up knows about where it comes from: the client's
 * address (for per-address throttling) and the device cookie that marks a
 * browser where an account has signed in before. A known device has its own
 * attempt budget, so nobody else's failed guesses can keep the owner out of
 * their own browser (docs/decisions/0003-security-review.md).
 */

export type SignInContext = { address: string; deviceCookie: string | undefined };

export const DEVICE_COOKIE = "ipt_device";
const DEVICE_COOKIE_MAX_AGE_SECONDS = 180 * 24 * 60 * 60;
const MAX_ACCOUNTS_PER_DEVICE = 5;

/**
 * The client address as the nearest proxy saw it: the last X-Forwarded-For
 * entry. `next start` fills the header from the socket only when the client
 * sent none, so behind no proxy a client can choose it; the per-account and
 * per-device limits do not depend on it.
 */
export function clientAddressFrom(forwardedFor: string | null): string {
  const last = forwardedFor?.split(",").at(-1)?.trim();
  return last && last.length <= 64 ? last : "unknown";
}

export async function signInContext(): Promise<SignInContext> {
  const [headerList, cookieStore] = await Promise.all([headers(), cookies()]);
  return { address: clientAddressFrom(headerList.get("x-forwarded-for")), deviceCookie: cookieStore.get(DEVICE_COOKIE)?.value };
}

function tagFor(userId: string, deviceId: string): string {
  return createHmac("sha256", getServerEnv().AUTH_SECRET).update(`device:${userId}:${deviceId}`).digest("base64url").slice(0, 22);
}

function parseDeviceCookie(value: string | undefined): { deviceId: string; tags: string[] } | null {
  const match = /^([A-Za-z0-9_-]{16,32}):([A-Za-z0-9_-]{22}(?:\.[A-Za-z0-9_-]{22}){0,9})$/.exec(value ?? "");
  return match ? { deviceId: match[1]!, tags: match[2]!.split(".") } : null;
}

/** The device id when the cookie proves this browser has signed in to this account before. */
export function knownDeviceOf(deviceCookie: string | undefined, userId: string): string | null {
  const parsed = parseDeviceCookie(deviceCookie);
  if (!parsed) return null;
  const expected = Buffer.from(tagFor(userId, parsed.deviceId));
  return parsed.tags.some((tag) => timingSafeEqual(Buffer.from(tag), expected)) ? parsed.deviceId : null;
}

/** The cookie value after a successful sign-in: this account joins the browser's known ones. */
export function deviceCookieWith(deviceCookie: string | undefined, userId: string): string {
  const parsed = parseDeviceCookie(deviceCookie);
  const deviceId = parsed?.deviceId ?? randomBytes(16).toString("base64url");
  const tag = tagFor(userId, deviceId);
  const tags = [tag, ...(parsed?.tags ?? []).filter((t) => t !== tag)].slice(0, MAX_ACCOUNTS_PER_DEVICE);
  return `${deviceId}:${tags.join(".")}`;
}

/** Remembers this browser for the account; a no-op where the response cannot set cookies. */
export async function rememberDevice(userId: string): Promise<void> {
  const [headerList, cookieStore] = await Promise.all([headers(), cookies()]);
  try {
    cookieStore.set(DEVICE_COOKIE, deviceCookieWith(cookieStore.get(DEVICE_COOKIE)?.value, userId), {
      httpOnly: true,
      sameSite: "lax",
      // The session cookie's policy (lib/server/cookie-policy.ts).
      secure: await secureCookiesForRequest(headerList),
      path: "/",
      maxAge: DEVICE_COOKIE_MAX_AGE_SECONDS,
    });
  } catch {
    // Server components cannot set cookies; sign-in always runs in an action or route handler.
  }
}
