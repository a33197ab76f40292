import { expect, test, type Locator, type Page } from "@playwright/test";
import { uniqueEmail } from "./fixtures";

/*
 * A whole adaptive session with the keyboard only: from the sign-up form to
 * five answered questions, one of them with a confidence choice and one
 * bookmarked. No click, no fill, no programmatic focus: Tab, Shift+Tab, arrow
 * keys, Space, Enter, typing, and the page's own shortcuts.
 */

// A whole journey on a machine shared with builds.
test.describe.configure({ timeout: 180_000 });

/** Presses Tab (or Shift+Tab) until the target has focus, as a keyboard user would. */
async function tabTo(page: Page, target: Locator, { backwards = false, max = 40 } = {}): Promise<void> {
  for (let i = 0; i < max; i += 1) {
    if (await target.evaluate((el) => el === document.activeElement)) return;
    await page.keyboard.press(backwards ? "Shift+Tab" : "Tab");
  }
  await expect(target, `reached within ${max} presses of ${backwards ? "Shift+Tab" : "Tab"}`).toBeFocused();
}

/** The target has focus and the focus can be seen: :focus-visible applies and draws an outline. */
async function expectVisibleFocus(target: Locator, what: string): Promise<void> {
  await expect(target, what).toBeFocused();
  const ring = await target.evaluate((el) => {
    const style = getComputedStyle(el);
    return { visible: el.matches(":focus-visible"), style: style.outlineStyle, width: Number.parseFloat(style.outlineWidth) };
  });
  expect(ring.visible, `${what}: :focus-visible`).toBe(true);
  expect(ring.style, `${what}: outline style`).not.toBe("none");
  expect(ring.width, `${what}: outline width`).toBeGreaterThan(0);
}

const answerOptions = (page: Page) => page.locator('input[name="optionId"]');
const legend = (page: Page) => page.locator("fieldset legend").first();

/** After "Check answer": the verdict is announced and focus is on "Next question". */
async function expectChecked(page: Page): Promise<void> {
  await expect(page.getByTestId("answer-status")).toHaveText(/^(Correct|Incorrect)/);
  await expectVisibleFocus(page.getByRole("button", { name: "Next question" }), "after Check answer");
}

/** After "Next question": a different, unanswered question, with focus on its first option. */
async function expectNewQuestion(page: Page, previousStem: string): Promise<string> {
  await expect(legend(page)).not.toHaveText(previousStem);
  await expect(page.getByRole("button", { name: "Check answer" })).toBeVisible();
  await expect(page.getByTestId("answer-status")).toHaveText("");
  await expectVisibleFocus(answerOptions(page).first(), "after Next question");
  return legend(page).innerText();
}

