import { expect, test, type Page } from "@playwright/test";
import { loadBank, signIn, signOut, signUp, signUpStudent, uniqueEmail } from "./fixtures";

/** The stem of the question on screen: the legend of the options' fieldset. */
async function questionStem(page: Page): Promise<string> {
  const legend = page.locator("fieldset legend").first();
  await expect(legend).toBeVisible();
  return legend.innerText();
}

test("a new student signs up, answers a question and sees every explanation", async ({ page }) => {
  const email = uniqueEmail("student");
  await signUpStudent(page, "Riley Student", email, "a sturdy passphrase");
  await expect(page.getByTestId("goal-progress")).toContainText("0 of 20");

  // The stem is the legend of the options' fieldset; before answering, no part of the key is on the page.
  const stem = await questionStem(page);
  const item = loadBank().questions.find((q) => q.stem === stem);
  expect(item, `the question on screen ("${stem}") comes from the bank`).toBeDefined();
  const html = await page.content();
  for (const option of item!.options) expect(html).not.toContain(option.feedback);
  expect(html).not.toContain(item!.explanation);
  await expect(page.getByRole("radio")).toHaveCount(item!.options.length + 3);

  const wrong = item!.options.find((o) => !o.correct)!;
  const key = item!.options.find((o) => o.correct)!;
  await page.getByRole("radio", { name: wrong.text }).check();
  await page.getByRole("radio", { name: "Unsure" }).check();
  await page.getByRole("button", { name: "Check answer" }).click();

  // In words and with an icon, announced through the status region; the letter is the one shown on screen.
  const status = page.getByTestId("answer-status");
  await expect(status).toHaveAttribute("role", "status");
  await expect(status).toContainText("Incorrect");
  await expect(status.locator("svg")).toHaveCount(1);
  const keyRow = page.getByTestId("result-option").filter({ hasText: key.text });
  const keyLetter = (await keyRow.locator("label span").first().innerText()).replace(".", "");
  await expect(status).toContainText(`the answer is ${keyLetter}.`);
  await expect(keyRow).toContainText("Correct answer");
  await expect(page.getByTestId("result-option").filter({ hasText: wrong.text })).toContainText("Your answer");
  await expect(page.getByTestId("explanation")).toHaveText(item!.explanation);
  await expect(page.getByTestId("option-feedback")).toHaveCount(item!.options.length);
  for (const option of item!.options) await expect(page.getByText(option.feedback)).toBeVisible();
  await expect(page.getByRole("button", { name: "Next question" })).toBeFocused();

  // The next question is a different one.
  await page.getByRole("button", { name: "Next question" }).click();
  await expect(page.locator("fieldset legend").first()).not.toHaveText(stem);
  await expect(page.getByRole("button", { name: "Check answer" })).toBeVisible();
  await expect(page.getByTestId("goal-progress")).toContainText("1 of 20");

  // Sign out and back in with the same account.
  await signOut(page);
  await signIn(page, { email, password: "a sturdy passphrase" });
  await expect(page).toHaveURL(/\/practice$/);
});

test("the keyboard alone answers: a number or letter chooses, Enter checks, N goes on", async ({ page }) => {
  await signUpStudent(page, "Keyboard Student", uniqueEmail("keys"), "a sturdy passphrase");
  await expect(page.getByText("Keyboard shortcuts")).toBeVisible();
  const stem = await questionStem(page);
  const options = page.locator('input[name="optionId"]');

  await page.keyboard.press("3");
  await expect(options.nth(2)).toBeChecked();
  await page.keyboard.press("b");
  await expect(options.nth(1)).toBeChecked();
  await expect(options.nth(2)).not.toBeChecked();
  await page.keyboard.press("Enter");
  await expect(page.getByTestId("answer-status")).toHaveText(/Correct|Incorrect/);
  await expect(page.getByTestId("result-option").nth(1)).toContainText("Your answer");

  await page.keyboard.press("n");
  await expect(page.locator("fieldset legend").first()).not.toHaveText(stem);
  await expect(page.getByRole("button", { name: "Check answer" })).toBeVisible();
  await expect(page.getByTestId("answer-status")).toHaveText("");
});

