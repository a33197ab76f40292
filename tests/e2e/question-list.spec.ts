import AxeBuilder from "@axe-core/playwright";
import { expect, test, type Page } from "@playwright/test";
import { DEMO, loadBank, signIn } from "./fixtures";

async function violations(page: Page): Promise<string[]> {
  const results = await new AxeBuilder({ page }).analyze();
  return results.violations.map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(" ")).join(", ")}`);
}

const bank = loadBank();
const published = bank.questions.length;

test("an instructor searches, filters by topic and status, sorts by facility and pages through the bank", async ({ page }) => {
  // Many steps, each a server render: give a loaded machine room.
  test.setTimeout(180_000);
  await signIn(page, DEMO.instructor, "/instructor/questions");
  await expect(page.getByRole("heading", { name: "Questions", level: 1 })).toBeVisible();
  expect(await violations(page), "question list").toEqual([]);

  // Search and filter through the GET form: every result is a link.
  const grief = bank.questions.filter((q) => q.topic === "grief");
  const griefWithWord = grief.filter((q) => `${q.id} ${q.stem} ${q.options.map((o) => o.text).join(" ")}`.toLowerCase().includes("death"));
  await page.getByLabel("Search").fill("Death");
  await page.getByLabel("Topic").selectOption({ label: "Problem area: grief and loss" });
  await page.getByLabel("Status").selectOption("PUBLISHED");
  await page.getByRole("button", { name: "Apply" }).click();
  await expect(page).toHaveURL(/q=Death/);
  await expect(page).toHaveURL(/topic=grief/);
  await expect(page).toHaveURL(/status=PUBLISHED/);
  await expect(page.getByRole("status")).toHaveText(`1–${griefWithWord.length} of ${griefWithWord.length} ${griefWithWord.length === 1 ? "question" : "questions"}`);
  const rows = page.locator("tbody tr");
  await expect(rows).toHaveCount(griefWithWord.length);
  for (const q of griefWithWord) await expect(page.getByRole("link", { name: q.id, exact: true })).toHaveAttribute("href", /\/instructor\/questions\/.+/);

  // Sort by facility, then the other way: the column says how it is sorted.
  await page.getByRole("link", { name: /^Facility/ }).click();
  await expect(page).toHaveURL(/sort=facility/);
  await expect(page.getByRole("columnheader", { name: /^Facility/ })).toHaveAttribute("aria-sort", "ascending");
  await page.getByRole("link", { name: /^Facility/ }).click();
  await expect(page).toHaveURL(/dir=desc/);
  await expect(page.getByRole("columnheader", { name: /^Facility/ })).toHaveAttribute("aria-sort", "descending");
  // The filters survived the sort.
  await expect(page.getByLabel("Search")).toHaveValue("Death");
  await expect(rows).toHaveCount(griefWithWord.length);

  // Page through every published question, sorted by slug. Other specs may
  // have published questions of their own in the shared database: read the
  // total from the page and check the order, not the bundled bank alone.
  await page.goto("/instructor/questions?status=PUBLISHED&sort=slug");
  const status = page.getByRole("status");
  await expect(status).toHaveText(/^1–50 of \d+ questions$/);
  const total = Number(/of (\d+) questions/.exec((await status.textContent()) ?? "")?.[1]);
  expect(total).toBeGreaterThanOrEqual(published);
  const slugsOnPage = () => rows.evaluateAll((trs) => trs.map((tr) => tr.querySelector("a")?.textContent ?? ""));
  const first = await slugsOnPage();
  expect(first).toHaveLength(50);
  expect(first).toEqual([...first].sort());
  await page.getByRole("link", { name: "Next →" }).click();
  await expect(page).toHaveURL(/page=2/);
  await expect(status).toHaveText(`51–100 of ${total} questions`);
  const second = await slugsOnPage();
  expect(second).toEqual([...second].sort());
  expect(second[0]! > first[49]!).toBe(true);
  await page.goBack();
  await expect(status).toHaveText(`1–50 of ${total} questions`);

  // A hand-edited link with nonsense falls back to the defaults instead of failing.
  const odd = await page.goto("/instructor/questions?sort=password&page=-3&status=LOST&difficulty=%00");
  expect(odd?.status()).toBe(200);
  await expect(page.getByRole("status")).toContainText("1–50 of");
});

test("students are refused the list, the export page and the download; signed out, the download says 401", async ({ page, playwright }) => {
  await signIn(page, DEMO.student);
  for (const path of ["/instructor/questions", "/instructor/export"]) {
    const response = await page.goto(path);
    expect(response?.status(), path).toBe(403);
    await expect(page.getByRole("heading", { name: "Not allowed" })).toBeVisible();
  }
  const download = await page.request.get("/instructor/export/download?format=gift", { maxRedirects: 0 });
  expect(download.status()).toBe(403);
  expect(await download.text()).not.toContain("::");

  const anonymous = await playwright.request.newContext({ baseURL: test.info().project.use.baseURL! });
  const signedOut = await anonymous.get("/instructor/export/download?format=moodle-xml", { maxRedirects: 0 });
  expect(signedOut.status()).toBe(401);
  expect(await signedOut.text()).not.toContain("<quiz>");
  await anonymous.dispose();
});

test("an instructor exports the bank to Moodle XML and re-imports it with no change", async ({ page }) => {
  test.setTimeout(180_000);
  await signIn(page, DEMO.instructor, "/instructor/questions?topic=grief");
  // The list's "Export these" carries its filters to the export page.
  await page.getByRole("link", { name: "Export these" }).click();
  await expect(page).toHaveURL(/\/instructor\/export\?topic=grief/);
  await expect(page.getByRole("heading", { name: "Export questions" })).toBeVisible();
  await expect(page.getByText(/Aiken cannot carry feedback or explanations/)).toBeVisible();
  expect(await violations(page), "export page").toEqual([]);
  // At least the bundled grief questions (other specs may have written more).
  const grief = bank.questions.filter((q) => q.topic === "grief").length;
  await expect(page.getByLabel(/^The selection/)).toBeChecked();
  const selection = page.getByText(/The selection: \d+ questions/);
  await expect(selection).toBeVisible();
  expect(Number(/(\d+) questions/.exec((await selection.textContent()) ?? "")?.[1])).toBeGreaterThanOrEqual(grief);

  // The form's download of the selection.
  await page.getByLabel("Moodle XML").check();
  const [selectionFile] = await Promise.all([page.waitForEvent("download"), page.getByRole("button", { name: "Download" }).click()]);
  expect(selectionFile.suggestedFilename()).toMatch(/^ipt-selection-\d{4}-\d{2}-\d{2}\.xml$/);

  // The whole bank through the download route.
  const response = await page.request.get("/instructor/export/download?format=moodle-xml&scope=all");
  expect(response.status()).toBe(200);
  expect(response.headers()["content-type"]).toContain("application/xml");
  expect(response.headers()["content-disposition"]).toMatch(/^attachment; filename="ipt-questions-\d{4}-\d{2}-\d{2}\.xml"$/);
  const xml = await response.text();
  expect(xml).toContain(bank.questions[0]!.id);

  await page.goto("/instructor/import");
  await page.locator('input[type="file"]').setInputFiles({ name: "bank.xml", mimeType: "application/xml", buffer: Buffer.from(xml, "utf8") });
  await expect(page.getByRole("textbox", { name: "Questions" })).not.toBeEmpty();
  await page.getByRole("button", { name: "Import", exact: true }).click();
  await expect(page.getByText(/^Imported: 0 new, 0 updated, \d+ unchanged, 0 skipped\.$/)).toBeVisible({ timeout: 30_000 });
});
