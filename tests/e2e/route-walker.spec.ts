import { readFileSync } from "node:fs";
import { expect, test, type APIRequestContext, type APIResponse } from "@playwright/test";
import { DEMO, signIn, signUp, uniqueEmail } from "./fixtures";
import { actionsInBuild, postAction, urlOfAppPath } from "./support/server-actions";

/**
 * Every route and every server action in the production build (from its
 * manifests, not a list kept here), asked without a session and as each role.
 * The rule tables below say who may reach what; a route or action they do not
 * cover fails the test, so adding one forces a decision.
 */

type Access =
  | "public" // anyone
  | "guest" // signed-out visitors; a signed-in user is sent on to /practice
  | "signed-in" // any account
  | "staff" // instructors and admins
  | "admin"
  | "missing" // 404 for everyone: Next's not-found page, and /bench/empty outside bench:practice (BENCH_ENDPOINTS)
  | "error"; // Next's own prerendered error page: the same for everyone, without details

/** First match wins; a rule covers its path and everything below it ("/" only itself). */
const ROUTE_RULES: [string, Access][] = [
  ["/_not-found", "missing"],
  ["/_global-error", "error"],
  ["/bench/empty", "missing"],
  ["/api/auth", "public"],
  ["/api/theme", "public"],
  ["/login", "guest"],
  ["/signup", "guest"],
  // A one-time reset link's page (a made-up token finds nothing) and the page after an account is deleted.
  ["/reset", "public"],
  ["/account-deleted", "public"],
  ["/instructor/users", "admin"],
  ["/instructor", "staff"],
  ["/practice", "signed-in"],
  ["/dashboard", "signed-in"],
  ["/settings", "signed-in"],
  ["/welcome", "signed-in"],
  ["/subjects", "signed-in"],
  ["/join", "signed-in"],
  ["/", "public"],
];

/** By "file#name", or a file, or a folder (ending in "/"); first match wins. */
const ACTION_RULES: [string, Access][] = [
  ["app/(auth)/actions.ts", "public"],
  // Does nothing, for bench:practice's baseline.
  ["app/bench/empty/actions.ts", "public"],
  ["app/instructor/actions.ts#changeRoleAction", "admin"],
  ["app/instructor/users/", "admin"],
  ["app/reset/", "public"],
  ["app/instructor/", "staff"],
  ["app/practice/", "signed-in"],
  ["app/settings/", "signed-in"],
  ["app/subjects/", "signed-in"],
  ["app/join/", "signed-in"],
];

type Caller = "anonymous" | "student" | "instructor" | "admin";
const CALLERS: Caller[] = ["anonymous", "student", "instructor", "admin"];

function routeRule(path: string): Access | undefined {
  return ROUTE_RULES.find(([rule]) => path === rule || (rule !== "/" && path.startsWith(`${rule}/`)))?.[1];
}

function actionRule(file: string, name: string): Access | undefined {
  const key = `${file}#${name}`;
  return ACTION_RULES.find(([rule]) => key === rule || key.startsWith(rule.endsWith("/") ? rule : `${rule}#`))?.[1];
}

function allows(access: Access, caller: Caller): boolean {
  switch (access) {
    case "public":
      return true;
    case "guest":
      return caller === "anonymous";
    case "signed-in":
      return caller !== "anonymous";
    case "staff":
      return caller === "instructor" || caller === "admin";
    case "admin":
      return caller === "admin";
    case "missing":
    case "error":
      return false;
  }
}

/** Let through: the request met the handler, which may still refuse the empty input (4xx), but not the gate. */
function expectPastTheGate(response: APIResponse, what: string): void {
  expect.soft([401, 403], `${what}: refused at the gate (${response.status()})`).not.toContain(response.status());
  expect.soft(response.status(), `${what}: no server error`).toBeLessThan(500);
}

