import { readdirSync, statSync } from "node:fs";
import path from "node:path";
import { expect, test, type APIRequestContext } from "@playwright/test";
import { DEMO, loadBank, signIn } from "./fixtures";

/**
 * Requests crafted the way an attacker would, against the production build.
 *
 * A layout does not run when the client's router state says the browser already
 * has it: an RSC request whose Next-Router-State-Tree header claims the
 * instructor layout renders only the page. Every page must check for itself.
 */

/** Every page under app/instructor, as its route segments (route groups kept, as the router tree has them). */
function instructorPages(): string[][] {
  const root = path.resolve("app/instructor");
  const pages: string[][] = [];
  const walk = (dir: string, segments: string[]) => {
    for (const name of readdirSync(dir)) {
      const full = path.join(dir, name);
      if (statSync(full).isDirectory()) walk(full, [...segments, name]);
      else if (name === "page.tsx") pages.push(segments);
    }
  };
  walk(root, ["instructor"]);
  return pages;
}

/** A dynamic segment gets a value that names nothing real; the page must still refuse before looking it up. */
function urlOf(segments: string[]): string {
  const parts = segments.filter((s) => !/^\(.*\)$/.test(s)).map((s) => (/^\[.*\]$/.test(s) ? "crafted-id" : s));
  return `/${parts.join("/")}`;
}

type RouterTree = [unknown, Record<string, RouterTree>, ...unknown[]];

/** A route segment as the router tree names it: dynamic ones as [param, value, "d", siblings]. */
function treeSegment(segment: string): unknown {
  const dynamic = /^\[(.*)\]$/.exec(segment);
  return dynamic ? [dynamic[1], "crafted-id", "d", null] : segment;
}

/**
 * The router state a browser sends after it has rendered a sibling page: every
 * segment above the target claimed as present, a different page in its place.
 */
function claimedTree(segments: string[], sibling: string[]): string {
  const parents = segments.slice(0, -1);
  // The sibling's segments below the shared parents, down to its page.
  const rest = sibling.slice(parents.length);
  let subtree: RouterTree = ["__PAGE__", {}];
  for (const segment of [...rest].reverse()) subtree = [treeSegment(segment), { children: subtree }];
  for (const segment of [...parents].reverse()) subtree = [treeSegment(segment), { children: subtree }];
  const tree: RouterTree = ["", { children: subtree }];
  return encodeURIComponent(JSON.stringify(tree));
}

/** A page other than the target, as close to it as possible: the parent's own page, or any other. */
function siblingOf(segments: string[], pages: string[][]): string[] {
  const parent = segments.slice(0, -1);
  if (parent.length > 0) return parent;
  return pages.find((p) => p.join("/") !== segments.join("/"))!;
}

async function craftedRscGet(request: APIRequestContext, url: string, tree: string) {
  const headers = { RSC: "1", "Next-Router-State-Tree": tree, "Next-Url": url };
  let response = await request.get(url, { headers, maxRedirects: 0 });
  // Next answers an RSC request without its cache-busting _rsc parameter with a 307 to the URL that has it.
  for (let hops = 0; hops < 3 && response.status() === 307; hops += 1) {
    const location = response.headers()["location"];
    if (!location || !location.includes("_rsc")) break;
    response = await request.get(location, { headers, maxRedirects: 0 });
  }
  return response;
}

function expectNoStaffData(body: string, url: string): void {
  const bank = loadBank();
  const leaked = bank.questions.filter((q) => body.includes(q.id) || body.includes(q.stem));
  expect(leaked.map((q) => q.id), `${url} leaked question data`).toEqual([]);
  // The users page lists every account by name and email.
  for (const email of [DEMO.admin.email, DEMO.instructor.email]) expect(body, `${url} leaked a user's email`).not.toContain(email);
  for (const name of ["Demo Admin", "Demo Instructor"]) expect(body, `${url} leaked a user's name`).not.toContain(name);
}

test("every instructor page refuses a crafted RSC request that skips its layout, signed out or as a student", async ({ browser, playwright }) => {
  const pages = instructorPages();
  expect(pages.length).toBeGreaterThanOrEqual(2);

  const anonymous = await playwright.request.newContext({ baseURL: test.info().project.use.baseURL! });
  const studentContext = await browser.newContext();
  const studentPage = await studentContext.newPage();
  await signIn(studentPage, DEMO.student);

  for (const segments of pages) {
    const url = urlOf(segments);
    const tree = claimedTree(segments, siblingOf(segments, pages));
    for (const [who, request] of [
      ["signed out", anonymous],
      ["student", studentContext.request],
    ] as const) {
      const response = await craftedRscGet(request, url, tree);
      const body = await response.text();
      expectNoStaffData(body, `${url} (${who}, status ${response.status()})`);
    }
  }
  await anonymous.dispose();
  await studentContext.close();
});

test("the crafted request does reach the page for an instructor, so the check above can fail", async ({ page }) => {
  await signIn(page, DEMO.instructor, "/instructor/questions");
  const first = loadBank().questions[0]!;
  const listUrl = `/instructor/questions?q=${encodeURIComponent(first.id)}`;
  const response = await craftedRscGet(page.context().request, listUrl, claimedTree(["instructor", "questions"], ["instructor"]));
  const body = await response.text();
  expect(body).toContain(first.id);

  const admin = await page.context().browser()!.newContext();
  const adminPage = await admin.newPage();
  await signIn(adminPage, DEMO.admin, "/instructor/users");
  const users = await craftedRscGet(admin.request, "/instructor/users", claimedTree(["instructor", "users"], ["instructor"]));
  expect(await users.text()).toContain(DEMO.instructor.email);
  await admin.close();
});
