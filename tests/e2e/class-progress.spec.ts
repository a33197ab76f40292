import AxeBuilder from "@axe-core/playwright";
import { readFileSync } from "node:fs";
import { expect, test, type Page } from "@playwright/test";
import { DEMO, signIn, signUpStudent, uniqueEmail } from "./fixtures";
import { seedClassMembers } from "./support/class-seed";

async function violations(page: Page): Promise<string[]> {
  const results = await new AxeBuilder({ page }).analyze();
  return results.violations.map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(" ")).join(", ")}`);
}

test.describe.configure({ timeout: 240_000 });

test("an instructor sees a class's progress, a member's dashboard and downloads the CSV; others cannot", async ({ browser }) => {
  const teacher = await browser.newContext();
  const teacherPage = await teacher.newPage();
  await signIn(teacherPage, DEMO.instructor, "/instructor/classes");
  const className = `Progress ${Date.now()}`;
  await teacherPage.getByLabel("Class name").fill(className);
  await teacherPage.getByLabel("Exam date (optional)").fill("2027-06-15");
  await teacherPage.getByRole("button", { name: "Create class" }).click();
  await expect(teacherPage.getByRole("heading", { name: className })).toBeVisible();
  const code = (await teacherPage.getByTestId("join-code").innerText()).replace("-", "");
  const classUrl = teacherPage.url();

  // Two students join; one practises two questions, the other never does.
  const student = await browser.newContext();
  const studentPage = await student.newPage();
  await signUpStudent(studentPage, "Keen Member", uniqueEmail("keen"), "a sturdy passphrase");
  for (const name of ["Quiet Member"]) {
    const other = await browser.newContext();
    const otherPage = await other.newPage();
    await signUpStudent(otherPage, name, uniqueEmail("quiet"), "a sturdy passphrase");
    await otherPage.goto(`/join?code=${code}`);
    await otherPage.getByRole("button", { name: "Join class" }).click();
    await expect(otherPage.getByText(`You joined ${className}`)).toBeVisible();
    await other.close();
  }
  await studentPage.goto(`/join?code=${code}`);
  await studentPage.getByRole("button", { name: "Join class" }).click();
  await expect(studentPage.getByText(`You joined ${className}`)).toBeVisible();
  await studentPage.goto("/practice");
  for (let i = 0; i < 2; i++) {
    await studentPage.locator('input[name="optionId"]').first().check();
    await studentPage.getByRole("button", { name: "Check answer" }).click();
    await expect(studentPage.getByTestId("explanation")).toBeVisible();
    if (i === 0) await studentPage.getByRole("button", { name: "Next question" }).click();
  }
  // Viewing the dashboard stores the student's estimate for the class views.
  await studentPage.goto("/dashboard");
  await expect(studentPage.getByTestId("readiness-now")).toBeVisible();

  await teacherPage.getByRole("link", { name: "Class progress" }).click();
  await expect(teacherPage.getByRole("heading", { name: `${className}: progress` })).toBeVisible();
  const progressUrl = teacherPage.url();
  // The estimate is refreshed in the background; reload until it is in.
  await expect(async () => {
    await teacherPage.reload();
    await expect(teacherPage.getByTestId("class-members").getByRole("row", { name: /Keen Member/ })).toContainText("%");
  }).toPass({ timeout: 30_000 });
  await expect(teacherPage.getByTestId("at-risk")).toContainText("Quiet Member");
  await expect(teacherPage.getByTestId("at-risk")).toContainText("has not practised yet");
  await expect(teacherPage.getByTestId("class-activity")).toContainText("2 answers");
  await expect(teacherPage.getByTestId("mastery-heat").getByRole("row")).not.toHaveCount(1);
  expect(await violations(teacherPage), "class overview").toEqual([]);

  // An inverted range is explained, and the default range shown instead.
  await teacherPage.goto(`${progressUrl}?from=2026-05-01&to=2026-04-01`);
  await expect(teacherPage.getByRole("alert").filter({ hasText: /\S/ })).toContainText("The range starts after it ends");

  // The CSV.
  await teacherPage.goto(progressUrl);
  const downloading = teacherPage.waitForEvent("download");
  await teacherPage.getByRole("link", { name: "Download progress (CSV)" }).click();
  const download = await downloading;
  const csv = readFileSync(await download.path(), "utf8");
  expect(csv.split("\r\n")[0]).toMatch(/^name,email,joined,readiness_now_pct/);
  expect(csv).toContain("Keen Member");
  expect(csv).toContain("Quiet Member");

  // A member's own page, read-only.
  await teacherPage.getByTestId("class-members").getByRole("link", { name: "Keen Member" }).click();
  await expect(teacherPage.getByRole("heading", { name: "Progress of Keen Member" })).toBeVisible();
  await expect(teacherPage.getByText(/2 answers in all/)).toBeVisible();
  await expect(teacherPage.getByRole("link", { name: /^Practise / })).toHaveCount(0);
  const memberUrl = teacherPage.url();

  // Dark mode on the overview.
  await teacherPage.goto(progressUrl);
  await teacherPage.getByRole("group", { name: "Colour theme" }).getByRole("button", { name: "Dark" }).click();
  await expect(teacherPage.locator("html")).toHaveClass("dark");
  await teacherPage.reload();
  expect(await violations(teacherPage), "class overview, dark").toEqual([]);

  // The student, an anonymous visitor and the admin asking directly.
  for (const url of [progressUrl, memberUrl, `${progressUrl}/export`]) {
    const asStudent = await studentPage.request.get(url, { maxRedirects: 0 });
    expect(asStudent.status(), `student: ${url}`).toBe(403);
    // (The student's own name is in the header; the classmate's must not appear.)
    expect(await asStudent.text()).not.toContain("Quiet Member");
  }
  const anonymous = await browser.newContext();
  const exportAnonymous = await anonymous.request.get(`${progressUrl}/export`, { maxRedirects: 0 });
  expect(exportAnonymous.status()).toBe(401);
  const pageAnonymous = await anonymous.request.get(progressUrl, { maxRedirects: 0 });
  expect([303, 307, 401]).toContain(pageAnonymous.status());
  expect(await pageAnonymous.text()).not.toContain("Quiet Member");

  // Another class id, a student who is not a member: not found, and nothing of anyone's data.
  const fakeClass = progressUrl.replace(/classes\/[^/]+/, "classes/ckzzzzzzzzzzzzzzzzzzzzzzz");
  expect((await teacherPage.request.get(fakeClass)).status()).toBe(404);
  expect((await teacherPage.request.get(`${progressUrl}/students/ckzzzzzzzzzzzzzzzzzzzzzzz`)).status()).toBe(404);
  expect((await teacherPage.request.get(`${progressUrl}/export`.replace(/classes\/[^/]+/, "classes/ckzzzzzzzzzzzzzzzzzzzzzzz"))).status()).toBe(404);
  expect(classUrl).toContain("/instructor/classes/");
  await Promise.all([teacher.close(), student.close(), anonymous.close()]);
});

test("a large class's student table comes a page at a time, and a bad page number is explained", async ({ page }) => {
  await signIn(page, DEMO.instructor, "/instructor/classes");
  const className = `Large ${Date.now()}`;
  await page.getByLabel("Class name").fill(className);
  await page.getByRole("button", { name: "Create class" }).click();
  await expect(page.getByRole("heading", { name: className })).toBeVisible();
  const classId = /\/instructor\/classes\/([^/?#]+)/.exec(page.url())![1]!;
  await seedClassMembers(classId, 30);

  const progressUrl = `/instructor/analytics/classes/${classId}`;
  await page.goto(progressUrl);
  const members = page.getByTestId("class-members");
  await expect(page.getByTestId("members-shown")).toContainText("1–25 of 30");
  await expect(members.getByRole("row", { name: /Member 01 / })).toHaveCount(1);
  await expect(members.getByRole("row", { name: /Member 26 / })).toHaveCount(0);
  await page.getByRole("navigation", { name: "Pages of students" }).getByRole("link", { name: "Next →" }).click();
  await expect(page.getByTestId("members-shown")).toContainText("26–30 of 30");
  await expect(members.getByRole("row", { name: /Member 30 / })).toHaveCount(1);
  await expect(members.getByRole("row", { name: /Member 01 / })).toHaveCount(0);
  // Everyone is still counted in the class's figures, whatever page the table shows.
  await expect(page.getByTestId("at-risk")).toContainText("Students at risk (30)");

  for (const bad of ["0", "two", "1.5"]) {
    await page.goto(`${progressUrl}?page=${bad}`);
    await expect(page.getByRole("alert").filter({ hasText: /\S/ })).toContainText("That page number was not understood");
    await expect(page.getByTestId("members-shown")).toContainText("1–25 of 30");
  }
  // Past the last page: the last page.
  await page.goto(`${progressUrl}?page=9`);
  await expect(page.getByTestId("members-shown")).toContainText("26–30 of 30");
});
