import { expect, test } from "@playwright/test";
import { DEMO, uniqueEmail } from "./fixtures";

// Before JavaScript has loaded (a slow phone, a blocked script), the forms a
// new user meets first are still real forms: they post to their server action
// and the server answers with the next page or the form and its message.
test.use({ javaScriptEnabled: false });

test("signing in works without JavaScript, and a refusal keeps the email", async ({ page }) => {
  // An unknown email, so the demo student's own sign-in budget is untouched.
  const stranger = uniqueEmail("nobody");
  await page.goto("/login");
  await page.getByLabel("Email").fill(stranger);
  await page.getByLabel("Password").fill("not-the-password");
  await page.getByRole("button", { name: "Sign in" }).click();
  await expect(page.getByText("That email and password do not match an account.")).toBeVisible();
  await expect(page.getByLabel("Email")).toHaveValue(stranger);

  await page.getByLabel("Email").fill(DEMO.student.email);
  await page.getByLabel("Password").fill(DEMO.student.password);
  await page.getByRole("button", { name: "Sign in" }).click();
  await expect(page).not.toHaveURL(/\/login/);
  await expect(page.getByRole("button", { name: "Sign out" })).toBeVisible();
});

test("creating an account works without JavaScript", async ({ page }) => {
  await page.goto("/signup");
  await page.getByLabel("Name").fill("No Script");
  await page.getByLabel("Email").fill(uniqueEmail("nojs"));
  await page.getByLabel("Password").fill("a long enough passphrase");
  await page.getByRole("button", { name: "Create account" }).click();
  await expect(page).toHaveURL(/\/welcome$/);
});
