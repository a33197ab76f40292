import { expect, test } from "@playwright/test";
import { loadBank, signUpStudent, uniqueEmail } from "./fixtures";
import { leaksIn, record, type Item, type Recorded } from "./support/leak-check";

/*
 * The promise of tests/e2e/no-leak.spec.ts, for mock exams: until the exam is
 * submitted, nothing the server sends for it (the pages' HTML, RSC payloads of
 * client navigations, server action results) carries any of its items' keys,
 * feedback or explanations. Every response is recorded from the start page to
 * the submit confirmation; the control half shows the same checks find the key
 * on the results page.
 */

test.describe.configure({ timeout: 240_000 });

test("until a mock exam is submitted, no response carries any item's key, feedback or explanation", async ({ page }) => {
  await signUpStudent(page, "Mock Leak Hunter", uniqueEmail("mock-leak"), "a sturdy passphrase");
  const recorded: Recorded[] = [];
  await record(page, recorded);
  const bank = loadBank();

  // Today -> Mock exam by a client navigation (RSC), then start (an action that redirects).
  await page.goto("/");
  await page.getByRole("link", { name: "Mock exam" }).click();
  await page.getByLabel("Number of questions").fill("5");
  await page.getByRole("button", { name: "Start mock exam" }).click();
  await expect(page.getByTestId("question-number")).toHaveText("Question 1 of 5");

  const items: Item[] = [];
  for (let q = 1; q <= 5; q += 1) {
    await expect(page.getByTestId("question-number")).toHaveText(`Question ${q} of 5`);
    const stem = await page.locator("fieldset legend").first().innerText();
    const item = bank.questions.find((candidate) => candidate.stem === stem);
    expect(item, `question ${q} comes from the bank`).toBeDefined();
    items.push(item!);
    // A choice saved in place (an action result), a flag, and a refused option id.
    await page.locator('input[name="optionId"]').first().check();
    await expect(page.getByTestId("save-status")).toHaveText("Saved.");
    if (q === 2) {
      await page.getByRole("button", { name: "Flag for review" }).click();
      await expect(page.getByTestId("save-status")).toHaveText("Saved.");
      // A crafted post: an option id the item did not show.
      await page.locator('input[name="optionId"]').nth(1).evaluate((input: HTMLInputElement) => {
        input.value = "not-a-presented-option";
        input.checked = true;
      });
      await page.getByRole("button", { name: "Save and next" }).click();
      await expect(page.getByRole("alert").filter({ hasText: "That option is not one of this question's options" })).toBeVisible();
      // Full HTML of an exam page.
      await page.reload();
    }
    await page.getByRole("button", { name: q === 5 ? "Save and review" : "Save and next" }).click();
  }
  await expect(page.getByTestId("submit-confirmation")).toBeVisible();
  // "Keep working" is a client navigation: an RSC payload of the exam page.
  await page.getByRole("link", { name: "Keep working" }).click();
  await expect(page.getByTestId("submit-confirmation")).toHaveCount(0);
  // The results page of an open exam only sends the browser back to the exam.
  await page.goto(page.url().replace(/\?.*$/, "") + "/results");
  await expect(page.getByTestId("question-number")).toBeVisible();
  await page.waitForLoadState("networkidle");

  const kinds = new Set(recorded.filter((r) => r.body.length > 0).map((r) => r.kind));
  expect([...kinds].sort()).toEqual(expect.arrayContaining(["action", "document", "rsc"]));
  for (const response of recorded) {
    expect(leaksIn(response.body, items), `${response.kind} ${response.url}`).toEqual([]);
  }

  // Control: once submitted, the same checks find the keys and explanations.
  const submittedFrom = recorded.length;
  await page.getByRole("button", { name: "Review and submit" }).click();
  await page.getByRole("button", { name: "Submit exam" }).click();
  await expect(page.getByTestId("mock-score")).toBeVisible();
  await page.waitForLoadState("networkidle");
  const found = recorded.slice(submittedFrom).flatMap((r) => leaksIn(r.body, items));
  expect(found.some((f) => f.startsWith("the explanation"))).toBe(true);
  expect(found.some((f) => f.startsWith("feedback"))).toBe(true);
});
