import { randomUUID } from "node:crypto";
import { readFileSync } from "node:fs";
import AxeBuilder from "@axe-core/playwright";
import { expect, test, type APIRequestContext, type Page } from "@playwright/test";
import { DEMO, loadBank, signIn, signOut, signUpStudent, uniqueEmail } from "./fixtures";
import { withE2eDb } from "./support/e2e-database";

// These walk through many server round trips on a shared 2-core machine.
test.describe.configure({ timeout: 240_000 });

async function violations(page: Page): Promise<string[]> {
  const results = await new AxeBuilder({ page }).analyze();
  return results.violations.map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(" ")).join(", ")}`);
}

function topicOrder(page: Page) {
  return page.locator("section[aria-labelledby='topics-heading'] > ol > li").evaluateAll((items) => items.map((li) => li.getAttribute("aria-label")));
}

test("an instructor creates a subject, adds topics, sets a 60/40 blueprint, renames, reorders and removes an empty topic", async ({ page, browser }) => {
  await signIn(page, DEMO.instructor, "/instructor/subjects");
  await expect(page.getByRole("heading", { name: "Subjects", exact: true })).toBeVisible();
  await expect(page.getByRole("link", { name: "Interpersonal Therapy (IPT)" })).toBeVisible();
  expect(await violations(page), "subjects page").toEqual([]);

  // A taken slug is refused beside the field.
  await page.getByLabel("Subject name").fill("Another IPT");
  await page.getByLabel("Slug (its address)").fill("ipt");
  await page.getByRole("button", { name: "Create subject" }).click();
  await expect(page.getByText("“ipt” is already used by Interpersonal Therapy (IPT). Choose another slug.")).toBeVisible();
  await expect(page.getByLabel("Slug (its address)")).toHaveAttribute("aria-invalid", "true");

  // The slug follows the name until it is edited.
  const suffix = randomUUID().slice(0, 6);
  await page.getByLabel("Slug (its address)").fill("");
  await page.getByLabel("Subject name").fill(`Schema Therapy ${suffix}`);
  await expect(page.getByLabel("Slug (its address)")).toHaveValue(`schema-therapy-${suffix}`);
  await page.getByRole("button", { name: "Create subject" }).click();
  await expect(page).toHaveURL(new RegExp(`/instructor/subjects/schema-therapy-${suffix}$`));
  await expect(page.getByRole("heading", { name: `Schema Therapy ${suffix}: topics and blueprint` })).toBeVisible();

  for (const name of ["Modes", "Schemas", "Coping styles"]) {
    await page.getByLabel("Topic name").fill(name);
    await page.getByRole("button", { name: "Add topic" }).click();
    await expect(page.getByRole("listitem", { name })).toBeVisible();
  }
  await expect(page.getByRole("listitem", { name: "Schemas" }).getByText(`schema-therapy-${suffix}-schemas`)).toBeVisible();
  expect(await topicOrder(page)).toEqual(["Modes", "Schemas", "Coping styles"]);
  expect(await violations(page), "topics page").toEqual([]);

  // The blueprint: a total other than 100 is refused and shown; 60/40/0 is stored.
  const blueprint = page.locator("section[aria-labelledby='blueprint-heading']");
  await blueprint.getByLabel("Modes").fill("60");
  await blueprint.getByLabel("Schemas").fill("35.5");
  await blueprint.getByLabel("Coping styles").fill("0");
  await expect(page.getByTestId("blueprint-total")).toHaveText("Total: 95.5% (must be 100%)");
  await blueprint.getByRole("button", { name: "Save weights" }).click();
  await expect(blueprint.getByRole("alert")).toContainText("The weights add up to 95.5%");
  // The refused weights stay as typed, to be corrected rather than typed again.
  await expect(blueprint.getByLabel("Modes")).toHaveValue("60");
  await expect(blueprint.getByLabel("Schemas")).toHaveValue("35.5");
  await expect(page.getByTestId("blueprint-total")).toHaveText("Total: 95.5% (must be 100%)");
  await blueprint.getByLabel("Schemas").fill("40");
  await blueprint.getByRole("button", { name: "Save weights" }).click();
  await expect(blueprint.getByRole("status")).toContainText("Weights saved.");
  await page.reload();
  await expect(page.getByRole("listitem", { name: "Modes" })).toContainText("weight 60%");
  await expect(page.getByRole("listitem", { name: "Schemas" })).toContainText("weight 40%");

  // Rename: the slug stays.
  const schemas = page.getByRole("listitem", { name: "Schemas" });
  await schemas.getByText("Rename or describe").click();
  await schemas.getByLabel("Name").fill("Early maladaptive schemas");
  await schemas.getByLabel("Description").fill("Young's eighteen schemas");
  await schemas.getByRole("button", { name: "Save" }).click();
  const renamed = page.getByRole("listitem", { name: "Early maladaptive schemas" });
  await expect(renamed).toBeVisible();
  await expect(renamed.getByText(`schema-therapy-${suffix}-schemas`)).toBeVisible();
  await expect(renamed.getByText("Young's eighteen schemas").first()).toBeVisible();

  // Reorder with JavaScript on, then with it off (the buttons are plain forms).
  await renamed.getByRole("button", { name: "Move up Early maladaptive schemas" }).click();
  await expect.poll(() => topicOrder(page)).toEqual(["Early maladaptive schemas", "Modes", "Coping styles"]);
  await expect(page.getByRole("button", { name: "Move up Early maladaptive schemas" })).toBeDisabled();

  const noJs = await browser.newContext({ javaScriptEnabled: false });
  await noJs.addCookies(await page.context().cookies());
  const plain = await noJs.newPage();
  await plain.goto(page.url());
  await plain.getByRole("button", { name: "Move down Modes" }).click();
  await expect.poll(() => topicOrder(plain)).toEqual(["Early maladaptive schemas", "Coping styles", "Modes"]);
  await noJs.close();
  await page.reload();
  expect(await topicOrder(page)).toEqual(["Early maladaptive schemas", "Coping styles", "Modes"]);

  // A double click moves a topic one place: the buttons wait while their post is on its way.
  await page.waitForLoadState("networkidle");
  await page.getByRole("button", { name: "Move down Early maladaptive schemas" }).dblclick();
  await expect.poll(() => topicOrder(page)).toEqual(["Coping styles", "Early maladaptive schemas", "Modes"]);
  await page.reload();
  expect(await topicOrder(page)).toEqual(["Coping styles", "Early maladaptive schemas", "Modes"]);
  await page.getByRole("button", { name: "Move up Early maladaptive schemas" }).click();
  await expect.poll(() => topicOrder(page)).toEqual(["Early maladaptive schemas", "Coping styles", "Modes"]);

  // Remove the empty topic (weight 0, so the blueprint stays complete).
  page.once("dialog", (dialog) => void dialog.accept());
  await page.getByRole("button", { name: "Remove Coping styles" }).click();
  await expect(page.getByRole("listitem", { name: "Coping styles" })).toHaveCount(0);
  expect(await topicOrder(page)).toEqual(["Early maladaptive schemas", "Modes"]);
  await expect(page.getByText("The stored weights add up to")).toHaveCount(0);

  // A topic with questions is not removed, and the message says how many it has.
  await page.goto("/instructor/subjects/ipt");
  const first = loadBank().topics[0]!;
  const count = loadBank().questions.filter((q) => q.topic === first.slug).length;
  page.once("dialog", (dialog) => void dialog.accept());
  await page.getByRole("button", { name: `Remove ${first.name}` }).click();
  await expect(page.getByRole("listitem", { name: first.name }).getByRole("alert")).toContainText(`has ${count} questions`);
  await page.reload();
  await expect(page.getByRole("listitem", { name: first.name })).toBeVisible();

  // The subjects list counts the new subject's topics.
  await page.goto("/instructor/subjects");
  await expect(page.getByRole("row", { name: new RegExp(`Schema Therapy ${suffix}`) })).toContainText("2");
});

/** Inserts a problem report the way the student's "report a problem" button will, straight into the e2e database. */
function insertReport(userEmail: string, questionSlug: string, category: string, reason: string): Promise<string> {
  return withE2eDb(async (db) => {
    const user = (await db.one<{ id: string }>(`SELECT "id" FROM "User" WHERE "email" = ?`, userEmail))!;
    const question = (await db.one<{ id: string; currentVersion: number }>(`SELECT "id", "currentVersion" FROM "Question" WHERE "slug" = ?`, questionSlug))!;
    const version = (await db.one<{ id: string }>(`SELECT "id" FROM "QuestionVersion" WHERE "questionId" = ? AND "version" = ?`, question.id, question.currentVersion))!;
    const id = `e2e${randomUUID().replace(/-/g, "")}`.slice(0, 25);
    await db.run(
      `INSERT INTO "ProblemReport" ("id", "userId", "questionId", "questionVersionId", "category", "reason", "status", "createdAt") VALUES (?, ?, ?, ?, ?, ?, 'OPEN', ?)`,
      id,
      user.id,
      question.id,
      version.id,
      category,
      reason,
      new Date(),
    );
    return question.id;
  });
}

test("an instructor resolves one report with a note and dismisses another only with a note", async ({ page }) => {
  const email = uniqueEmail("reporter");
  const studentName = `Reporting Student ${randomUUID().slice(0, 6)}`;
  await signUpStudent(page, studentName, email, "a sturdy passphrase");
  await signOut(page);
  const [q1, q2] = loadBank().questions;
  const tag = randomUUID().slice(0, 8);
  const questionId = await insertReport(email, q1!.id, "WRONG_KEY", `Option C is right too (${tag}).`);
  await insertReport(email, q2!.id, "TYPO", `There is a typo (${tag}).`);

  await signIn(page, DEMO.instructor, "/instructor/reports");
  await expect(page.getByRole("heading", { name: "Problem reports" })).toBeVisible();
  await expect(page.getByRole("link", { name: /^Open \(\d+\)$/ })).toHaveAttribute("aria-current", "page");
  const wrongKey = page.getByRole("listitem").filter({ hasText: `Option C is right too (${tag}).` });
  await expect(wrongKey.getByRole("link", { name: q1!.id })).toHaveAttribute("href", `/instructor/questions/${questionId}`);
  await expect(wrongKey).toContainText("version 1 (current)");
  await expect(wrongKey).toContainText("Wrong key");
  await expect(wrongKey).toContainText(studentName);
  expect(await violations(page), "reports page").toEqual([]);

  await wrongKey.getByLabel("Note (required to dismiss)").fill("Rewrote option C so only B fits.");
  await wrongKey.getByRole("button", { name: "Resolve" }).click();
  await expect(wrongKey.getByRole("status")).toHaveText("Resolved.");

  const typo = page.getByRole("listitem").filter({ hasText: `There is a typo (${tag}).` });
  await typo.getByRole("button", { name: "Dismiss" }).click();
  await expect(typo.getByText("the note is required for a dismissal")).toBeVisible();
  await typo.getByLabel("Note (required to dismiss)").fill("The spelling is British, not a typo.");
  await typo.getByRole("button", { name: "Dismiss" }).click();
  await expect(typo.getByRole("status")).toHaveText("Dismissed.");

  await page.goto("/instructor/reports?status=resolved");
  const resolved = page.getByRole("listitem").filter({ hasText: `Option C is right too (${tag}).` });
  await expect(resolved).toContainText("Resolved by Demo Instructor");
  await expect(resolved).toContainText("Note: Rewrote option C so only B fits.");
  await page.goto("/instructor/reports?status=dismissed");
  await expect(page.getByRole("listitem").filter({ hasText: `There is a typo (${tag}).` })).toContainText("Note: The spelling is British");
  await page.goto("/instructor/reports");
  await expect(page.getByRole("listitem").filter({ hasText: tag })).toHaveCount(0);

  const { rows, audits } = await withE2eDb(async (db) => ({
    rows: await db.all(`SELECT "status", "resolutionNote" FROM "ProblemReport" WHERE "reason" LIKE ? ORDER BY CAST("category" AS TEXT)`, `%${tag}%`),
    audits: await db.all(
      `SELECT "action" FROM "AuditEntry" WHERE "entityType" = 'report' AND "entityId" IN (SELECT "id" FROM "ProblemReport" WHERE "reason" LIKE ?)`,
      `%${tag}%`,
    ),
  }));
  expect(rows).toEqual([
    { status: "DISMISSED", resolutionNote: "The spelling is British, not a typo." },
    { status: "RESOLVED", resolutionNote: "Rewrote option C so only B fits." },
  ]);
  expect(audits).toHaveLength(2);
});

const NEW_PAGES = ["/instructor/subjects", "/instructor/subjects/ipt", "/instructor/reports", "/instructor/reports?status=all"];

/** The server actions of the new areas, by id, from the production build's manifest, with a page that loads them. */
function newActions(): Array<{ id: string; name: string; url: string }> {
  const manifest = JSON.parse(readFileSync(".next/server/server-reference-manifest.json", "utf8")) as {
    node: Record<string, { workers: Record<string, unknown>; filename?: string; exportedName?: string }>;
  };
  const found: Array<{ id: string; name: string; url: string }> = [];
  for (const [id, entry] of Object.entries(manifest.node)) {
    if (!/^app\/instructor\/(subjects|reports)\/actions\.ts$/.test(entry.filename ?? "")) continue;
    const worker = Object.keys(entry.workers).find((w) => !w.includes("["))!;
    found.push({ id, name: entry.exportedName ?? id, url: `/${worker.replace(/^app\//, "").replace(/\/page$/, "")}` });
  }
  return found;
}

