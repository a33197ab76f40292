import { describe, expect, it } from "vitest";
import { getDb } from "@/lib/server/db";
import { hashPassword } from "@/lib/server/password";
import { startupProblems } from "@/lib/server/startup-check";
import { createPasswordResetLink } from "@/lib/services/account-lifecycle";
import { createAdmin } from "@/lib/services/accounts";
import { DEMO_ACCOUNTS, demoAccountsExist, ensureDemoAccounts, policyProblem, removeDemoAccounts } from "@/lib/services/demo-accounts";

describe("demo accounts", () => {
  it("meet the sign-up password policy", () => {
    for (const account of DEMO_ACCOUNTS) expect(policyProblem(account), account.email).toBeNull();
  });

  it("stop a production start-up until they are gone, unless the server runs in demo mode", async () => {
    expect(await startupProblems("production", false)).toEqual([]);
    expect(await ensureDemoAccounts()).toBe(3);
    expect(await demoAccountsExist()).toBe(true);

    const [problem] = await startupProblems("production", false);
    expect(problem).toMatch(/student@example\.com, instructor@example\.com, admin@example\.com/);
    expect(problem).toMatch(/npm run admin:create[\s\S]*npm run demo:remove/);
    expect(await startupProblems("production", true)).toEqual([]);

    // Removing them first needs a real admin.
    await expect(removeDemoAccounts()).rejects.toThrow(/leave no admin/);
    await createAdmin({ name: "Real Admin", email: "head@school.example", password: "a sturdy passphrase" }, { reset: false });
    expect(await removeDemoAccounts()).toHaveLength(3);
    expect(await demoAccountsExist()).toBe(false);
    expect(await startupProblems("production", false)).toEqual([]);
  });

  it("catch an older install's unmarked account that still has a published password", async () => {
    await getDb().user.create({
      data: { email: "admin@example.com", name: "Old Demo Admin", role: "ADMIN", passwordHash: await hashPassword(DEMO_ACCOUNTS[2]!.password) },
    });
    expect(await startupProblems("production", false)).toHaveLength(1);
    // Taking it over with a real password ends the problem.
    await createAdmin({ name: "Owner", email: "admin@example.com", password: "another sturdy passphrase" }, { reset: true });
    expect(await startupProblems("production", false)).toEqual([]);
  });

  it("leave no reset link behind: the links a demo admin made go with it, and admin:create --reset ends the account's links", async () => {
    await ensureDemoAccounts();
    const real = await createAdmin({ name: "Real Admin", email: "head@school.example", password: "a sturdy passphrase" }, { reset: false });
    const demoAdmin = await getDb().user.findUniqueOrThrow({ where: { email: "admin@example.com" }, select: { id: true, email: true, name: true, role: true } });
    await createPasswordResetLink(demoAdmin, real.id);
    await removeDemoAccounts();
    expect(await getDb().passwordReset.count()).toBe(0);

    const teacher = await getDb().user.create({ data: { email: "teacher@school.example", name: "Teacher", role: "INSTRUCTOR", passwordHash: "x" } });
    const realActor = { id: real.id, email: "head@school.example", name: "Real Admin", role: "ADMIN" as const };
    await createPasswordResetLink(realActor, teacher.id);
    await createAdmin({ name: "Teacher", email: "teacher@school.example", password: "another sturdy passphrase" }, { reset: true });
    expect(await getDb().passwordReset.count({ where: { userId: teacher.id } })).toBe(0);
  });
});
