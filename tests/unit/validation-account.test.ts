import { describe, expect, it } from "vitest";
import { changePasswordSchema, deleteAccountSchema, resetPasswordSchema } from "@/lib/validation/account";

const errorsOf = (result: { success: boolean; error?: { issues: Array<{ path: PropertyKey[]; message: string }> } }) =>
  (result.error?.issues ?? []).map((issue) => `${issue.path.join(".")}: ${issue.message}`);

describe("changePasswordSchema", () => {
  it("asks for the current password and applies sign-up's rules to the new one", () => {
    expect(errorsOf(changePasswordSchema.safeParse({ currentPassword: "", newPassword: "short", confirmPassword: "short" }))).toEqual([
      "currentPassword: Enter your current password.",
      "newPassword: Use at least 10 characters.",
    ]);
    expect(errorsOf(changePasswordSchema.safeParse({ currentPassword: "old one here", newPassword: "password123", confirmPassword: "password123" }))).toEqual([
      "newPassword: That password is too common. Choose another.",
    ]);
  });

  it("wants the new password twice, and different from the current one", () => {
    expect(errorsOf(changePasswordSchema.safeParse({ currentPassword: "old one here", newPassword: "a fresh phrase", confirmPassword: "a fresh phrasE" }))).toEqual([
      "confirmPassword: The two new passwords do not match.",
    ]);
    expect(errorsOf(changePasswordSchema.safeParse({ currentPassword: "same phrase 1", newPassword: "same phrase 1", confirmPassword: "same phrase 1" }))).toEqual([
      "newPassword: Choose a password different from your current one.",
    ]);
  });
});

describe("deleteAccountSchema", () => {
  it("accepts only the explicit phrase (any case, outer spaces ignored)", () => {
    expect(deleteAccountSchema.safeParse({ password: "x", confirmation: " DELETE my account " }).success).toBe(true);
    for (const confirmation of ["", "delete", "yes", "delete my account please"]) {
      expect(errorsOf(deleteAccountSchema.safeParse({ password: "x", confirmation })), confirmation).toEqual([
        'confirmation: Type "delete my account" to confirm.',
      ]);
    }
    expect(errorsOf(deleteAccountSchema.safeParse({ password: "", confirmation: "delete my account" }))).toEqual(["password: Enter your current password."]);
  });
});

describe("resetPasswordSchema", () => {
  it("refuses a token of the wrong shape before anything is looked up", () => {
    const fine = { newPassword: "a fresh phrase", confirmPassword: "a fresh phrase" };
    expect(resetPasswordSchema.safeParse({ ...fine, token: "A".repeat(43) }).success).toBe(true);
    for (const token of ["", "A".repeat(42), `${"A".repeat(42)}/`, "A".repeat(44)]) {
      expect(resetPasswordSchema.safeParse({ ...fine, token }).success, token).toBe(false);
    }
  });
});
