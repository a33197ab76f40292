import { spawn } from "node:child_process";
import { expect, test, type Page } from "@playwright/test";
import { encode } from "next-auth/jwt";
import { DEMO, signIn, signOut, signUpStudent, uniqueEmail } from "./fixtures";
import { E2E_DATABASE_URL, withE2eDb } from "./support/e2e-database";

const PASSWORD = "a sturdy passphrase";
const E2E_PORT = Number(process.env.E2E_PORT ?? 3100);

async function tryPassword(page: Page, email: string, password: string): Promise<string> {
  await page.goto("/login");
  await page.getByLabel("Email").fill(email);
  await page.getByLabel("Password").fill(password);
  await page.getByRole("button", { name: "Sign in" }).click();
  const alert = page.getByRole("alert").filter({ hasText: /\S/ });
  await expect(alert).toBeVisible();
  return alert.innerText();
}

test("a signed-out session cookie opens nothing: not a page, not an action, not the session route", async ({ page, browser }) => {
  const email = uniqueEmail("replay");
  await signUpStudent(page, "Replay Student", email, PASSWORD);

  // Capture a real answer submit (its action id and body) and the cookies of this session.
  await page.locator('input[type="radio"]').first().check();
  const [request] = await Promise.all([
    page.waitForRequest((r) => r.method() === "POST" && Boolean(r.headers()["next-action"])),
    page.getByRole("button", { name: "Check answer" }).click(),
  ]);
  await expect(page.getByTestId("explanation")).toBeVisible();
  const oldCookies = (await page.context().cookies()).filter((c) => c.name.includes("session-token"));
  expect(oldCookies.length).toBeGreaterThan(0);
  await signOut(page);

  const replay = await browser.newContext();
  await replay.addCookies(oldCookies);
  const replayPage = await replay.newPage();
  await replayPage.goto("/practice");
  await expect(replayPage).toHaveURL(/\/login\?next=%2Fpractice/);

  const action = await replay.request.post("/practice", {
    headers: { "Next-Action": request.headers()["next-action"]!, "Content-Type": request.headers()["content-type"]! },
    data: request.postDataBuffer()!.toString("utf8").replace(/[A-Za-z0-9_-]{32}/, "replayedtoken0000000000000000000"),
    maxRedirects: 0,
  });
  expect(action.status()).toBe(401);

  const session = await replay.request.get("/api/auth/session", { maxRedirects: 0 });
  expect(session.status()).toBe(401);
  expect(session.headers()["set-cookie"] ?? "").toMatch(/session-token=;/);
  await replay.close();
});

test("a session token forged with the secret that used to live in the source opens nothing", async ({ browser }) => {
  const admin = (await withE2eDb((db) => db.one<{ id: string; sessionVersion: number }>(`SELECT "id", "sessionVersion" FROM "User" WHERE "email" = ?`, DEMO.admin.email)))!;
  const salt = "authjs.session-token";
  const forged = await encode({
    token: { sub: admin.id, sv: admin.sessionVersion, authTime: Date.now(), email: DEMO.admin.email },
    secret: "dev-only-insecure-secret-change-me-0123456789",
    salt,
  });
  const context = await browser.newContext();
  await context.addCookies([{ name: salt, value: forged, url: test.info().project.use.baseURL! }]);
  const page = await context.newPage();
  await page.goto("/instructor/users");
  await expect(page).toHaveURL(/\/login\?next=%2Finstructor/);
  expect(await page.content()).not.toContain(DEMO.instructor.email);
  await context.close();
});

test("every response forbids framing", async ({ request }) => {
  for (const path of ["/login", "/instructor/users", "/api/auth/session", "/no-such-page"]) {
    const response = await request.get(path, { maxRedirects: 0 });
    expect(response.headers()["x-frame-options"], path).toBe("DENY");
    expect(response.headers()["content-security-policy"], path).toContain("frame-ancestors 'none'");
  }
});

