import { expect, test } from "@playwright/test";
import { chooseIptIfAsked, signUp, uniqueEmail } from "./fixtures";

const PASSWORD = "a sturdy passphrase";
const DAY = 86_400_000;
const inDays = (n: number) => new Date(Date.now() + n * DAY).toISOString().slice(0, 10);

test("after sign-up a student sets an exam date and goal, in their browser's time zone, and Today follows", async ({ browser }) => {
  const context = await browser.newContext({ timezoneId: "Pacific/Auckland" });
  const page = await context.newPage();
  await signUp(page, "Planner", uniqueEmail("plan"), PASSWORD);
  await expect(page).toHaveURL(/\/welcome$/);
  await chooseIptIfAsked(page);
  await expect(page.getByTestId("time-zone")).toContainText("Pacific/Auckland (from this browser)");

  const examDate = page.getByLabel("Exam date (optional)");
  const goal = page.getByLabel("Daily goal, in questions (optional)");
  const save = page.getByRole("button", { name: "Save and start practising" });
  await examDate.fill("2020-01-01");
  await save.click();
  await expect(page.getByText("The exam date is in the past. Choose today or a later day.")).toBeVisible();
  await expect(examDate).toHaveAttribute("aria-invalid", "true");
  await examDate.fill(inDays(365 * 4));
  await save.click();
  await expect(page.getByText("Choose an exam date within the next 3 years.")).toBeVisible();
  await examDate.fill(inDays(60));
  for (const bad of ["0", "10000"]) {
    await goal.fill(bad);
    await save.click();
    await expect(page.getByText(/Set a daily goal of at least 1|A daily goal can be at most 500/)).toBeVisible();
    await expect(page).toHaveURL(/\/welcome$/);
  }
  await goal.fill("30");
  await save.click();
  await expect(page).toHaveURL(/\/practice$/);

  await page.locator('input[name="optionId"]').first().check();
  await page.getByRole("button", { name: "Check answer" }).click();
  await expect(page.getByTestId("explanation")).toBeVisible();

  await page.goto("/");
  await expect(page.getByRole("heading", { name: "Today, Planner" })).toBeVisible();
  await expect(page.getByTestId("done-today")).toContainText("1 of 30");
  await expect(page.getByTestId("streak")).toContainText("1 day");
  await expect(page.getByTestId("reviews-due")).toBeVisible();
  await expect(page.getByTestId("new-today")).toBeVisible();
  await expect(page.getByText(`Your exam is on ${inDays(60)}`)).toBeVisible();
  await expect(page.getByText("Days follow your time zone: Pacific/Auckland.")).toBeVisible();
  await page.getByRole("link", { name: "Start practice" }).click();
  await expect(page).toHaveURL(/\/practice$/);

  // Settings shows and edits the same plan; clearing the goal falls back to the default.
  await page.goto("/settings");
  await expect(examDate).toHaveValue(inDays(60));
  await expect(goal).toHaveValue("30");
  await goal.fill("");
  await page.getByRole("button", { name: "Save settings" }).click();
  await expect(page.getByRole("status").getByText("Saved.", { exact: true })).toBeVisible();
  await page.reload();
  await expect(goal).toHaveValue("");
  await expect(examDate).toHaveValue(inDays(60));
  await context.close();
});

test("without JavaScript the server refuses bad settings with field messages and stores nothing", async ({ page, browser }) => {
  await signUp(page, "No Script Planner", uniqueEmail("plan-nojs"), PASSWORD);
  await expect(page).toHaveURL(/\/welcome$/);
  await chooseIptIfAsked(page);
  await page.getByLabel("Daily goal, in questions (optional)").fill("12");
  await page.getByRole("button", { name: "Save and start practising" }).click();
  await expect(page).toHaveURL(/\/practice$/);

  const noScript = await browser.newContext({ javaScriptEnabled: false, storageState: await page.context().storageState() });
  const plain = await noScript.newPage();
  await plain.goto("/settings");
  const goal = plain.getByLabel("Daily goal, in questions (optional)");
  await expect(goal).toHaveValue("12");
  await plain.getByLabel("Exam date (optional)").fill("2020-01-01");
  await goal.fill("10000");
  await plain.getByRole("button", { name: "Save settings" }).click();
  await expect(plain.getByText("The exam date is in the past. Choose today or a later day.")).toBeVisible();
  await expect(plain.getByText("A daily goal can be at most 500 questions.")).toBeVisible();
  await plain.goto("/settings");
  await expect(goal).toHaveValue("12");
  await expect(plain.getByLabel("Exam date (optional)")).toHaveValue("");
  await noScript.close();
});