async function expectPage(response: APIResponse, access: Access, caller: Caller, url: string, dynamic: boolean): Promise<void> {
  const what = `${url} as ${caller}`;
  const status = response.status();
  const location = response.headers()["location"] ?? "";
  if (access === "missing") expect.soft(status, what).toBe(404);
  else if (access === "error") {
    // Prerendered with status 500; Next's cache may serve a refreshed copy with 200.
    expect.soft([200, 500], what).toContain(status);
    expect.soft(await response.text(), `${what}: a stack trace`).not.toMatch(/\bat [\w.<>$]+ \(/);
  } else if (allows(access, caller)) {
    // A made-up id finds nothing, whoever asks: never a page with data, never a server error.
    expect.soft(status, what).toBe(dynamic ? 404 : 200);
  } else if (access === "guest") {
    expect.soft(status, what).toBe(307);
    expect.soft(location, what).toBe("/practice");
  } else if (caller === "anonymous") {
    expect.soft(status, what).toBe(307);
    expect.soft(location, what).toMatch(/^\/login\?next=%2F/);
  } else expect.soft(status, what).toBe(403);
}

async function expectRouteHandler(callers: Record<Caller, APIRequestContext>, access: Access, url: string, baseURL: string): Promise<void> {
  for (const method of ["GET", "POST"] as const) {
    // A browser's POST says where it comes from; the import stream refuses one that does not.
    const send = (caller: Caller) => callers[caller].fetch(url, { method, headers: { Origin: baseURL }, maxRedirects: 0 });
    // 405 to a caller who may use the route: the handler has no such method, and nobody gets further.
    const allowed = CALLERS.find((caller) => allows(access, caller)) ?? "admin";
    const methodMissing = (await send(allowed)).status() === 405;
    for (const caller of CALLERS) {
      const response = await send(caller);
      const what = `${method} ${url} as ${caller}`;
      if (methodMissing) expect.soft(response.status(), what).toBe(405);
      else if (allows(access, caller)) expectPastTheGate(response, what);
      else expect.soft(response.status(), what).toBe(caller === "anonymous" ? 401 : 403);
    }
  }
}

test("every route in the build answers each role as its access rule says", async ({ browser, playwright }) => {
  test.setTimeout(180_000);
  const baseURL = test.info().project.use.baseURL!;
  const routes = Object.keys(JSON.parse(readFileSync(".next/server/app-paths-manifest.json", "utf8")) as Record<string, string>);
  expect(routes.length).toBeGreaterThan(10);

  const anonymous = await playwright.request.newContext({ baseURL });
  const contexts = [];
  const callers: Record<Caller, APIRequestContext> = { anonymous: anonymous, student: anonymous, instructor: anonymous, admin: anonymous };
  for (const caller of ["student", "instructor", "admin"] as const) {
    const context = await browser.newContext();
    await signIn(await context.newPage(), DEMO[caller]);
    callers[caller] = context.request;
    contexts.push(context);
  }

  for (const route of routes) {
    const url = urlOfAppPath(route);
    const access = routeRule(url);
    expect.soft(access, `new route ${url} has no expected access rule (ROUTE_RULES in route-walker.spec.ts)`).toBeDefined();
    if (!access) continue;
    if (route.endsWith("/route")) {
      await expectRouteHandler(callers, access, url, baseURL);
      continue;
    }
    for (const caller of CALLERS) {
      const response = await callers[caller].get(url, { maxRedirects: 0 });
      await expectPage(response, access, caller, url, route.includes("["));
    }
  }
  await anonymous.dispose();
  for (const context of contexts) await context.close();
});

test("every server action in the build refuses whoever its access rule leaves out", async ({ page, playwright }) => {
  test.setTimeout(180_000);
  const actions = actionsInBuild();
  expect(actions.length).toBeGreaterThan(10);
  const anonymous = await playwright.request.newContext({ baseURL: test.info().project.use.baseURL! });
  // A new student rather than the demo one: the crafted posts that get past the gate (an empty
  // "skip the welcome step", say) may change the poster's own settings, and other tests share the demo accounts.
  await signUp(page, "Walker Student", uniqueEmail("walker"), "a sturdy passphrase");
  await expect(page).toHaveURL(/\/welcome$/);
  const student = page.context().request;
  const instructorContext = await page.context().browser()!.newContext();
  await signIn(await instructorContext.newPage(), DEMO.instructor);

  for (const action of actions) {
    const access = actionRule(action.file, action.name);
    const what = `${action.file}#${action.name}`;
    expect.soft(access, `new server action ${what} has no expected access rule (ACTION_RULES in route-walker.spec.ts)`).toBeDefined();
    if (!access) continue;
    const signedOut = await postAction(anonymous, action);
    if (access === "public") expectPastTheGate(signedOut, `${what} signed out`);
    else expect.soft(signedOut.status(), `${what} signed out`).toBe(401);
    // Public actions are not posted while signed in: signing out would end the session for the rest of the walk.
    if (access === "public") continue;
    const asStudent = await postAction(student, action);
    if (access === "signed-in") expectPastTheGate(asStudent, `${what} as a student`);
    else expect.soft(asStudent.status(), `${what} as a student`).toBe(403);
    if (access === "admin") expect.soft((await postAction(instructorContext.request, action)).status(), `${what} as an instructor`).toBe(403);
  }
  await anonymous.dispose();
  await instructorContext.close();
});
