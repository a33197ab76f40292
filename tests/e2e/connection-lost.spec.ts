import { expect, test, type Page } from "@playwright/test";
import { randomUUID } from "node:crypto";
import { DEMO, signIn, signUpStudent, uniqueEmail } from "./fixtures";
import { draft, fillEditor } from "./support/editor";

/*
 * A post that never reaches the server (the network drops, the laptop
 * sleeps) leaves the student on their page with what they chose and a
 * message that says what is known, instead of the error page; sending it
 * again once the connection is back stores it, once.
 */

const LOST = /The connection to the server failed, so this may not have been saved/;

/** Every POST from the page fails as if the network were down, until the returned function is called. */
async function dropPosts(page: Page): Promise<() => Promise<void>> {
  const handler = (route: Parameters<Parameters<Page["route"]>[1]>[0]) =>
    route.request().method() === "POST" ? route.abort("internetdisconnected") : route.fallback();
  await page.route("**/*", handler);
  return () => page.unroute("**/*", handler);
}

test("an answer sent while the connection is down keeps the choice on screen, says so, and is stored once when sent again", async ({ page }) => {
  await signUpStudent(page, "Offline Student", uniqueEmail("offline"), "a sturdy passphrase");
  await expect(page.getByTestId("goal-progress")).toContainText("0 of 20");
  const choice = page.locator('input[name="optionId"]').nth(1);
  await choice.check();

  const reconnect = await dropPosts(page);
  await page.getByRole("button", { name: "Check answer" }).click();
  await expect(page.getByRole("alert").filter({ hasText: LOST })).toBeVisible();
  await expect(page.getByText("Something went wrong")).toHaveCount(0);
  await expect(choice).toBeChecked();
  await expect(page.getByTestId("answer-status")).toHaveText("");

  await reconnect();
  await page.getByRole("button", { name: "Check answer" }).click();
  await expect(page.getByTestId("answer-status")).toHaveText(/Correct|Incorrect/);
  await expect(page.getByTestId("result-option").nth(1)).toContainText("Your answer");
  await page.getByRole("button", { name: "Next question" }).click();
  await expect(page.getByTestId("goal-progress")).toContainText("1 of 20");
});

test("a mock exam choice saved while the connection is down says it may not be saved, and saves once it is back", async ({ page }) => {
  await signUpStudent(page, "Offline Examinee", uniqueEmail("offline-mock"), "a sturdy passphrase");
  await page.goto("/practice/mock");
  await page.getByLabel("Number of questions").fill("5");
  await page.getByRole("button", { name: "Start mock exam" }).click();
  await expect(page.getByTestId("question-number")).toHaveText("Question 1 of 5");

  const reconnect = await dropPosts(page);
  await page.locator('input[name="optionId"]').first().check();
  await expect(page.getByRole("alert").filter({ hasText: LOST })).toBeVisible();
  await expect(page.getByTestId("save-status")).toHaveText("");
  await expect(page.getByText("Something went wrong")).toHaveCount(0);
  await expect(page.locator('input[name="optionId"]').first()).toBeChecked();

  await reconnect();
  await page.locator('input[name="optionId"]').nth(1).check();
  await expect(page.getByTestId("save-status")).toHaveText("Saved.");
  await expect(page.getByRole("alert").filter({ hasText: LOST })).toHaveCount(0);
  // The saved choice is the one the exam holds: it is still chosen after a reload.
  await page.reload();
  await expect(page.locator('input[name="optionId"]').nth(1)).toBeChecked();
});

test("a new question saved while the connection is down stays in the editor as typed, with a message that says to look before saving again", async ({ page }) => {
  await signIn(page, DEMO.instructor, "/instructor/questions/new");
  await page.goto("/instructor/questions/new");
  const item = draft(randomUUID().slice(0, 8));
  await fillEditor(page, item);

  const reconnect = await dropPosts(page);
  await page.getByRole("button", { name: "Create question" }).click();
  await expect(page.getByRole("alert").filter({ hasText: /the question may or may not have been created\. Your text is still here/ })).toBeVisible();
  await expect(page.getByText("Something went wrong")).toHaveCount(0);
  await expect(page).toHaveURL(/\/instructor\/questions\/new$/);
  await expect(page.getByLabel("Question (stem)")).toHaveValue(item.stem);
  await expect(page.getByLabel("Option B feedback")).toHaveValue(item.options[1]![1]);
  await expect(page.getByLabel("Explanation")).toHaveValue(item.explanation);

  await reconnect();
  await page.getByRole("button", { name: "Create question" }).click();
  await expect(page).toHaveURL(/\/instructor\/questions\/[^/?]+\?saved=created/);
  await expect(page.getByLabel("Question (stem)")).toHaveValue(item.stem);
});

