import { describe, expect, it } from "vitest";
import { getDb } from "@/lib/server/db";
import type { ActionUser } from "@/lib/server/action-client";
import { createClass, joinClass } from "@/lib/services/classes";
import { classOverview, classProgressExport, classStudentDashboard } from "@/lib/services/class-progress";
import { ADAPTIVE, currentPresentation, recordAnswer } from "@/lib/services/practice";
import { refreshReadinessSnapshot } from "@/lib/services/readiness";
import { submitAnswerSchema } from "@/lib/validation/practice";
import { createQuestion } from "../factories/questions";
import { createUser } from "../factories/users";

const DAY_MS = 86_400_000;
const asActor = (u: { id: string; email: string; name: string; role: ActionUser["role"] }): ActionUser => ({ id: u.id, email: u.email, name: u.name, role: u.role });

async function subjectWithQuestions(slug: string) {
  const db = getDb();
  const subject = await db.subject.create({ data: { slug, name: `Subject ${slug}` } });
  const topic = await db.topic.create({ data: { slug: `${slug}-t`, name: "Grief", subjectId: subject.id, weight: 1 } });
  for (let i = 0; i < 4; i++) await createQuestion({ topicId: topic.id });
  return { subject, topic };
}

async function answerSome(userId: string, count: number, start: Date) {
  for (let i = 0; i < count; i++) {
    const now = new Date(start.getTime() + i * 60_000);
    const view = await currentPresentation(userId, ADAPTIVE, now);
    await recordAnswer(userId, submitAnswerSchema.parse({ presentationId: view!.presentationId, optionId: view!.options[0]!.id }), now);
  }
}

async function classWithMembers(slug: string) {
  const { subject, topic } = await subjectWithQuestions(slug);
  const owner = asActor(await createUser({ role: "INSTRUCTOR" }));
  const created = await createClass(owner, { name: `Class ${slug}`, examDate: new Date(Date.now() + 30 * DAY_MS), subjectId: subject.id });
  const active = asActor(await createUser({ name: "Active Student" }));
  const idle = asActor(await createUser({ name: "Idle Student" }));
  for (const s of [active, idle]) await joinClass(s, created.joinCode);
  return { subject, topic, owner, classId: created.id, active, idle };
}

