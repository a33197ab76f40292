import { createHash } from "node:crypto";
import { describe, expect, it } from "vitest";
import type { ActionUser } from "@/lib/server/action-client";
import { getDb } from "@/lib/server/db";
import {
  changeOwnPassword,
  createPasswordResetLink,
  deleteOwnAccount,
  exportAccountData,
  inspectResetLink,
  previewAccountDeletion,
  resetPasswordWithLink,
  RESET_LINK_TTL_MS,
} from "@/lib/services/account-lifecycle";
import { changeUserRole, checkCredentials, findSessionUser, registerStudent, type AttemptOrigin } from "@/lib/services/accounts";
import { setBookmark } from "@/lib/services/bookmarks";
import { currentPresentation, recordAnswer } from "@/lib/services/practice";
import { changePasswordSchema, deleteAccountSchema } from "@/lib/validation/account";
import { submitAnswerSchema } from "@/lib/validation/practice";
import { enrol, subjectOf } from "../factories/enrolments";
import { createQuestion } from "../factories/questions";
import { createProblemReport } from "../factories/reports";
import { createUser } from "../factories/users";

const PASSWORD = "a long passphrase";
const NEW_PASSWORD = "another sturdy phrase";
const MAX_FAILURES = 5; // LOGIN_MAX_FAILURES's default

const from = (address: string): AttemptOrigin => ({ address, knownDevice: () => null });

let counter = 0;
/** A real account with a real password (the factories' users have none). */
async function signedUp(role: ActionUser["role"] = "STUDENT", password = PASSWORD): Promise<ActionUser> {
  counter += 1;
  const user = await registerStudent({ name: `Person ${counter}`, email: `person-${counter}-${Date.now()}@example.com`, password }, { address: `10.1.0.${counter % 250}` });
  if (role !== "STUDENT") await getDb().user.update({ where: { id: user.id }, data: { role } });
  return { ...user, role };
}

async function signsIn(user: ActionUser, password: string): Promise<boolean> {
  return (await checkCredentials(user.email, password, from("192.0.2.77"))).status === "ok";
}

async function stored(userId: string) {
  return getDb().user.findUniqueOrThrow({ where: { id: userId }, select: { passwordHash: true, sessionVersion: true } });
}

/** Answers the student's current question (option A), as practice would. */
async function answerOne(userId: string): Promise<void> {
  const view = await currentPresentation(userId);
  if (!view) throw new Error("no question to answer");
  await recordAnswer(userId, submitAnswerSchema.parse({ presentationId: view.presentationId, optionId: view.options[0]!.id }));
}

const changeInput = (currentPassword: string, newPassword = NEW_PASSWORD) =>
  changePasswordSchema.parse({ currentPassword, newPassword, confirmPassword: newPassword });

