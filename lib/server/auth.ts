import "server-only";
import NextAuth, { CredentialsSignin } from "next-auth";
import Credentials from "next-auth/providers/credentials";
import { checkCredentials } from "../services/accounts";
import { signInSchema } from "../validation/auth";
import { secureCookiesForRequest } from "./cookie-policy";
import { getServerEnv } from "./env";
import { knownDeviceOf, rememberDevice, signInContext } from "./sign-in-context";

declare module "next-auth" {
  interface User {
    sessionVersion?: number;
  }
  interface Session {
    /** The user's session version when this session was issued; lib/server/access.ts compares it. */
    sessionVersion?: number;
  }
}
declare module "@auth/core/jwt" {
  interface JWT {
    sv?: number;
    /** When the user signed in (ms): renewal cannot carry a session past the absolute lifetime. */
    authTime?: number;
  }
}

/** Failed sign-in with a code the sign-in action turns into a message. */
class InvalidCredentials extends CredentialsSignin {
  override code = "invalid";
}
class TooManyAttempts extends CredentialsSignin {
  constructor(retryAfterMinutes: number) {
    super();
    this.code = `throttled:${retryAfterMinutes}`;
  }
}

/** next-auth's session cookie (a large token is split into numbered chunks). */
export const SESSION_COOKIE = /^(__Secure-)?authjs\.session-token(\.\d+)?$/;

/** Idle lifetime: a session unused for a week ends. */
const SESSION_IDLE_SECONDS = 7 * 24 * 60 * 60;
/** Absolute lifetime: however often it is renewed, a session ends 30 days after sign-in. */
export const SESSION_ABSOLUTE_MS = 30 * 24 * 60 * 60 * 1000;

export const { handlers, auth, signIn, signOut } = NextAuth(async (request) => {
  const secure = await secureCookiesForRequest(request?.headers);
  return {
    secret: getServerEnv().AUTH_SECRET,
    trustHost: true,
    session: { strategy: "jwt", maxAge: SESSION_IDLE_SECONDS },
    // Spelled out rather than left to next-auth's defaults: HttpOnly, SameSite=Lax, Secure by the policy above.
    useSecureCookies: secure,
    cookies: {
      sessionToken: {
        name: `${secure ? "__Secure-" : ""}authjs.session-token`,
        options: { httpOnly: true, sameSite: "lax", path: "/", secure },
      },
    },
    pages: { signIn: "/login" },
    providers: [
      Credentials({
        credentials: { email: {}, password: {} },
        async authorize(raw) {
          const parsed = signInSchema.safeParse(raw);
          if (!parsed.success) throw new InvalidCredentials();
          const context = await signInContext();
          const result = await checkCredentials(parsed.data.email, parsed.data.password, {
            address: context.address,
            knownDevice: (userId) => knownDeviceOf(context.deviceCookie, userId),
          });
          if (result.status === "throttled") throw new TooManyAttempts(result.retryAfterMinutes);
          if (result.status === "invalid") throw new InvalidCredentials();
          await rememberDevice(result.user.id);
          const { id, email, name, sessionVersion } = result.user;
          return { id, email, name, sessionVersion };
        },
      }),
    ],
    callbacks: {
      jwt({ token, user }) {
        if (user?.id) {
          token.sub = user.id;
          token.sv = user.sessionVersion ?? 0;
          token.authTime = Date.now();
        }
        // Null ends the session and clears its cookie; no database work here, so a
        // database outage cannot sign anyone out (access.ts checks the version).
        if (typeof token.authTime !== "number" || Date.now() - token.authTime > SESSION_ABSOLUTE_MS) return null;
        return token;
      },
      session({ session, token }) {
        if (token.sub) session.user.id = token.sub;
        session.sessionVersion = token.sv ?? -1;
        return session;
      },
    },
    logger: {
      // A failed credentials sign-in is an expected event, not a server error.
      error(error) {
        if (error instanceof CredentialsSignin || (error as { type?: string }).type === "CredentialsSignin") return;
        console.error(error);
      },
    },
  };
});
