import { randomUUID } from "node:crypto";
import { readFileSync } from "node:fs";
import { expect, type Page } from "@playwright/test";
import type { QuestionBank } from "@/lib/questions/bank-schema";

export const DEMO = {
  student: { email: "student@example.com", password: "practise-ipt-daily" },
  instructor: { email: "instructor@example.com", password: "write-good-items" },
  admin: { email: "admin@example.com", password: "keys-to-the-bank" },
} as const;

export function uniqueEmail(prefix = "e2e"): string {
  return `${prefix}-${randomUUID().slice(0, 8)}@example.com`;
}

export async function signIn(page: Page, account: { email: string; password: string }, next?: string): Promise<void> {
  await page.goto(next ? `/login?next=${encodeURIComponent(next)}` : "/login");
  await page.getByLabel("Email").fill(account.email);
  await page.getByLabel("Password").fill(account.password);
  await page.getByRole("button", { name: "Sign in" }).click();
  await expect(page).not.toHaveURL(/\/login/);
}

export async function signUp(page: Page, name: string, email: string, password: string): Promise<void> {
  await page.goto("/signup");
  await page.getByLabel("Name").fill(name);
  await page.getByLabel("Email").fill(email);
  await page.getByLabel("Password").fill(password);
  await page.getByRole("button", { name: "Create account" }).click();
}

/**
 * On the welcome step, chooses IPT if the student is asked to choose a
 * subject first: the e2e database offers a second subject (for
 * subjects.spec.ts), which a single-subject install would not.
 */
export async function chooseIptIfAsked(page: Page): Promise<void> {
  const settings = page.getByLabel("Exam date (optional)");
  const ipt = page.getByRole("button", { name: "Study Interpersonal Therapy (IPT)" });
  await expect(settings.or(ipt)).toBeVisible();
  if (await ipt.isVisible()) {
    await ipt.click();
    await expect(settings).toBeVisible();
  }
}

/** Signs up a new student and skips the welcome step, landing on /practice. */
export async function signUpStudent(page: Page, name: string, email: string, password: string): Promise<void> {
  await signUp(page, name, email, password);
  await expect(page).toHaveURL(/\/welcome$/);
  await chooseIptIfAsked(page);
  await page.getByRole("button", { name: "Skip for now" }).click();
  await expect(page).toHaveURL(/\/practice$/);
}

export function loadBank(): QuestionBank {
  return JSON.parse(readFileSync("prisma/seed/ipt-bank.json", "utf8")) as QuestionBank;
}

/** Signs out and waits until the sign-out has landed, so the next navigation starts signed out. */
export async function signOut(page: Page): Promise<void> {
  await page.getByRole("button", { name: "Sign out" }).click();
  await expect(page).toHaveURL(/\/login/);
  await expect(page.getByRole("button", { name: "Sign out" })).toHaveCount(0);
}
