import type { APIResponse, Page, Route } from "@playwright/test";
import type { QuestionBank } from "@/lib/questions/bank-schema";

/*
 * The no-leak specs' tools (tests/e2e/no-leak.spec.ts for practice,
 * mock-exam-no-leak.spec.ts for mock exams): record every response a page
 * receives, and find in a response anything that would give an answer away.
 */

export type Item = QuestionBank["questions"][number];
export type Recorded = { url: string; kind: "document" | "rsc" | "action" | "other"; body: string };

/**
 * A long plain run of a text (letters, digits, spaces): it reads the same in
 * HTML, in RSC payloads and in escaped JSON, so a leak cannot hide behind
 * &#x27; or \" escaping.
 */
export function probe(text: string): string {
  const runs = text.split(/[^A-Za-z0-9 ,]+/).map((r) => r.trim());
  return runs.reduce((best, run) => (run.length > best.length ? run : best), "");
}

/** What in a response would give the answer to any of these items away before it is given. */
export function leaksIn(body: string, items: Item | readonly Item[]): string[] {
  const found: string[] = [];
  // The key flag in any serialisation (JSON, or JSON inside the HTML's escaped RSC strings).
  if (/\\*"correct(OptionId)?\\*"\s*:/.test(body)) found.push("a correct flag");
  if (/\\*"(feedback|explanation)\\*"\s*:/.test(body)) found.push("a feedback or explanation field");
  for (const item of ([] as Item[]).concat(items)) {
    const explanation = probe(item.explanation);
    if (explanation.length >= 12 && body.includes(explanation)) found.push(`the explanation ("${explanation}")`);
    for (const option of item.options) {
      const feedback = probe(option.feedback);
      if (feedback.length >= 12 && body.includes(feedback)) found.push(`feedback ("${feedback}")`);
    }
  }
  return found;
}

/**
 * The response to a routed request, or null when the connection failed.
 *
 * Playwright fetches through a keep-alive agent: a socket the server closes
 * (its keep-alive timeout) just as the agent reuses it resets the request.
 * Chromium retries an idempotent request on such a reset by itself;
 * Playwright's fetch does not, and a server action's POST must not be sent
 * twice. So every proxied request asks for its own connection
 * (`connection: close`): no socket is ever reused, and the race cannot
 * happen. A GET or HEAD that still fails is retried once; anything else that
 * fails is aborted by the caller, so the page sees a network error, as it
 * would without the recorder, instead of a request that never ends.
 */
async function fetchOrNull(route: Route): Promise<APIResponse | null> {
  const request = route.request();
  const method = request.method();
  const attempts = method === "GET" || method === "HEAD" ? 2 : 1;
  for (let attempt = 1; attempt <= attempts; attempt++) {
    try {
      return await route.fetch({ maxRedirects: 0, headers: { ...request.headers(), connection: "close" } });
    } catch {
      // Fall through to the retry, or to the abort.
    }
  }
  return null;
}

/**
 * Every request of the page goes through here: the response is fetched in
 * full, recorded, and handed to the page unchanged.
 */
export async function record(page: Page, into: Recorded[]): Promise<void> {
  await page.route("**/*", async (route) => {
    const request = route.request();
    if (/\/_next\/static\//.test(request.url())) return route.continue();
    const headers = await request.allHeaders();
    const kind: Recorded["kind"] = headers["next-action"]
      ? "action"
      : headers["rsc"] === "1"
        ? "rsc"
        : request.resourceType() === "document"
          ? "document"
          : "other";
    const response = await fetchOrNull(route);
    if (!response) return route.abort("connectionreset");
    const body = await response.text();
    into.push({ url: request.url(), kind, body });
    await route.fulfill({ response, body });
  });
}
