import { readFileSync } from "node:fs";
import AxeBuilder from "@axe-core/playwright";
import { expect, test, type Page } from "@playwright/test";
import { DEMO, signIn, signUpStudent, uniqueEmail } from "./fixtures";

const PASSWORD = "a sturdy passphrase";
const NEW_PASSWORD = "a brand new passphrase";

async function violations(page: Page): Promise<string[]> {
  const results = await new AxeBuilder({ page }).analyze();
  return results.violations.map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(" ")).join(", ")}`);
}

/** Whether the page's browser is still signed in: /practice lets it stay or sends it to sign in. */
async function signedIn(page: Page): Promise<boolean> {
  await page.goto("/practice");
  return !/\/login/.test(page.url());
}

type ExportFile = {
  profile: { email: string; name: string };
  answers: Array<{ question: string; questionVersion: number; stem: string; optionChosen: string; correct: boolean }>;
  memoryStates: Array<{ question: string }>;
};

test("a student exports their data, changes password (their other browser is signed out), then deletes the account", async ({ browser }) => {
  // Sign-up, two sign-ins, a password change and a deletion: each hashes a password on a shared 2-core machine.
  test.setTimeout(180_000);
  const email = uniqueEmail("lifecycle");
  const mine = await browser.newContext();
  const page = await mine.newPage();
  await signUpStudent(page, "Lifecycle Student", email, PASSWORD);
  await page.locator('input[name="optionId"]').first().check();
  await page.getByRole("button", { name: "Check answer" }).click();
  await expect(page.getByTestId("explanation")).toBeVisible();

  const elsewhere = await browser.newContext();
  const otherPage = await elsewhere.newPage();
  await signIn(otherPage, { email, password: PASSWORD });

  await page.goto("/settings");
  await expect(page.getByRole("heading", { name: "Change password" })).toBeVisible();
  await expect(page.getByRole("heading", { name: "Delete account" })).toBeVisible();
  expect(await violations(page), "settings with the account sections").toEqual([]);

  // Download my data: an attachment with this student's answer and no password hash.
  const [download] = await Promise.all([page.waitForEvent("download"), page.getByRole("link", { name: "Download my data" }).click()]);
  expect(download.suggestedFilename()).toMatch(/^my-ipt-exam-prep-data-\d{4}-\d{2}-\d{2}\.json$/);
  const text = readFileSync(await download.path(), "utf8");
  expect(text).not.toMatch(/passwordHash|\$argon2/);
  const data = JSON.parse(text) as ExportFile;
  expect(data.profile).toMatchObject({ email, name: "Lifecycle Student" });
  expect(data.answers).toHaveLength(1);
  expect(data.answers[0]!.questionVersion).toBeGreaterThanOrEqual(1);
  expect(data.answers[0]!.stem.length).toBeGreaterThan(0);
  expect(data.memoryStates.map((m) => m.question)).toEqual([data.answers[0]!.question]);
  const signedOutExport = await browser.newContext();
  expect((await signedOutExport.request.get("/settings/export", { maxRedirects: 0 })).status()).toBe(401);
  await signedOutExport.close();

  // A wrong current password changes nothing.
  await page.getByLabel("Current password").fill("not my password at all");
  await page.getByLabel("New password", { exact: true }).fill(NEW_PASSWORD);
  await page.getByLabel("New password again").fill(NEW_PASSWORD);
  await page.getByRole("button", { name: "Change password" }).click();
  await expect(page.getByRole("alert").filter({ hasText: "That is not your current password." })).toBeVisible();
  await expect(page.getByLabel("Current password")).toHaveAttribute("aria-invalid", "true");
  expect(await violations(page), "settings with a refused password change").toEqual([]);
  expect(await signedIn(otherPage)).toBe(true);

  await page.goto("/settings");
  await page.getByLabel("Current password").fill(PASSWORD);
  await page.getByLabel("New password", { exact: true }).fill(NEW_PASSWORD);
  await page.getByLabel("New password again").fill(NEW_PASSWORD);
  await page.getByRole("button", { name: "Change password" }).click();
  await expect(page.getByRole("status").filter({ hasText: "Your password was changed." })).toBeVisible();
  // This browser stays signed in; the other one is signed out at once.
  expect(await signedIn(page)).toBe(true);
  expect(await signedIn(otherPage)).toBe(false);
  await signIn(otherPage, { email, password: NEW_PASSWORD });

  // Deletion: the explicit phrase and the password, then signed out everywhere on a page that says so.
  await page.goto("/settings");
  await page.getByLabel("Your password").fill(NEW_PASSWORD);
  await page.getByLabel('Type "delete my account" to confirm').fill("delete it");
  await page.getByRole("button", { name: "Delete my account" }).click();
  await expect(page.getByText('Type "delete my account" to confirm.', { exact: true })).toBeVisible();
  await expect(page.getByRole("alert").filter({ hasText: "Some fields need your attention." })).toBeVisible();
  await page.getByLabel("Your password").fill(NEW_PASSWORD);
  await page.getByLabel('Type "delete my account" to confirm').fill("delete my account");
  await page.getByRole("button", { name: "Delete my account" }).click();
  await expect(page).toHaveURL(/\/account-deleted$/);
  await expect(page.getByRole("heading", { name: "Your account has been deleted" })).toBeVisible();
  await expect(page.getByRole("button", { name: "Sign out" })).toHaveCount(0);
  expect((await mine.cookies()).filter((c) => c.name.includes("session-token"))).toEqual([]);
  expect(await signedIn(otherPage)).toBe(false);

  // The account is gone: its credentials open nothing.
  await otherPage.goto("/login");
  await otherPage.getByLabel("Email").fill(email);
  await otherPage.getByLabel("Password").fill(NEW_PASSWORD);
  await otherPage.getByRole("button", { name: "Sign in" }).click();
  await expect(otherPage.getByRole("alert").filter({ hasText: "That email and password do not match an account." })).toBeVisible();
  await mine.close();
  await elsewhere.close();
});

test("an admin creates a one-time reset link for a user; it sets a new password once and ends the user's sessions", async ({ browser }) => {
  test.setTimeout(180_000);
  const email = uniqueEmail("reset");
  const user = await browser.newContext();
  const userPage = await user.newPage();
  await signUpStudent(userPage, "Forgetful Student", email, PASSWORD);

  const admin = await browser.newContext();
  const adminPage = await admin.newPage();
  await signIn(adminPage, DEMO.admin, "/instructor/users");
  const row = adminPage.getByRole("listitem").filter({ hasText: email });
  await row.getByRole("button", { name: "Create reset link for Forgetful Student" }).click();
  const link = await row.getByTestId("reset-link").inputValue();
  expect(link).toMatch(/\/reset\/[A-Za-z0-9_-]{43}$/);
  await admin.close();

  const stranger = await browser.newContext();
  const page = await stranger.newPage();
  await page.goto(link);
  await expect(page.getByRole("heading", { name: "Set a new password" })).toBeVisible();
  await expect(page.getByText(email)).toBeVisible();
  expect(await violations(page), "reset page").toEqual([]);
  await page.getByLabel("New password", { exact: true }).fill(NEW_PASSWORD);
  await page.getByLabel("New password again").fill("not the same passphrase");
  await page.getByRole("button", { name: "Set new password" }).click();
  await expect(page.getByText("The two new passwords do not match.")).toBeVisible();
  expect(await violations(page), "reset page with a refusal").toEqual([]);
  await page.getByLabel("New password", { exact: true }).fill(NEW_PASSWORD);
  await page.getByLabel("New password again").fill(NEW_PASSWORD);
  await page.getByRole("button", { name: "Set new password" }).click();
  await expect(page).toHaveURL(/\/login\?notice=password-reset$/);
  await expect(page.getByRole("status").filter({ hasText: "Sign in with your new password." })).toBeVisible();

  // The user's open session ended; the new password signs in.
  expect(await signedIn(userPage)).toBe(false);
  await signIn(page, { email, password: NEW_PASSWORD });

  // Used once: the link now says so with a 404, and so does a made-up one.
  for (const address of [link, "/reset/not-a-real-token", `/reset/${"A".repeat(43)}`]) {
    const response = await userPage.goto(address);
    expect(response?.status(), address).toBe(404);
    await expect(userPage.getByRole("heading", { name: "This reset link does not work" })).toBeVisible();
  }
  expect(await violations(userPage), "spent reset link").toEqual([]);
  await user.close();
  await stranger.close();
});

test("the account actions refuse a signed-out post with 401; the reset action refuses a made-up token and changes nothing", async ({ playwright }) => {
  const manifest = JSON.parse(readFileSync(".next/server/server-reference-manifest.json", "utf8")) as {
    node: Record<string, { filename?: string; exportedName?: string }>;
  };
  const idOf = (file: string, name: string) => {
    const found = Object.entries(manifest.node).find(([, entry]) => entry.filename === file && entry.exportedName === name);
    expect(found, `${file}#${name}`).toBeDefined();
    return found![0];
  };
  const anonymous = await playwright.request.newContext({ baseURL: test.info().project.use.baseURL! });
  const post = (url: string, id: string, fields: Record<string, string>) =>
    anonymous.post(url, {
      headers: { "Next-Action": id, Accept: "text/x-component" },
      multipart: { "0": '[null,"$K1"]', ...Object.fromEntries(Object.entries(fields).map(([k, v]) => [`1_${k}`, v])) },
      maxRedirects: 0,
    });
  const change = await post("/settings", idOf("app/settings/actions.ts", "changePasswordAction"), {
    currentPassword: DEMO.student.password,
    newPassword: NEW_PASSWORD,
    confirmPassword: NEW_PASSWORD,
  });
  expect(change.status()).toBe(401);
  const remove = await post("/settings", idOf("app/settings/actions.ts", "deleteAccountAction"), {
    password: DEMO.student.password,
    confirmation: "delete my account",
  });
  expect(remove.status()).toBe(401);
  const reset = await post(`/reset/${"B".repeat(43)}`, idOf("app/reset/actions.ts", "resetPasswordAction"), {
    token: "B".repeat(43),
    newPassword: NEW_PASSWORD,
    confirmPassword: NEW_PASSWORD,
  });
  expect(reset.status()).toBe(200);
  expect(await reset.text()).toContain("This reset link does not work");
  await anonymous.dispose();
});

