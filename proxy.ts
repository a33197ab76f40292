import { NextResponse, type NextRequest } from "next/server";
import { contentSecurityPolicy, newNonce } from "@/lib/server/security-headers";

/**
 * Two jobs, before any page or action runs:
 *
 * 1. Every document gets a Content-Security-Policy with a nonce of its own.
 *    Next.js reads the nonce from the request's policy and puts it on every
 *    script it renders; an injected script has none and does not run. Server
 *    action calls (the practice hot path) do not come here at all: their
 *    results are not documents, and next.config.ts gives them the static
 *    headers.
 * 2. Posts larger than a server action accepts (next.config.ts
 *    serverActions.bodySizeLimit, 6 MB) are answered with a clear message,
 *    before Next.js would refuse them with a bare 500 page. The import form is
 *    the one place a browser posts a file (without JavaScript): it goes back
 *    to the import page, which says why. Nothing is read or written either way.
 */
const ACTION_BODY_LIMIT_BYTES = 6 * 1024 * 1024;

function refuseOversizedPost(request: NextRequest): NextResponse | null {
  // A body sent in chunks does not say its size, so it would pass the check below and meet Next.js's
  // own limit as a bare 500. Browsers always send the length of a form or a server action's post:
  // only a crafted request arrives here, and it is refused before its body is read.
  if (request.headers.has("transfer-encoding") && !request.headers.has("content-length")) {
    return new NextResponse("This request did not say how large it is (no Content-Length), and the site accepts only posts that do. Nothing was saved.", {
      status: 411,
      headers: { "content-type": "text/plain; charset=utf-8" },
    });
  }
  const length = Number(request.headers.get("content-length") ?? "0");
  if (!(length > ACTION_BODY_LIMIT_BYTES)) return null;
  if (request.nextUrl.pathname === "/instructor/import" && !request.headers.has("next-action")) {
    return NextResponse.redirect(new URL("/instructor/import?error=too-large", request.url), 303);
  }
  return new NextResponse("This request is larger than the site accepts (6 MB). Nothing was saved.", {
    status: 413,
    headers: { "content-type": "text/plain; charset=utf-8" },
  });
}

export function proxy(request: NextRequest): NextResponse {
  if (request.method === "POST") {
    const refused = refuseOversizedPost(request);
    if (refused) return refused;
  }
  const policy = contentSecurityPolicy({ nonce: newNonce(), development: process.env.NODE_ENV === "development" });
  const headers = new Headers(request.headers);
  headers.set("content-security-policy", policy);
  const response = NextResponse.next({ request: { headers } });
  response.headers.set("content-security-policy", policy);
  return response;
}

// Next.js reads this object without running the module: literals only, no shared constants.
export const config = {
  matcher: [
    // Documents: every request but a server action call (Next-Action header) and a link's prefetch.
    {
      source: "/((?!_next/static|_next/image|favicon.ico).*)",
      missing: [
        { type: "header", key: "next-action" },
        { type: "header", key: "next-router-prefetch" },
      ],
    },
    // Posts that announce a body of a million bytes or more (seven digits), or send one in chunks,
    // server actions included: the size check above.
    { source: "/((?!_next/static|_next/image|favicon.ico).*)", has: [{ type: "header", key: "content-length", value: "\\d{7,}" }] },
    { source: "/((?!_next/static|_next/image|favicon.ico).*)", has: [{ type: "header", key: "transfer-encoding" }] },
  ],
};
