import AxeBuilder from "@axe-core/playwright";
import { expect, test, type Page } from "@playwright/test";
import { signOut, signUpStudent, uniqueEmail } from "./fixtures";

async function violations(page: Page): Promise<string[]> {
  const results = await new AxeBuilder({ page }).analyze();
  return results.violations.map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(" ")).join(", ")}`);
}

async function startExam(page: Page, count: number, minutes?: string): Promise<string> {
  await page.goto("/practice/mock");
  await page.getByLabel("Number of questions").fill(String(count));
  if (minutes !== undefined) await page.getByLabel("Time limit in minutes (optional)").fill(minutes);
  await page.getByRole("button", { name: "Start mock exam" }).click();
  await expect(page).toHaveURL(/\/practice\/mock\/[a-z0-9]+$/);
  await expect(page.getByTestId("question-number")).toHaveText(`Question 1 of ${count}`);
  return new URL(page.url()).pathname;
}

// Long journeys on a shared, slow machine: more than the default minute each.
test.describe.configure({ timeout: 240_000 });

const radios = (page: Page) => page.locator('input[name="optionId"]');

test("a 10-question mock exam: choices and two flags survive a reload, the confirmation names what is missing, the results show everything", async ({
  page,
}) => {
  await signUpStudent(page, "Mock Taker", uniqueEmail("mock"), "a sturdy passphrase");
  await page.goto("/");
  await page.getByRole("link", { name: "Mock exam" }).click();
  await expect(page.getByRole("heading", { name: "Mock exam", level: 1 })).toBeVisible();
  await expect(page.getByText("None yet.")).toBeVisible();
  expect(await violations(page), "start page").toEqual([]);

  // Out-of-range sizes are refused with a message beside the field, and nothing starts.
  for (const bad of ["0", "10000"]) {
    await page.getByLabel("Number of questions").fill(bad);
    await page.getByRole("button", { name: "Start mock exam" }).click();
    await expect(page.getByText("Choose between 5 and 100 questions.")).toBeVisible();
    await expect(page).toHaveURL(/\/practice\/mock$/);
  }
  await page.reload();
  await expect(page.getByText("None yet.")).toBeVisible();

  const examPath = await startExam(page, 10);
  await expect(page.getByTestId("time-left")).toHaveText(/^1[45]:\d\d$/);
  expect(await violations(page), "exam page").toEqual([]);

  // Practice holds the exam's questions back, says so, and leads back to the exam.
  await page.goto("/practice");
  const notice = page.getByTestId("running-exam-notice");
  await expect(notice).toContainText("its 10 questions stay out of practice until you submit it");
  expect(await violations(page), "practice with an exam running").toEqual([]);
  await notice.getByRole("link", { name: "Continue the exam" }).click();
  await expect(page).toHaveURL(new RegExp(`${examPath}$`));
  await expect(page.getByTestId("question-number")).toHaveText("Question 1 of 10");

  const shown: Array<{ stem: string; options: string[]; chosen: string | null }> = [];
  for (let q = 1; q <= 10; q += 1) {
    await expect(page.getByTestId("question-number")).toHaveText(`Question ${q} of 10`);
    const stem = await page.locator("fieldset legend").first().innerText();
    const options = await page.locator("fieldset label > span:last-child").allInnerTexts();
    let chosen: string | null = null;
    if (q !== 3 && q !== 8) {
      const index = q % options.length;
      await radios(page).nth(index).check();
      await expect(page.getByTestId("save-status")).toHaveText("Saved.");
      chosen = options[index]!;
    }
    if (q === 2 || q === 5) {
      await page.getByRole("button", { name: "Flag for review" }).click();
      await expect(page.getByRole("button", { name: "Flag for review" })).toHaveAttribute("aria-pressed", "true");
      await expect(page.getByTestId("save-status")).toHaveText("Saved.");
    }
    shown.push({ stem, options, chosen });
    if (q === 5) {
      // Reload in the middle: the same question, the same choice and flag, from the server.
      await page.reload();
      await expect(page.getByTestId("question-number")).toHaveText("Question 5 of 10");
      await expect(page.locator("fieldset legend").first()).toHaveText(stem);
      await expect(radios(page).nth(5 % options.length)).toBeChecked();
      await expect(page.getByTestId("flagged-badge")).toBeVisible();
      await expect(page.getByRole("button", { name: "Question 2: answered, flagged" })).toBeVisible();
      await expect(page.getByRole("button", { name: "Question 3: not answered" })).toBeVisible();
      // Back to question 1 by the grid: its choice is still there.
      await page.getByRole("button", { name: /^Question 1: answered/ }).click();
      await expect(page.getByTestId("question-number")).toHaveText("Question 1 of 10");
      await expect(radios(page).nth(1 % shown[0]!.options.length)).toBeChecked();
      await page.getByRole("button", { name: /^Question 5:/ }).click();
      await expect(page.getByTestId("question-number")).toHaveText("Question 5 of 10");
    }
    await page.getByRole("button", { name: q === 10 ? "Save and review" : "Save and next" }).click();
  }

  const confirmation = page.getByTestId("submit-confirmation");
  await expect(confirmation).toBeVisible();
  await expect(page.getByRole("heading", { name: "Submit your exam?" })).toBeFocused();
  await expect(page.getByTestId("confirm-unanswered")).toHaveText("Not answered: questions 3 and 8. They will count as wrong.");
  await expect(page.getByTestId("confirm-flagged")).toHaveText("Flagged for review: questions 2 and 5.");
  await page.getByRole("button", { name: "Submit exam" }).click();
  await expect(page).toHaveURL(new RegExp(`${examPath}/results$`));

  const score = page.getByTestId("mock-score");
  await expect(score).toContainText(/Score: \d+ of 10 \(\d+%\)/);
  await expect(score).toContainText("8 of 10");
  const items = page.getByTestId("result-item");
  await expect(items).toHaveCount(10);
  let correct = 0;
  for (const [index, item] of shown.entries()) {
    const card = items.nth(index);
    await expect(card).toContainText(`Question ${index + 1}`);
    await expect(card).toContainText(item.stem);
    // Options in the order shown, with their letters; each with its feedback; the explanation.
    expect(await card.getByTestId("result-option").locator("label > span:last-child").allInnerTexts()).toEqual(item.options);
    expect(await card.getByTestId("result-option").locator("label > span:first-of-type").allInnerTexts()).toEqual(
      ["A.", "B.", "C.", "D.", "E.", "F."].slice(0, item.options.length),
    );
    await expect(card.getByTestId("option-feedback")).toHaveCount(item.options.length);
    await expect(card.getByTestId("explanation")).not.toBeEmpty();
    await expect(card.getByText("Correct answer")).toHaveCount(1);
    if (item.chosen === null) {
      await expect(card.getByText("Not answered")).toBeVisible();
      await expect(card.getByText("Your answer")).toHaveCount(0);
    } else {
      const chosenOption = card.getByTestId("result-option").filter({ hasText: "Your answer" });
      await expect(chosenOption).toContainText(item.chosen);
      if ((await card.getByText("Correct", { exact: true }).count()) > 0) correct += 1;
    }
  }
  await expect(score).toContainText(`Score: ${correct} of 10`);
  await expect(page.getByTestId("topic-breakdown")).toBeVisible();
  await expect(page.getByTestId("time-used")).toHaveText(/\d+ min \d+ s/);
  expect(await violations(page), "results page").toEqual([]);

  // Submitted: practice has nothing held back any more.
  await page.goto("/practice");
  await expect(page.getByTestId("practice-mode")).toBeVisible();
  await expect(page.getByTestId("running-exam-notice")).toHaveCount(0);

  // Submitting again (a stale tab) changes nothing and says so; the list links to the results.
  await page.goto(`${examPath}?q=1`);
  await expect(page).toHaveURL(new RegExp(`${examPath}/results$`));
  await page.goto("/practice/mock");
  const row = page.getByTestId("mock-exam-list").getByRole("listitem").first();
  await expect(row).toContainText(`${correct} of 10`);
  await row.getByRole("link", { name: /Results/ }).click();
  await expect(page).toHaveURL(new RegExp(`${examPath}/results$`));
});

test("a mock exam done with the keyboard only", async ({ page }) => {
  await signUpStudent(page, "Keyboard Taker", uniqueEmail("mock-kbd"), "a sturdy passphrase");
  await page.goto("/practice/mock");
  await page.getByLabel("Number of questions").focus();
  await page.keyboard.press("ControlOrMeta+a");
  await page.keyboard.type("5");
  await page.keyboard.press("Enter");
  await expect(page.getByTestId("question-number")).toHaveText("Question 1 of 5");
  // The shortcuts are listed on the page (the same hook serves practice, which lists its own).
  await expect(page.getByRole("heading", { name: "Keyboard shortcuts" })).toBeVisible();
  await expect(page.getByText("F: flag for review")).toBeVisible();

  const keys = ["1", "b", "3", null, "d"];
  for (const [index, key] of keys.entries()) {
    await expect(page.getByTestId("question-number")).toHaveText(`Question ${index + 1} of 5`);
    if (key) {
      await page.keyboard.press(key);
      const expected = /\d/.test(key) ? Number(key) - 1 : "abcde".indexOf(key);
      await expect(radios(page).nth(expected)).toBeChecked();
      await expect(radios(page).nth(expected)).toBeFocused();
      await expect(page.getByTestId("save-status")).toHaveText("Saved.");
    }
    if (index === 1) {
      await page.keyboard.press("f");
      await expect(page.getByRole("button", { name: "Flag for review" })).toHaveAttribute("aria-pressed", "true");
      await expect(page.getByTestId("save-status")).toHaveText("Saved.");
    }
    if (index === 2) {
      // P goes back; the earlier choice is still there; N returns.
      await page.keyboard.press("p");
      await expect(page.getByTestId("question-number")).toHaveText("Question 2 of 5");
      await expect(radios(page).nth(1)).toBeChecked();
      await expect(page.getByTestId("flagged-badge")).toBeVisible();
      await page.keyboard.press("n");
      await expect(page.getByTestId("question-number")).toHaveText("Question 3 of 5");
      await expect(radios(page).nth(2)).toBeChecked();
    }
    await page.keyboard.press("n");
  }
  await expect(page.getByRole("heading", { name: "Submit your exam?" })).toBeFocused();
  await expect(page.getByTestId("confirm-unanswered")).toHaveText("Not answered: question 4. They will count as wrong.");
  await expect(page.getByTestId("confirm-flagged")).toHaveText("Flagged for review: question 2.");
  await page.keyboard.press("Tab");
  await expect(page.getByRole("button", { name: "Submit exam" })).toBeFocused();
  await page.keyboard.press("Enter");
  await expect(page).toHaveURL(/\/results$/);
  await expect(page.getByTestId("mock-score")).toContainText("4 of 5");
});

test("the timer can be extended, hidden and turned off; at zero the exam is submitted with what was answered", async ({ page }) => {
  await signUpStudent(page, "Timer Taker", uniqueEmail("mock-timer"), "a sturdy passphrase");
  await startExam(page, 5, "1");
  await expect(page.getByTestId("time-left")).toHaveText(/^00:[0-5]\d|01:00$/);
  // The ticking clock is not a live region; only the warning status is.
  await expect(page.locator("[aria-live]").filter({ has: page.getByTestId("time-left") })).toHaveCount(0);
  await page.getByRole("button", { name: "Add 10 minutes" }).click();
  await expect(page.getByTestId("time-left")).toHaveText(/^1[01]:\d\d$/);
  await page.getByRole("button", { name: "Hide timer" }).click();
  await expect(page.getByText("Timer hidden.")).toBeVisible();
  await expect(page.getByTestId("time-left")).toHaveCount(0);
  await page.getByRole("button", { name: "Show timer" }).click();
  await expect(page.getByTestId("time-left")).toBeVisible();
  await page.getByRole("button", { name: "Turn timer off" }).click();
  await expect(page.getByTestId("timer-off")).toHaveText("No time limit.");

  // A one-minute exam with one answer: the browser goes to the results when time is up.
  const examPath = await startExam(page, 5, "1");
  await radios(page).first().check();
  await expect(page.getByTestId("save-status")).toHaveText("Saved.");
  await expect(page).toHaveURL(new RegExp(`${examPath}/results`), { timeout: 80_000 });
  await expect(page.getByText("Time ran out: your exam was submitted with the answers you had chosen.")).toBeVisible();
  await expect(page.getByTestId("mock-score")).toContainText("1 of 5");
  await expect(page.getByTestId("mock-score")).toContainText("Time ran out");
});

test("at 375 px the exam and its results fit the screen; another user's exam and bad addresses are not found", async ({ page }) => {
  await page.setViewportSize({ width: 375, height: 800 });
  await signUpStudent(page, "Narrow Taker", uniqueEmail("mock-narrow"), "a sturdy passphrase");
  const fits = () => page.evaluate(() => document.documentElement.scrollWidth <= window.innerWidth);
  await page.goto("/practice/mock");
  expect(await fits(), "start page").toBe(true);
  const examPath = await startExam(page, 20);
  expect(await fits(), "exam page").toBe(true);
  const next = page.getByRole("button", { name: "Save and next" });
  await next.scrollIntoViewIfNeeded();
  const box = await next.boundingBox();
  expect(box && box.x >= 0 && box.x + box.width <= 375, "Save and next is within the screen's width").toBe(true);
  await page.getByRole("button", { name: "Review and submit" }).click();
  await page.getByRole("button", { name: "Submit exam" }).click();
  await expect(page).toHaveURL(/\/results$/);
  expect(await fits(), "results page").toBe(true);

  for (const path of ["/practice/mock/doesnotexist0000", "/practice/mock/NOT-AN-ID", `${examPath}/results?x=1`.replace(/[a-z0-9]+\/results/, "zzzzzzzzzzzz/results")]) {
    const response = await page.goto(path);
    expect(response?.status(), path).toBe(404);
  }
  await signOut(page);
  await signUpStudent(page, "Other Taker", uniqueEmail("mock-other"), "a sturdy passphrase");
  for (const path of [examPath, `${examPath}/results`, `${examPath}?q=2`]) {
    const response = await page.goto(path);
    expect(response?.status(), path).toBe(404);
    // Practice's own not-found page (app/practice/not-found.tsx) covers /practice/mock.
    await expect(page.getByRole("heading", { name: "Not found in practice" })).toBeVisible();
  }
});
