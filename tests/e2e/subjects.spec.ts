import { readFileSync } from "node:fs";
import AxeBuilder from "@axe-core/playwright";
import { expect, test, type Page } from "@playwright/test";
import type { QuestionBank } from "@/lib/questions/bank-schema";
import { signUp, uniqueEmail } from "./fixtures";

/**
 * The e2e database has a second subject with published questions for the
 * whole run (loaded before the server starts by scripts/e2e-server.sh from
 * tests/e2e/support/second-subject.ts), so every new student chooses a
 * subject; the other specs' students choose IPT (fixtures.ts), and the demo
 * accounts were enrolled in IPT before the server started.
 */
const bank = JSON.parse(readFileSync("tests/fixtures/second-subject-bank.json", "utf8")) as QuestionBank;
const SECOND = bank.subject.name;
const IPT = "Interpersonal Therapy (IPT)";
const STEMS = bank.questions.map((q) => q.stem);
const DAY = 86_400_000;
const inDays = (n: number) => new Date(Date.now() + n * DAY).toISOString().slice(0, 10);

async function axeViolations(page: Page): Promise<string[]> {
  const results = await new AxeBuilder({ page }).analyze();
  return results.violations.map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(" ")).join(", ")}`);
}

test("with two subjects a new student chooses one, practises only its questions, and each subject keeps its own plan", async ({ page }) => {
  await signUp(page, "Two Subjects", uniqueEmail("subjects"), "a sturdy passphrase");
  await expect(page).toHaveURL(/\/welcome$/);

  // Asked to choose first; nothing else works until they do.
  const cards = page.getByTestId("subject-card");
  await expect(cards.filter({ hasText: IPT })).toContainText("Not started");
  await expect(cards.filter({ hasText: SECOND })).toContainText(`${STEMS.length} questions`);
  await expect(cards.filter({ hasText: SECOND })).toContainText(bank.subject.description);
  for (const path of ["/", "/practice", "/settings"]) {
    await page.goto(path);
    await expect(page, path).toHaveURL(/\/subjects$/);
  }
  await expect(page.getByRole("heading", { name: "Choose what to study" })).toBeVisible();
  expect(await axeViolations(page), "subjects, none chosen").toEqual([]);

  // Chosen on the welcome step, which then asks for that subject's plan.
  await page.goto("/welcome");
  await page.getByRole("button", { name: `Study ${SECOND}` }).click();
  await expect(page).toHaveURL(/\/welcome$/);
  await expect(page.getByText(`You are studying ${SECOND}.`)).toBeVisible();
  await page.getByRole("button", { name: "Skip for now" }).click();
  await expect(page).toHaveURL(/\/practice$/);
  await expect(page.getByTestId("current-subject")).toContainText(`Studying ${SECOND}`);

  // Practice serves only the second subject's questions.
  for (let i = 0; i < STEMS.length; i += 1) {
    if (i > 0) await page.getByRole("button", { name: "Next question" }).click();
    // The answered card has no "Check answer": wait for the next question before reading it.
    await expect(page.getByRole("button", { name: "Check answer" })).toBeVisible();
    const stem = await page.locator("fieldset legend").first().innerText();
    expect(STEMS, `question ${i + 1}`).toContain(stem);
    await page.locator('input[name="optionId"]').first().check();
    await page.getByRole("button", { name: "Check answer" }).click();
    await expect(page.getByTestId("explanation")).toBeVisible();
  }

  // Its own exam date.
  await page.goto("/settings");
  await expect(page.getByTestId("settings-subject")).toContainText(`for ${SECOND}`);
  await page.getByLabel("Exam date (optional)").fill(inDays(45));
  await page.getByRole("button", { name: "Save settings" }).click();
  await expect(page.getByRole("status").getByText("Saved.", { exact: true })).toBeVisible();
  await page.goto("/");
  await expect(page.getByText(`Your exam is on ${inDays(45)}`)).toBeVisible();
  await expect(page.getByTestId("done-today")).toContainText(`${STEMS.length} of 20`);

  // Switch to IPT: its own, empty plan and its own day.
  await page.getByRole("link", { name: "Change subject" }).click();
  await expect(page).toHaveURL(/\/subjects$/);
  await expect(cards.filter({ hasText: SECOND })).toContainText("Studying now");
  expect(await axeViolations(page), "subjects, one chosen").toEqual([]);
  await page.getByRole("button", { name: `Study ${IPT}` }).click();
  await expect(page).toHaveURL(/\/$/);
  await expect(page.getByText("No exam date set yet.")).toBeVisible();
  await expect(page.getByTestId("done-today")).toContainText("0 of 20");
  await expect(page.getByTestId("current-subject")).toContainText(`Studying ${IPT}`);
  await page.goto("/settings");
  await expect(page.getByTestId("settings-subject")).toContainText(`for ${IPT}`);
  await expect(page.getByLabel("Exam date (optional)")).toHaveValue("");
  await expect(page.getByLabel("Daily goal, in questions (optional)")).toHaveValue("");

  // Back to the second subject: its date is still there.
  await page.goto("/subjects");
  await expect(cards.filter({ hasText: SECOND })).toContainText("Enrolled");
  await page.getByRole("button", { name: `Study ${SECOND}` }).click();
  await expect(page).toHaveURL(/\/$/);
  await page.goto("/settings");
  await expect(page.getByLabel("Exam date (optional)")).toHaveValue(inDays(45));
});

test("a crafted choice of a subject that is not offered is refused and changes nothing", async ({ page }) => {
  await signUp(page, "Crafty Chooser", uniqueEmail("crafty"), "a sturdy passphrase");
  await expect(page).toHaveURL(/\/welcome$/);
  await page.goto("/subjects");
  // Point the first card's form at a subject id that does not exist.
  await page.locator('input[name="subjectId"]').first().evaluate((input) => ((input as HTMLInputElement).value = "no-such-subject"));
  await page.getByTestId("subject-card").first().getByRole("button").click();
  await expect(page.getByRole("alert").filter({ hasText: /\S/ })).toHaveText("That subject is not offered. Choose one of the subjects listed.");
  await page.goto("/");
  await expect(page).toHaveURL(/\/subjects$/);
});