test("without JavaScript a choice is checked, stored once, and the next question follows", async ({ page, browser }) => {
  await signUpStudent(page, "No Script", uniqueEmail("nojs"), "a sturdy passphrase");
  const noScript = await browser.newContext({ javaScriptEnabled: false, storageState: await page.context().storageState() });
  // Two tabs on the same question: the same presentation, so the same token.
  const plain = await noScript.newPage();
  await plain.goto("/practice");
  const second = await noScript.newPage();
  await second.goto("/practice");
  const stem = await questionStem(plain);
  expect(await questionStem(second)).toBe(stem);

  await plain.locator('input[name="optionId"]').first().check();
  await plain.getByRole("button", { name: "Check answer" }).click();
  await expect(plain).toHaveURL(/\/practice\?p=[A-Za-z0-9_-]+$/);
  await expect(plain.getByTestId("answer-status")).toHaveText(/Correct|Incorrect/);
  await expect(plain.getByTestId("explanation")).toBeVisible();
  await expect(plain.getByTestId("result-option").first()).toContainText("Your answer");

  // The second tab submits another option: it gets the stored result, not a second answer.
  await second.locator('input[name="optionId"]').last().check();
  await second.getByRole("button", { name: "Check answer" }).click();
  await expect(second).toHaveURL(plain.url());
  await expect(second.getByTestId("result-option").first()).toContainText("Your answer");
  await expect(second.getByTestId("result-option").last()).not.toContainText("Your answer");

  await plain.getByRole("button", { name: "Next question" }).click();
  await expect(plain.locator("fieldset legend").first()).not.toHaveText(stem);
  await noScript.close();
});

test("another student's presentation or a made-up one is not found", async ({ page, browser }) => {
  await signUpStudent(page, "Owner Student", uniqueEmail("owner"), "a sturdy passphrase");
  const token = await page.locator("form").filter({ has: page.getByRole("button", { name: "Check answer" }) }).locator('input[name="presentationId"]').inputValue();
  await page.locator('input[name="optionId"]').first().check();
  await page.getByRole("button", { name: "Check answer" }).click();
  await expect(page.getByTestId("explanation")).toBeVisible();
  // The owner sees their own answered presentation with its result.
  await page.goto(`/practice?p=${token}`);
  await expect(page.getByTestId("explanation")).toBeVisible();

  const other = await browser.newContext();
  const otherPage = await other.newPage();
  await signUpStudent(otherPage, "Other Student", uniqueEmail("other"), "a sturdy passphrase");
  for (const path of [`/practice?p=${token}`, "/practice?p=madeUpPresentationId123", "/practice?p=%3Cscript%3E"]) {
    const response = await otherPage.goto(path);
    expect(response?.status(), path).toBe(404);
    await expect(otherPage.getByTestId("explanation")).toHaveCount(0);
  }
  await other.close();
});

test("the question screen fits a 375-pixel-wide phone", async ({ page }) => {
  await page.setViewportSize({ width: 375, height: 740 });
  await signUpStudent(page, "Phone Student", uniqueEmail("phone"), "a sturdy passphrase");
  const fits = () => page.evaluate(() => document.documentElement.scrollWidth <= window.innerWidth);
  expect(await fits()).toBe(true);
  await page.locator('input[name="optionId"]').first().check();
  await page.getByRole("button", { name: "Check answer" }).click();
  await expect(page.getByTestId("explanation")).toBeVisible();
  expect(await fits()).toBe(true);
});

test("sign-up refuses a weak password and a duplicate email with clear messages", async ({ page }) => {
  const email = uniqueEmail("dup");
  await signUp(page, "Weak", email, "short");
  await expect(page.getByText("Use at least 10 characters.")).toBeVisible();
  await expect(page.getByLabel("Email")).toHaveValue(email);

  await signUpStudent(page, "First", email, "a sturdy passphrase");
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
  await signUpStudent(page, "Expiring Student", uniqueEmail("expired"), "a sturdy passphrase");
  await page.locator('input[name="optionId"]').first().check();
  await context.clearCookies();
  await page.getByRole("button", { name: "Check answer" }).click();
  // The refused action sends the student to sign in again (a 401 boundary, then the login page).
  await expect(page.getByRole("heading", { name: /^(Sign in|Please sign in again)$/ })).toBeVisible();
  await expect(page.getByTestId("explanation")).toHaveCount(0);
});
