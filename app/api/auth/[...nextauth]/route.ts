import { NextResponse, type NextRequest } from "next/server";
import { currentUser } from "@/lib/server/access";
import { handlers, SESSION_COOKIE } from "@/lib/server/auth";

export const { POST } = handlers;

/**
 * next-auth's session endpoint renews any token it can verify. A token of a
 * session that has ended (sign-out, role or password change) may not be
 * renewed: it gets 401 and its cookie is cleared.
 */
export async function GET(request: NextRequest): Promise<Response> {
  const sessionCookies = request.cookies.getAll().filter((c) => SESSION_COOKIE.test(c.name));
  if (request.nextUrl.pathname.endsWith("/session") && sessionCookies.length > 0 && !(await currentUser())) {
    const response = NextResponse.json(null, { status: 401, headers: { "Cache-Control": "no-store" } });
    for (const cookie of sessionCookies) response.cookies.set(cookie.name, "", { path: "/", maxAge: 0 });
    return response;
  }
  return handlers.GET(request);
}
