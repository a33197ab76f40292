import { expect, test } from "@playwright/test";
import { DEMO, signIn } from "./fixtures";

test("an instructor previews a GIFT file, sees the broken question's line, fixes it and imports", async ({ page }) => {
  await signIn(page, DEMO.instructor, "/instructor/import");
  const stamp = Date.now().toString(36);
  const broken = [
    "$CATEGORY: $course$/top/grief",
    "",
    `::ok-${stamp}::[id:e2e-ok-${stamp}] Which problem area fits a client stuck after a death in the family (${stamp})?{`,
    "=Grief #Right: a death.",
    "~Role dispute #No open conflict.",
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
  await page.getByRole("button", { name: "Import", exact: true }).click();
  await expect(page.getByText("Imported: 2 new, 0 updated, 0 unchanged, 0 skipped.")).toBeVisible();
  await page.getByRole("button", { name: "Import", exact: true }).click();
  await expect(page.getByText("Imported: 0 new, 0 updated, 2 unchanged, 0 skipped.")).toBeVisible();
});
