import AxeBuilder from "@axe-core/playwright";
import { expect, test, type Page } from "@playwright/test";
import type { QuestionBank } from "@/lib/questions/bank-schema";
import { loadBank, signUpStudent, uniqueEmail } from "./fixtures";

type Item = QuestionBank["questions"][number];
const bank = loadBank();

async function itemOnScreen(page: Page): Promise<Item> {
  const legend = page.locator("fieldset legend").first();
  await expect(legend).toBeVisible();
  const stem = await legend.innerText();
  const item = bank.questions.find((q) => q.stem === stem);
  expect(item, `the question on screen ("${stem}") comes from the bank`).toBeDefined();
  return item!;
}

async function answer(page: Page, correct: boolean): Promise<Item> {
  const item = await itemOnScreen(page);
  const option = item.options.find((o) => o.correct === correct)!;
  const name = new RegExp(`^[A-H]\\. ${option.text.replace(/[.*+?^${}()|[\]\\]/g, "\\$&")}$`);
  await page.getByRole("radio", { name }).check();
  await page.getByRole("button", { name: "Check answer" }).click();
  await expect(page.getByTestId("answer-status")).toContainText(correct ? /^Correct/ : /^Incorrect/);
  return item;
}

async function violations(page: Page): Promise<string[]> {
  const results = await new AxeBuilder({ page }).analyze();
  return results.violations.map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(" ")).join(", ")}`);
}

test("a student answers a few questions and the dashboard moves; axe passes in light and dark", async ({ page }) => {
  test.setTimeout(180_000);
  // The charts run under the site's Content-Security-Policy: nothing they do may be refused.
  await page.addInitScript(() => {
    const seen: string[] = [];
    (window as unknown as { cspViolations: string[] }).cspViolations = seen;
    document.addEventListener("securitypolicyviolation", (event) => seen.push(`${event.violatedDirective} ${event.blockedURI}`));
  });
  const cspViolations = () => page.evaluate(() => (window as unknown as { cspViolations?: string[] }).cspViolations ?? []);
  await signUpStudent(page, "Dash Student", uniqueEmail("dash"), "a sturdy passphrase");

  await page.goto("/dashboard");
  await expect(page.getByRole("heading", { name: "Your progress", level: 1 })).toBeVisible();
  await expect(page.getByText(/met 0 of \d+ questions, 0 answers in all/)).toBeVisible();
  // Without an exam date, the next step is to set one.
  await expect(page.getByTestId("next-step")).toContainText("Set your exam date");
  await expect(page.getByTestId("mastery-level").first()).toHaveText("Not started");
  const readinessBefore = await page.getByTestId("readiness-now").innerText();
  await expect(page.getByTestId("readiness-no-answers")).toContainText("You have not answered any questions yet");

  await page.goto("/practice");
  const missed = await answer(page, false);
  for (let i = 0; i < 2; i++) {
    await page.getByRole("button", { name: "Next question" }).click();
    await expect(page.getByRole("button", { name: "Check answer" })).toBeVisible();
    await answer(page, true);
  }

  await page.getByRole("link", { name: "Progress" }).click();
  await expect(page.getByRole("heading", { name: "Your progress", level: 1 })).toBeVisible();
  await expect(page.getByText(/3 answers in all/)).toBeVisible();
  await expect(page.getByTestId("readiness-no-answers")).toHaveCount(0);
  expect(await page.getByTestId("readiness-now").innerText()).not.toBe(readinessBefore);
  await expect(page.getByTestId("mastery-level").filter({ hasNotText: "Not started" }).first()).toBeVisible();
  // The heatmap's table alternative lists today with its three answers.
  await page.getByTestId("heatmap").getByText("Show the numbers as a table").click();
  await expect(page.getByTestId("heatmap").getByRole("cell", { name: "3", exact: true })).toHaveCount(1);
  // The charts are drawn in the browser (the server sends an empty box and the table).
  await expect(page.getByTestId("accuracy-chart").locator("svg.recharts-surface")).toBeVisible();
  await expect(page.getByTestId("reviews-chart").locator("svg.recharts-surface")).toBeVisible();
  // The recent mistake links to its explanation.
  const mistake = page.getByTestId("recent-mistakes").getByRole("link").first();
  await expect(mistake).toBeVisible();
  expect(await violations(page), "dashboard, system/light").toEqual([]);
  expect(await cspViolations(), "the dashboard's scripts under the policy").toEqual([]);
  await mistake.click();
  await expect(page.getByTestId("explanation")).toBeVisible();
  expect(await page.locator("fieldset legend").first().innerText()).toBe(missed.stem);

  // "Practise this" opens the topic drill.
  await page.goto("/dashboard");
  await page.getByTestId("mastery-table").getByRole("link", { name: /^Practise / }).first().click();
  await expect(page).toHaveURL(/\/practice\?topic=/);
  await expect(page.getByTestId("practice-mode")).toContainText("Topic drill");

  // Dark mode: the charts and tables stay readable for axe.
  await page.goto("/dashboard");
  await page.getByRole("group", { name: "Colour theme" }).getByRole("button", { name: "Dark" }).click();
  await expect(page.locator("html")).toHaveClass("dark");
  await page.reload();
  await expect(page.getByRole("heading", { name: "Your progress", level: 1 })).toBeVisible();
  expect(await violations(page), "dashboard, dark").toEqual([]);
});

test("the dashboard refuses a subject the student is not enrolled in and garbage in its address", async ({ page }) => {
  await signUpStudent(page, "Dash Prober", uniqueEmail("dashprobe"), "a sturdy passphrase");
  for (const query of ["?subject=ckzzzzzzzzzzzzzzzzzzzzzzz", "?subject=../../etc", "?subject=a&subject=b"]) {
    const response = await page.request.get(`/dashboard${query}`);
    expect(response.status(), query).toBe(404);
    expect(await response.text()).not.toMatch(/at \S+ \(.*:\d+:\d+\)/);
  }
});

test("the dashboard asks a visitor to sign in", async ({ page }) => {
  await page.goto("/dashboard");
  await expect(page).toHaveURL(/\/login\?next=%2Fdashboard/);
});
