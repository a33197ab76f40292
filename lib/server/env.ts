import "server-only";
import { z } from "zod";
import { DEFAULT_DATABASE_URL } from "./database-url";

/**
 * Every environment variable the server reads, validated in one place.
 * Documented in .env.example. Read lazily so scripts and tests can set
 * variables before first use.
 */

const DEV_ONLY_SECRET = "dev-only-insecure-secret-change-me-0123456789";

const envSchema = z
  .object({
    NODE_ENV: z.enum(["development", "production", "test"]).default("development"),
    DATABASE_URL: z.string().min(1).default(DEFAULT_DATABASE_URL),
    AUTH_SECRET: z.string().min(32, "AUTH_SECRET must be at least 32 characters").optional(),
    LOGIN_MAX_FAILURES: z.coerce.number().int().min(1).max(100).default(5),
    LOGIN_LOCK_MINUTES: z.coerce.number().int().min(1).max(24 * 60).default(15),
  })
  .transform((env, ctx) => {
    if (!env.AUTH_SECRET) {
      if (env.NODE_ENV === "production") {
        ctx.addIssue({
          code: "custom",
          path: ["AUTH_SECRET"],
          message:
            "AUTH_SECRET is required in production. Generate one with `openssl rand -base64 33` (or run `npm run setup:env`) and put it in .env.",
        });
        return z.NEVER;
      }
      return { ...env, AUTH_SECRET: DEV_ONLY_SECRET };
    }
    return { ...env, AUTH_SECRET: env.AUTH_SECRET };
  });

export type ServerEnv = z.output<typeof envSchema>;

let cached: ServerEnv | undefined;

/** Parses process.env once; throws an error naming every bad variable. */
export function getServerEnv(): ServerEnv {
  if (cached) return cached;
  // An empty variable (AUTH_SECRET="" copied from .env.example) counts as unset.
  const raw = Object.fromEntries(Object.entries(process.env).filter(([, value]) => value !== ""));
  const parsed = envSchema.safeParse(raw);
  if (!parsed.success) {
    const lines = parsed.error.issues.map((issue) => `  - ${issue.path.join(".") || "env"}: ${issue.message}`);
    throw new Error(`Invalid environment configuration:\n${lines.join("\n")}`);
  }
  cached = parsed.data;
  return cached;
}
