import AxeBuilder from "@axe-core/playwright";
import { expect, test, type Page } from "@playwright/test";
import { signUpStudent, uniqueEmail } from "./fixtures";

async function violations(page: Page): Promise<string[]> {
  const results = await new AxeBuilder({ page }).analyze();
  return results.violations.map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(" ")).join(", ")}`);
}

test("axe finds no violations on Today, settings and the question screen before and after answering", async ({ page }) => {
  await signUpStudent(page, "Axe Student", uniqueEmail("axe"), "a sturdy passphrase");
  await expect(page.locator("fieldset legend").first()).toBeVisible();
  expect(await violations(page), "practice, unanswered").toEqual([]);
  await page.locator('input[name="optionId"]').first().check();
  await page.getByRole("button", { name: "Check answer" }).click();
  await expect(page.getByTestId("explanation")).toBeVisible();
  expect(await violations(page), "practice, answered").toEqual([]);
  await page.goto("/");
  await expect(page.getByRole("heading", { name: /^Today/ })).toBeVisible();
  expect(await violations(page), "today").toEqual([]);
  await page.goto("/settings");
  await expect(page.getByRole("heading", { name: "Study settings" })).toBeVisible();
  expect(await violations(page), "settings").toEqual([]);
});