async function postAction(request: APIRequestContext, action: { id: string; url: string }) {
  return request.post(action.url, {
    headers: { "Next-Action": action.id, "Content-Type": "text/plain;charset=UTF-8" },
    data: JSON.stringify([{ subjectSlug: "ipt", topicId: "crafted", reportId: "crafted", name: "Crafted", outcome: "RESOLVED", direction: "up" }]),
    maxRedirects: 0,
  });
}

test("a student and a signed-out visitor are refused every new page and server action", async ({ page, browser, playwright }) => {
  await signIn(page, DEMO.student);
  for (const url of NEW_PAGES) {
    const response = await page.goto(url);
    expect(response?.status(), url).toBe(403);
    await expect(page.getByRole("heading", { name: "Not allowed" })).toBeVisible();
    expect(await page.content(), url).not.toContain("Problem area");
  }

  const anonymous = await playwright.request.newContext({ baseURL: test.info().project.use.baseURL! });
  for (const url of NEW_PAGES) {
    const response = await anonymous.get(url, { maxRedirects: 0 });
    expect(response.status(), url).toBeGreaterThanOrEqual(300);
    expect(response.status(), url).toBeLessThan(400);
    expect(response.headers()["location"], url).toContain("/login?next=");
  }

  const actions = newActions();
  expect(actions.map((a) => a.name).sort()).toEqual([
    "createSubjectAction",
    "createTopicAction",
    "moveTopicAction",
    "removeTopicAction",
    "resolveReportAction",
    "setBlueprintAction",
    "updateTopicAction",
  ]);
  for (const action of actions) {
    expect((await postAction(anonymous, action)).status(), `${action.name} signed out`).toBe(401);
    expect((await postAction(page.context().request, action)).status(), `${action.name} as a student`).toBe(403);
  }
  await anonymous.dispose();

  // The same request as an instructor gets past the gate (a report that does not exist), so the checks above can fail.
  const staff = await browser.newContext();
  const staffPage = await staff.newPage();
  await signIn(staffPage, DEMO.instructor, "/instructor/reports");
  const resolve = actions.find((a) => a.name === "resolveReportAction")!;
  const allowed = await postAction(staff.request, resolve);
  expect(allowed.status()).toBe(200);
  expect(await allowed.text()).toContain("That report does not exist.");
  await staff.close();

  await withE2eDb(async (db) => {
    expect(await db.one(`SELECT COUNT(*) AS "n" FROM "Subject" WHERE "slug" = 'crafted'`)).toEqual({ n: 0 });
    // Students' own account changes (a password change or reset: entity "user") are theirs to make; nothing else.
    expect(await db.one(`SELECT COUNT(*) AS "n" FROM "AuditEntry" WHERE "entityType" != 'user' AND "actorId" IN (SELECT "id" FROM "User" WHERE "role" = 'STUDENT')`)).toEqual({ n: 0 });
  });
});
