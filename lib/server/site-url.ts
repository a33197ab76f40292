import "server-only";
import { headers } from "next/headers";
import { getServerEnv } from "./env";

type HeaderReader = { get(name: string): string | null };

/** The request's URL from its headers, the way next-auth builds it (protocol and host only). */
export function requestUrlFrom(requestHeaders: HeaderReader): string | null {
  const host = requestHeaders.get("x-forwarded-host") ?? requestHeaders.get("host");
  if (!host) return null;
  const protocol = (requestHeaders.get("x-forwarded-proto") ?? "http").split(",")[0]!.trim();
  return `${protocol}://${host}`;
}

/**
 * The site's origin for links people copy (a reset link): AUTH_URL's when it
 * is set, else the one the request came in on.
 */
export async function siteOrigin(): Promise<string> {
  const { AUTH_URL } = getServerEnv();
  if (AUTH_URL) return new URL(AUTH_URL).origin;
  const url = requestUrlFrom(await headers());
  return url ? new URL(url).origin : "";
}
