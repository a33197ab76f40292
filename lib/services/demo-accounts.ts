import "server-only";
import type { Role } from "../server/action-client";
import { getDb } from "../server/db";
import { hashPassword } from "../server/password";

/**
 * Demo accounts for local use (listed in the README). Real deployments set their
 * own through SEED_* variables or turn them off with SEED_DEMO_ACCOUNTS=false.
 */

type DemoAccount = { role: Role; name: string; email: string; password: string };

export function demoAccountsFromEnv(env: NodeJS.ProcessEnv): DemoAccount[] {
  if (env.SEED_DEMO_ACCOUNTS === "false") return [];
  return [
    {
      role: "STUDENT",
      name: "Demo Student",
      email: env.SEED_STUDENT_EMAIL ?? "student@example.com",
      password: env.SEED_STUDENT_PASSWORD ?? "student-demo-pass",
    },
    {
      role: "INSTRUCTOR",
      name: "Demo Instructor",
      email: env.SEED_INSTRUCTOR_EMAIL ?? "instructor@example.com",
      password: env.SEED_INSTRUCTOR_PASSWORD ?? "instructor-demo-pass",
    },
    {
      role: "ADMIN",
      name: "Demo Admin",
      email: env.SEED_ADMIN_EMAIL ?? "admin@example.com",
      password: env.SEED_ADMIN_PASSWORD ?? "admin-demo-pass",
    },
  ];
}

/** Creates missing accounts; existing ones (and their passwords) are left as they are. */
export async function ensureAccounts(accounts: DemoAccount[]): Promise<number> {
  const db = getDb();
  let created = 0;
  for (const account of accounts) {
    const email = account.email.trim().toLowerCase();
    if (await db.user.findUnique({ where: { email }, select: { id: true } })) continue;
    await db.user.create({
      data: { email, name: account.name, role: account.role, passwordHash: await hashPassword(account.password) },
    });
    created += 1;
  }
  return created;
}
