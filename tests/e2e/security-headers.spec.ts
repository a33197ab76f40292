import { expect, test, type APIResponse, type Page } from "@playwright/test";
import { DEMO, signIn } from "./fixtures";
import { actionsInBuild, postAction } from "./support/server-actions";

/**
 * The security headers (lib/server/security-headers.ts, proxy.ts, next.config.ts)
 * on each kind of response, and the pages still working under them.
 */

function policyOf(response: APIResponse): Map<string, string> {
  const header = response.headers()["content-security-policy"] ?? "";
  const directives = new Map<string, string>();
  for (const part of header.split(";")) {
    const [name, ...values] = part.trim().split(/\s+/);
    if (name) directives.set(name, values.join(" "));
  }
  return directives;
}

/** The headers every response carries, document or not. */
function expectCommonHeaders(response: APIResponse, what: string): void {
  const headers = response.headers();
  const policy = policyOf(response);
  // One policy: a document's nonce policy replaces the static one instead of joining it (browsers would enforce both).
  expect(response.headersArray().filter((h) => h.name.toLowerCase() === "content-security-policy"), what).toHaveLength(1);
  expect(policy.get("frame-ancestors"), what).toBe("'none'");
  expect(policy.get("object-src"), what).toBe("'none'");
  expect(policy.get("base-uri"), what).toBe("'self'");
  expect(policy.get("form-action"), what).toBe("'self'");
  expect(policy.get("script-src"), what).not.toContain("unsafe-inline");
  expect(policy.get("script-src"), what).not.toContain("unsafe-eval");
  expect(headers["x-content-type-options"], what).toBe("nosniff");
  expect(headers["x-frame-options"], what).toBe("DENY");
  expect(headers["referrer-policy"], what).toBe("same-origin");
  for (const feature of ["camera", "microphone", "geolocation", "payment"]) expect(headers["permissions-policy"], what).toContain(`${feature}=()`);
  // This server speaks plain http, so no HSTS (the test below asks as if through an HTTPS proxy).
  expect(headers["strict-transport-security"], what).toBeUndefined();
}

/** A document: a nonce of its own in script-src, and on every script in the HTML. Returns the nonce. */
async function expectDocumentNonce(response: APIResponse, what: string): Promise<string> {
  const scriptSrc = policyOf(response).get("script-src") ?? "";
  const nonce = /'nonce-([A-Za-z0-9+/=]+)'/.exec(scriptSrc)?.[1];
  expect(nonce, `${what}: script-src ${scriptSrc}`).toBeDefined();
  expect(scriptSrc, what).toContain("'strict-dynamic'");
  const html = await response.text();
  const scripts = html.match(/<script\b[^>]*>/g) ?? [];
  expect(scripts.length, what).toBeGreaterThan(0);
  expect(scripts.filter((tag) => !tag.includes(` nonce="${nonce}"`)), `${what}: scripts without the nonce`).toEqual([]);
  return nonce!;
}

test("documents get a fresh nonce on every script; actions and static files get the static policy; all get the common headers", async ({ page, playwright }) => {
  const anonymous = await playwright.request.newContext({ baseURL: test.info().project.use.baseURL! });

  const login = await anonymous.get("/login");
  expect(login.status()).toBe(200);
  expectCommonHeaders(login, "/login");
  const first = await expectDocumentNonce(login, "/login");
  const again = await anonymous.get("/login");
  expect(await expectDocumentNonce(again, "/login again")).not.toBe(first);

  const missing = await anonymous.get("/no-such-page");
  expect(missing.status()).toBe(404);
  expectCommonHeaders(missing, "404");
  await expectDocumentNonce(missing, "404");

  await signIn(page, DEMO.student);
  const settings = await page.context().request.get("/settings");
  expect(settings.status()).toBe(200);
  expectCommonHeaders(settings, "/settings signed in");
  await expectDocumentNonce(settings, "/settings signed in");

  // A server action's result is not a document: the proxy does not run for it (the practice hot path).
  const signInAction = actionsInBuild("app/(auth)/").find((a) => a.name === "signInFormAction")!;
  const action = await postAction(anonymous, signInAction);
  expect(action.status()).toBe(200);
  expect(action.headers()["content-type"]).toContain("text/x-component");
  expectCommonHeaders(action, "action");
  expect(policyOf(action).get("script-src")).toBe("'self'");

  const script = /<script\b[^>]*\bsrc="(\/_next\/static\/[^"]+\.js)"/.exec(await login.text())?.[1];
  expect(script).toBeDefined();
  const asset = await anonymous.get(script!);
  expect(asset.status()).toBe(200);
  expectCommonHeaders(asset, "static file");
  expect(policyOf(asset).get("script-src")).toBe("'self'");
  await anonymous.dispose();
});

test("HSTS is sent when the request came through an HTTPS proxy", async ({ request }) => {
  for (const path of ["/login", "/no-such-page"]) {
    const response = await request.get(path, { headers: { "X-Forwarded-Proto": "https" } });
    expect(response.headers()["strict-transport-security"], path).toBe("max-age=31536000");
  }
});

/** Collects CSP violations and console errors from the moment the page starts. */
async function watchForViolations(page: Page): Promise<() => Promise<string[]>> {
  const console: string[] = [];
  page.on("console", (message) => {
    if (message.type() === "error") console.push(message.text());
  });
  await page.addInitScript(() => {
    const seen: string[] = [];
    (window as unknown as { cspViolations: string[] }).cspViolations = seen;
    document.addEventListener("securitypolicyviolation", (event) => seen.push(`${event.violatedDirective} ${event.blockedURI}`));
  });
  return async () => {
    const inPage = await page.evaluate(() => (window as unknown as { cspViolations?: string[] }).cspViolations ?? []);
    return [...inPage, ...console.filter((text) => /Content Security Policy|Refused to/i.test(text))];
  };
}

test("pages hydrate and work under the policy, with no violation reported", async ({ page }) => {
  const violations = await watchForViolations(page);
  await signIn(page, DEMO.student, "/settings");
  await expect(page).toHaveURL(/\/settings$/);

  // The theme buttons post a form without JavaScript; hydrated, they switch in place and post nothing.
  const themePosts: string[] = [];
  page.on("request", (request) => {
    if (request.url().includes("/api/theme")) themePosts.push(request.url());
  });
  const group = page.getByRole("group", { name: "Colour theme" });
  const current = await group.getByRole("button", { pressed: true }).innerText();
  const other = current === "Dark" ? "System" : "Dark";
  // React has hydrated the button once it hangs its props on the element: blocked scripts never would.
  const hydrated = () => group.getByRole("button", { name: other }).evaluate((el) => Object.keys(el).some((key) => key.startsWith("__reactProps")));
  await expect.poll(hydrated).toBe(true);
  await group.getByRole("button", { name: other }).click();
  await expect(group.getByRole("button", { name: other })).toHaveAttribute("aria-pressed", "true");
  await expect(page.locator("html")).toHaveClass(new RegExp(other.toLowerCase()));
  expect(themePosts).toEqual([]);

  // A client-side navigation loads more scripts, which the nonce's 'strict-dynamic' lets in.
  await page.getByRole("link", { name: "IPT Exam Prep" }).click();
  await expect(page).toHaveURL(/\/$/);
  await expect(page.getByRole("heading", { level: 1 })).toBeVisible();
  expect(await violations()).toEqual([]);
});