test("study settings saved while the connection is down keep what was typed and save once it is back", async ({ page }) => {
  await signUpStudent(page, "Offline Planner", uniqueEmail("offline-settings"), "a sturdy passphrase");
  await page.goto("/settings");
  const examDate = page.getByLabel("Exam date (optional)");
  const goal = page.getByLabel("Daily goal, in questions (optional)");
  const day = new Date(Date.now() + 45 * 86_400_000).toISOString().slice(0, 10);
  await examDate.fill(day);
  await goal.fill("25");

  const reconnect = await dropPosts(page);
  await page.getByRole("button", { name: "Save settings" }).click();
  await expect(page.getByRole("alert").filter({ hasText: /your changes may not have been saved\. They are still here/ })).toBeVisible();
  await expect(page.getByText("Something went wrong")).toHaveCount(0);
  await expect(examDate).toHaveValue(day);
  await expect(goal).toHaveValue("25");

  await reconnect();
  // A slow server: the post is held a moment, and the old alert must not pass for the new one.
  await page.route("**/*", async (route) => {
    if (route.request().method() === "POST") await new Promise((resolve) => setTimeout(resolve, 2_000));
    await route.fallback();
  });
  await page.getByRole("button", { name: "Save settings" }).click();
  await expect(page.getByRole("status").getByText("Saved.", { exact: true })).toBeVisible();
  await page.reload();
  await expect(examDate).toHaveValue(day);
  await expect(goal).toHaveValue("25");
});

test("a sign-in sent while the connection is down says so and keeps the email; sent again, it signs in", async ({ page }) => {
  await page.goto("/login");
  // Hydrated first: before that the form posts natively, and a failed native post is the browser's own error page.
  await page.waitForLoadState("networkidle");
  await page.getByLabel("Email").fill(DEMO.student.email);
  await page.getByLabel("Password").fill(DEMO.student.password);

  const reconnect = await dropPosts(page);
  await page.getByRole("button", { name: "Sign in" }).click();
  await expect(page.getByRole("alert").filter({ hasText: /you are not signed in yet/ })).toBeVisible();
  await expect(page.getByText("Something went wrong")).toHaveCount(0);
  await expect(page.getByLabel("Email")).toHaveValue(DEMO.student.email);

  await reconnect();
  await page.getByLabel("Password").fill(DEMO.student.password);
  await page.getByRole("button", { name: "Sign in" }).click();
  await expect(page).not.toHaveURL(/\/login/);
});

test("a mock exam start whose answer is lost after the server started it opens that exam when started again, not a second one", async ({ page }) => {
  await signUpStudent(page, "Offline Starter", uniqueEmail("offline-start"), "a sturdy passphrase");
  await page.goto("/practice/mock");
  await page.getByLabel("Number of questions").fill("5");

  // The post reaches the server, which starts the exam; its answer never reaches the browser.
  const loseAnswers = async (route: Parameters<Parameters<Page["route"]>[1]>[0]) => {
    if (route.request().method() !== "POST") return route.fallback();
    await route.fetch();
    return route.abort("internetdisconnected");
  };
  await page.route("**/*", loseAnswers);
  await page.getByRole("button", { name: "Start mock exam" }).click();
  await expect(page.getByRole("alert").filter({ hasText: /the exam may or may not have started/ })).toBeVisible();
  await page.unroute("**/*", loseAnswers);

  await page.getByRole("button", { name: "Start mock exam" }).click();
  await expect(page.getByTestId("question-number")).toHaveText("Question 1 of 5");
  await page.goto("/practice/mock");
  await expect(page.getByTestId("mock-exam-list").getByRole("listitem")).toHaveCount(1);
});