describe("the class overview", () => {
  it("takes each member's last active day and last 7 days' answers from their study days in the class's subject only", async () => {
    const { owner, classId, subject, active, idle } = await classWithMembers("cp-days");
    const now = new Date("2026-11-20T12:00:00Z");
    const other = await getDb().subject.create({ data: { slug: "cp-days-other", name: "Other" } });
    await getDb().studyDay.createMany({
      data: [
        // Before the 7 days (today and the 6 before it: 14 to 20 November).
        { userId: active.id, subjectId: subject.id, day: "2026-11-05", answered: 40, correct: 30 },
        { userId: active.id, subjectId: subject.id, day: "2026-11-14", answered: 6, correct: 3 },
        { userId: active.id, subjectId: subject.id, day: "2026-11-17", answered: 4, correct: 4 },
        // A day with no answers is not activity; another subject's days are not this class's.
        { userId: active.id, subjectId: subject.id, day: "2026-11-19", answered: 0, correct: 0 },
        { userId: active.id, subjectId: other.id, day: "2026-11-20", answered: 9, correct: 9 },
        { userId: idle.id, subjectId: subject.id, day: "2026-11-01", answered: 12, correct: 6 },
      ],
    });
    const view = await classOverview(owner, classId, null, now);
    const byName = new Map(view.members.map((m) => [m.name, m]));
    expect(byName.get("Active Student")).toMatchObject({ lastActiveDay: "2026-11-17", answersLast7Days: 10 });
    expect(byName.get("Idle Student")).toMatchObject({ lastActiveDay: "2026-11-01", answersLast7Days: 0 });
    expect(byName.get("Idle Student")!.risk).toContain("inactive");
  });

  it("shows members' stored readiness, who is at risk, activity summed per day and mastery per topic", async () => {
    const { owner, classId, active, idle, topic } = await classWithMembers("cp-a");
    const now = new Date();
    await answerSome(active.id, 3, new Date(now.getTime() - 10 * 60_000));

    // Practised since any estimate: the overview queues a refresh and says so.
    const stale = await classOverview(owner, classId, null, now);
    expect(stale.refreshing).toBe(1);
    const subjectId = stale.subject!.id;
    await refreshReadinessSnapshot(active.id, subjectId, now);

    const view = await classOverview(owner, classId, null, now);
    expect(view.refreshing).toBe(0);
    expect(view.members.map((m) => m.name)).toEqual(["Active Student", "Idle Student"]);
    const [a, b] = view.members;
    expect(a!.readiness).toBeGreaterThan(0);
    expect(a!.projected).not.toBeNull();
    expect(a!.questionsMet).toBeGreaterThan(0);
    expect(a!.answersLast7Days).toBe(3);
    expect(a!.topics[topic.id]?.met).toBe(a!.questionsMet);
    expect(b!.risk).toEqual(["never-started"]);
    expect(view.atRisk.map((m) => m.userId)).toContain(idle.id);
    expect(view.estimated).toBe(1);
    expect(view.histogram.reduce((s, bin) => s + bin.count, 0)).toBe(1);
    expect(view.activity).toHaveLength(60);
    expect(view.activity.at(-1)).toMatchObject({ day: view.today, answered: 3, students: 1 });
    expect(view.topics).toHaveLength(1);
    expect(Object.values(view.topics[0]!.levels).reduce((s, n) => s + n, 0)).toBe(2);

    const { csv, filename } = await classProgressExport(owner, classId, now);
    expect(filename).toMatch(/^class-cp-a-progress-\d{4}-\d{2}-\d{2}\.csv$/);
    const rows = csv.trim().split("\r\n");
    expect(rows).toHaveLength(3);
    expect(rows[1]).toContain(active.email);
    expect(rows[2]).toContain("has not practised yet");
  });

  it("is not found for another instructor, refused to a student, and open to an admin", async () => {
    const { classId, active } = await classWithMembers("cp-b");
    const stranger = asActor(await createUser({ role: "INSTRUCTOR" }));
    const admin = asActor(await createUser({ role: "ADMIN" }));
    await expect(classOverview(stranger, classId, null)).rejects.toMatchObject({ code: "NOT_FOUND" });
    await expect(classProgressExport(stranger, classId)).rejects.toMatchObject({ code: "NOT_FOUND" });
    await expect(classOverview(active, classId, null)).rejects.toMatchObject({ code: "FORBIDDEN" });
    await expect(classStudentDashboard(stranger, classId, active.id)).rejects.toMatchObject({ code: "NOT_FOUND" });
    expect((await classOverview(admin, classId, null)).members).toHaveLength(2);
  });

  it("shows a member's dashboard to the class's instructor, and nobody outside the class", async () => {
    const { owner, classId, active } = await classWithMembers("cp-c");
    const outsider = asActor(await createUser());
    await answerSome(active.id, 2, new Date(Date.now() - 5 * 60_000));
    const view = await classStudentDashboard(owner, classId, active.id);
    expect(view.name).toBe("Active Student");
    expect(view.dashboard?.totals.answered).toBe(2);
    await expect(classStudentDashboard(owner, classId, outsider.id)).rejects.toMatchObject({ code: "NOT_FOUND" });
  });

  it("limits activity to the range asked for", async () => {
    const { owner, classId } = await classWithMembers("cp-d");
    const view = await classOverview(owner, classId, { from: "2026-01-01", to: "2026-01-31" });
    expect(view.activity).toHaveLength(31);
    expect(view.activity[0]?.day).toBe("2026-01-01");
    expect(view.activity.every((d) => d.answered === 0)).toBe(true);
  });
});
