import { describe, expect, it } from "vitest";
import { hashPassword, verifyPassword } from "@/lib/server/password";
import { signUpSchema } from "@/lib/validation/auth";

describe("password hashing", () => {
  it("hashes with argon2id and a per-hash salt", async () => {
    const a = await hashPassword("correct horse battery");
    const b = await hashPassword("correct horse battery");
    expect(a).toMatch(/^\$argon2id\$v=19\$m=19456,t=2,p=1\$/);
    expect(a).not.toBe(b);
  });

  it("verifies the right password and rejects a wrong one or a broken hash", async () => {
    const stored = await hashPassword("correct horse battery");
    await expect(verifyPassword(stored, "correct horse battery")).resolves.toBe(true);
    await expect(verifyPassword(stored, "correct horse batterY")).resolves.toBe(false);
    await expect(verifyPassword("not-a-hash", "correct horse battery")).resolves.toBe(false);
  });
});

describe("sign-up validation", () => {
  const valid = { name: "Ada", email: "Adam@Example.com ", password: "long enough pass" };

  it("normalises the email", () => {
    expect(signUpSchema.parse(valid).email).toBe("adam@example.com");
  });

  it.each([
    ["short", "Use at least 10 characters."],
    ["password123", "That password is too common. Choose another."],
    ["aaaaaaaaaaaa", "That password is too repetitive. Mix in more different characters."],
    ["adam-is-my-name", "Your password must not contain your email name."],
  ])("rejects the weak password %s", (password, message) => {
    const result = signUpSchema.safeParse({ ...valid, password });
    expect(result.success).toBe(false);
    expect(result.error?.issues.map((i) => i.message)).toContain(message);
  });
});
