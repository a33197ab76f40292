import "server-only";
import NextAuth, { CredentialsSignin } from "next-auth";
import Credentials from "next-auth/providers/credentials";
import { getServerEnv } from "./env";
import { checkCredentials } from "../services/accounts";
import { signInSchema } from "../validation/auth";

/** Failed sign-in with a code the login form turns into a message. */
class InvalidCredentials extends CredentialsSignin {
  override code = "invalid";
}
class AccountLocked extends CredentialsSignin {
  override code = "locked";
}

const SESSION_MAX_AGE_SECONDS = 7 * 24 * 60 * 60;

export const { handlers, auth, signIn, signOut } = NextAuth(() => ({
  secret: getServerEnv().AUTH_SECRET,
  trustHost: true,
  session: { strategy: "jwt", maxAge: SESSION_MAX_AGE_SECONDS },
  pages: { signIn: "/login" },
  providers: [
    Credentials({
      credentials: { email: {}, password: {} },
      async authorize(raw) {
        const parsed = signInSchema.safeParse(raw);
        if (!parsed.success) throw new InvalidCredentials();
        const result = await checkCredentials(parsed.data.email, parsed.data.password, new Date());
        if (result.status === "locked") throw new AccountLocked();
        if (result.status === "invalid") throw new InvalidCredentials();
        return { id: result.user.id, email: result.user.email, name: result.user.name };
      },
    }),
  ],
  callbacks: {
    jwt({ token, user }) {
      if (user?.id) token.sub = user.id;
      return token;
    },
    session({ session, token }) {
      if (token.sub) session.user.id = token.sub;
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
}));
