import { describe, expect, it } from "vitest";
import { secureCookiesFor, type CookieSecurityInput } from "@/lib/server/cookie-policy";
import { requestUrlFrom } from "@/lib/server/site-url";

const auto = (over: Partial<CookieSecurityInput>): CookieSecurityInput => ({
  nodeEnv: "production",
  setting: undefined,
  authUrl: undefined,
  requestUrl: null,
  ...over,
});

describe("secureCookiesFor", () => {
  it("is Secure in production over https, and over plain http anywhere but a loopback host", () => {
    expect(secureCookiesFor(auto({ requestUrl: "https://prep.example.org" }))).toBe(true);
    // A proxy that terminates TLS without saying so: the browser is still on https.
    expect(secureCookiesFor(auto({ requestUrl: "http://prep.example.org" }))).toBe(true);
    expect(secureCookiesFor(auto({ requestUrl: "http://10.0.0.5:3000" }))).toBe(true);
    expect(secureCookiesFor(auto({ requestUrl: null }))).toBe(true);
  });

  it("lets the plain-http loopback server (quick start, end-to-end tests) keep its cookies", () => {
    for (const url of ["http://127.0.0.1:3100", "http://localhost:3000", "http://[::1]:3000", "http://127.0.0.2"]) {
      expect(secureCookiesFor(auto({ requestUrl: url })), url).toBe(false);
    }
    // ... but not a host that merely starts like one.
    expect(secureCookiesFor(auto({ requestUrl: "http://localhost.evil.example" }))).toBe(true);
    expect(secureCookiesFor(auto({ requestUrl: "https://127.0.0.1:3100" }))).toBe(true);
  });

  it("follows the request's protocol outside production", () => {
    expect(secureCookiesFor(auto({ nodeEnv: "development", requestUrl: "http://192.168.1.9:3000" }))).toBe(false);
    expect(secureCookiesFor(auto({ nodeEnv: "development", requestUrl: "https://dev.example.org" }))).toBe(true);
  });

  it("lets AUTH_URL decide by its protocol, and AUTH_SECURE_COOKIES decide outright", () => {
    expect(secureCookiesFor(auto({ authUrl: "https://prep.example.org", requestUrl: "http://127.0.0.1:3000" }))).toBe(true);
    expect(secureCookiesFor(auto({ authUrl: "http://classroom.local:3000", requestUrl: "http://classroom.local:3000" }))).toBe(false);
    expect(secureCookiesFor(auto({ setting: false, requestUrl: "https://prep.example.org" }))).toBe(false);
    expect(secureCookiesFor(auto({ setting: true, requestUrl: "http://127.0.0.1:3100" }))).toBe(true);
  });
});

describe("requestUrlFrom", () => {
  const headers = (values: Record<string, string>) => ({ get: (name: string) => values[name] ?? null });

  it("reads the proxy's host and protocol first, as next-auth does", () => {
    expect(requestUrlFrom(headers({ host: "127.0.0.1:3100", "x-forwarded-proto": "http" }))).toBe("http://127.0.0.1:3100");
    expect(requestUrlFrom(headers({ host: "app:3000", "x-forwarded-host": "prep.example.org", "x-forwarded-proto": "https" }))).toBe(
      "https://prep.example.org",
    );
    expect(requestUrlFrom(headers({ host: "app:3000", "x-forwarded-proto": "https, http" }))).toBe("https://app:3000");
    expect(requestUrlFrom(headers({}))).toBeNull();
  });
});
