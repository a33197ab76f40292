import { describe, expect, it } from "vitest";
import { getDb } from "@/lib/server/db";
import { listReports, openReportCounts, reportsForQuestion, resolveReport } from "@/lib/services/problem-report-queue";
import { reportProblem } from "@/lib/services/problem-reports";
import { createPresentation } from "../factories/presentations";
import { createQuestion } from "../factories/questions";
import { createProblemReport } from "../factories/reports";
import { createUser } from "../factories/users";

const DAY = 86_400_000;

async function queue() {
  const staff = await createUser({ role: "INSTRUCTOR", name: "Ina Instructor" });
  const alice = await createUser({ name: "Alice Student" });
  const bob = await createUser({ name: "Bob Student" });
  const q1 = await createQuestion();
  const q2 = await createQuestion();
  const t0 = Date.now() - 10 * DAY;
  const oldOpen = await createProblemReport(alice.id, q1, { category: "UNCLEAR", reason: "Two options fit.", createdAt: new Date(t0) });
  const newOpen = await createProblemReport(bob.id, q1, { category: "TYPO", reason: "Misspelt word.", createdAt: new Date(t0 + DAY) });
  const resolved = await createProblemReport(alice.id, q2, { status: "RESOLVED", createdAt: new Date(t0 - DAY) });
  return { staff, alice, bob, q1, q2, oldOpen, newOpen, resolved };
}