describe("changeOwnPassword", () => {
  it("refuses a wrong current password and changes nothing", async () => {
    const user = await signedUp();
    const before = await stored(user.id);
    const error = await changeOwnPassword(user, changeInput("not my password")).catch((e: unknown) => e);
    expect(error).toMatchObject({ code: "INVALID_INPUT", fieldErrors: { currentPassword: ["That is not your current password."] } });
    expect(await stored(user.id)).toEqual(before);
    expect(await signsIn(user, PASSWORD)).toBe(true);
    expect(await getDb().auditEntry.count({ where: { entityId: user.id } })).toBe(0);
  });

  it("sets the new password and ends every session of the account", async () => {
    const user = await signedUp();
    const before = await stored(user.id);
    const { sessionVersion } = await changeOwnPassword(user, changeInput(PASSWORD));
    expect(sessionVersion).toBe(before.sessionVersion + 1);
    expect((await findSessionUser(user.id))!.sessionVersion).toBe(before.sessionVersion + 1);
    expect(await signsIn(user, NEW_PASSWORD)).toBe(true);
    expect(await signsIn(user, PASSWORD)).toBe(false);
    const audit = await getDb().auditEntry.findMany({ where: { entityType: "user", entityId: user.id } });
    expect(audit.map((a) => [a.action, a.actorId])).toEqual([["account.password-change", user.id]]);
  });

  it("throttles guesses at the current password like sign-in, before any hash, even for the right one", async () => {
    const user = await signedUp();
    const before = await stored(user.id);
    for (let i = 0; i < MAX_FAILURES; i += 1) {
      await expect(changeOwnPassword(user, changeInput(`guess ${i}`))).rejects.toMatchObject({ code: "INVALID_INPUT" });
    }
    await expect(changeOwnPassword(user, changeInput(PASSWORD))).rejects.toMatchObject({ code: "RATE_LIMITED" });
    expect(await stored(user.id)).toEqual(before);
    // Another account's budget is its own.
    const other = await signedUp();
    await expect(changeOwnPassword(other, changeInput(PASSWORD))).resolves.toBeDefined();
  });

  it("refuses a new password with the email name in it, and one equal to the current password", async () => {
    const user = await signedUp();
    const name = user.email.split("@")[0]!;
    await expect(changeOwnPassword(user, changeInput(PASSWORD, `${name} and more`))).rejects.toMatchObject({
      code: "INVALID_INPUT",
      fieldErrors: { newPassword: ["Your password must not contain your email name."] },
    });
    const same = changePasswordSchema.safeParse({ currentPassword: PASSWORD, newPassword: PASSWORD, confirmPassword: PASSWORD });
    expect(same.success).toBe(false);
    const mismatch = changePasswordSchema.safeParse({ currentPassword: PASSWORD, newPassword: NEW_PASSWORD, confirmPassword: "typo" });
    expect(mismatch.error?.issues[0]?.path).toEqual(["confirmPassword"]);
    expect(await signsIn(user, PASSWORD)).toBe(true);
  });
});

