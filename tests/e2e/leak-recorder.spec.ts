import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { expect, test } from "@playwright/test";
import { record, type Recorded } from "./support/leak-check";

/*
 * The no-leak specs' recorder must not itself make a page hang: a request
 * whose connection resets (a kept-alive socket closed by the server just as
 * it is reused) is retried once when idempotent, and otherwise fails as it
 * would without the recorder. A small local server that resets chosen
 * requests stands in for the app. Better still, the race is never run:
 * the recorder never reuses a socket.
 */

let server: Server;
let origin: string;
const resetsLeft = new Map<string, number>();
/** The client port of every request the server answered, in order. */
const ports: number[] = [];

test.beforeAll(async () => {
  server = createServer((request, response) => {
    const key = `${request.method} ${request.url}`;
    const left = resetsLeft.get(key) ?? 0;
    if (left > 0) {
      resetsLeft.set(key, left - 1);
      request.socket.destroy();
      return;
    }
    ports.push(request.socket.remotePort ?? -1);
    response.writeHead(200, { "content-type": "text/html" });
    response.end(`<p id="said">${request.method} ${request.url}</p>`);
  });
  await new Promise<void>((done) => server.listen(0, "127.0.0.1", done));
  origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});

test.afterAll(async () => {
  await new Promise((done) => server.close(done));
});

test("a GET reset once is retried and recorded", async ({ page }) => {
  const seen: Recorded[] = [];
  await record(page, seen);
  resetsLeft.set("GET /reset-once", 1);
  await page.goto(`${origin}/reset-once`, { timeout: 10_000 });
  await expect(page.locator("#said")).toHaveText("GET /reset-once");
  expect(seen.map((r) => r.url)).toEqual([`${origin}/reset-once`]);
});

test("a POST that resets fails in the page instead of hanging", async ({ page }) => {
  const seen: Recorded[] = [];
  await record(page, seen);
  await page.goto(`${origin}/start`);
  resetsLeft.set("POST /save", 1);
  const outcome = await page.evaluate(() =>
    fetch("/save", { method: "POST", body: "x" }).then(
      (r) => `answered ${r.status}`,
      () => "network error",
    ),
  );
  expect(outcome).toBe("network error");
  expect(seen.map((r) => r.url)).toEqual([`${origin}/start`]);
});

test("every recorded request has a connection of its own, so no kept-alive socket is reused", async ({ page }) => {
  const seen: Recorded[] = [];
  await record(page, seen);
  await page.goto(`${origin}/first`);
  ports.length = 0;
  const said = await page.evaluate(async () => {
    const out: string[] = [];
    for (const path of ["/a", "/b", "/c"]) out.push(await (await fetch(path, { method: path === "/b" ? "POST" : "GET" })).text());
    return out;
  });
  expect(said).toEqual(['<p id="said">GET /a</p>', '<p id="said">POST /b</p>', '<p id="said">GET /c</p>']);
  expect(ports).toHaveLength(3);
  expect(new Set(ports).size, `client ports ${ports.join(", ")}`).toBe(3);
});
