import { NextResponse, type NextRequest } from "next/server";

/**
 * Posts larger than a server action accepts (next.config.ts
 * serverActions.bodySizeLimit, 6 MB) are answered here with a clear message,
 * before Next.js would refuse them with a bare 500 page. The import form is
 * the one place a browser posts a file (without JavaScript): it goes back to
 * the import page, which says why. Nothing is read or written either way.
 */
const ACTION_BODY_LIMIT_BYTES = 6 * 1024 * 1024;

export function proxy(request: NextRequest): NextResponse {
  if (request.method !== "POST") return NextResponse.next();
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
  if (!(length > ACTION_BODY_LIMIT_BYTES)) return NextResponse.next();
  if (request.nextUrl.pathname === "/instructor/import" && !request.headers.has("next-action")) {
    return NextResponse.redirect(new URL("/instructor/import?error=too-large", request.url), 303);
  }
  return new NextResponse("This request is larger than the site accepts (6 MB). Nothing was saved.", {
    status: 413,
    headers: { "content-type": "text/plain; charset=utf-8" },
  });
}

export const config = {
  // Only requests that announce a body of a million bytes or more (seven digits), or send one in
  // chunks, reach the proxy at all, so every other request pays nothing for it.
  matcher: [
    { source: "/((?!_next/static|_next/image|favicon.ico).*)", has: [{ type: "header", key: "content-length", value: "\\d{7,}" }] },
    { source: "/((?!_next/static|_next/image|favicon.ico).*)", has: [{ type: "header", key: "transfer-encoding" }] },
  ],
};