describe("deleteOwnAccount", () => {
  const confirm = (password: string) => deleteAccountSchema.parse({ password, confirmation: "delete my account" });

  it("asks for the explicit phrase", () => {
    expect(deleteAccountSchema.safeParse({ password: PASSWORD, confirmation: "yes" }).success).toBe(false);
    expect(deleteAccountSchema.safeParse({ password: PASSWORD, confirmation: "  Delete My Account " }).success).toBe(true);
  });

  it("removes the user's answers and personal data, keeps the questions they wrote, and touches no one else", async () => {
    const question = await createQuestion();
    await createQuestion({ topicId: question.topicId });
    const author = await signedUp("INSTRUCTOR");
    await getDb().question.update({ where: { id: question.id }, data: { authorId: author.id } });
    await getDb().questionVersion.updateMany({ where: { questionId: question.id }, data: { authorId: author.id } });
    await getDb().user.update({ where: { id: author.id }, data: { role: "STUDENT" } });
    const student: ActionUser = { ...author, role: "STUDENT" };
    const other = await signedUp();

    for (const id of [student.id, other.id]) {
      await enrol(id, await subjectOf(question), { dailyGoal: 15 });
      await answerOne(id);
      await answerOne(id);
      const view = await currentPresentation(id);
      await setBookmark(id, view!.presentationId, true);
      await createProblemReport(id, question);
    }
    await checkCredentials(student.email, "a wrong guess", from("192.0.2.5"));
    const db = getDb();
    const owned = (userId: string) =>
      Promise.all([
        db.answer.count({ where: { userId } }),
        db.memoryState.count({ where: { userId } }),
        db.presentation.count({ where: { userId } }),
        db.bookmark.count({ where: { userId } }),
        db.studyDay.count({ where: { userId } }),
        db.problemReport.count({ where: { userId } }),
        db.enrolment.count({ where: { userId } }),
        db.topicAbility.count({ where: { userId } }),
        db.practiceSession.count({ where: { userId } }),
      ]);
    const othersBefore = await owned(other.id);
    expect((await owned(student.id)).every((n) => n > 0)).toBe(true);

    await deleteOwnAccount(student, confirm(PASSWORD));

    expect(await db.user.findUnique({ where: { id: student.id } })).toBeNull();
    expect(await owned(student.id)).toEqual([0, 0, 0, 0, 0, 0, 0, 0, 0]);
    expect(await owned(other.id)).toEqual(othersBefore);
    expect(await db.throttle.count({ where: { key: { contains: student.email } } })).toBe(0);
    const kept = await db.question.findUniqueOrThrow({ where: { id: question.id }, include: { versions: true } });
    expect(kept.authorId).toBeNull();
    expect(kept.versions.map((v) => v.authorId)).toEqual([null]);
    expect(await db.answer.count({ where: { questionId: question.id } })).toBeGreaterThan(0);

    const audit = await db.auditEntry.findFirstOrThrow({ where: { action: "account.delete", entityId: student.id } });
    expect(audit.actorId).toBeNull();
    expect(JSON.stringify(audit)).not.toContain(student.email);
    expect(JSON.stringify(audit)).not.toContain(student.name);
  });

  it("refuses a wrong password and deletes nothing", async () => {
    const user = await signedUp();
    await createQuestion();
    await answerOne(user.id);
    await expect(deleteOwnAccount(user, confirm("wrong password"))).rejects.toMatchObject({
      code: "INVALID_INPUT",
      fieldErrors: { password: ["That is not your current password."] },
    });
    expect(await getDb().user.count({ where: { id: user.id } })).toBe(1);
    expect(await getDb().answer.count({ where: { userId: user.id } })).toBe(1);
  });

  it("does not let the last admin delete themself; with a second admin it may", async () => {
    const admin = await signedUp("ADMIN");
    expect((await previewAccountDeletion(admin)).blockedBy).toMatch(/last admin/);
    await expect(deleteOwnAccount(admin, confirm(PASSWORD))).rejects.toMatchObject({ code: "CONFLICT" });
    expect(await getDb().user.count({ where: { id: admin.id } })).toBe(1);
    await createUser({ role: "ADMIN" });
    await deleteOwnAccount(admin, confirm(PASSWORD));
    expect(await getDb().user.count({ where: { id: admin.id } })).toBe(0);
  });

  it("hands an instructor's classes with students to an admin and drops their empty classes", async () => {
    const instructor = await signedUp("INSTRUCTOR");
    const student = await createUser();
    const db = getDb();
    const withStudents = await db.classroom.create({ data: { name: "Tuesday group", joinCode: "TUESDAY1", ownerId: instructor.id } });
    await db.classMembership.create({ data: { classId: withStudents.id, userId: student.id } });
    const empty = await db.classroom.create({ data: { name: "Empty group", joinCode: "EMPTY001", ownerId: instructor.id } });

    // No admin yet: nobody to take the class, so nothing happens.
    expect((await previewAccountDeletion(instructor)).blockedBy).toMatch(/no admin/);
    await expect(deleteOwnAccount(instructor, confirm(PASSWORD))).rejects.toMatchObject({ code: "CONFLICT" });
    expect(await db.classroom.count({ where: { ownerId: instructor.id } })).toBe(2);

    const admin = await createUser({ role: "ADMIN", name: "Ada Admin" });
    expect(await previewAccountDeletion(instructor)).toEqual({ blockedBy: null, classesHandedOver: ["Tuesday group"], emptyClasses: 1 });
    await deleteOwnAccount(instructor, confirm(PASSWORD));
    expect(await db.classroom.findUniqueOrThrow({ where: { id: withStudents.id } })).toMatchObject({ ownerId: admin.id });
    expect(await db.classMembership.count({ where: { classId: withStudents.id } })).toBe(1);
    expect(await db.classroom.findUnique({ where: { id: empty.id } })).toBeNull();
    expect(await db.auditEntry.count({ where: { action: "class.hand-over", entityId: withStudents.id } })).toBe(1);
  });
});

