import http from "node:http";
import { expect, test } from "@playwright/test";
import { DEMO, signIn } from "./fixtures";
import { withE2eDb } from "./support/e2e-database";
import { actionsInBuild, actionsInSource, postAction } from "./support/server-actions";

/**
 * Issue 13: "a test posts to every new server action without a session and as a student and expects
 * 401/403". The actions are enumerated from the source (every "use server" file under app/instructor),
 * and the list must match the production build's manifest, so an action added later without coverage
 * fails this test rather than going unchecked.
 */

test("every server action under app/instructor refuses a signed-out visitor (401) and a student (403), and lets staff past the gate", async ({
  page,
  browser,
  playwright,
}) => {
  test.setTimeout(120_000);
  const source = actionsInSource("app/instructor");
  const built = actionsInBuild("app/instructor/");
  // Every exported action is in the build, and nothing in the build is missing from the source list.
  expect(built.map((a) => `${a.file}#${a.name}`).sort()).toEqual(source.map((a) => `${a.file}#${a.name}`).sort());
  // The list is the whole authoring area (17 today): a change here is deliberate.
  expect(built.map((a) => a.name).sort()).toEqual([
    "changeRoleAction",
    "checkStemAction",
    "createClassAction",
    "createResetLinkAction",
    "createSubjectAction",
    "createTopicAction",
    "deleteQuestionAction",
    "importQuestionsAction",
    "moveTopicAction",
    "regenerateJoinCodeAction",
    "removeMemberAction",
    "removeTopicAction",
    "resolveReportAction",
    "saveQuestionAction",
    "setBlueprintAction",
    "setStatusAction",
    "updateTopicAction",
  ]);

  const anonymous = await playwright.request.newContext({ baseURL: test.info().project.use.baseURL! });
  await signIn(page, DEMO.student);
  const adminContext = await browser.newContext();
  const adminPage = await adminContext.newPage();
  await signIn(adminPage, DEMO.admin, "/instructor");
  const auditsBefore = (await withE2eDb((db) => db.one<{ n: number }>(`SELECT COUNT(*) AS "n" FROM "AuditEntry"`)))!.n;

  for (const action of built) {
    const signedOut = await postAction(anonymous, action);
    expect(signedOut.status(), `${action.name} signed out`).toBe(401);
    const asStudent = await postAction(page.context().request, action);
    expect(asStudent.status(), `${action.name} as a student`).toBe(403);
    // The same request from an admin gets past the gate (and is refused for its crafted input), so the checks above can fail.
    const asAdmin = await postAction(adminContext.request, action);
    expect(asAdmin.status(), `${action.name} as an admin`).toBe(200);
  }

  await withE2eDb(async (db) => {
    expect(await db.one(`SELECT COUNT(*) AS "n" FROM "Subject" WHERE "slug" = 'crafted'`)).toEqual({ n: 0 });
    // Students' own account changes (a password change or reset: entity "user") are theirs to make; nothing else.
    expect(await db.one(`SELECT COUNT(*) AS "n" FROM "AuditEntry" WHERE "entityType" != 'user' AND "actorId" IN (SELECT "id" FROM "User" WHERE "role" = 'STUDENT')`)).toEqual({ n: 0 });
    expect((await db.one<{ n: number }>(`SELECT COUNT(*) AS "n" FROM "AuditEntry"`))!.n).toBeGreaterThanOrEqual(auditsBefore);
  });
  await anonymous.dispose();
  await adminContext.close();
});

/** A POST whose body is sent in chunks: no Content-Length, as no browser sends it. */
function chunkedPost(url: string, headers: Record<string, string>, body: Buffer): Promise<{ status: number; text: string }> {
  return new Promise((resolve, reject) => {
    const request = http.request(new URL(url, test.info().project.use.baseURL), { method: "POST", headers: { ...headers, "Transfer-Encoding": "chunked" } }, (response) => {
      const chunks: Buffer[] = [];
      response.on("data", (c: Buffer) => chunks.push(c));
      response.on("end", () => resolve({ status: response.statusCode ?? 0, text: Buffer.concat(chunks).toString("utf8") }));
    });
    // The server may answer and close before the whole body is sent.
    request.on("error", (error: NodeJS.ErrnoException) => (error.code === "EPIPE" || error.code === "ECONNRESET" ? undefined : reject(error)));
    for (let offset = 0; offset < body.length; offset += 256 * 1024) request.write(body.subarray(offset, offset + 256 * 1024));
    request.end();
  });
}

test("an oversized post sent in chunks (no Content-Length) gets a clear 4xx message, not Next's 500, and nothing is imported", async () => {
  const importAction = actionsInBuild("app/instructor/").find((a) => a.name === "importQuestionsAction")!;
  const boundary = "crafted-boundary";
  const stem = "Chunked oversized import question";
  const gift = `$CATEGORY: $course$/top/grief\n\n::chunked::${stem}?{=Grief ~Role dispute ~Role transition}\n`;
  const padding = "// padding\n".repeat(Math.ceil((8 * 1024 * 1024) / 11));
  const part = (name: string, value: string) => `--${boundary}\r\nContent-Disposition: form-data; name="${name}"\r\n\r\n${value}\r\n`;

  // Without JavaScript: the import form's own fields.
  const form = Buffer.from(`${part("intent", "commit")}${part("format", "gift")}${part("text", gift + padding)}--${boundary}--\r\n`);
  // With JavaScript: the server action's encoding.
  const action = Buffer.from(`${part("_1_intent", "commit")}${part("_1_format", "gift")}${part("_1_text", gift + padding)}${part("0", '[null,"$K1"]')}--${boundary}--\r\n`);
  const contentType = `multipart/form-data; boundary=${boundary}`;

  for (const [name, headers, body] of [
    ["the import form", { "Content-Type": contentType }, form],
    ["the import action", { "Content-Type": contentType, "Next-Action": importAction.id, Accept: "text/x-component" }, action],
  ] as const) {
    const response = await chunkedPost("/instructor/import", headers, body);
    expect(response.status, name).toBeGreaterThanOrEqual(400);
    expect(response.status, name).toBeLessThan(500);
    expect(response.text, name).toContain("Nothing was saved");
    expect(response.text, name).not.toMatch(/\bat \S+ \(|digest|Internal Server Error/);
  }
  // A small chunked post is refused the same way: the site cannot know its size before reading it.
  const small = await chunkedPost("/instructor/import", { "Content-Type": contentType }, Buffer.from(`${part("intent", "preview")}--${boundary}--\r\n`));
  expect(small.status).toBe(411);

  expect(await withE2eDb((db) => db.one(`SELECT COUNT(*) AS "n" FROM "QuestionVersion" WHERE "stem" LIKE ?`, `%${stem}%`))).toEqual({ n: 0 });
});
