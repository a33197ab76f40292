import "server-only";
import type { Role } from "../server/action-client";
import { getDb } from "../server/db";
import { directRead } from "../server/direct-sql";
import { hashPassword, verifyPassword } from "../server/password";
import { newPasswordSchema, passwordContainsEmailName } from "../validation/auth";
import { lockAdmins } from "./accounts";

/**
 * Demo accounts for a local trial (the README publishes their passwords).
 * The seed creates them only in demo mode (DEMO_MODE=true, which the quick
 * start sets); a production server refuses to start while any account still
 * has a published password, unless it runs in demo mode.
 */

export type DemoAccount = { role: Role; name: string; email: string; password: string };

export const DEMO_ACCOUNTS: readonly DemoAccount[] = [
  { role: "STUDENT", name: "Demo Student", email: "student@example.com", password: "practise-ipt-daily" },
  { role: "INSTRUCTOR", name: "Demo Instructor", email: "instructor@example.com", password: "write-good-items" },
  { role: "ADMIN", name: "Demo Admin", email: "admin@example.com", password: "keys-to-the-bank" },
];

/** The demo passwords meet the sign-up policy like any other password. */
export function policyProblem(account: DemoAccount): string | null {
  const parsed = newPasswordSchema.safeParse(account.password);
  if (!parsed.success) return parsed.error.issues[0]?.message ?? "weak password";
  if (passwordContainsEmailName(account.password, account.email)) return "contains the email name";
  return null;
}

/** Creates the missing demo accounts, marked as such; existing ones are left as they are. */
export async function ensureDemoAccounts(): Promise<number> {
  const db = getDb();
  let created = 0;
  for (const account of DEMO_ACCOUNTS) {
    const problem = policyProblem(account);
    if (problem) throw new Error(`The demo password for ${account.email} breaks the password policy: ${problem}`);
    if (await db.user.findUnique({ where: { email: account.email }, select: { id: true } })) continue;
    await db.user.create({
      data: { email: account.email, name: account.name, role: account.role, demoAccount: true, passwordHash: await hashPassword(account.password) },
    });
    created += 1;
  }
  return created;
}

/**
 * Accounts whose password is one the README publishes: the marked demo
 * accounts and any account at a demo address (older installs did not mark them).
 */
export async function accountsWithPublishedPasswords(): Promise<string[]> {
  const candidates = await getDb().user.findMany({
    where: { OR: [{ demoAccount: true }, { email: { in: DEMO_ACCOUNTS.map((a) => a.email) } }] },
    select: { email: true, passwordHash: true },
  });
  const published = DEMO_ACCOUNTS.map((a) => a.password);
  const exposed: string[] = [];
  for (const user of candidates) {
    for (const password of published) {
      if (await verifyPassword(user.passwordHash, password)) {
        exposed.push(user.email);
        break;
      }
    }
  }
  return exposed;
}

/** True while any marked demo account exists (the layout shows a banner). */
export async function demoAccountsExist(): Promise<boolean> {
  // Every page's layout asks: one indexed plain statement.
  return directRead(async (sql) => (await sql.one(`SELECT 1 AS "found" FROM "User" WHERE "demoAccount" = ? LIMIT 1`, true)) !== undefined);
}

/** Deletes the demo accounts and their data; refuses when that would leave no admin. */
export async function removeDemoAccounts(): Promise<string[]> {
  const db = getDb();
  const doomed = await accountsWithPublishedPasswords();
  const marked = await db.user.findMany({ where: { demoAccount: true }, select: { email: true } });
  const emails = [...new Set([...doomed, ...marked.map((u) => u.email)])];
  return db.$transaction(async (tx) => {
    await lockAdmins(tx);
    const adminsLeft = await tx.user.count({ where: { role: "ADMIN", email: { notIn: emails } } });
    if (adminsLeft === 0) {
      throw new Error("Removing the demo accounts would leave no admin. Create a real one first: npm run admin:create");
    }
    // Reset links a demo admin made would outlive it (the key sets createdById to null).
    await tx.passwordReset.deleteMany({ where: { createdBy: { email: { in: emails } } } });
    await tx.user.deleteMany({ where: { email: { in: emails } } });
    return emails;
  });
}