describe("exportAccountData", () => {
  it("holds the user's own data with question slugs and wording, no one else's, and no password hash", async () => {
    const question = await createQuestion();
    await createQuestion({ topicId: question.topicId });
    const user = await signedUp();
    const other = await signedUp();
    await enrol(user.id, await subjectOf(question));
    await answerOne(user.id);
    await answerOne(other.id);
    await answerOne(other.id);
    const view = await currentPresentation(user.id);
    await setBookmark(user.id, view!.presentationId, true);
    await createProblemReport(user.id, question, { reason: "My own report" });
    await createProblemReport(other.id, question, { reason: "Someone else's report" });

    const data = await exportAccountData(user, new Date("2026-12-03T10:00:00Z"));
    const text = JSON.stringify(data);
    expect(data.profile).toMatchObject({ id: user.id, email: user.email, name: user.name, role: "STUDENT" });
    expect(text).not.toMatch(/passwordHash|argon2|sessionVersion/);
    expect(text).not.toContain(other.email);
    expect(text).not.toContain(other.id);
    expect(text).not.toContain("Someone else's report");

    const answer = await getDb().answer.findFirstOrThrow({
      where: { userId: user.id },
      include: { question: true, version: true, option: true },
    });
    expect(data.answers).toEqual([
      expect.objectContaining({
        question: answer.question.slug,
        questionVersion: 1,
        stem: answer.version.stem,
        optionChosen: answer.option.text,
        correct: answer.correct,
        responseMs: answer.responseMs,
        mode: "ADAPTIVE",
      }),
    ]);
    expect(data.memoryStates.map((m) => m.question)).toEqual([answer.question.slug]);
    expect(data.bookmarks).toHaveLength(1);
    expect(data.studyDays).toEqual([expect.objectContaining({ answered: 1 })]);
    expect(data.problemReports).toEqual([expect.objectContaining({ question: question.slug, questionVersion: 1, reason: "My own report" })]);
    expect(data.enrolments).toEqual([expect.objectContaining({ subject: "test-subject" })]);
    expect(data.exportedAt).toBe("2026-12-03T10:00:00.000Z");
  });
});