test("a new student signs up and practises five questions with the keyboard only", async ({ page }) => {
  // Sign up: Tab through the form, type, Enter.
  await page.goto("/signup");
  await tabTo(page, page.getByLabel("Name"));
  await page.keyboard.type("Keyboard Only");
  await page.keyboard.press("Tab");
  await expect(page.getByLabel("Email")).toBeFocused();
  await page.keyboard.type(uniqueEmail("kbd-session"));
  await page.keyboard.press("Tab");
  await expect(page.getByLabel("Password")).toBeFocused();
  await page.keyboard.type("a sturdy passphrase");
  await page.keyboard.press("Enter");
  await expect(page).toHaveURL(/\/welcome$/);

  // The welcome step: choose IPT if asked, then skip the settings.
  const ipt = page.getByRole("button", { name: "Study Interpersonal Therapy (IPT)" });
  const skip = page.getByRole("button", { name: "Skip for now" });
  await expect(ipt.or(skip)).toBeVisible();
  if (await ipt.isVisible()) {
    await tabTo(page, ipt);
    await page.keyboard.press("Enter");
    await expect(skip).toBeVisible();
  }
  await tabTo(page, skip);
  await page.keyboard.press("Enter");
  await expect(page).toHaveURL(/\/practice$/);
  await expect(page.getByText("Keyboard shortcuts")).toBeVisible();
  await expect(page.getByTestId("goal-progress")).toContainText("0 of");

  // 1. Tab into the options, arrow to the second, Tab to the confidence choice,
  //    arrow to "Unsure", Shift+Tab back to the chosen option, Enter checks.
  let stem = await legend(page).innerText();
  await tabTo(page, answerOptions(page).first());
  await expectVisibleFocus(answerOptions(page).first(), "first option, reached by Tab");
  await page.keyboard.press("ArrowDown");
  await expect(answerOptions(page).nth(1)).toBeChecked();
  await expectVisibleFocus(answerOptions(page).nth(1), "second option, reached by an arrow key");
  await page.keyboard.press("Tab");
  const sure = page.getByRole("radio", { name: "Sure", exact: true });
  const unsure = page.getByRole("radio", { name: "Unsure" });
  await expectVisibleFocus(sure, "the confidence choice");
  await page.keyboard.press("ArrowRight");
  await expect(unsure).toBeChecked();
  await page.keyboard.press("Shift+Tab");
  await expect(answerOptions(page).nth(1)).toBeFocused();
  await expect(answerOptions(page).nth(1)).toBeChecked();
  await expect(unsure).toBeChecked();
  await page.keyboard.press("Enter");
  await expectChecked(page);
  await expect(page.getByTestId("result-option").nth(1)).toContainText("Your answer");

  // Bookmark it: Tab from "Next question" to the toggle, Space; focus stays on the toggle.
  const bookmark = page.getByRole("button", { name: "Bookmark" });
  await tabTo(page, bookmark);
  await expect(bookmark).toHaveAttribute("aria-pressed", "false");
  await page.keyboard.press("Space");
  await expect(bookmark).toHaveAttribute("aria-pressed", "true");
  await expectVisibleFocus(bookmark, "the bookmark toggle after saving");
  const bookmarkedStem = stem;
  // Shift+Tab back to "Next question" and Enter.
  await tabTo(page, page.getByRole("button", { name: "Next question" }), { backwards: true });
  await page.keyboard.press("Enter");
  stem = await expectNewQuestion(page, stem);

  // 2. A number chooses, Enter checks, N goes on.
  await page.keyboard.press("2");
  await expect(answerOptions(page).nth(1)).toBeChecked();
  await page.keyboard.press("Enter");
  await expectChecked(page);
  await page.keyboard.press("n");
  stem = await expectNewQuestion(page, stem);

  // 3. A letter chooses; the confidence choice by Tab and Space; Enter checks.
  await page.keyboard.press("c");
  await expect(answerOptions(page).nth(2)).toBeChecked();
  await page.keyboard.press("Tab");
  await expect(sure).toBeFocused();
  await page.keyboard.press("Space");
  await expect(sure).toBeChecked();
  await page.keyboard.press("Enter");
  await expectChecked(page);
  await expect(page.getByTestId("result-option").nth(2)).toContainText("Your answer");
  await page.keyboard.press("n");
  stem = await expectNewQuestion(page, stem);

  // 4. Focus is already on the first option: Space chooses it; Tab to "Check answer", Enter.
  await page.keyboard.press("Space");
  await expect(answerOptions(page).first()).toBeChecked();
  await tabTo(page, page.getByRole("button", { name: "Check answer" }));
  await expectVisibleFocus(page.getByRole("button", { name: "Check answer" }), "Check answer, reached by Tab");
  await page.keyboard.press("Enter");
  await expectChecked(page);
  await expect(page.getByTestId("result-option").first()).toContainText("Your answer");
  await page.keyboard.press("n");
  stem = await expectNewQuestion(page, stem);

  // 5. Enter without a choice asks for one and answers nothing; then D (or the last option) and Enter.
  await page.keyboard.press("Enter");
  await expect(page.getByRole("button", { name: "Check answer" })).toBeVisible();
  await expect(page.getByTestId("answer-status")).toHaveText("");
  const count = await answerOptions(page).count();
  await page.keyboard.press(count >= 4 ? "d" : String(count));
  await expect(answerOptions(page).nth(Math.min(3, count - 1))).toBeChecked();
  await page.keyboard.press("Enter");
  await expectChecked(page);
  // Five answers stored: the sixth question's page counts them.
  await page.keyboard.press("n");
  await expectNewQuestion(page, stem);
  await expect(page.getByTestId("goal-progress")).toContainText("5 of");

  // The bookmark is kept.
  await page.goto("/practice/bookmarks");
  await expect(page.getByTestId("bookmark-row")).toHaveCount(1);
  await expect(page.getByTestId("bookmark-stem")).toContainText(bookmarkedStem.slice(0, 40));
});
