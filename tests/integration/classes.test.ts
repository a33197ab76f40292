import { describe, expect, it } from "vitest";
import { getDb } from "@/lib/server/db";
import { createClass, getClassDetail, joinClass, listClasses, regenerateJoinCode, removeMember } from "@/lib/services/classes";
import { createClassSchema, joinClassSchema } from "@/lib/validation/classes";
import { enrol } from "../factories/enrolments";
import { createAnswer } from "../factories/answers";
import { createQuestion } from "../factories/questions";
import { createUser } from "../factories/users";

const EXAM = new Date("2027-06-15T00:00:00Z");

describe("classes", () => {
  it("lets a student join with the code, adopt the class exam date, and show up on the roster", async () => {
    const instructor = await createUser({ role: "INSTRUCTOR" });
    const student = await createUser();
    const ipt = await getDb().subject.create({ data: { slug: "ipt", name: "IPT" } });
    const created = await createClass(instructor, { name: "IPT spring cohort", examDate: EXAM });
    expect(created.joinCode).toMatch(/^[A-HJ-KM-NP-Z2-9]{8}$/);

    const joined = await joinClass(student, created.joinCode);
    expect(joined).toMatchObject({ className: "IPT spring cohort", alreadyMember: false, examDateAdopted: EXAM });
    // A class without a subject enrols its members in IPT, with the class exam date.
    const enrolment = await getDb().enrolment.findUniqueOrThrow({ where: { userId_subjectId: { userId: student.id, subjectId: ipt.id } } });
    expect(enrolment.examDate).toEqual(EXAM);
    expect((await getDb().user.findUniqueOrThrow({ where: { id: student.id } })).currentSubjectId).toBe(ipt.id);
    // Joining again changes nothing.
    expect(await joinClass(student, created.joinCode)).toMatchObject({ alreadyMember: true, examDateAdopted: null });

    const detail = await getClassDetail(instructor, created.id);
    expect(detail.roster.map((r) => r.userId)).toEqual([student.id]);
    expect(detail.roster[0]!.lastActiveAt).toBeNull();

    // The roster's last activity is the member's latest answer.
    const question = await createQuestion();
    const answeredAt = new Date("2026-11-30T09:15:00Z");
    for (const createdAt of [new Date("2026-11-29T08:00:00Z"), answeredAt]) {
      await createAnswer(student.id, question, { optionIndex: 1, createdAt, responseMs: 900 });
    }
    expect((await getClassDetail(instructor, created.id)).roster[0]!.lastActiveAt).toEqual(answeredAt);
  });

  it("joins once when the same student's join arrives five times at once (a double-clicked button, two tabs)", async () => {
    const instructor = await createUser({ role: "INSTRUCTOR" });
    const student = await createUser();
    await getDb().subject.create({ data: { slug: "ipt", name: "IPT" } });
    const created = await createClass(instructor, { name: "Cohort", examDate: EXAM });

    const joins = await Promise.allSettled(Array.from({ length: 5 }, () => joinClass(student, created.joinCode)));

    expect(joins.map((j) => j.status)).toEqual(Array(5).fill("fulfilled"));
    const joined = joins.flatMap((j) => (j.status === "fulfilled" ? [j.value] : []));
    expect(joined.filter((j) => !j.alreadyMember)).toHaveLength(1);
    expect(joined.filter((j) => j.examDateAdopted !== null)).toHaveLength(1);
    expect(await getDb().classMembership.count({ where: { userId: student.id } })).toBe(1);
    expect(await getDb().enrolment.count({ where: { userId: student.id } })).toBe(1);
  });

  it("keeps a student's own exam date", async () => {
    const instructor = await createUser({ role: "INSTRUCTOR" });
    const student = await createUser();
    const own = new Date("2027-01-10T00:00:00Z");
    const ipt = await getDb().subject.create({ data: { slug: "ipt", name: "IPT" } });
    await enrol(student.id, ipt.id, { examDate: own });
    const created = await createClass(instructor, { name: "Cohort", examDate: EXAM });
    expect((await joinClass(student, created.joinCode)).examDateAdopted).toBeNull();
    expect((await getDb().enrolment.findFirstOrThrow({ where: { userId: student.id } })).examDate).toEqual(own);
  });

  it("refuses an unknown code and a regenerated one, and writes nothing", async () => {
    const instructor = await createUser({ role: "INSTRUCTOR" });
    const student = await createUser();
    const created = await createClass(instructor, { name: "Cohort", examDate: null });
    const fresh = await regenerateJoinCode(instructor, created.id);
    expect(fresh).not.toBe(created.joinCode);
    await expect(joinClass(student, created.joinCode)).rejects.toMatchObject({ code: "NOT_FOUND" });
    await expect(joinClass(student, "ZZZZZZZZ")).rejects.toMatchObject({ code: "NOT_FOUND" });
    expect(await getDb().classMembership.count()).toBe(0);
    await expect(joinClass(student, fresh)).resolves.toMatchObject({ alreadyMember: false });
  });

  it("shows and changes an instructor's own classes only; an admin sees all; students none", async () => {
    const alice = await createUser({ role: "INSTRUCTOR" });
    const bob = await createUser({ role: "INSTRUCTOR" });
    const admin = await createUser({ role: "ADMIN" });
    const student = await createUser();
    const alices = await createClass(alice, { name: "Alice's class", examDate: null });
    await createClass(bob, { name: "Bob's class", examDate: null });
    await joinClass(student, alices.joinCode);

    expect((await listClasses(alice)).map((c) => c.name)).toEqual(["Alice's class"]);
    expect((await listClasses(admin)).map((c) => c.name).sort()).toEqual(["Alice's class", "Bob's class"]);
    await expect(getClassDetail(bob, alices.id)).rejects.toMatchObject({ code: "NOT_FOUND" });
    await expect(regenerateJoinCode(bob, alices.id)).rejects.toMatchObject({ code: "NOT_FOUND" });
    await expect(removeMember(bob, alices.id, student.id)).rejects.toMatchObject({ code: "NOT_FOUND" });
    await expect(listClasses(student)).rejects.toMatchObject({ code: "FORBIDDEN" });
    await expect(createClass(student, { name: "Mine", examDate: null })).rejects.toMatchObject({ code: "FORBIDDEN" });
    expect(await getDb().classMembership.count()).toBe(1);

    await removeMember(admin, alices.id, student.id);
    expect((await getClassDetail(alice, alices.id)).roster).toEqual([]);
  });
});

describe("class input", () => {
  it("normalises a typed code and refuses malformed ones with a clear message", () => {
    expect(joinClassSchema.parse({ code: " kq7m-3xpa " }).code).toBe("KQ7M3XPA");
    const bad = joinClassSchema.safeParse({ code: "K0O1" });
    expect(bad.success).toBe(false);
    expect(bad.error?.issues[0]?.message).toMatch(/8 letters and digits/);
  });

  it("refuses an exam date in the past, absurdly far away, or not a date", () => {
    for (const examDate of ["2001-01-01", "2999-01-01", "2027-02-30", "soon"]) {
      expect(createClassSchema.safeParse({ name: "X", examDate }).success, examDate).toBe(false);
    }
    expect(createClassSchema.parse({ name: "X", examDate: "" }).examDate).toBeNull();
  });
});
