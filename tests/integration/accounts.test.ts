import { describe, expect, it } from "vitest";
import { ActionError } from "@/lib/server/action-client";
import { getDb } from "@/lib/server/db";
import { changeUserRole, checkCredentials, registerStudent } from "@/lib/services/accounts";
import { createUser } from "../factories/users";

describe("registerStudent", () => {
  it("creates a student with an argon2id hash, never the plain password", async () => {
    const user = await registerStudent({ name: "Noor", email: "noor@example.com", password: "a long passphrase" });
    expect(user.role).toBe("STUDENT");
    const row = await getDb().user.findUniqueOrThrow({ where: { id: user.id } });
    expect(row.passwordHash).toMatch(/^\$argon2id\$/);
    expect(row.passwordHash).not.toContain("a long passphrase");
  });

  it("refuses a duplicate email with a field error and writes nothing", async () => {
    await registerStudent({ name: "A", email: "dup@example.com", password: "a long passphrase" });
    const error = await registerStudent({ name: "B", email: "dup@example.com", password: "another passphrase" }).catch(
      (e: unknown) => e,
    );
    expect(error).toBeInstanceOf(ActionError);
    expect((error as ActionError).code).toBe("CONFLICT");
    expect((error as ActionError).fieldErrors?.email?.[0]).toMatch(/already exists/);
    expect(await getDb().user.count({ where: { email: "dup@example.com" } })).toBe(1);
  });
});

describe("checkCredentials", () => {
  it("accepts the right password and treats an unknown email like a wrong password", async () => {
    await registerStudent({ name: "C", email: "c@example.com", password: "a long passphrase" });
    const now = new Date();
    expect((await checkCredentials("C@example.com", "a long passphrase", now)).status).toBe("ok");
    expect((await checkCredentials("c@example.com", "wrong passphrase", now)).status).toBe("invalid");
    expect((await checkCredentials("nobody@example.com", "a long passphrase", now)).status).toBe("invalid");
  });

  it("locks the account after repeated failures, even for the right password, until the lock expires", async () => {
    await registerStudent({ name: "D", email: "d@example.com", password: "a long passphrase" });
    const now = new Date("2026-11-22T10:00:00Z");
    const results = [];
    for (let i = 0; i < 5; i += 1) results.push((await checkCredentials("d@example.com", "guess", now)).status);
    expect(results).toEqual(["invalid", "invalid", "invalid", "invalid", "locked"]);
    expect((await checkCredentials("d@example.com", "a long passphrase", now)).status).toBe("locked");
    const later = new Date(now.getTime() + 16 * 60_000);
    expect((await checkCredentials("d@example.com", "a long passphrase", later)).status).toBe("ok");
  });
});

describe("changeUserRole", () => {
  it("lets an admin promote a student and refuses to remove the last admin", async () => {
    const admin = await createUser({ role: "ADMIN" });
    const student = await createUser();
    const updated = await changeUserRole(admin, student.id, "INSTRUCTOR");
    expect(updated.role).toBe("INSTRUCTOR");
    await expect(changeUserRole(admin, admin.id, "STUDENT")).rejects.toMatchObject({ code: "CONFLICT" });
    expect((await getDb().user.findUniqueOrThrow({ where: { id: admin.id } })).role).toBe("ADMIN");
  });
});