test("sign-in throttling: the same answers for real and unknown emails, and the owner's own browser still gets in", async ({ browser }) => {
  // Thirteen full sign-in round trips, each with a password hash: a long flow, not a speed target.
  test.setTimeout(180_000);
  const email = uniqueEmail("owner");
  const owner = await browser.newContext();
  const ownerPage = await owner.newPage();
  await signUpStudent(ownerPage, "Owner", email, PASSWORD);
  await signOut(ownerPage);

  const attacker = await browser.newContext();
  const attackerPage = await attacker.newPage();
  const ghost = uniqueEmail("ghost");
  const real: string[] = [];
  const unknown: string[] = [];
  for (let i = 0; i < 6; i += 1) {
    real.push(await tryPassword(attackerPage, email, `wrong guess ${i}`));
    unknown.push(await tryPassword(attackerPage, ghost, `wrong guess ${i}`));
  }
  expect(unknown).toEqual(real);
  expect(real.slice(0, 5)).toEqual(Array<string>(5).fill("That email and password do not match an account."));
  expect(real[5]).toMatch(/^Too many sign-in attempts\. Try again in \d+ minutes/);

  // The attacker's right guess now would be refused as well ...
  expect(await tryPassword(attackerPage, email, PASSWORD)).toMatch(/^Too many sign-in attempts/);
  // ... but the owner, in the browser they signed in from before, gets in.
  await signIn(ownerPage, { email, password: PASSWORD });
  await expect(ownerPage).toHaveURL(/\/practice$/);
  await owner.close();
  await attacker.close();
});

test("a signed-in user is never redirected off the site by ?next=", async ({ page }) => {
  await signIn(page, DEMO.student);
  for (const next of ["/%09/evil.example", "//evil.example", "/%5Cevil.example", "https://evil.example/"]) {
    await page.goto(`/login?next=${next}`);
    expect(new URL(page.url()).host, next).toBe(new URL(test.info().project.use.baseURL!).host);
  }
});

test("practice works where the browser has no crypto.randomUUID (plain HTTP origins)", async ({ page }) => {
  await page.addInitScript(() => {
    Object.defineProperty(globalThis.crypto, "randomUUID", { value: undefined, configurable: true });
  });
  await signUpStudent(page, "Plain HTTP", uniqueEmail("insecure"), PASSWORD);
  await page.locator('input[type="radio"]').first().check();
  await page.getByRole("button", { name: "Check answer" }).click();
  await expect(page.getByTestId("explanation")).toBeVisible();
});

/** Starts the built server with the given environment and returns its exit code and output (or null if it kept running). */
function startServer(env: Record<string, string | undefined>, port: number): Promise<{ code: number | null; output: string }> {
  return new Promise((resolve) => {
    const child = spawn("node_modules/.bin/next", ["start", "-H", "127.0.0.1", "-p", String(port)], {
      env: env as NodeJS.ProcessEnv,
      stdio: ["ignore", "pipe", "pipe"],
    });
    let output = "";
    child.stdout.on("data", (d: Buffer) => (output += d.toString()));
    child.stderr.on("data", (d: Buffer) => (output += d.toString()));
    const timer = setTimeout(() => {
      child.kill("SIGKILL");
      resolve({ code: null, output });
    }, 20_000);
    child.on("exit", (code) => {
      clearTimeout(timer);
      resolve({ code, output });
    });
  });
}

test("the server refuses to start without AUTH_SECRET under any NODE_ENV but development", async () => {
  const env = { PATH: process.env.PATH, DATABASE_URL: E2E_DATABASE_URL, NODE_ENV: "test", DEMO_MODE: "true" };
  const result = await startServer(env, E2E_PORT + 97);
  expect(result.code).toBe(1);
  expect(result.output).toContain("AUTH_SECRET is required");
});

test("a production server refuses to start while demo accounts with published passwords exist, unless in demo mode", async () => {
  const env = {
    PATH: process.env.PATH,
    DATABASE_URL: E2E_DATABASE_URL,
    NODE_ENV: "production",
    AUTH_SECRET: "e2e-only-secret-not-for-production-000000",
  };
  const result = await startServer(env, E2E_PORT + 98);
  expect(result.code).toBe(1);
  expect(result.output).toMatch(/published in the README: .*admin@example\.com/);
  expect(result.output).toContain("npm run admin:create");
});
