import AxeBuilder from "@axe-core/playwright";
import { expect, test, type Page } from "@playwright/test";
import { signUpStudent, uniqueEmail } from "./fixtures";
import { withE2eDb } from "./support/e2e-database";

// Whole journeys on a machine shared with builds.
test.describe.configure({ timeout: 180_000 });

async function violations(page: Page): Promise<string[]> {
  const results = await new AxeBuilder({ page }).analyze();
  return results.violations.map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(" ")).join(", ")}`);
}

/** Starts a mock exam of `count` questions, answers the first option of each but the last, submits, and lands on the results. */
async function finishShortExam(page: Page, count = 5): Promise<string> {
  await page.goto("/practice/mock");
  await page.getByLabel("Number of questions").fill(String(count));
  await page.getByRole("button", { name: "Start mock exam" }).click();
  await expect(page).toHaveURL(/\/practice\/mock\/[a-z0-9]+$/);
  const examPath = new URL(page.url()).pathname;
  for (let q = 1; q <= count; q += 1) {
    await expect(page.getByTestId("question-number")).toHaveText(`Question ${q} of ${count}`);
    if (q < count) {
      await page.locator('input[name="optionId"]').first().check();
      await expect(page.getByTestId("save-status")).toHaveText("Saved.");
    }
    await page.getByRole("button", { name: q === count ? "Save and review" : "Save and next" }).click();
  }
  await page.getByRole("button", { name: "Submit exam" }).click();
  await expect(page).toHaveURL(new RegExp(`${examPath}/results$`));
  await expect(page.getByTestId("result-item")).toHaveCount(count);
  return examPath;
}

/** The stored reports of one student, with the version each names and the version their presentation showed. */
function reportsOf(email: string): Promise<Array<{ category: string; reason: string; reported: string; shown: string }>> {
  return withE2eDb((db) =>
    db.all<{ category: string; reason: string; reported: string; shown: string }>(
      `SELECT r."category" AS "category", r."reason" AS "reason", r."questionVersionId" AS "reported",
         (SELECT p."questionVersionId" FROM "Presentation" p WHERE p."userId" = r."userId" AND p."mockExamId" IS NOT NULL AND p."questionVersionId" = r."questionVersionId") AS "shown"
       FROM "ProblemReport" r JOIN "User" u ON u."id" = r."userId" WHERE u."email" = ? ORDER BY r."createdAt"`,
      email,
    ),
  );
}

test("from a mock exam's results a student reports one item, once per version; the results show the practice screen's pieces", async ({ page }) => {
  const email = uniqueEmail("mock-report");
  await signUpStudent(page, "Mock Reporter", email, "a sturdy passphrase");
  await finishShortExam(page);

  const items = page.getByTestId("result-item");
  // Each item is the practice screen's answered question: the stem as a legend, options with feedback, the explanation.
  for (let i = 0; i < 5; i += 1) {
    const card = items.nth(i);
    await expect(card.locator("fieldset legend").first()).not.toBeEmpty();
    await expect(card.getByTestId("result-option").first()).toBeVisible();
    await expect(card.getByTestId("explanation")).not.toBeEmpty();
    await expect(card.getByTestId("report-problem")).toHaveCount(1);
  }
  await expect(items.nth(4)).toContainText("You did not answer this question.");
  expect(await violations(page), "results page").toEqual([]);

  // Report item 2: first with nothing filled in, then properly.
  const second = items.nth(1);
  const stem = await second.locator("fieldset legend").first().innerText();
  const report = second.getByTestId("report-problem");
  await report.getByText("Report a problem with this question").click();
  await report.getByRole("button", { name: "Send report" }).click();
  await expect(report.getByText("Choose what kind of problem it is.")).toBeVisible();
  await expect(report.getByText("Say what the problem is in at least 10 characters.")).toBeVisible();
  expect(await reportsOf(email)).toEqual([]);
  expect(await violations(page), "results page with a report's errors").toEqual([]);

  await report.getByRole("radio", { name: "The wording is unclear" }).check();
  await report.getByLabel("What is the problem?").fill("Two options say nearly the same thing.");
  await report.getByRole("button", { name: "Send report" }).click();
  await expect(report.getByRole("status")).toContainText("Thank you: your report was sent.");
  // Only that item's form changed.
  await expect(page.getByText("Thank you: your report was sent.")).toHaveCount(1);

  const stored = await reportsOf(email);
  expect(stored).toHaveLength(1);
  expect(stored[0]).toMatchObject({ category: "UNCLEAR", reason: "Two options say nearly the same thing." });
  expect(stored[0]!.reported, "the report names the version the exam showed").toBe(stored[0]!.shown);

  // After a reload the same item cannot be reported again.
  await page.reload();
  const again = page.getByTestId("result-item").filter({ hasText: stem }).getByTestId("report-problem");
  await again.getByText("Report a problem with this question").click();
  await again.getByRole("radio", { name: "Something else" }).check();
  await again.getByLabel("What is the problem?").fill("Reporting the same version a second time.");
  await again.getByRole("button", { name: "Send report" }).click();
  await expect(again.getByRole("alert")).toContainText("You already reported this version");
  expect(await reportsOf(email)).toHaveLength(1);
});

test("before JavaScript, a report from the results comes back to the results with thanks", async ({ page, browser }) => {
  const email = uniqueEmail("mock-report-nojs");
  await signUpStudent(page, "Plain Reporter", email, "a sturdy passphrase");
  const examPath = await finishShortExam(page);

  const plainContext = await browser.newContext({ javaScriptEnabled: false, storageState: await page.context().storageState() });
  const plain = await plainContext.newPage();
  await plain.goto(`${examPath}/results`);
  const report = plain.getByTestId("result-item").nth(2).getByTestId("report-problem");
  await report.getByText("Report a problem with this question").click();
  await report.getByRole("radio", { name: "Typo or formatting" }).check();
  await report.getByLabel("What is the problem?").fill("A doubled word in the third option.");
  await report.getByRole("button", { name: "Send report" }).click();
  await expect(plain).toHaveURL(new RegExp(`${examPath}/results\\?reported=[A-Za-z0-9_-]+$`));
  await expect(plain.getByTestId("result-item").nth(2).getByTestId("report-problem")).toContainText("Thank you: your report was sent.");
  await expect(plain.getByText("Thank you: your report was sent.")).toHaveCount(1);
  expect(await reportsOf(email)).toMatchObject([{ category: "TYPO" }]);

  // A made-up or foreign ?reported= thanks no one.
  await plain.goto(`${examPath}/results?reported=madeUpPresentationId123`);
  await expect(plain.getByText("Thank you: your report was sent.")).toHaveCount(0);
  await plainContext.close();
});

test("at 375 px the results with an open report form fit the screen", async ({ page }) => {
  await page.setViewportSize({ width: 375, height: 800 });
  await signUpStudent(page, "Narrow Reporter", uniqueEmail("mock-report-narrow"), "a sturdy passphrase");
  await finishShortExam(page);
  const report = page.getByTestId("result-item").first().getByTestId("report-problem");
  await report.getByText("Report a problem with this question").click();
  await expect(report.getByLabel("What is the problem?")).toBeVisible();
  expect(await page.evaluate(() => document.documentElement.scrollWidth <= window.innerWidth)).toBe(true);
});