describe("password-reset links", () => {
  const origin = { address: "198.51.100.20" };

  it("are for admins to create only", async () => {
    const target = await createUser();
    for (const role of ["STUDENT", "INSTRUCTOR"] as const) {
      const actor = await createUser({ role });
      await expect(createPasswordResetLink(actor, target.id)).rejects.toMatchObject({ code: "FORBIDDEN" });
    }
    await expect(createPasswordResetLink(null as never, target.id)).rejects.toMatchObject({ code: "UNAUTHENTICATED" });
    expect(await getDb().passwordReset.count()).toBe(0);
    const admin = await createUser({ role: "ADMIN" });
    await expect(createPasswordResetLink(admin, "no-such-user")).rejects.toMatchObject({ code: "NOT_FOUND" });
  });

  it("store only the token's SHA-256, work once, end every session, and leave an audit trail", async () => {
    const admin = await createUser({ role: "ADMIN" });
    const user = await signedUp();
    const before = await stored(user.id);
    const link = await createPasswordResetLink(admin, user.id);
    expect(link.token).toMatch(/^[A-Za-z0-9_-]{43}$/);
    const rows = await getDb().passwordReset.findMany();
    expect(rows).toHaveLength(1);
    expect(rows[0]!.tokenHash).toBe(createHash("sha256").update(link.token).digest("hex"));
    expect(JSON.stringify(rows)).not.toContain(link.token);
    expect(rows[0]!.expiresAt.getTime() - rows[0]!.createdAt.getTime()).toBe(RESET_LINK_TTL_MS);

    expect(await inspectResetLink(link.token, origin)).toMatchObject({ status: "valid", email: user.email });
    await resetPasswordWithLink(link.token, NEW_PASSWORD, origin);
    expect((await stored(user.id)).sessionVersion).toBe(before.sessionVersion + 1);
    expect(await signsIn(user, NEW_PASSWORD)).toBe(true);

    // Spent: a second use changes nothing.
    expect(await inspectResetLink(link.token, origin)).toEqual({ status: "invalid" });
    const afterFirst = await stored(user.id);
    await expect(resetPasswordWithLink(link.token, "a third sturdy phrase", origin)).rejects.toMatchObject({ code: "NOT_FOUND" });
    expect(await stored(user.id)).toEqual(afterFirst);
    expect(await signsIn(user, NEW_PASSWORD)).toBe(true);

    const audit = await getDb().auditEntry.findMany({ where: { entityType: "user", entityId: user.id }, orderBy: { createdAt: "asc" } });
    expect(audit.map((a) => [a.action, a.actorId])).toEqual([
      ["account.reset-link", admin.id],
      ["account.password-reset", user.id],
    ]);
  });

  it("is used exactly once when two requests race with it", async () => {
    const admin = await createUser({ role: "ADMIN" });
    const user = await signedUp();
    const link = await createPasswordResetLink(admin, user.id);
    const results = await Promise.allSettled([
      resetPasswordWithLink(link.token, "first racing phrase", origin),
      resetPasswordWithLink(link.token, "second racing phrase", origin),
    ]);
    expect(results.filter((r) => r.status === "fulfilled")).toHaveLength(1);
    const refusals = results.flatMap((r): unknown[] => (r.status === "rejected" ? [r.reason as unknown] : []));
    expect(refusals).toEqual([
      expect.objectContaining({ code: "NOT_FOUND" }),
    ]);
  });

  it("expire after 24 hours, and a newer link replaces the older one", async () => {
    const admin = await createUser({ role: "ADMIN" });
    const user = await signedUp();
    const now = new Date("2026-12-03T10:00:00Z");
    const old = await createPasswordResetLink(admin, user.id, now);
    const later = new Date(now.getTime() + RESET_LINK_TTL_MS + 1000);
    expect(await inspectResetLink(old.token, origin, later)).toEqual({ status: "invalid" });
    const before = await stored(user.id);
    await expect(resetPasswordWithLink(old.token, NEW_PASSWORD, origin, later)).rejects.toMatchObject({ code: "NOT_FOUND" });
    expect(await stored(user.id)).toEqual(before);

    const first = await createPasswordResetLink(admin, user.id);
    const second = await createPasswordResetLink(admin, user.id);
    expect(await inspectResetLink(first.token, origin)).toEqual({ status: "invalid" });
    expect(await inspectResetLink(second.token, origin)).toMatchObject({ status: "valid" });
    expect(await getDb().passwordReset.count({ where: { userId: user.id } })).toBe(1);
  });

  it("stop working when the user's password changes: by the user, or with another link", async () => {
    const admin = await createUser({ role: "ADMIN" });
    const user = await signedUp();
    const link = await createPasswordResetLink(admin, user.id);
    await changeOwnPassword(user, changeInput(PASSWORD));
    expect(await inspectResetLink(link.token, origin)).toEqual({ status: "invalid" });
    await expect(resetPasswordWithLink(link.token, "an attacker's phrase", origin)).rejects.toMatchObject({ code: "NOT_FOUND" });
    expect(await signsIn(user, NEW_PASSWORD)).toBe(true);
    expect(await getDb().passwordReset.count({ where: { userId: user.id } })).toBe(0);

    // Two links at once (two admins at the same moment): using one ends the other.
    const other = await createUser({ role: "ADMIN" });
    const first = await createPasswordResetLink(admin, user.id);
    const secondToken = "s".repeat(43);
    await getDb().passwordReset.create({
      data: { userId: user.id, tokenHash: createHash("sha256").update(secondToken).digest("hex"), createdById: other.id, expiresAt: new Date(Date.now() + RESET_LINK_TTL_MS) },
    });
    expect(await inspectResetLink(secondToken, origin)).toMatchObject({ status: "valid" });
    await resetPasswordWithLink(first.token, "a third sturdy phrase", origin);
    expect(await inspectResetLink(secondToken, origin)).toEqual({ status: "invalid" });
    await expect(resetPasswordWithLink(secondToken, "an attacker's phrase", origin)).rejects.toMatchObject({ code: "NOT_FOUND" });
    expect(await signsIn(user, "a third sturdy phrase")).toBe(true);
    expect(await getDb().passwordReset.count({ where: { userId: user.id, usedAt: null } })).toBe(0);
  });

  it("made by an admin stop working once that admin is no longer one: demoted, deleted, or their role changed any other way", async () => {
    const admin = await createUser({ role: "ADMIN" });
    const victim = await signedUp("ADMIN");
    const bystander = await signedUp();

    // Demoted: the links they made go; a link another admin made stays.
    const demoted = await createUser({ role: "ADMIN" });
    const theirs = await createPasswordResetLink(demoted, victim.id);
    const kept = await createPasswordResetLink(admin, bystander.id);
    await changeUserRole(admin, demoted.id, "STUDENT");
    expect(await inspectResetLink(theirs.token, origin)).toEqual({ status: "invalid" });
    await expect(resetPasswordWithLink(theirs.token, "an attacker's phrase", origin)).rejects.toMatchObject({ code: "NOT_FOUND" });
    expect(await signsIn(victim, PASSWORD)).toBe(true);
    expect(await getDb().passwordReset.count({ where: { createdById: demoted.id } })).toBe(0);
    expect(await inspectResetLink(kept.token, origin)).toMatchObject({ status: "valid" });

    // Deleted their own account.
    const leaving = await signedUp("ADMIN");
    const left = await createPasswordResetLink(leaving, victim.id);
    await deleteOwnAccount(leaving, deleteAccountSchema.parse({ password: PASSWORD, confirmation: "delete my account" }));
    expect(await inspectResetLink(left.token, origin)).toEqual({ status: "invalid" });
    await expect(resetPasswordWithLink(left.token, "an attacker's phrase", origin)).rejects.toMatchObject({ code: "NOT_FOUND" });
    expect(await getDb().passwordReset.count({ where: { userId: victim.id } })).toBe(0);

    // Any other way (the database, a script): the link is checked against its maker's role when used.
    const other = await createUser({ role: "ADMIN" });
    const otherLink = await createPasswordResetLink(other, victim.id);
    await getDb().user.update({ where: { id: other.id }, data: { role: "INSTRUCTOR" } });
    expect(await inspectResetLink(otherLink.token, origin)).toEqual({ status: "invalid" });
    await expect(resetPasswordWithLink(otherLink.token, "an attacker's phrase", origin)).rejects.toMatchObject({ code: "NOT_FOUND" });
    expect(await signsIn(victim, PASSWORD)).toBe(true);
  });

  it("throttle guesses per client address; a valid link costs nothing", async () => {
    const admin = await createUser({ role: "ADMIN" });
    const user = await signedUp();
    const link = await createPasswordResetLink(admin, user.id);
    const guesser = { address: "203.0.113.44" };
    for (let i = 0; i < 5; i += 1) expect((await inspectResetLink(link.token, guesser)).status).toBe("valid");
    const statuses: string[] = [];
    for (let i = 0; i < 31; i += 1) statuses.push((await inspectResetLink(`${"x".repeat(40)}${String(i).padStart(3, "0")}`, guesser)).status);
    expect(statuses.slice(0, 30)).toEqual(Array<string>(30).fill("invalid")); // LOGIN_MAX_PER_ADDRESS's default
    expect(statuses[30]).toBe("throttled");
    // The guesser is refused even with a real link now; nothing changes.
    expect((await inspectResetLink(link.token, guesser)).status).toBe("throttled");
    await expect(resetPasswordWithLink(link.token, NEW_PASSWORD, guesser)).rejects.toMatchObject({ code: "RATE_LIMITED" });
    expect(await signsIn(user, PASSWORD)).toBe(true);
    // Another address is not affected.
    expect((await inspectResetLink(link.token, origin)).status).toBe("valid");
  });
});
