import { randomUUID } from "node:crypto";
import AxeBuilder from "@axe-core/playwright";
import { expect, test, type Page } from "@playwright/test";
import { DEMO, signIn, signOut, signUpStudent, uniqueEmail } from "./fixtures";
import { withE2eDb } from "./support/e2e-database";


test.describe.configure({ timeout: 180_000 });

async function violations(page: Page): Promise<string[]> {
  const results = await new AxeBuilder({ page }).analyze();
  return results.violations.map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(" ")).join(", ")}`);
}

test("a student's report appears beside the question in the editor and its history, is resolved there and leaves the queue", async ({ page }) => {
  const tag = randomUUID().slice(0, 8);
  const studentName = `Editor Reporter ${tag}`;
  const email = uniqueEmail("editor-report");
  await signUpStudent(page, studentName, email, "a sturdy passphrase");
  const form = page.getByTestId("report-problem");
  await form.getByText("Report a problem with this question").click();
  await form.getByRole("radio", { name: "Typo or formatting" }).check();
  await form.getByLabel("What is the problem?").fill(`The second option repeats a word (${tag}).`);
  await form.getByRole("button", { name: "Send report" }).click();
  await expect(form.getByRole("status")).toContainText("Thank you: your report was sent.");
  await signOut(page);

  const { reported, question } = await withE2eDb(async (db) => {
    const reported = (await db.one<{ questionId: string }>(`SELECT "questionId" FROM "ProblemReport" WHERE "reason" LIKE ?`, `%${tag}%`))!;
    const question = (await db.one<{ slug: string; currentVersion: number }>(`SELECT "slug", "currentVersion" FROM "Question" WHERE "id" = ?`, reported.questionId))!;
    return { reported, question };
  });

  await signIn(page, DEMO.instructor, `/instructor/questions/${reported.questionId}`);
  const section = page.getByTestId("question-reports");
  await expect(section.getByRole("heading", { name: "Problem reports" })).toBeVisible();
  const card = section.getByRole("listitem").filter({ hasText: `The second option repeats a word (${tag}).` });
  await expect(card).toContainText(`on version ${question.currentVersion} (current)`);
  await expect(card).toContainText("Typo");
  await expect(card).toContainText(`${studentName} (${email})`);
  expect(await violations(page), "editor with an open report").toEqual([]);

  // The history page shows the same open report.
  await page.goto(`/instructor/questions/${reported.questionId}/history`);
  await expect(page.getByTestId("question-reports").getByRole("listitem").filter({ hasText: tag })).toContainText(`version ${question.currentVersion}`);
  expect(await violations(page), "history with an open report").toEqual([]);

  // Dismissing needs a note; resolving from the editor closes it.
  await page.goto(`/instructor/questions/${reported.questionId}`);
  await card.getByRole("button", { name: "Dismiss" }).click();
  await expect(card.getByText("the note is required for a dismissal")).toBeVisible();
  await card.getByLabel("Note (required to dismiss)").fill(`Fixed the wording (${tag}).`);
  await card.getByRole("button", { name: "Resolve" }).click();
  await expect(card.getByRole("status")).toHaveText("Resolved.");

  await page.goto("/instructor/reports");
  await expect(page.getByRole("heading", { name: "Problem reports" })).toBeVisible();
  await expect(page.getByRole("listitem").filter({ hasText: tag })).toHaveCount(0);
  await page.goto("/instructor/reports?status=resolved");
  await expect(page.getByRole("listitem").filter({ hasText: `The second option repeats a word (${tag}).` })).toContainText(
    `Note: Fixed the wording (${tag}).`,
  );

  // Back in the editor: this report is no longer open (the shared database may hold other
  // students' reports on the same question), and it is folded away with its outcome.
  await page.goto(`/instructor/questions/${reported.questionId}`);
  const after = page.getByTestId("question-reports");
  await expect(after.getByRole("heading", { name: "Problem reports" })).toBeVisible();
  await expect(after.getByRole("listitem").filter({ hasText: tag })).toHaveCount(0);
  await after.getByText(/closed reports?$/).click();
  await expect(after.getByRole("listitem").filter({ hasText: tag })).toContainText("Resolved by Demo Instructor");
});
