import { expect, test } from "@playwright/test";
import { DEMO, signIn, signOut, signUpStudent, uniqueEmail } from "./fixtures";

test("a student is refused the instructor area with a 403 page", async ({ page }) => {
  await signIn(page, DEMO.student);
  const response = await page.goto("/instructor");
  expect(response?.status()).toBe(403);
  await expect(page.getByRole("heading", { name: "Not allowed" })).toBeVisible();
  await expect(page.getByText("Question bank")).toHaveCount(0);
});

test("the seeded instructor gets in", async ({ page }) => {
  await signIn(page, DEMO.instructor, "/instructor");
  await expect(page).toHaveURL(/\/instructor$/);
  await expect(page.getByRole("heading", { name: "Question bank" })).toBeVisible();
  const response = await page.goto("/instructor/users");
  expect(response?.status()).toBe(403);
});

test("a raw POST to an instructor server action without a session is refused", async ({ page, browser }) => {
  // A fresh student whose role the admin will try to change.
  const studentEmail = uniqueEmail("target");
  await signUpStudent(page, "Target Student", studentEmail, "a sturdy passphrase");
  await signOut(page);

  // Learn the action's id from a real admin submit.
  await signIn(page, DEMO.admin, "/instructor/users");
  const row = page.getByRole("listitem").filter({ hasText: studentEmail });
  await row.getByLabel("Role").selectOption("INSTRUCTOR");
  const [request] = await Promise.all([
    page.waitForRequest((r) => r.method() === "POST" && Boolean(r.headers()["next-action"])),
    row.getByRole("button", { name: "Save" }).click(),
  ]);
  await expect(row.getByText("Saved")).toBeVisible();
  const actionId = request.headers()["next-action"]!;
  const body = request.postDataBuffer()!;
  const contentType = request.headers()["content-type"]!;

  // Replay it with no cookies, asking for ADMIN this time.
  const anonymous = await browser.newContext();
  const response = await anonymous.request.post("/instructor/users", {
    headers: { "Next-Action": actionId, "Content-Type": contentType },
    data: body.toString("utf8").replace("INSTRUCTOR", "ADMIN"),
  });
  expect(response.status()).toBe(401);
  await anonymous.close();

  await page.reload();
  await expect(page.getByRole("listitem").filter({ hasText: studentEmail }).getByLabel("Role")).toHaveValue("INSTRUCTOR");
});
