import AxeBuilder from "@axe-core/playwright";
import { expect, test, type Page } from "@playwright/test";
import { loadBank, signUpStudent, uniqueEmail } from "./fixtures";

type Item = ReturnType<typeof loadBank>["questions"][number];

const bank = loadBank();

// Whole journeys of several questions each, on a machine shared with builds.
test.describe.configure({ timeout: 180_000 });

async function violations(page: Page): Promise<string[]> {
  const results = await new AxeBuilder({ page }).analyze();
  return results.violations.map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(" ")).join(", ")}`);
}

/** The bank item on screen, found by its stem (the legend of the options' fieldset). */
async function itemOnScreen(page: Page): Promise<Item> {
  const legend = page.locator("fieldset legend").first();
  await expect(legend).toBeVisible();
  const stem = await legend.innerText();
  const item = bank.questions.find((q) => q.stem === stem);
  expect(item, `the question on screen ("${stem}") comes from the bank`).toBeDefined();
  return item!;
}

/** Answers the question on screen right or wrong (the bank knows the key) and waits for the result. */
async function answer(page: Page, item: Item, correct: boolean): Promise<void> {
  const option = item.options.find((o) => o.correct === correct)!;
  // The radio's name is the letter shown and the option's text, e.g. "C. Role dispute over the firm's direction".
  const name = new RegExp(`^[A-H]\\. ${option.text.replace(/[.*+?^${}()|[\]\\]/g, "\\$&")}$`);
  await page.getByRole("radio", { name }).check();
  await page.getByRole("button", { name: "Check answer" }).click();
  await expect(page.getByTestId("answer-status")).toContainText(correct ? /^Correct/ : /^Incorrect/);
}

/** "Next question", and wait for the new question (the URL may not change, e.g. in a review). */
async function nextQuestion(page: Page): Promise<void> {
  await page.getByRole("button", { name: "Next question" }).click();
  await expect(page.getByRole("button", { name: "Check answer" })).toBeVisible();
}

/** Whether the page is no wider than the viewport. */
const fits = (page: Page) => page.evaluate(() => document.documentElement.scrollWidth <= window.innerWidth);

test("a topic drill serves only that topic's questions and counts the session against the topic's size", async ({ page }) => {
  await signUpStudent(page, "Drill Student", uniqueEmail("drill"), "a sturdy passphrase");
  const griefSize = bank.questions.filter((q) => q.topic === "grief").length;
  await page.getByRole("link", { name: "Topics" }).click();
  await expect(page.getByRole("heading", { name: "Drill a topic" })).toBeVisible();
  const row = page.getByTestId("topic-row").filter({ hasText: "Problem area: grief and loss" });
  await expect(row.getByTestId("topic-progress")).toHaveText(`Met 0 of ${griefSize} questions`);
  await row.getByRole("link", { name: /Drill this topic/ }).click();
  await expect(page).toHaveURL(/\/practice\?topic=grief$/);
  await expect(page.getByTestId("practice-mode")).toHaveText("Topic drill: Problem area: grief and loss");

  const seen = new Set<string>();
  for (let i = 1; i <= 4; i += 1) {
    const item = await itemOnScreen(page);
    expect(item.topic, `drill question ${i}`).toBe("grief");
    expect(seen.has(item.id), "a drill does not repeat a question at once").toBe(false);
    seen.add(item.id);
    await expect(page.getByTestId("session-progress")).toContainText(`Question ${i} of ${griefSize}`);
    await answer(page, item, i % 2 === 0);
    await nextQuestion(page);
    await expect(page).toHaveURL(/\/practice\?topic=grief$/);
  }
  await page.goto("/practice/topics");
  await expect(page.getByTestId("topic-row").filter({ hasText: "Problem area: grief and loss" }).getByTestId("topic-progress")).toHaveText(
    `Met 4 of ${griefSize} questions`,
  );
});

test("review mistakes lists exactly the questions answered wrong, and reviews them", async ({ page }) => {
  await signUpStudent(page, "Mistake Student", uniqueEmail("mistakes"), "a sturdy passphrase");
  await page.goto("/practice/mistakes");
  await expect(page.getByText("No mistakes to review")).toBeVisible();
  await page.goto("/practice?mode=mistakes");
  await expect(page.getByRole("heading", { name: "No mistakes to review" })).toBeVisible();

  await page.goto("/practice");
  const wrong: Item[] = [];
  const right: Item[] = [];
  for (let i = 0; i < 5; i += 1) {
    const item = await itemOnScreen(page);
    const correct = i === 1 || i === 3;
    await answer(page, item, correct);
    // The result names the key: the option marked "Correct answer" is the bank's key.
    const keyRow = page.getByTestId("result-option").filter({ hasText: "Correct answer" });
    await expect(keyRow).toContainText(item.options.find((o) => o.correct)!.text);
    (correct ? right : wrong).push(item);
    await nextQuestion(page);
  }

  await page.getByRole("link", { name: "Mistakes" }).click();
  await expect(page.getByRole("heading", { name: "Review mistakes" })).toBeVisible();
  const stems = (await page.getByTestId("mistake-stem").allInnerTexts()).map((s) => s.replace(/…$/, ""));
  expect(stems).toHaveLength(wrong.length);
  for (const item of wrong) expect(stems.some((s) => item.stem.startsWith(s)), item.id).toBe(true);
  for (const item of right) expect(stems.some((s) => item.stem.startsWith(s)), item.id).toBe(false);
  await expect(page.getByTestId("times-missed").first()).toHaveText("Missed once");

  await page.getByRole("link", { name: "Review these" }).click();
  await expect(page).toHaveURL(/\/practice\?mode=mistakes$/);
  await expect(page.getByTestId("practice-mode")).toHaveText("Review mistakes");
  const reviewed = await itemOnScreen(page);
  expect(wrong.map((w) => w.id)).toContain(reviewed.id);
  await expect(page.getByTestId("pick-reason")).toContainText("you missed this once");
  // Put right, it leaves the list; the next question is another mistake.
  await answer(page, reviewed, true);
  await nextQuestion(page);
  await expect(page).toHaveURL(/\/practice\?mode=mistakes$/);
  const next = await itemOnScreen(page);
  expect(wrong.map((w) => w.id).filter((id) => id !== reviewed.id)).toContain(next.id);
  await page.goto("/practice/mistakes");
  await expect(page.getByTestId("mistake-row")).toHaveCount(wrong.length - 1);
});

test("a bookmark toggles before and after answering, is listed, removed, and practised", async ({ page }) => {
  await signUpStudent(page, "Bookmark Student", uniqueEmail("bookmarks"), "a sturdy passphrase");
  const first = await itemOnScreen(page);
  const bookmark = page.getByRole("button", { name: "Bookmark" });
  await expect(bookmark).toHaveAttribute("aria-pressed", "false");
  await bookmark.click();
  await expect(bookmark).toHaveAttribute("aria-pressed", "true");
  await answer(page, first, true);
  // After answering, the toggle still shows the state and the result stays on screen.
  await expect(bookmark).toHaveAttribute("aria-pressed", "true");
  await bookmark.click();
  await expect(bookmark).toHaveAttribute("aria-pressed", "false");
  await bookmark.click();
  await expect(bookmark).toHaveAttribute("aria-pressed", "true");
  await expect(page.getByTestId("explanation")).toBeVisible();

  await nextQuestion(page);
  const second = await itemOnScreen(page);
  await answer(page, second, false);
  await bookmark.click();
  await expect(bookmark).toHaveAttribute("aria-pressed", "true");

  await page.getByRole("link", { name: "Bookmarks" }).click();
  await expect(page.getByTestId("bookmark-row")).toHaveCount(2);
  const secondRow = page.getByTestId("bookmark-row").filter({ hasText: second.stem.slice(0, 40) });
  await secondRow.getByRole("button", { name: /^Remove bookmark/ }).click();
  await expect(page.getByTestId("bookmark-row")).toHaveCount(1);
  await expect(page.getByTestId("bookmark-stem")).toContainText(first.stem.slice(0, 40));

  await page.getByRole("link", { name: "Practise bookmarks" }).click();
  await expect(page).toHaveURL(/\/practice\?mode=bookmarks$/);
  await expect(page.getByTestId("practice-mode")).toHaveText("Practise bookmarks");
  expect((await itemOnScreen(page)).id).toBe(first.id);
  await expect(page.getByRole("button", { name: "Bookmark" })).toHaveAttribute("aria-pressed", "true");
});

test("the bookmark toggle works without JavaScript", async ({ page, browser }) => {
  await signUpStudent(page, "Plain Bookmark", uniqueEmail("nojs-bookmark"), "a sturdy passphrase");
  const context = await browser.newContext({ javaScriptEnabled: false, storageState: await page.context().storageState() });
  const plain = await context.newPage();
  await plain.goto("/practice");
  await plain.getByRole("button", { name: "Bookmark" }).click();
  await expect(plain).toHaveURL(/\/practice\?p=[A-Za-z0-9_-]+$/);
  await expect(plain.getByRole("button", { name: "Bookmark" })).toHaveAttribute("aria-pressed", "true");
  await plain.goto("/practice/bookmarks");
  await expect(plain.getByTestId("bookmark-row")).toHaveCount(1);
  await context.close();
});

test("a problem is reported once per question version; a second report is refused", async ({ page }) => {
  await signUpStudent(page, "Reporting Student", uniqueEmail("report"), "a sturdy passphrase");
  const report = page.getByTestId("report-problem");
  await report.getByText("Report a problem with this question").click();
  await report.getByLabel("What is the problem?").fill("too short");
  await report.getByRole("button", { name: "Send report" }).click();
  await expect(report.getByText("Choose what kind of problem it is.")).toBeVisible();
  await expect(report.getByText("Say what the problem is in at least 10 characters.")).toBeVisible();

  await report.getByRole("radio", { name: "Typo or formatting" }).check();
  await report.getByLabel("What is the problem?").fill("The second option has a doubled word.");
  await report.getByRole("button", { name: "Send report" }).click();
  await expect(report.getByRole("status")).toContainText("Thank you: your report was sent.");

  // The same presentation again (a reload): the form is there, but the version was already reported.
  await page.reload();
  await report.getByText("Report a problem with this question").click();
  await report.getByRole("radio", { name: "Something else" }).check();
  await report.getByLabel("What is the problem?").fill("Reporting the very same version again.");
  await report.getByRole("button", { name: "Send report" }).click();
  await expect(report.getByRole("alert")).toContainText("You already reported this version");

  // After answering, it is still there.
  const item = await itemOnScreen(page);
  await answer(page, item, true);
  await expect(page.getByTestId("report-problem")).toBeVisible();
});

test("an unknown topic or mode gets a clear not-found page", async ({ page }) => {
  await signUpStudent(page, "Lost Student", uniqueEmail("lost"), "a sturdy passphrase");
  for (const path of ["/practice?topic=no-such-topic", "/practice?mode=everything", "/practice?topic=%3Cscript%3E", "/practice?mode=mistakes&topic=grief", "/practice?mode=mistakes&mode=bookmarks"]) {
    const response = await page.goto(path);
    expect(response?.status(), path).toBe(404);
    await expect(page.getByRole("heading", { name: "Not found in practice" })).toBeVisible();
    await expect(page.getByRole("button", { name: "Check answer" })).toHaveCount(0);
  }
});

test("the practice modes fit a 375-pixel-wide phone", async ({ page }) => {
  await page.setViewportSize({ width: 375, height: 740 });
  await signUpStudent(page, "Phone Modes", uniqueEmail("phone-modes"), "a sturdy passphrase");
  await page.goto("/practice?topic=interpersonal-deficits");
  await expect(page.getByTestId("session-progress")).toBeVisible();
  await page.getByTestId("report-problem").getByText("Report a problem with this question").click();
  expect(await fits(page), "drill with the report form open").toBe(true);
  const item = await itemOnScreen(page);
  await answer(page, item, false);
  await page.getByRole("button", { name: "Bookmark" }).click();
  await expect(page.getByRole("button", { name: "Bookmark" })).toHaveAttribute("aria-pressed", "true");
  expect(await fits(page), "answered drill question").toBe(true);
  for (const path of ["/practice/topics", "/practice/mistakes", "/practice/bookmarks"]) {
    await page.goto(path);
    await expect(page.locator("main h1")).toBeVisible();
    expect(await fits(page), path).toBe(true);
  }
});

test("axe finds no violations on the topic, mistakes and bookmarks pages in the light theme", async ({ page }) => {
  await signUpStudent(page, "Light Student", uniqueEmail("light"), "a sturdy passphrase");
  const html = page.locator("html");
  const theme = page.getByRole("group", { name: "Colour theme" });
  await expect(theme.getByRole("button", { name: "System" })).toHaveAttribute("aria-pressed", "true");
  await theme.getByRole("button", { name: "Light" }).click();
  await expect(html).not.toHaveClass(/dark|system/);
  await expect(theme.getByRole("button", { name: "Light" })).toHaveAttribute("aria-pressed", "true");
  await answer(page, await itemOnScreen(page), false);
  await page.getByRole("button", { name: "Bookmark" }).click();
  await expect(page.getByRole("button", { name: "Bookmark" })).toHaveAttribute("aria-pressed", "true");
  for (const path of ["/practice/topics", "/practice/mistakes", "/practice/bookmarks"]) {
    await page.goto(path);
    await expect(page.locator("main h1")).toBeVisible();
    expect(await violations(page), `${path}, light`).toEqual([]);
  }
});

test("dark mode: the header toggle switches, the server renders it, and axe passes", async ({ page }) => {
  test.setTimeout(300_000);
  await signUpStudent(page, "Night Student", uniqueEmail("dark"), "a sturdy passphrase");
  const html = page.locator("html");
  const theme = page.getByRole("group", { name: "Colour theme" });
  await expect(html).toHaveClass("system");
  await page.emulateMedia({ colorScheme: "light" });
  const bodyColour = () => page.evaluate(() => getComputedStyle(document.body).backgroundColor);
  const light = await bodyColour();
  await theme.getByRole("button", { name: "Dark" }).click();
  await expect(html).toHaveClass("dark");
  await expect(theme.getByRole("button", { name: "Dark" })).toHaveAttribute("aria-pressed", "true");
  expect(await bodyColour()).not.toBe(light);

  // The server renders the class from the cookie: no flash on the next page load.
  const response = await page.request.get("/practice/topics");
  expect(await response.text()).toMatch(/<html[^>]*class="dark"/);

  await page.reload();
  await expect(html).toHaveClass("dark");
  const item = await itemOnScreen(page);
  await page.getByTestId("report-problem").getByText("Report a problem with this question").click();
  expect(await violations(page), "practice, unanswered, dark").toEqual([]);
  await answer(page, item, false);
  await page.getByRole("button", { name: "Bookmark" }).click();
  await expect(page.getByRole("button", { name: "Bookmark" })).toHaveAttribute("aria-pressed", "true");
  expect(await violations(page), "practice, answered, dark").toEqual([]);
  for (const path of ["/", "/settings", "/practice/topics", "/practice/mistakes", "/practice/bookmarks"]) {
    await page.goto(path);
    await expect(page.locator("main h1")).toBeVisible();
    expect(await violations(page), `${path}, dark`).toEqual([]);
  }

  // System follows the operating system's setting.
  await theme.getByRole("button", { name: "System" }).click();
  await expect(html).toHaveClass("system");
  await page.emulateMedia({ colorScheme: "light" });
  const systemLight = await bodyColour();
  await page.emulateMedia({ colorScheme: "dark" });
  expect(await bodyColour()).not.toBe(systemLight);
  await page.goto("/practice");
  expect(await violations(page), "practice, system dark").toEqual([]);
});
