import "server-only";
import { randomBytes } from "node:crypto";
import { z } from "zod";
import { DEFAULT_DATABASE_URL, parseDatabaseUrl, type DatabaseTarget } from "./database-url";

/**
 * Every environment variable the server reads, validated in one place.
 * Documented in .env.example. Read lazily so scripts and tests can set
 * variables before first use.
 */

const flag = z
  .enum(["true", "false", "1", "0"])
  .optional()
  .transform((v) => v === "true" || v === "1");

const envSchema = z
  .object({
    NODE_ENV: z.string().optional(),
    DATABASE_URL: z
      .string()
      .min(1)
      .default(DEFAULT_DATABASE_URL)
      .superRefine((url, ctx) => {
        try {
          parseDatabaseUrl(url);
        } catch (error) {
          ctx.addIssue({ code: "custom", message: (error as Error).message });
        }
      }),
    AUTH_SECRET: z.string().min(32, "AUTH_SECRET must be at least 32 characters").optional(),
    /** Failed sign-ins per account (or per known device) in one window. */
    LOGIN_MAX_FAILURES: z.coerce.number().int().min(1).max(100).default(5),
    LOGIN_WINDOW_MINUTES: z.coerce.number().int().min(1).max(24 * 60).default(15),
    /** Failed sign-ins from one client address in one window, whatever the account. */
    LOGIN_MAX_PER_ADDRESS: z.coerce.number().int().min(1).max(10_000).default(30),
    /** Accounts created from one client address per window. */
    SIGNUP_MAX_PER_ADDRESS: z.coerce.number().int().min(1).max(10_000).default(10),
    SIGNUP_WINDOW_MINUTES: z.coerce.number().int().min(1).max(7 * 24 * 60).default(60),
    /** A local demo: the seed creates accounts whose passwords the README publishes. */
    DEMO_MODE: flag,
    /** The site's public URL (next-auth reads it too); its protocol decides the cookies' Secure flag. */
    AUTH_URL: z.url({ error: "AUTH_URL must be a full URL, like https://exam-prep.example.org" }).optional(),
    /**
     * Secure on the session and device cookies: "true" or "false" overrides, "auto" (the default)
     * decides from AUTH_URL or the request (lib/server/cookie-policy.ts).
     */
    AUTH_SECURE_COOKIES: z
      .enum(["true", "false", "1", "0", "auto"], { error: 'AUTH_SECURE_COOKIES must be "true", "false" or "auto".' })
      .optional()
      .transform((v) => (v === undefined || v === "auto" ? undefined : v === "true" || v === "1")),
  })
  .transform((env, ctx) => {
    if (env.AUTH_SECRET) return { ...env, AUTH_SECRET: env.AUTH_SECRET };
    if (env.NODE_ENV === "development") {
      // `next dev` only: a random secret per process (sessions end when it restarts).
      return { ...env, AUTH_SECRET: randomBytes(33).toString("base64") };
    }
    ctx.addIssue({
      code: "custom",
      path: ["AUTH_SECRET"],
      message:
        "AUTH_SECRET is required to sign sessions. Run `npm run setup:env` (it writes a fresh one to .env) or generate one with `openssl rand -base64 33`.",
    });
    return z.NEVER;
  });

export type ServerEnv = z.output<typeof envSchema>;

let cached: ServerEnv | undefined;

function readEnv(): Record<string, string> {
  // An empty variable (AUTH_SECRET="" copied from .env.example) counts as unset.
  return Object.fromEntries(Object.entries(process.env).filter((entry): entry is [string, string] => entry[1] !== "" && entry[1] !== undefined));
}

/** Parses process.env once; throws an error naming every bad variable. */
export function getServerEnv(): ServerEnv {
  if (cached) return cached;
  const parsed = envSchema.safeParse(readEnv());
  if (!parsed.success) {
    const lines = parsed.error.issues.map((issue) => `  - ${issue.path.join(".") || "env"}: ${issue.message}`);
    throw new Error(`Invalid environment configuration:\n${lines.join("\n")}`);
  }
  cached = parsed.data;
  return cached;
}

/** The database URL alone: scripts that only touch the database need no session secret. */
export function getDatabaseUrl(): string {
  return readEnv().DATABASE_URL ?? DEFAULT_DATABASE_URL;
}

/** Which database the process uses (SQLite or PostgreSQL); throws a DatabaseUrlError naming the fix. */
export function getDatabaseTarget(): DatabaseTarget {
  return parseDatabaseUrl(getDatabaseUrl());
}
