import "server-only";
import { headers } from "next/headers";
import { getServerEnv } from "./env";
import { requestUrlFrom } from "./site-url";

/**
 * Whether the session and device cookies carry Secure (they are always
 * HttpOnly and SameSite=Lax). Decided per request, as next-auth does, so the
 * same build serves https in production and the plain-http loopback server of
 * the quick start and the end-to-end tests:
 * - AUTH_SECURE_COOKIES=true|false decides outright;
 * - else AUTH_URL, when set, decides by its protocol;
 * - else the request's URL (the proxy's X-Forwarded-Proto, which `next start`
 *   fills with its own protocol when absent): https is Secure; plain http is
 *   Secure too in production, unless the host is a loopback address. A
 *   production site reached over plain http elsewhere (a proxy that drops
 *   X-Forwarded-Proto still serves https to the browser) keeps Secure cookies;
 *   a site truly served over plain http must say AUTH_SECURE_COOKIES=false.
 * A browser never stores a Secure cookie from plain http, so only the last
 * case would silently fail to sign in; the README says so.
 */

export type CookieSecurityInput = {
  nodeEnv: string | undefined;
  /** AUTH_SECURE_COOKIES: true or false, or undefined for "auto". */
  setting: boolean | undefined;
  /** AUTH_URL when set. */
  authUrl: string | undefined;
  /** The URL the request came in on, as the nearest proxy saw it (null when unknown). */
  requestUrl: string | null;
};

const LOOPBACK_HOST = /^(localhost|127(?:\.\d{1,3}){3}|\[::1\])$/i;

function parsed(url: string | null | undefined): URL | null {
  if (!url) return null;
  try {
    return new URL(url);
  } catch {
    return null;
  }
}

export function secureCookiesFor(input: CookieSecurityInput): boolean {
  if (input.setting !== undefined) return input.setting;
  const configured = parsed(input.authUrl);
  if (configured) return configured.protocol === "https:";
  const request = parsed(input.requestUrl);
  if (request?.protocol === "https:") return true;
  if (input.nodeEnv !== "production") return false;
  return !(request && LOOPBACK_HOST.test(request.hostname));
}

/** Secure for this request's cookies; reads the request's headers when none are given. */
export async function secureCookiesForRequest(requestHeaders?: { get(name: string): string | null }): Promise<boolean> {
  const env = getServerEnv();
  return secureCookiesFor({
    nodeEnv: env.NODE_ENV,
    setting: env.AUTH_SECURE_COOKIES,
    authUrl: env.AUTH_URL,
    requestUrl: requestUrlFrom(requestHeaders ?? (await headers())),
  });
}
