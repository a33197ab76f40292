import { expect, test } from "@playwright/test";
import { DEMO, signIn } from "./fixtures";
import { withE2eDb } from "./support/e2e-database";

test("an instructor previews a GIFT file, sees the broken question's line, fixes it and imports", async ({ page }) => {
  await signIn(page, DEMO.instructor, "/instructor/import");
  const stamp = Date.now().toString(36);
  const broken = [
    "$CATEGORY: $course$/top/grief",
    "",
    `::ok-${stamp}::[id:e2e-ok-${stamp}] Which problem area fits a client stuck after a death in the family (${stamp})?{`,
    "=Grief #Right: a death.",
    "~%-25%Role dispute #No open conflict.",
    "~Role transition #No change of role.",
    "~Interpersonal deficits #She has close ties.",
    "}",
    "",
    `::bad-${stamp}::[id:e2e-bad-${stamp}] Which phase sets the treatment contract (${stamp})?{=Initial =Middle ~Termination}`,
    "",
  ].join("\n");
  await page.getByRole("textbox", { name: "Questions" }).fill(broken);
  await page.getByRole("button", { name: "Preview" }).click();
  const problems = page.getByRole("list", { name: "Problems" });
  await expect(problems).toContainText("Line 10:");
  await expect(page.getByText(/nothing was imported/)).toBeVisible();

  await page.getByRole("textbox", { name: "Questions" }).fill(broken.replace("{=Initial =Middle ~Termination}", "{=Initial ~Middle ~Termination}"));
  await page.getByRole("button", { name: "Preview" }).click();
  await expect(page.getByText("Preview: 2 new, 0 updated, 0 unchanged, 0 skipped.")).toBeVisible();
  // What the app cannot keep is said, not silently dropped.
  await expect(page.getByRole("list", { name: "Notes" })).toHaveText("Line 3: a wrong answer's guessing penalty (-25%) dropped: a wrong answer here scores 0");
  await page.getByRole("button", { name: "Import", exact: true }).click();
  await expect(page.getByText("Imported: 2 new, 0 updated, 0 unchanged, 0 skipped.")).toBeVisible();
  await page.getByRole("button", { name: "Import", exact: true }).click();
  await expect(page.getByText("Imported: 0 new, 0 updated, 2 unchanged, 0 skipped.")).toBeVisible();

  // The question's history says who imported it and when; the unchanged second import adds nothing.
  // The [id:] after the title is text (GIFT reads ids from the comment before a question, as Moodle does): find it by its stem.
  const { id } = (await withE2eDb((db) =>
    db.one<{ id: string }>(
      `SELECT q."id" AS "id" FROM "Question" q JOIN "QuestionVersion" v ON v."questionId" = q."id" WHERE v."stem" LIKE ?`,
      `%stuck after a death in the family (${stamp})%`,
    ),
  ))!;
  await page.goto(`/instructor/questions/${id}/history`);
  const trail = page.getByTestId("audit-trail");
  await expect(trail.getByRole("listitem")).toHaveCount(1);
  await expect(trail).toContainText(/Created by a gift import by Demo Instructor, \d{4}-\d{2}-\d{2} \d{2}:\d{2} UTC/);
  await expect(page.getByTestId("history-version")).toContainText("by Demo Instructor");
});

test("an instructor imports into a second subject: its topics are offered and its categories matched", async ({ page }) => {
  await signIn(page, DEMO.instructor, "/instructor/import");
  await expect(page.getByTestId("import-subject")).toContainText("Interpersonal");
  // Switching is a plain GET form, so it works before and without JavaScript.
  await page.getByLabel("Subject").selectOption({ label: "Study Skills (E2E)" });
  await page.getByRole("button", { name: "Switch subject" }).click();
  await expect(page).toHaveURL(/subject=e2e-study-skills/);
  await expect(page.getByTestId("import-subject")).toContainText("Study Skills (E2E)");
  const fallback = page.getByLabel("Topic for questions without a matching category");
  await expect(fallback.getByRole("option")).toHaveText(["None: report them", "Study habits"]);

  const stamp = Date.now().toString(36);
  const gift = `$CATEGORY: $course$/top/Study habits\n\n// [id:e2e-subject-${stamp}]\n::spacing:: Which habit spreads study over days (${stamp})?{=Spacing ~Cramming ~Rereading}\n`;
  await page.getByRole("textbox", { name: "Questions" }).fill(gift);
  await page.getByRole("button", { name: "Preview" }).click();
  await expect(page.getByText("Preview: 1 new, 0 updated, 0 unchanged, 0 skipped.")).toBeVisible();
  await page.getByRole("button", { name: "Import", exact: true }).click();
  await expect(page.getByText("Imported: 1 new, 0 updated, 0 unchanged, 0 skipped.")).toBeVisible();

  const row = await withE2eDb((db) =>
    db.one(
      `SELECT s."slug" AS "subject", q."status" AS "status" FROM "Question" q JOIN "Topic" t ON t."id" = q."topicId" JOIN "Subject" s ON s."id" = t."subjectId" WHERE q."slug" = ?`,
      `e2e-subject-${stamp}`,
    ),
  );
  expect(row).toEqual({ subject: "e2e-study-skills", status: "DRAFT" });

  // The same category in IPT's import names no topic there: nothing is written.
  await page.goto("/instructor/import?subject=ipt");
  await page.getByRole("textbox", { name: "Questions" }).fill(gift.replace(`e2e-subject-${stamp}`, `e2e-subject-ipt-${stamp}`));
  await page.getByRole("button", { name: "Preview" }).click();
  await expect(page.getByRole("list", { name: "Problems" })).toContainText('No topic of Interpersonal');
});
