import AxeBuilder from "@axe-core/playwright";
import { expect, test, type Page } from "@playwright/test";
import { DEMO, loadBank, signIn, signUpStudent, uniqueEmail } from "./fixtures";

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

test("axe finds no violations on the instructor's bank list, editor, import preview, classes and report queue", async ({ page, browser }) => {
  // Eight pages, each a server render and an axe run, on a shared 2-core machine.
  test.setTimeout(300_000);
  await signIn(page, DEMO.instructor, "/instructor/questions");
  await expect(page.getByRole("heading", { name: "Questions", level: 1 })).toBeVisible();
  expect(await violations(page), "bank list").toEqual([]);

  await page.goto("/instructor/questions/new");
  await expect(page.getByRole("heading", { name: "New question" })).toBeVisible();
  expect(await violations(page), "editor, new question").toEqual([]);

  const first = loadBank().questions[0]!;
  await page.goto(`/instructor/questions?q=${encodeURIComponent(first.id)}`);
  await page.getByRole("link", { name: first.id, exact: true }).first().click();
  await expect(page.getByRole("heading", { name: `Edit ${first.id}` })).toBeVisible();
  expect(await violations(page), "editor, existing question").toEqual([]);

  // The import preview of a small GIFT file with one broken question.
  await page.goto("/instructor/import");
  const stamp = Date.now().toString(36);
  const gift = [
    "$CATEGORY: $course$/top/grief",
    "",
    `::axe-ok-${stamp}::[id:e2e-axe-ok-${stamp}] Which problem area fits a client stuck after a death (${stamp})?{=Grief ~Role dispute ~Role transition}`,
    "",
    `::axe-bad-${stamp}::[id:e2e-axe-bad-${stamp}] Which phase sets the contract (${stamp})?{=Initial =Middle ~Termination}`,
    "",
  ].join("\n");
  await page.getByLabel("File").setInputFiles({ name: "axe.gift", mimeType: "text/plain", buffer: Buffer.from(gift) });
  await expect(page.getByRole("textbox", { name: "Questions" })).toHaveValue(gift);
  await page.getByRole("button", { name: "Preview" }).click();
  await expect(page.getByRole("list", { name: "Problems" })).toContainText("Line 5:");
  expect(await violations(page), "import preview with a problem").toEqual([]);

  // A class with one member.
  await page.goto("/instructor/classes");
  expect(await violations(page), "class list").toEqual([]);
  const className = `Axe cohort ${stamp}`;
  await page.getByLabel("Class name").fill(className);
  await page.getByRole("button", { name: "Create class" }).click();
  await expect(page.getByRole("heading", { name: className })).toBeVisible();
  const code = (await page.getByTestId("join-code").innerText()).replace("-", "");
  const student = await browser.newContext();
  const studentPage = await student.newPage();
  await signUpStudent(studentPage, "Axe Class Member", uniqueEmail("axe-member"), "a sturdy passphrase");
  await studentPage.goto(`/join?code=${code}`);
  await studentPage.getByRole("button", { name: "Join class" }).click();
  await expect(studentPage.getByText(`You joined ${className}.`)).toBeVisible();
  await student.close();
  await page.reload();
  await expect(page.getByRole("cell", { name: "Axe Class Member", exact: true })).toBeVisible();
  expect(await violations(page), "class page with a member").toEqual([]);
  await page.goto("/instructor/classes");
  await expect(page.getByRole("link", { name: className, exact: true })).toBeVisible();
  expect(await violations(page), "class list with a class").toEqual([]);

  await page.goto("/instructor/reports?status=all");
  await expect(page.getByRole("heading", { name: "Problem reports" })).toBeVisible();
  expect(await violations(page), "report queue").toEqual([]);
});
