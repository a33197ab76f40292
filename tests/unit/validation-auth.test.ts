import { describe, expect, it } from "vitest";
import { safeNextPath, signUpSchema } from "@/lib/validation/auth";

const ORIGIN = "https://exam.example.org";

/** Where a browser on the app's origin would land after redirecting to the returned path. */
const landsOn = (next: string) => new URL(safeNextPath(next), ORIGIN);

describe("safeNextPath", () => {
  it.each([
    "/\t/evil.example",
    "/%09/evil.example",
    "//evil.example",
    "/\\evil.example",
    "/\\/evil.example",
    "\\\\evil.example",
    "/\n/evil.example",
    "/\r\n/evil.example",
    "/ /evil.example",
    "/./\t/evil.example",
    "/.//evil.example",
    "https://evil.example",
    "http:evil.example",
    "javascript:alert(1)",
    "/%5Cevil.example",
    " //evil.example",
    "",
  ])("keeps %j on the app's own origin", (next) => {
    const url = landsOn(decodeURIComponent(encodeURIComponent(next)));
    expect(url.origin).toBe(ORIGIN);
    // The search-param form the login page receives is the decoded string; try the raw one too.
    expect(landsOn(next).origin).toBe(ORIGIN);
  });

  it("keeps a real path with its query and fragment", () => {
    expect(safeNextPath("/instructor/users?page=2#top")).toBe("/instructor/users?page=2#top");
    expect(safeNextPath("/practice")).toBe("/practice");
  });

  it("falls back for anything that is not a path", () => {
    expect(safeNextPath(undefined)).toBe("/practice");
    expect(safeNextPath("evil.example")).toBe("/practice");
    expect(safeNextPath("//evil.example", "/")).toBe("/");
  });
});

describe("signUpSchema", () => {
  const base = { name: "Ada", password: "a sturdy passphrase" };

  it("does not let a one-letter email name forbid every password with that letter", () => {
    expect(signUpSchema.safeParse({ ...base, email: "a@x.org" }).success).toBe(true);
    expect(signUpSchema.safeParse({ ...base, email: "ss@x.org" }).success).toBe(true);
  });

  it("still refuses a password containing a real email name", () => {
    const result = signUpSchema.safeParse({ ...base, email: "sturdy@x.org" });
    expect(result.success).toBe(false);
    expect(result.error?.issues[0]?.message).toBe("Your password must not contain your email name.");
  });
});
