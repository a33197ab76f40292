import { expect, test } from "@playwright/test";
import { loadBank, signIn, signOut, signUp, uniqueEmail } from "./fixtures";

test("a new student signs up, answers a question and sees every explanation", async ({ page }) => {
  const email = uniqueEmail("student");
  await signUp(page, "Riley Student", email, "a sturdy passphrase");
  await expect(page).toHaveURL(/\/practice$/);

  // Before answering, no part of the key is on the page: not the flags, the feedback or the explanation.
  const stem = await page.getByRole("heading", { level: 1 }).innerText();
  const item = loadBank().questions.find((q) => q.stem === stem);
  expect(item, `the question on screen ("${stem}") comes from the bank`).toBeDefined();
  const html = await page.content();
  for (const option of item!.options) expect(html).not.toContain(option.feedback);
  expect(html).not.toContain(item!.explanation);

  const wrong = item!.options.find((o) => !o.correct)!;
  await page.getByLabel(wrong.text).check();
  await page.getByRole("button", { name: "Check answer" }).click();

  await expect(page.getByText("Not quite.")).toBeVisible();
  const keyLetter = "ABCD"[item!.options.findIndex((o) => o.correct)];
  await expect(page.getByText(`The right answer is ${keyLetter}.`)).toBeVisible();
  await expect(page.getByTestId("explanation")).toHaveText(item!.explanation);
  await expect(page.getByTestId("option-feedback")).toHaveCount(4);
  for (const option of item!.options) await expect(page.getByText(option.feedback)).toBeVisible();

  // The next question is a different one.
  await page.getByRole("button", { name: "Next question" }).click();
  await expect(page.getByRole("heading", { level: 1 })).not.toHaveText(stem);

  // Sign out and back in with the same account.
  await signOut(page);
  await signIn(page, { email, password: "a sturdy passphrase" });
  await expect(page).toHaveURL(/\/practice$/);
});

test("sign-up refuses a weak password and a duplicate email with clear messages", async ({ page }) => {
  const email = uniqueEmail("dup");
  await signUp(page, "Weak", email, "short");
  await expect(page.getByText("Use at least 10 characters.")).toBeVisible();
  await expect(page.getByLabel("Email")).toHaveValue(email);

  await signUp(page, "First", email, "a sturdy passphrase");
  await expect(page).toHaveURL(/\/practice$/);
  await signOut(page);
  await signUp(page, "Second", email, "another passphrase");
  await expect(page.getByText("An account with this email already exists. Sign in instead.")).toBeVisible();
});

test("a wrong password gets one generic message", async ({ page }) => {
  await page.goto("/login");
  await page.getByLabel("Email").fill("student@example.com");
  await page.getByLabel("Password").fill("not the password");
  await page.getByRole("button", { name: "Sign in" }).click();
  await expect(page.getByRole("alert").filter({ hasText: /\S/ })).toHaveText("That email and password do not match an account.");
  await expect(page).toHaveURL(/\/login/);
});

test("practice needs a session", async ({ page }) => {
  await page.goto("/practice");
  await expect(page).toHaveURL(/\/login\?next=%2Fpractice/);
});

test("an answer sent after the session expired is refused with a sign-in page and nothing is saved", async ({ page, context }) => {
  await signUp(page, "Expiring Student", uniqueEmail("expired"), "a sturdy passphrase");
  await expect(page).toHaveURL(/\/practice$/);
  await page.locator('input[type="radio"]').first().check();
  await context.clearCookies();
  await page.getByRole("button", { name: "Check answer" }).click();
  // The refused action sends the student to sign in again (a 401 boundary, then the login page).
  await expect(page.getByRole("heading", { name: /^(Sign in|Please sign in again)$/ })).toBeVisible();
  await expect(page.getByTestId("explanation")).toHaveCount(0);
});
