import { NextResponse, type NextRequest } from "next/server";
import { THEME_COOKIE, themeSchema } from "@/lib/validation/theme";

const YEAR_SECONDS = 365 * 24 * 60 * 60;

/** Only a path on this site is a place to go back to. */
function backTo(request: NextRequest): URL {
  const home = new URL("/", request.nextUrl);
  const referer = request.headers.get("referer");
  if (!referer) return home;
  try {
    const url = new URL(referer);
    return url.origin === request.nextUrl.origin ? url : home;
  } catch {
    return home;
  }
}

/**
 * The header's theme buttons without JavaScript: store the choice in a cookie
 * and go back to the page (with JavaScript the buttons set the cookie in place).
 * The cookie is a display preference only, not tied to the account.
 */
export async function POST(request: NextRequest): Promise<Response> {
  const form = await request.formData().catch(() => null);
  const theme = themeSchema.safeParse(form?.get("theme"));
  if (!theme.success) return NextResponse.json({ error: theme.error.issues[0]?.message ?? "Choose system, light or dark." }, { status: 400 });
  const response = NextResponse.redirect(backTo(request), 303);
  response.cookies.set(THEME_COOKIE, theme.data, { path: "/", maxAge: YEAR_SECONDS, sameSite: "lax" });
  return response;
}