describe("the problem report queue", () => {
  it("lists open reports first, oldest first, with the version, whether it is current, and the reporter", async () => {
    const { staff, q1, oldOpen, newOpen, resolved } = await queue();
    // The question moves on to version 2 after the reports were filed.
    await getDb().question.update({ where: { id: q1.id }, data: { currentVersion: 2 } });

    const open = await listReports(staff, "open");
    expect(open.items.map((r) => r.id)).toEqual([oldOpen.id, newOpen.id]);
    expect(open.counts).toEqual({ OPEN: 2, RESOLVED: 1, DISMISSED: 0 });
    expect(open.items[0]).toMatchObject({
      questionId: q1.id,
      questionSlug: q1.slug,
      version: 1,
      currentVersion: 2,
      isCurrentVersion: false,
      category: "UNCLEAR",
      reason: "Two options fit.",
      reporter: { name: "Alice Student" },
    });

    const all = await listReports(staff, "all");
    expect(all.items.map((r) => r.id)).toEqual([oldOpen.id, newOpen.id, resolved.id]);
    expect((await listReports(staff, "resolved")).items.map((r) => r.id)).toEqual([resolved.id]);
    expect((await listReports(staff, "dismissed")).items).toEqual([]);
  });

  it("pages through the queue", async () => {
    const { staff, oldOpen, newOpen, resolved } = await queue();
    const first = await listReports(staff, "all", { page: 1, pageSize: 2 });
    expect(first).toMatchObject({ total: 3, pageCount: 2, page: 1 });
    expect(first.items.map((r) => r.id)).toEqual([oldOpen.id, newOpen.id]);
    const second = await listReports(staff, "all", { page: 2, pageSize: 2 });
    expect(second.items.map((r) => r.id)).toEqual([resolved.id]);
    // A page past the end shows the last one.
    expect((await listReports(staff, "all", { page: 9, pageSize: 2 })).page).toBe(2);
  });

  it("resolves with an optional note and dismisses only with one, recording who and an audit entry", async () => {
    const { staff, oldOpen, newOpen } = await queue();
    const done = await resolveReport(staff, oldOpen.id, { outcome: "RESOLVED", note: "" });
    expect(done).toMatchObject({ status: "RESOLVED", resolutionNote: null, resolvedBy: { id: staff.id } });
    expect(done.resolvedAt).toBeInstanceOf(Date);

    await expect(resolveReport(staff, newOpen.id, { outcome: "DISMISSED", note: "  " })).rejects.toMatchObject({
      code: "INVALID_INPUT",
      fieldErrors: { note: [expect.stringContaining("required")] },
    });
    expect((await getDb().problemReport.findUniqueOrThrow({ where: { id: newOpen.id } })).status).toBe("OPEN");

    const dismissed = await resolveReport(staff, newOpen.id, { outcome: "DISMISSED", note: "The spelling is British." });
    expect(dismissed).toMatchObject({ status: "DISMISSED", resolutionNote: "The spelling is British." });

    const audit = await getDb().auditEntry.findMany({ where: { entityType: "report" }, orderBy: { createdAt: "asc" } });
    expect(audit).toHaveLength(2);
    expect(audit.map((a) => [a.action, a.entityId, a.actorId])).toEqual(
      expect.arrayContaining([
        ["report.resolve", oldOpen.id, staff.id],
        ["report.dismiss", newOpen.id, staff.id],
      ]),
    );
  });

  it("refuses to close a report twice or one that does not exist", async () => {
    const { staff, resolved } = await queue();
    await expect(resolveReport(staff, resolved.id, { outcome: "DISMISSED", note: "again" })).rejects.toMatchObject({ code: "CONFLICT" });
    await expect(resolveReport(staff, "no-such-report", { outcome: "RESOLVED", note: "" })).rejects.toMatchObject({ code: "NOT_FOUND" });
    expect(await getDb().auditEntry.count()).toBe(0);
  });

  it("counts open reports per question and lists one question's reports, open first", async () => {
    const { staff, q1, q2, oldOpen, newOpen, resolved } = await queue();
    const other = await createQuestion();
    const counts = await openReportCounts(staff, [q1.id, q2.id, other.id]);
    expect([...counts.entries()]).toEqual([[q1.id, 2]]);
    expect((await openReportCounts(staff, [])).size).toBe(0);

    await resolveReport(staff, oldOpen.id, { outcome: "RESOLVED", note: "Fixed the stem." });
    expect((await openReportCounts(staff, [q1.id])).get(q1.id)).toBe(1);
    expect((await reportsForQuestion(staff, q1.id)).map((r) => r.id)).toEqual([newOpen.id, oldOpen.id]);
    expect((await reportsForQuestion(staff, q2.id)).map((r) => r.id)).toEqual([resolved.id]);
  });

  it("refuses a student in every function, showing no reporter and changing nothing", async () => {
    const { alice, q1, oldOpen } = await queue();
    const calls: Array<Promise<unknown>> = [
      listReports(alice, "all"),
      resolveReport(alice, oldOpen.id, { outcome: "DISMISSED", note: "mine" }),
      openReportCounts(alice, [q1.id]),
      reportsForQuestion(alice, q1.id),
    ];
    for (const call of calls) await expect(call).rejects.toMatchObject({ code: "FORBIDDEN" });
    expect((await getDb().problemReport.findUniqueOrThrow({ where: { id: oldOpen.id } })).status).toBe("OPEN");
    expect(await getDb().auditEntry.count()).toBe(0);
  });

  it("shows a student's report beside its question with the version it concerns, and resolving it there empties the queue", async () => {
    const staff = await createUser({ role: "INSTRUCTOR" });
    const carol = await createUser({ name: "Carol Student", email: "carol@example.com" });
    const question = await createQuestion();
    const other = await createQuestion();
    // Carol was shown version 1; the question has since moved on to version 2.
    const shown = await createPresentation(carol.id, question);
    await reportProblem(carol.id, { presentationId: shown.id, category: "UNCLEAR", reason: "Options B and C both fit the vignette." });
    await getDb().question.update({ where: { id: question.id }, data: { currentVersion: 2 } });
    await createProblemReport(carol.id, other, { reason: "Another question entirely." });

    const beside = await reportsForQuestion(staff, question.id);
    expect(beside).toHaveLength(1);
    expect(beside[0]).toMatchObject({
      questionId: question.id,
      version: 1,
      currentVersion: 2,
      isCurrentVersion: false,
      category: "UNCLEAR",
      reason: "Options B and C both fit the vignette.",
      status: "OPEN",
      reporter: { name: "Carol Student", email: "carol@example.com" },
    });
    const reportId = beside[0]!.id;
    expect((await listReports(staff, "open")).items.map((r) => r.id)).toContain(reportId);

    await resolveReport(staff, reportId, { outcome: "RESOLVED", note: "Sharpened the vignette in version 2." });
    const after = await reportsForQuestion(staff, question.id);
    expect(after).toMatchObject([{ id: reportId, status: "RESOLVED", resolutionNote: "Sharpened the vignette in version 2.", resolvedBy: { id: staff.id } }]);
    const open = await listReports(staff, "open");
    expect(open.items.map((r) => r.id)).not.toContain(reportId);
    expect(open.items.map((r) => r.reason)).toEqual(["Another question entirely."]);
    // Nothing about a question without reports.
    expect(await reportsForQuestion(staff, (await createQuestion()).id)).toEqual([]);
  });
});