/** The Set-Cookie headers of a response, by cookie name. */
function setCookies(headers: Array<{ name: string; value: string }>): Map<string, string> {
  return new Map(
    headers.filter((h) => h.name.toLowerCase() === "set-cookie").map((h) => [h.value.slice(0, h.value.indexOf("=")), h.value] as const),
  );
}

test("session cookies are HttpOnly and SameSite=Lax, and Secure whenever the site is served over https", async ({ browser, playwright }) => {
  const email = uniqueEmail("cookies");
  const context = await browser.newContext();
  const page = await context.newPage();
  await signUpStudent(page, "Cookie Student", email, PASSWORD);

  // This server is plain http on a loopback address (the quick start, these tests): no Secure, or the browser would drop it.
  const plain = (await context.cookies()).filter((c) => /session-token|ipt_device/.test(c.name));
  expect(plain.map((c) => c.name).sort()).toEqual(["authjs.session-token", "ipt_device"]);
  for (const cookie of plain) expect(cookie, cookie.name).toMatchObject({ httpOnly: true, sameSite: "Lax", secure: false });
  await context.close();

  // Behind a TLS proxy (X-Forwarded-Proto: https) the same sign-in sets Secure, __Secure- prefixed cookies.
  const https = { "X-Forwarded-Proto": "https" };
  const api = await playwright.request.newContext({ baseURL: test.info().project.use.baseURL! });
  const csrf = await api.get("/api/auth/csrf", { headers: https });
  const { csrfToken } = (await csrf.json()) as { csrfToken: string };
  const csrfCookie = setCookies(csrf.headersArray()).get("__Host-authjs.csrf-token");
  expect(csrfCookie).toMatch(/; Secure/);
  const signedIn = await api.post("/api/auth/callback/credentials", {
    headers: { ...https, Cookie: csrfCookie!.split(";")[0]! },
    form: { csrfToken, email, password: PASSWORD, callbackUrl: "/practice" },
    maxRedirects: 0,
  });
  expect(signedIn.status()).toBe(302);
  const cookies = setCookies(signedIn.headersArray());
  const session = cookies.get("__Secure-authjs.session-token");
  expect(session, [...cookies.keys()].join(", ")).toBeDefined();
  for (const value of [session!, cookies.get("ipt_device")!]) {
    expect(value).toMatch(/; HttpOnly/i);
    expect(value).toMatch(/; Secure/i);
    expect(value).toMatch(/; SameSite=Lax/i);
  }
  await api.dispose();
});
