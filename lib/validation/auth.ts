import { z } from "./zod";

/** Shared by the sign-up / sign-in forms and the server. */

const COMMON_PASSWORDS = new Set([
  "password",
  "password1",
  "password12",
  "password123",
  "passw0rd",
  "qwertyuiop",
  "1234567890",
  "123456789012",
  "iloveyou123",
  "letmein123",
  "welcome123",
  "changeme123",
  "therapy123",
  "psychology1",
]);

export const PASSWORD_MIN_LENGTH = 10;
export const PASSWORD_MAX_LENGTH = 128;

export const emailSchema = z
  .string({ error: "Enter your email address." })
  .trim()
  .toLowerCase()
  .max(254, "That email address is too long.")
  .pipe(z.email({ error: "Enter a valid email address, like name@example.com." }));

export const newPasswordSchema = z
  .string({ error: "Choose a password." })
  .min(PASSWORD_MIN_LENGTH, `Use at least ${PASSWORD_MIN_LENGTH} characters.`)
  .max(PASSWORD_MAX_LENGTH, `Use at most ${PASSWORD_MAX_LENGTH} characters.`)
  .refine((p) => !COMMON_PASSWORDS.has(p.toLowerCase()), "That password is too common. Choose another.")
  .refine((p) => new Set(p).size >= 5, "That password is too repetitive. Mix in more different characters.");

/** Short local parts ("a@x.org") would forbid every password with that letter; the rule starts at 4 characters. */
export function passwordContainsEmailName(password: string, email: string): boolean {
  const name = email.split("@")[0]?.toLowerCase() ?? "";
  return name.length >= 4 && password.toLowerCase().includes(name);
}

export const signUpSchema = z
  .object({
    name: z.string({ error: "Enter your name." }).trim().min(1, "Enter your name.").max(100, "Use at most 100 characters."),
    email: emailSchema,
    password: newPasswordSchema,
  })
  .refine((v) => !passwordContainsEmailName(v.password, v.email), {
    path: ["password"],
    message: "Your password must not contain your email name.",
  });

export const signInSchema = z.object({
  email: emailSchema,
  password: z.string({ error: "Enter your password." }).min(1, "Enter your password.").max(PASSWORD_MAX_LENGTH),
  next: z.string().optional(),
});

export type SignUpInput = z.infer<typeof signUpSchema>;
export type SignInInput = z.infer<typeof signInSchema>;

const NEXT_PATH_BASE = "http://next-path.invalid";

/**
 * A post-sign-in destination: only a path on this site. The candidate is
 * parsed the way a browser would resolve it, so tabs, backslashes and
 * encoded slashes that turn "/..." into another host are refused.
 */
export function safeNextPath(next: string | undefined | null, fallback = "/practice"): string {
  if (!next || !next.startsWith("/") || next.length > 2048) return fallback;
  let url: URL;
  try {
    url = new URL(next, NEXT_PATH_BASE);
  } catch {
    return fallback;
  }
  if (url.origin !== NEXT_PATH_BASE) return fallback;
  const path = `${url.pathname}${url.search}${url.hash}`;
  // The normalised path must itself stay on this site when a browser resolves it again.
  if (path.startsWith("//") || path.startsWith("/\\")) return fallback;
  return path;
}
