import { afterEach, describe, expect, it, vi } from "vitest";

async function freshEnvModule() {
  vi.resetModules();
  return import("@/lib/server/env");
}

describe("getServerEnv", () => {
  afterEach(() => vi.unstubAllEnvs());

  it("refuses to run in production without AUTH_SECRET, naming the variable and the fix", async () => {
    vi.stubEnv("NODE_ENV", "production");
    vi.stubEnv("AUTH_SECRET", "");
    const { getServerEnv } = await freshEnvModule();
    expect(() => getServerEnv()).toThrow(/AUTH_SECRET is required[\s\S]*npm run setup:env/);
  });

  it("refuses to run without AUTH_SECRET under any NODE_ENV but development: no secret lives in the source", async () => {
    for (const nodeEnv of ["test", "staging", ""]) {
      vi.stubEnv("NODE_ENV", nodeEnv);
      vi.stubEnv("AUTH_SECRET", "");
      const { getServerEnv } = await freshEnvModule();
      expect(() => getServerEnv(), `NODE_ENV=${nodeEnv || "(unset)"}`).toThrow(/AUTH_SECRET is required/);
    }
  });

  it("refuses a DATABASE_URL of another scheme or without a host, saying what it accepts", async () => {
    vi.stubEnv("NODE_ENV", "production");
    vi.stubEnv("AUTH_SECRET", "a-secret-that-is-long-enough-0123456789");
    for (const [url, message] of [
      ["mysql://root@localhost/exam", /DATABASE_URL: DATABASE_URL has "mysql:"; only SQLite and PostgreSQL are supported/],
      ["postgresql:exam", /DATABASE_URL: DATABASE_URL "postgresql:exam" names no host/],
    ] as const) {
      vi.stubEnv("DATABASE_URL", url);
      const { getServerEnv } = await freshEnvModule();
      expect(() => getServerEnv(), url).toThrow(message);
    }
    vi.stubEnv("DATABASE_URL", "postgresql://app:secret@db.internal:5432/exam");
    expect((await freshEnvModule()).getDatabaseTarget().provider).toBe("postgresql");
  });

  it("rejects a short secret and bad numbers", async () => {
    vi.stubEnv("NODE_ENV", "production");
    vi.stubEnv("AUTH_SECRET", "too-short");
    vi.stubEnv("LOGIN_MAX_FAILURES", "zero");
    const { getServerEnv } = await freshEnvModule();
    expect(() => getServerEnv()).toThrow(/AUTH_SECRET: AUTH_SECRET must be at least 32 characters[\s\S]*LOGIN_MAX_FAILURES/);
  });

  it("gives `next dev` a random secret per process, never a constant", async () => {
    vi.stubEnv("NODE_ENV", "development");
    vi.stubEnv("AUTH_SECRET", "");
    vi.stubEnv("DATABASE_URL", "");
    const first = (await freshEnvModule()).getServerEnv();
    const second = (await freshEnvModule()).getServerEnv();
    expect(first.AUTH_SECRET.length).toBeGreaterThanOrEqual(32);
    expect(second.AUTH_SECRET).not.toBe(first.AUTH_SECRET);
    expect(first.DATABASE_URL).toBe("file:./data/app.db");
    expect(first.LOGIN_MAX_FAILURES).toBe(5);
  });

  it("reads the cookie settings: auto by default, an override, and a clear message for a bad value", async () => {
    vi.stubEnv("NODE_ENV", "production");
    vi.stubEnv("AUTH_SECRET", "a-secret-long-enough-for-the-check-000000");
    vi.stubEnv("AUTH_SECURE_COOKIES", "");
    expect((await freshEnvModule()).getServerEnv().AUTH_SECURE_COOKIES).toBeUndefined();
    vi.stubEnv("AUTH_SECURE_COOKIES", "false");
    vi.stubEnv("AUTH_URL", "http://classroom.local:3000");
    const env = (await freshEnvModule()).getServerEnv();
    expect(env.AUTH_SECURE_COOKIES).toBe(false);
    expect(env.AUTH_URL).toBe("http://classroom.local:3000");
    vi.stubEnv("AUTH_SECURE_COOKIES", "sometimes");
    vi.stubEnv("AUTH_URL", "not a url");
    const { getServerEnv } = await freshEnvModule();
    expect(() => getServerEnv()).toThrow(/AUTH_URL: AUTH_URL must be a full URL[\s\S]*AUTH_SECURE_COOKIES must be "true", "false" or "auto"/);
  });
});
