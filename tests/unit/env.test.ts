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
    expect(() => getServerEnv()).toThrow(/AUTH_SECRET is required in production[\s\S]*openssl rand/);
  });

  it("rejects a short secret and bad numbers", async () => {
    vi.stubEnv("NODE_ENV", "production");
    vi.stubEnv("AUTH_SECRET", "too-short");
    vi.stubEnv("LOGIN_MAX_FAILURES", "zero");
    const { getServerEnv } = await freshEnvModule();
    expect(() => getServerEnv()).toThrow(/AUTH_SECRET: AUTH_SECRET must be at least 32 characters[\s\S]*LOGIN_MAX_FAILURES/);
  });

  it("uses a development secret and the embedded database outside production", async () => {
    vi.stubEnv("NODE_ENV", "development");
    vi.stubEnv("AUTH_SECRET", "");
    vi.stubEnv("DATABASE_URL", "");
    const { getServerEnv } = await freshEnvModule();
    const env = getServerEnv();
    expect(env.AUTH_SECRET.length).toBeGreaterThanOrEqual(32);
    expect(env.DATABASE_URL).toBe("file:./data/app.db");
    expect(env.LOGIN_MAX_FAILURES).toBe(5);
  });
});
