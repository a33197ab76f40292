import AxeBuilder from "@axe-core/playwright";
import { expect, test, type Page } from "@playwright/test";
import { DEMO, signIn, signUp, uniqueEmail } from "./fixtures";
import { withE2eDb } from "./support/e2e-database";
import { seedDeadDistractor } from "./support/item-analysis-seed";

test.describe.configure({ timeout: 180_000 });

async function violations(page: Page): Promise<string[]> {
  const results = await new AxeBuilder({ page }).analyze();
  return results.violations.map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(" ")).join(", ")}`);
}

/** Any question of the seeded bank, by id. */
function firstQuestionId(): Promise<string> {
  return withE2eDb(async (db) => {
    const row = await db.one<{ id: string }>(`SELECT "id" FROM "Question" ORDER BY "slug" LIMIT 1`);
    if (!row) throw new Error("the e2e bank has no questions");
    return row.id;
  });
}

/** A new account made an instructor directly in the database (the role page has its own tests). */
async function newInstructor(page: Page): Promise<string> {
  const email = uniqueEmail("item-analysis");
  await signUp(page, "Item Analyst", email, "a sturdy passphrase");
  await expect(page).toHaveURL(/\/welcome$/);
  await withE2eDb((db) => db.run(`UPDATE "User" SET "role" = 'INSTRUCTOR' WHERE "email" = ?`, email));
  return email;
}

test("an instructor finds a question flagged for a dead distractor in their subject and follows the flag to the editor", async ({ page }) => {
  const email = await newInstructor(page);
  const { questionId, slug } = await seedDeadDistractor(email);

  await page.goto("/instructor");
  await page.getByRole("link", { name: "Analytics" }).first().click();
  await expect(page.getByRole("heading", { name: "Analytics", level: 1 })).toBeVisible();
  await page.getByRole("link", { name: "Item analysis" }).click();
  await expect(page.getByRole("heading", { name: "Item analysis", level: 1 })).toBeVisible();
  // The only subject this instructor wrote in is chosen for them.
  await expect(page.getByLabel("Subject")).toHaveValue("e2e-study-skills");

  const row = page.getByTestId("item-row").filter({ hasText: slug });
  await expect(row).toHaveCount(1);
  // 30 first attempts: 16 chose the key A, 7 B, 7 C, nobody D.
  await expect(row.getByRole("cell").first()).toHaveText("1 (current)");
  await expect(row).toContainText("53%");
  // The question's own page analyses each option.
  await row.getByRole("link", { name: `Options and flags of ${slug}` }).click();
  await expect(page.getByRole("heading", { name: `Item analysis of ${slug}`, level: 1 })).toBeVisible();
  const options = page.getByTestId("option-row");
  await expect(options).toHaveCount(4);
  await expect(options.nth(0)).toContainText("key");
  await expect(options.nth(3)).toContainText("Highlighting");
  await expect(options.nth(3).getByRole("cell").first()).toHaveText("0");
  await expect(page.getByTestId("version-analysis")).toContainText("Dead distractor D");
  await page.getByRole("link", { name: /^← Item analysis of/ }).click();

  // Flagged only still shows it.
  await page.getByLabel("Flagged only").check();
  await page.getByRole("button", { name: "Show" }).click();
  await expect(page).toHaveURL(/flagged=1/);
  const flag = page.getByTestId("item-row").filter({ hasText: slug }).getByRole("link", { name: /^Dead distractor D/ });
  await expect(flag).toBeVisible();
  await flag.click();
  await expect(page).toHaveURL(new RegExp(`/instructor/questions/${questionId}$`));
  await expect(page.getByRole("heading", { name: `Edit ${slug}` })).toBeVisible();
});

test("bad addresses get a clear answer: another's or an unknown subject is not found, a garbled sort is named", async ({ page }) => {
  await newInstructor(page);
  for (const subject of ["ipt", "no-such-subject", "Not A Slug!"]) {
    const response = await page.goto(`/instructor/analytics/items?subject=${encodeURIComponent(subject)}`);
    expect(response?.status(), subject).toBe(404);
    await expect(page.getByRole("heading", { name: "Subject not found" })).toBeVisible();
    await expect(page.getByText("That subject does not exist, or it is not one of yours.")).toBeVisible();
  }
  // A question of a subject that is not theirs, and an id that is no question's.
  for (const id of [await firstQuestionId(), "cmx0000000000000000000000", "not an id!"]) {
    const response = await page.goto(`/instructor/analytics/items/${encodeURIComponent(id)}`);
    expect(response?.status(), id).toBe(404);
    await expect(page.getByTestId("version-analysis")).toHaveCount(0);
  }
  // This instructor has no subject yet: the page says so.
  await page.goto("/instructor/analytics/items?sort=sideways&page=-3");
  await expect(page.getByText("You have no subjects to analyse yet.")).toBeVisible();
  await expect(page.getByRole("status").filter({ hasText: "was not understood" })).toContainText("sort order, page number");
});

test("a student gets 403 for the analytics pages", async ({ page }) => {
  await signIn(page, DEMO.student);
  const someQuestion = await firstQuestionId();
  for (const path of ["/instructor/analytics", "/instructor/analytics/items", "/instructor/analytics/items?subject=ipt", `/instructor/analytics/items/${someQuestion}`]) {
    const response = await page.goto(path);
    expect(response?.status(), path).toBe(403);
    await expect(page.getByRole("heading", { name: "Not allowed" })).toBeVisible();
    await expect(page.getByTestId("item-analysis")).toHaveCount(0);
  }
});

test("axe finds no violations on item analysis in the light and the dark theme", async ({ page }) => {
  const email = await newInstructor(page);
  const { slug } = await seedDeadDistractor(email);
  for (const scheme of ["light", "dark"] as const) {
    await page.emulateMedia({ colorScheme: scheme });
    await page.goto("/instructor/analytics/items");
    const row = page.getByTestId("item-row").filter({ hasText: slug });
    await expect(row).toHaveCount(1);
    expect(await violations(page), `item analysis, ${scheme}`).toEqual([]);
    await row.getByRole("link", { name: `Options and flags of ${slug}` }).click();
    await expect(page.getByTestId("option-row")).toHaveCount(4);
    expect(await violations(page), `one question's item analysis, ${scheme}`).toEqual([]);
  }
});
