import { expect, test } from "@playwright/test";
import { signUpStudent, uniqueEmail } from "./fixtures";
import { withE2eDb } from "./support/e2e-database";
import { seedOthersAnswers } from "./support/item-analysis-seed";

test("after answering, each option shows how other students answered it, never before", async ({ page }) => {
  const email = uniqueEmail("others");
  await signUpStudent(page, "Curious Student", email, "a sturdy passphrase");
  await expect(page.locator("fieldset legend").first()).toBeVisible();

  // 20 other students' first attempts at the version this student is being shown.
  const open = await withE2eDb((db) =>
    db.one<{ versionId: string }>(
      `SELECT p."questionVersionId" AS "versionId" FROM "Presentation" p JOIN "User" u ON u."id" = p."userId" WHERE u."email" = ? AND p."answerId" IS NULL`,
      email,
    ),
  );
  await seedOthersAnswers(open!.versionId, 20);

  // The same open question again: nothing of others' answers before this student answers.
  const response = await page.reload();
  expect(await response!.text()).not.toMatch(/students chose this|How others answered/);
  await expect(page.getByTestId("others-summary")).toHaveCount(0);

  await page.locator('input[name="optionId"]').first().check();
  await page.getByRole("button", { name: "Check answer" }).click();
  await expect(page.getByTestId("explanation")).toBeVisible();
  // At least 21 first attempts now: the 20 seeded, this one, and any other spec's students shown the same question.
  const summary = page.getByTestId("others-summary");
  await expect(summary).toContainText(/How others answered: \d+% of \d+ students got this right on their first attempt\./);
  expect(Number(/of (\d+) students/.exec(await summary.innerText())![1])).toBeGreaterThanOrEqual(21);
  const shares = page.getByTestId("others-share");
  await expect(shares).toHaveCount(await page.getByTestId("result-option").count());
  await expect(shares.first()).toContainText(/\d+% of students chose this/);
});
