import { expect, test } from "@playwright/test";
import { loadBank, signUpStudent, uniqueEmail } from "./fixtures";
import { leaksIn, probe, record, type Recorded } from "./support/leak-check";

/*
 * The promise: before a presentation is answered, nothing the server sends
 * (the page's HTML, RSC payloads of client-side navigations, server action
 * results) says which option is correct, any option's feedback or the
 * explanation. The first test records every response while a question is open;
 * its control half shows the same checks find the key once it is answered.
 *
 * Checked by hand on 2026-12-02: adding `correct` to the options of the
 * unanswered view in lib/services/practice.ts (viewOf) makes the first test
 * fail on the /practice document with "a correct flag"; reverted.
 */


test("while a question is unanswered, no response (HTML, RSC payload, action result) carries its key, feedback or explanation", async ({
  page,
}) => {
  await signUpStudent(page, "Leak Hunter", uniqueEmail("leak"), "a sturdy passphrase");
  const recorded: Recorded[] = [];
  await record(page, recorded);

  // Full HTML of the question page.
  await page.reload();
  const legend = page.locator("fieldset legend").first();
  const stem = await legend.innerText();
  const item = loadBank().questions.find((q) => q.stem === stem);
  expect(item, "the question on screen comes from the bank").toBeDefined();

  // Client-side navigations: RSC payloads of the home page and of the question page.
  await page.getByRole("link", { name: "IPT Exam Prep" }).click();
  await expect(page.getByRole("heading", { name: /^Today/ })).toBeVisible();
  await page.getByRole("link", { name: "Start practice" }).click();
  await expect(legend).toHaveText(stem);

  // A refused submit (an option id that was not presented): the action's response, still unanswered.
  await page.locator('input[name="optionId"]').first().evaluate((input: HTMLInputElement) => {
    input.value = "not-a-presented-option";
    input.checked = true;
  });
  await page.getByRole("button", { name: "Check answer" }).click();
  await expect(page.getByRole("alert").filter({ hasText: "That option is not one of this question's options" })).toBeVisible();
  await page.waitForLoadState("networkidle");

  const kinds = new Set(recorded.filter((r) => r.body.length > 0).map((r) => r.kind));
  expect([...kinds].sort(), "the recording saw every kind of response").toEqual(expect.arrayContaining(["action", "document", "rsc"]));
  for (const response of recorded) {
    expect(leaksIn(response.body, item!), `${response.kind} ${response.url}`).toEqual([]);
  }

  // Control: once answered, the same recorder and checks do find the key and the explanation
  // in the action's response, so the checks above could have failed.
  const answeredFrom = recorded.length;
  await page.getByRole("radio", { name: item!.options.find((o) => o.correct)!.text }).check();
  await page.getByRole("button", { name: "Check answer" }).click();
  await expect(page.getByTestId("explanation")).toBeVisible();
  await page.waitForLoadState("networkidle");
  const afterAnswer = recorded.slice(answeredFrom).filter((r) => r.kind === "action");
  expect(afterAnswer.length).toBeGreaterThan(0);
  const found = afterAnswer.flatMap((r) => leaksIn(r.body, item!));
  expect(found).toContain("a correct flag");
  expect(found.some((f) => f.startsWith("the explanation"))).toBe(true);

  // The answer's response also carried the next question, unanswered, which "Next question" shows
  // without asking the server again: that question's key is nowhere in it, nor anywhere else.
  await page.getByRole("button", { name: "Next question" }).click();
  await expect(legend).not.toHaveText(stem);
  const nextStem = await legend.innerText();
  const nextItem = loadBank().questions.find((q) => q.stem === nextStem);
  expect(nextItem, "the next question comes from the bank").toBeDefined();
  const carriers = afterAnswer.filter((r) => r.body.includes(probe(nextItem!.stem)));
  expect(carriers.length, "the answer's response carried the next question").toBe(1);
  const row = carriers[0]!.body.split("\n").find((line) => /^\d+:\{.*"next":/.test(line));
  expect(row, "the action result row").toBeDefined();
  const result = JSON.parse(row!.slice(row!.indexOf(":") + 1)) as { next: { question: unknown } };
  expect(leaksIn(JSON.stringify(result.next.question), nextItem!), "the next question as sent").toEqual([]);
  for (const response of recorded) {
    const specific = leaksIn(response.body, nextItem!).filter((f) => f !== "a correct flag" && f !== "a feedback or explanation field");
    expect(specific, `${response.kind} ${response.url}`).toEqual([]);
  }
});

test("in a topic drill too, no response (HTML, RSC payload, action results) carries the key before answering", async ({ page }) => {
  test.setTimeout(180_000);
  await signUpStudent(page, "Drill Leak Hunter", uniqueEmail("leak-drill"), "a sturdy passphrase");
  const recorded: Recorded[] = [];
  await record(page, recorded);

  // Full HTML of a drill question.
  await page.goto("/practice?topic=role-disputes");
  const legend = page.locator("fieldset legend").first();
  const stem = await legend.innerText();
  const item = loadBank().questions.find((q) => q.stem === stem);
  expect(item, "the question on screen comes from the bank").toBeDefined();
  expect(item!.topic).toBe("role-disputes");

  // Client-side navigations: the topic list, and back to the same open drill question.
  await page.getByRole("link", { name: "Topics" }).click();
  await expect(page.getByRole("heading", { name: "Drill a topic" })).toBeVisible();
  await page.getByRole("link", { name: "Drill this topic: Problem area: role disputes" }).click();
  await expect(legend).toHaveText(stem);

  // Actions on the open question: a bookmark, a refused report, a refused submit.
  await page.getByRole("button", { name: "Bookmark" }).click();
  await expect(page.getByRole("button", { name: "Bookmark" })).toHaveAttribute("aria-pressed", "true");
  await page.getByText("Report a problem with this question").click();
  await page.getByRole("button", { name: "Send report" }).click();
  await expect(page.getByText("Choose what kind of problem it is.")).toBeVisible();
  await page.locator('input[name="optionId"]').first().evaluate((input: HTMLInputElement) => {
    input.value = "not-a-presented-option";
    input.checked = true;
  });
  await page.getByRole("button", { name: "Check answer" }).click();
  await expect(page.getByRole("alert").filter({ hasText: "That option is not one of this question's options" })).toBeVisible();
  await page.waitForLoadState("networkidle");

  const kinds = new Set(recorded.filter((r) => r.body.length > 0).map((r) => r.kind));
  expect([...kinds].sort(), "the recording saw every kind of response").toEqual(expect.arrayContaining(["action", "document", "rsc"]));
  expect(recorded.filter((r) => r.kind === "action").length, "bookmark, report and answer actions were recorded").toBeGreaterThanOrEqual(3);
  for (const response of recorded) {
    expect(leaksIn(response.body, item!), `${response.kind} ${response.url}`).toEqual([]);
  }

  // Control: answered, the drill's action response does carry the key.
  const answeredFrom = recorded.length;
  await page.getByRole("radio", { name: item!.options.find((o) => o.correct)!.text }).check();
  await page.getByRole("button", { name: "Check answer" }).click();
  await expect(page.getByTestId("explanation")).toBeVisible();
  await page.waitForLoadState("networkidle");
  const found = recorded.slice(answeredFrom).filter((r) => r.kind === "action").flatMap((r) => leaksIn(r.body, item!));
  expect(found).toContain("a correct flag");
});

test("the leak checks catch the key however the page would serialise it", () => {
  const item = loadBank().questions[0]!;
  const key = item.options.find((o) => o.correct)!;
  // As a prop in an RSC payload, and as the same payload escaped inside the HTML's script tags.
  const rsc = `1:["$","fieldset",null,{"options":[{"id":"o1","text":${JSON.stringify(key.text)},"correct":true}]}]`;
  const html = `<script>self.__next_f.push([1,${JSON.stringify(rsc)}])</script>`;
  expect(leaksIn(rsc, item)).toContain("a correct flag");
  expect(leaksIn(html, item)).toContain("a correct flag");
  const escapedFeedback = `<p>${item.options[0]!.feedback.replace(/'/g, "&#x27;").replace(/"/g, "&quot;")}</p>`;
  expect(leaksIn(escapedFeedback, item).some((f) => f.startsWith("feedback"))).toBe(true);
  expect(leaksIn(`<legend>${item.stem}</legend>`, item)).toEqual([]);
});
