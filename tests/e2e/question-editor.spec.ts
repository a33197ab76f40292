import { randomUUID } from "node:crypto";
import AxeBuilder from "@axe-core/playwright";
import { expect, test, type Page, type Request } from "@playwright/test";
import { DEMO, signIn, signUpStudent, uniqueEmail } from "./fixtures";
import { draft, fillEditor } from "./support/editor";
import { withE2eDb } from "./support/e2e-database";

async function violations(page: Page): Promise<string[]> {
  const results = await new AxeBuilder({ page }).analyze();
  return results.violations.map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(" ")).join(", ")}`);
}

function questionIdFrom(url: string): string {
  const match = /\/instructor\/questions\/([^/?]+)\?saved=/.exec(url);
  expect(match, `an editor URL: ${url}`).not.toBeNull();
  return decodeURIComponent(match![1]!);
}

test("an instructor writes, checks, previews and publishes a question; a student answers it; an edit makes version 2 and the answer keeps version 1", async ({
  page,
  browser,
}) => {
  test.setTimeout(180_000);
  const token = randomUUID().slice(0, 8);
  const item = draft(token);
  await signIn(page, DEMO.instructor, "/instructor/questions/new");
  await page.goto("/instructor/questions/new");
  await expect(page.getByRole("heading", { name: "New question" })).toBeVisible();
  expect(await violations(page), "new question page").toEqual([]);

  // Saving an empty form: errors beside the fields, nothing saved.
  await page.getByRole("button", { name: "Create question" }).click();
  await expect(page.getByLabel("Question (stem)")).toHaveAttribute("aria-invalid", "true");
  await expect(page.locator("#stem-messages")).toContainText("Write the question (stem).");
  await expect(page).toHaveURL(/\/instructor\/questions\/new$/);

  await fillEditor(page, item);
  // The key is the longest option: a warning beside the options, tied to them for screen readers.
  const optionsMessages = page.locator("#options-messages");
  await expect(optionsMessages).toContainText("the key is the longest option");
  await expect(page.getByRole("group", { name: /^Options/ })).toHaveAttribute("aria-describedby", "options-messages");

  // The preview is the practice screen's own pieces, answered as a student would.
  const preview = page.getByTestId("preview");
  await expect(preview.locator("legend")).toHaveText(item.stem);
  await preview.getByRole("radio", { name: "Grief" }).check();
  await preview.getByRole("button", { name: "Check answer (preview)" }).click();
  await expect(preview.getByRole("status")).toContainText("Incorrect: the answer is A.");
  await expect(preview.getByTestId("result-option").first()).toContainText("Correct answer");
  await expect(preview.getByTestId("explanation")).toHaveText(item.explanation);

  await page.getByLabel("Status").selectOption("PUBLISHED");
  await page.getByRole("button", { name: "Create question" }).click();
  await expect(page).toHaveURL(/\?saved=created$/);
  const questionId = questionIdFrom(page.url());
  await expect(page.getByRole("status").filter({ hasText: "Question created." })).toBeVisible();
  expect(await violations(page), "edit page").toEqual([]);

  // A student is shown this question: their open presentation is pointed at it, then they answer it in practice.
  const studentContext = await browser.newContext();
  const student = await studentContext.newPage();
  const email = uniqueEmail("editor");
  await signUpStudent(student, "Editor Student", email, "a sturdy passphrase");
  await expect(student.locator("fieldset legend").first()).toBeVisible();
  const { v1, open } = await withE2eDb(async (db) => {
    const v1 = (await db.one<{ id: string }>(`SELECT v."id" FROM "QuestionVersion" v WHERE v."questionId" = ? AND v."version" = 1`, questionId))!;
    const optionIds = (await db.all<{ id: string }>(`SELECT "id" FROM "Option" WHERE "versionId" = ? ORDER BY "position"`, v1.id)).map((o) => o.id);
    const open = (await db.one<{ id: string }>(
      `SELECT p."id" FROM "Presentation" p JOIN "User" u ON u."id" = p."userId" WHERE u."email" = ? AND p."answerId" IS NULL ORDER BY p."issuedAt" DESC`,
      email,
    ))!;
    await db.run(
      `UPDATE "Presentation" SET "questionId" = ?, "questionVersionId" = ?, "optionOrder" = ? WHERE "id" = ?`,
      questionId,
      v1.id,
      JSON.stringify([...optionIds].reverse()),
      open.id,
    );
    return { v1, open };
  });
  await student.goto(`/practice?p=${encodeURIComponent(open.id)}`);
  await expect(student.locator("fieldset legend").first()).toHaveText(item.stem);
  await student.getByRole("radio", { name: item.options[0]![0] }).check();
  await student.getByRole("button", { name: "Check answer" }).click();
  await expect(student.getByTestId("answer-status")).toContainText("Correct");
  await studentContext.close();

  // The instructor edits the wording: the answered version 1 is kept, version 2 is made.
  await page.goto(`/instructor/questions/${questionId}`);
  await expect(page.getByText("changing the wording saves a new version 2")).toBeVisible();
  await page.getByLabel("Question (stem)").fill(item.stem.replace("a nurse feels low", "a teacher feels low"));
  await page.getByRole("button", { name: "Save changes" }).click();
  await expect(page).toHaveURL(/\?saved=version-2$/);
  await expect(page.getByText("Saved as version 2")).toBeVisible();

  await page.getByRole("link", { name: "History and versions" }).click();
  await expect(page.getByRole("heading", { name: /History of/ })).toBeVisible();
  const versions = page.getByTestId("history-version");
  await expect(versions).toHaveCount(2);
  const v2 = versions.filter({ hasText: "Version 2 (current)" });
  await expect(v2.locator("del")).toContainText("nurse");
  await expect(v2.locator("ins")).toContainText("teacher");
  await expect(v2.getByTestId("version-stats")).toContainText("0 attempts");
  const firstVersion = versions.filter({ has: page.getByRole("heading", { name: /^Version 1\b/ }) });
  await expect(firstVersion.getByTestId("version-stats")).toContainText("1 attempt; first-attempt facility 100% of 1");
  await expect(page.getByTestId("audit-trail")).toContainText("new version 2");
  // Who changed what: every entry names the instructor who made it.
  await expect(page.getByTestId("audit-trail").getByRole("listitem").filter({ hasText: "new version 2" })).toContainText("by Demo Instructor");
  expect(await violations(page), "history page").toEqual([]);

  const answer = (await withE2eDb((db) =>
    db.one<{ versionId: string }>(
      `SELECT a."questionVersionId" AS "versionId" FROM "Answer" a JOIN "User" u ON u."id" = a."userId" WHERE u."email" = ? AND a."questionId" = ?`,
      email,
      questionId,
    ),
  ))!;
  expect(answer.versionId).toBe(v1.id);
});

type Captured = { name: string; url: string; headers: Record<string, string>; body: string };

function capture(request: Request, name: string): Captured {
  const headers = request.headers();
  return {
    name,
    url: new URL(request.url()).pathname,
    headers: { "Next-Action": headers["next-action"]!, "Content-Type": headers["content-type"]! },
    body: request.postDataBuffer()!.toString("utf8"),
  };
}

function actionRequest(page: Page) {
  return page.waitForRequest((r) => r.method() === "POST" && Boolean(r.headers()["next-action"]));
}

test("students and strangers are refused the editor's pages and every one of its actions", async ({ page, browser, playwright }) => {
  test.setTimeout(180_000);
  const token = randomUUID().slice(0, 8);
  await signIn(page, DEMO.instructor, "/instructor/questions/new");
  await page.goto("/instructor/questions/new");
  const item = draft(token);
  const captured: Captured[] = [];

  // The stem check runs while typing.
  const stemCheck = page.waitForRequest((r) => r.method() === "POST" && Boolean(r.headers()["next-action"]) && (r.postData() ?? "").includes(token));
  await fillEditor(page, item);
  captured.push(capture(await stemCheck, "check stem"));

  let [request] = await Promise.all([actionRequest(page), page.getByRole("button", { name: "Create question" }).click()]);
  captured.push(capture(request, "create"));
  await expect(page).toHaveURL(/\?saved=created$/);
  const questionId = questionIdFrom(page.url());

  await page.getByLabel("Tags (comma separated)").fill("refusal-test");
  [request] = await Promise.all([actionRequest(page), page.getByRole("button", { name: "Save changes" }).click()]);
  captured.push(capture(request, "update"));
  await expect(page).toHaveURL(/\?saved=updated$/);

  [request] = await Promise.all([actionRequest(page), page.getByRole("button", { name: "Publish" }).click()]);
  captured.push(capture(request, "set status"));
  await expect(page).toHaveURL(/\?saved=status$/);

  // Deleting needs the confirmation ticked; without it nothing is deleted.
  await page.getByRole("button", { name: "Delete question" }).click();
  await expect(page.getByText("Tick the box to confirm")).toBeVisible();
  await page.getByLabel(/I understand that deleting/).check();
  [request] = await Promise.all([actionRequest(page), page.getByRole("button", { name: "Delete question" }).click()]);
  captured.push(capture(request, "delete"));
  await expect(page).toHaveURL(/\/instructor\/questions\?deleted=/);

  // Other tests write questions at the same time: count only this test's (its stem carries the token).
  const countQuestions = async () =>
    (await withE2eDb((db) => db.one<{ n: number }>(`SELECT COUNT(*) AS "n" FROM "QuestionVersion" WHERE "stem" LIKE ?`, `%${token}%`)))!.n;
  expect(await countQuestions()).toBe(0);

  const anonymous = await playwright.request.newContext({ baseURL: test.info().project.use.baseURL! });
  const studentContext = await browser.newContext();
  const student = await studentContext.newPage();
  await signIn(student, DEMO.student);
  for (const path of ["/instructor/questions/new", `/instructor/questions/${questionId}`, `/instructor/questions/${questionId}/history`]) {
    const response = await student.goto(path);
    expect(response?.status(), path).toBe(403);
    await expect(student.getByRole("heading", { name: "Not allowed" })).toBeVisible();
  }
  for (const action of captured) {
    const stranger = await anonymous.post(action.url, { headers: action.headers, data: action.body, maxRedirects: 0 });
    expect(stranger.status(), `${action.name} without a session`).toBe(401);
    const asStudent = await studentContext.request.post(action.url, { headers: action.headers, data: action.body, maxRedirects: 0 });
    expect(asStudent.status(), `${action.name} as a student`).toBe(403);
  }
  expect(await countQuestions()).toBe(0);
  await anonymous.dispose();
  await studentContext.close();
});
