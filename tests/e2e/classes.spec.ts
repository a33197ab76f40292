import { expect, test } from "@playwright/test";
import { DEMO, signIn, signUpStudent, uniqueEmail } from "./fixtures";

test("an instructor creates a class, a student joins with its code and takes its exam date, and a regenerated code retires the old one", async ({ browser }) => {
  const instructor = await browser.newContext();
  const teacherPage = await instructor.newPage();
  await signIn(teacherPage, DEMO.instructor, "/instructor/classes");
  const className = `Cohort ${Date.now()}`;
  await teacherPage.getByLabel("Class name").fill(className);
  await teacherPage.getByLabel("Exam date (optional)").fill("2027-06-15");
  await teacherPage.getByRole("button", { name: "Create class" }).click();
  await expect(teacherPage.getByRole("heading", { name: className })).toBeVisible();
  const code = (await teacherPage.getByTestId("join-code").innerText()).replace("-", "");
  expect(code).toMatch(/^[A-Z2-9]{8}$/);

  const student = await browser.newContext();
  const studentPage = await student.newPage();
  const studentName = "Class Joiner";
  await signUpStudent(studentPage, studentName, uniqueEmail("joiner"), "a sturdy passphrase");
  await studentPage.goto(`/join?code=${code.slice(0, 4).toLowerCase()}-${code.slice(4).toLowerCase()}`);
  await studentPage.getByRole("button", { name: "Join class" }).click();
  await expect(studentPage.getByText(`You joined ${className}. Your exam date is now 15 June 2027`)).toBeVisible();

  await teacherPage.reload();
  await expect(teacherPage.getByRole("cell", { name: studentName, exact: true })).toBeVisible();

  teacherPage.once("dialog", (dialog) => void dialog.accept());
  await teacherPage.getByRole("button", { name: "Regenerate code" }).click();
  await expect(teacherPage.getByText("New code made; the old one no longer works.")).toBeVisible();
  await expect(teacherPage.getByTestId("join-code")).not.toHaveText(`${code.slice(0, 4)}-${code.slice(4)}`);

  const late = await browser.newContext();
  const latePage = await late.newPage();
  await signUpStudent(latePage, "Late Student", uniqueEmail("late"), "a sturdy passphrase");
  await latePage.goto("/join");
  await latePage.getByLabel("Class code").fill(code);
  await latePage.getByRole("button", { name: "Join class" }).click();
  await expect(latePage.getByRole("alert").filter({ hasText: /\S/ })).toContainText("No class has that code");
  await Promise.all([instructor.close(), student.close(), late.close()]);
});

test("a student is refused every class page and action", async ({ page }) => {
  await signIn(page, DEMO.student);
  const response = await page.goto("/instructor/classes");
  expect(response?.status()).toBe(403);
});
