import { describe, expect, it } from "vitest";
import { contentSecurityPolicy, newNonce, staticSecurityHeaders } from "@/lib/server/security-headers";

function directive(policy: string, name: string): string | undefined {
  return policy
    .split(";")
    .map((part) => part.trim())
    .find((part) => part.startsWith(`${name} `));
}

describe("contentSecurityPolicy", () => {
  it("allows no inline script without a nonce (responses that are not documents)", () => {
    expect(directive(contentSecurityPolicy(), "script-src")).toBe("script-src 'self'");
  });

  it("allows a document's scripts by its nonce, and what they load through 'strict-dynamic'", () => {
    const policy = contentSecurityPolicy({ nonce: "abc123==" });
    expect(directive(policy, "script-src")).toBe("script-src 'self' 'nonce-abc123==' 'strict-dynamic'");
    expect(directive(policy, "frame-ancestors")).toBe("frame-ancestors 'none'");
    expect(directive(policy, "object-src")).toBe("object-src 'none'");
    expect(directive(policy, "base-uri")).toBe("base-uri 'self'");
    expect(directive(policy, "form-action")).toBe("form-action 'self'");
  });

  it("lets eval run only in development", () => {
    expect(contentSecurityPolicy({ nonce: "n" })).not.toContain("unsafe-eval");
    expect(directive(contentSecurityPolicy({ nonce: "n", development: true }), "script-src")).toContain("'unsafe-eval'");
  });
});

describe("newNonce", () => {
  it("is 128 random bits in base64, new every time", () => {
    const nonces = new Set(Array.from({ length: 100 }, () => newNonce()));
    expect(nonces.size).toBe(100);
    for (const nonce of nonces) expect(Buffer.from(nonce, "base64")).toHaveLength(16);
  });
});

describe("staticSecurityHeaders", () => {
  it("names each header in lower case, so a document's nonce policy from the proxy replaces the static one", () => {
    const headers = staticSecurityHeaders(false);
    expect(headers.map((h) => h.key)).toEqual(headers.map((h) => h.key.toLowerCase()));
    expect(headers.find((h) => h.key === "permissions-policy")?.value).toContain("camera=()");
  });
});