test("a class created while the connection is down keeps its name and exam date typed, and is created once it is back", async ({ page }) => {
  await signIn(page, DEMO.instructor, "/instructor/classes");
  await page.goto("/instructor/classes");
  const name = `Offline class ${randomUUID().slice(0, 8)}`;
  const day = new Date(Date.now() + 40 * 86_400_000).toISOString().slice(0, 10);
  await page.getByLabel("Class name").fill(name);
  await page.getByLabel("Exam date (optional)").fill(day);

  const reconnect = await dropPosts(page);
  await page.getByRole("button", { name: "Create class" }).click();
  await expect(page.getByRole("alert").filter({ hasText: /this may or may not have been done/ })).toBeVisible();
  await expect(page.getByText("Something went wrong")).toHaveCount(0);
  // React empties a form's fields after its action; these come back as they were posted.
  await expect(page.getByLabel("Class name")).toHaveValue(name);
  await expect(page.getByLabel("Exam date (optional)")).toHaveValue(day);

  await reconnect();
  await page.getByRole("button", { name: "Create class" }).click();
  await expect(page.getByRole("heading", { name })).toBeVisible();
});

test("removing a bookmark or signing out while the connection is down says so in place; done again once it is back, it works", async ({ page }) => {
  await signUpStudent(page, "Offline Bookmarker", uniqueEmail("offline-bookmark"), "a sturdy passphrase");
  const bookmark = page.getByRole("button", { name: "Bookmark" });
  await bookmark.click();
  await expect(bookmark).toHaveAttribute("aria-pressed", "true");
  await page.getByRole("link", { name: "Bookmarks" }).click();
  await expect(page.getByTestId("bookmark-row")).toHaveCount(1);
  await page.waitForLoadState("networkidle");

  const reconnect = await dropPosts(page);
  await page.getByRole("button", { name: /^Remove bookmark/ }).click();
  await expect(page.getByRole("alert").filter({ hasText: /the bookmark may not have been removed/ })).toBeVisible();
  await expect(page.getByText("Something went wrong")).toHaveCount(0);
  await expect(page.getByTestId("bookmark-row")).toHaveCount(1);
  await page.getByRole("button", { name: "Sign out" }).click();
  await expect(page.getByRole("alert").filter({ hasText: /you may still be signed in/ })).toBeVisible();
  await expect(page.getByText("Something went wrong")).toHaveCount(0);

  await reconnect();
  await page.getByRole("button", { name: /^Remove bookmark/ }).click();
  await expect(page.getByTestId("bookmark-row")).toHaveCount(0);
  await expect(page.getByRole("alert").filter({ hasText: /the bookmark may not have been removed/ })).toHaveCount(0);
  await page.getByRole("button", { name: "Sign out" }).click();
  await expect(page.getByRole("link", { name: "Sign in" })).toBeVisible();
  await page.goto("/practice/bookmarks");
  await expect(page).toHaveURL(/\/login/);
});

test("a topic moved while the connection is down says to reload before trying again; the header's sign-out message stays on its page", async ({ page }) => {
  await signIn(page, DEMO.instructor, "/instructor/subjects/ipt");
  await page.goto("/instructor/subjects/ipt");
  await page.waitForLoadState("networkidle");
  const names = page.getByRole("listitem").getByRole("heading", { level: 3 });
  const before = await names.allTextContents();
  expect(before.length).toBeGreaterThan(2);

  const reconnect = await dropPosts(page);
  await page.getByRole("button", { name: /^Move down/ }).first().click();
  await expect(page.getByRole("alert").filter({ hasText: /the topic may or may not have moved\. Reload the page/ })).toBeVisible();
  await expect(page.getByText("Something went wrong")).toHaveCount(0);
  await page.getByRole("button", { name: "Sign out" }).click();
  const signOutLost = page.getByRole("alert").filter({ hasText: /you may still be signed in/ });
  await expect(signOutLost).toBeVisible();
  await reconnect();
  await page.reload();
  expect(await names.allTextContents()).toEqual(before);

  // The header stays mounted from page to page; its message belongs to the page the post failed on.
  const lostAgain = await dropPosts(page);
  await page.getByRole("button", { name: "Sign out" }).click();
  await expect(signOutLost).toBeVisible();
  await lostAgain();
  await page.getByRole("navigation", { name: "Main" }).getByRole("link", { name: "Practice" }).click();
  await expect(page).toHaveURL(/\/practice/);
  await expect(signOutLost).toHaveCount(0);
});
