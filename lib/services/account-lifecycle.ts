import "server-only";
import { createHash, randomBytes } from "node:crypto";
import { ActionError, ADMIN_ROLES, assertRole, type ActionUser, type Role } from "../server/action-client";
import { getDb, type DbTx } from "../server/db";
import { prismaSql } from "../server/direct-sql";
import { getServerEnv } from "../server/env";
import { hashPassword, verifyPassword } from "../server/password";
import { passwordContainsEmailName } from "../validation/auth";
import type { ChangePasswordInput, DeleteAccountInput } from "../validation/account";
import { INVALID_RESET_LINK, RESET_TOKEN_PATTERN } from "../validation/account";
import { recordAudit } from "./audit";
import { lockAdmins } from "./accounts";
import { forgetMemoryPopulationMember } from "./memory-population";
import { lockOwnExamRows } from "./row-locks";
import { forgetMemoryFit } from "./scheduling";
import { refundAttempts, reserveAttempts, type ThrottleRule } from "./throttle";

/**
 * An account's life after sign-up: changing the password, the admin's
 * one-time reset link, the export of one's own data, and deletion. Each
 * function checks who is asking itself. Every change of password ends the
 * account's sessions (the session version); the settings action then signs
 * the current browser in again under the new one. Decisions:
 * docs/decisions/0010-account-lifecycle.md.
 */

const ANY_ROLE: readonly Role[] = ["STUDENT", "INSTRUCTOR", "ADMIN"];
const ROLE_WORDS: Record<Role, string> = { STUDENT: "student", INSTRUCTOR: "instructor", ADMIN: "admin" };

/** How long a reset link works. */
export const RESET_LINK_TTL_MS = 24 * 60 * 60 * 1000;

const minutes = (ms: number) => Math.max(1, Math.ceil(ms / 60_000));

/** Only the hash of a reset token is stored: a copy of the table opens no account. */
export function hashResetToken(token: string): string {
  return createHash("sha256").update(token).digest("hex");
}

/**
 * Confirming one's own password (to change it, or to delete the account) has
 * the sign-in's per-account budget of its own: a stolen session cannot guess
 * the password faster than sign-in could. A right password gives it back.
 */
function confirmationRule(userId: string): ThrottleRule {
  const { LOGIN_MAX_FAILURES, LOGIN_WINDOW_MINUTES } = getServerEnv();
  return { key: `reauth:user:${userId}`, limit: LOGIN_MAX_FAILURES, windowMs: LOGIN_WINDOW_MINUTES * 60_000 };
}

/** Checks the signed-in user's password; throws a field error on `field` when it is wrong. Returns the stored hash it checked. */
async function confirmOwnPassword(userId: string, password: string, field: string, now: Date): Promise<{ passwordHash: string; email: string; role: Role }> {
  const rules = [confirmationRule(userId)];
  const reservation = await reserveAttempts(rules, now);
  if (!reservation.ok) {
    throw new ActionError(
      "RATE_LIMITED",
      `Too many wrong passwords. Nothing was changed; try again in ${minutes(reservation.retryAfterMs)} minutes.`,
    );
  }
  const user = await getDb().user.findUnique({ where: { id: userId }, select: { passwordHash: true, email: true, role: true } });
  if (!user) throw new ActionError("UNAUTHENTICATED", "This account no longer exists.");
  if (!(await verifyPassword(user.passwordHash, password))) {
    throw new ActionError("INVALID_INPUT", "That is not your current password. Nothing was changed.", {
      [field]: ["That is not your current password."],
    });
  }
  await refundAttempts(rules);
  return user;
}

function refuseEmailName(password: string, email: string): void {
  if (passwordContainsEmailName(password, email)) {
    throw new ActionError("INVALID_INPUT", "Some fields need your attention. Nothing was changed.", {
      newPassword: ["Your password must not contain your email name."],
    });
  }
}

/**
 * Changes the signed-in user's own password. Every session of the account
 * ends (other browsers at once), and so does every reset link made for it;
 * returns the new session version.
 */
export async function changeOwnPassword(actor: ActionUser, input: ChangePasswordInput, now = new Date()): Promise<{ sessionVersion: number }> {
  assertRole(actor, ANY_ROLE);
  const user = await confirmOwnPassword(actor.id, input.currentPassword, "currentPassword", now);
  refuseEmailName(input.newPassword, user.email);
  const passwordHash = await hashPassword(input.newPassword);
  return getDb().$transaction(async (tx) => {
    // Only over the hash that was checked: a change made meanwhile (a reset link) wins, and this one stops.
    const changed = await tx.user.updateMany({
      where: { id: actor.id, passwordHash: user.passwordHash },
      data: { passwordHash, sessionVersion: { increment: 1 } },
    });
    if (changed.count === 0) throw new ActionError("CONFLICT", "Your password was changed elsewhere meanwhile. Nothing was changed here.");
    // A reset link made before the change would undo it.
    await tx.passwordReset.deleteMany({ where: { userId: actor.id } });
    await recordAudit(
      tx,
      { actorId: actor.id, action: "account.password-change", entityType: "user", entityId: actor.id, summary: "Changed their password; every session ended" },
      now,
    );
    const { sessionVersion } = await tx.user.findUniqueOrThrow({ where: { id: actor.id }, select: { sessionVersion: true } });
    return { sessionVersion };
  });
}

// ---------------------------------------------------------------------------
// Reset links

export type ResetLink = { token: string; expiresAt: Date; user: { id: string; name: string; email: string } };

/**
 * An admin creates a one-time reset link for a user (the admin copies it:
 * there is no email server). Only its hash is stored; older links of the
 * user stop working.
 */
export async function createPasswordResetLink(actor: ActionUser, userId: string, now = new Date()): Promise<ResetLink> {
  assertRole(actor, ADMIN_ROLES);
  const token = randomBytes(32).toString("base64url");
  const expiresAt = new Date(now.getTime() + RESET_LINK_TTL_MS);
  return getDb().$transaction(async (tx) => {
    const user = await tx.user.findUnique({ where: { id: userId }, select: { id: true, name: true, email: true, role: true } });
    if (!user) throw new ActionError("NOT_FOUND", "That user no longer exists.");
    await tx.passwordReset.deleteMany({ where: { userId } });
    await tx.passwordReset.create({ data: { userId, tokenHash: hashResetToken(token), createdById: actor.id, createdAt: now, expiresAt } });
    await recordAudit(
      tx,
      {
        actorId: actor.id,
        action: "account.reset-link",
        entityType: "user",
        entityId: userId,
        summary: `Created a password-reset link for a ${ROLE_WORDS[user.role]} account, valid for 24 hours`,
        details: { expiresAt: expiresAt.toISOString() },
      },
      now,
    );
    return { token, expiresAt, user: { id: user.id, name: user.name, email: user.email } };
  });
}

/** Where a reset link is used from (lib/server/sign-in-context.ts). */
export type ResetOrigin = { address: string };

export type ResetLinkState =
  | { status: "valid"; name: string; email: string; expiresAt: Date }
  | { status: "invalid" }
  | { status: "throttled"; retryAfterMinutes: number };

/**
 * Guessing tokens is throttled per client address with the sign-in's
 * per-address budget; a valid token gives its attempt back, so only guesses
 * count. (A token has 256 random bits; the budget keeps the guesser's cost honest.)
 */
function resetGuessRule(origin: ResetOrigin): ThrottleRule {
  const { LOGIN_MAX_PER_ADDRESS, LOGIN_WINDOW_MINUTES } = getServerEnv();
  return { key: `reset:address:${origin.address}`, limit: LOGIN_MAX_PER_ADDRESS, windowMs: LOGIN_WINDOW_MINUTES * 60_000 };
}

/**
 * A link works once, until it expires, and only while the admin who made it
 * is still an admin: demoting or deleting them deletes their links
 * (accounts.ts changeUserRole, deleteOwnAccount), and a role changed any
 * other way is caught here.
 */
async function findUsableReset(token: string, now: Date) {
  if (!RESET_TOKEN_PATTERN.test(token)) return null;
  const reset = await getDb().passwordReset.findUnique({
    where: { tokenHash: hashResetToken(token) },
    select: { id: true, expiresAt: true, usedAt: true, user: { select: { id: true, name: true, email: true } }, createdBy: { select: { role: true } } },
  });
  if (!reset || reset.usedAt || reset.expiresAt.getTime() <= now.getTime() || reset.createdBy?.role !== "ADMIN") return null;
  return reset;
}

/** Whether a reset link works, for the reset page (public: the token is the credential). */
export async function inspectResetLink(token: string, origin: ResetOrigin, now = new Date()): Promise<ResetLinkState> {
  const rules = [resetGuessRule(origin)];
  const reservation = await reserveAttempts(rules, now);
  if (!reservation.ok) return { status: "throttled", retryAfterMinutes: minutes(reservation.retryAfterMs) };
  const reset = await findUsableReset(token, now);
  if (!reset) return { status: "invalid" };
  await refundAttempts(rules);
  return { status: "valid", name: reset.user.name, email: reset.user.email, expiresAt: reset.expiresAt };
}

/**
 * Sets a new password with a reset link: the link is spent, any other link
 * for the account is deleted, and every session of the account ends. The account's sign-in counters start afresh,
 * so an owner locked out by someone's guesses can sign in at once.
 */
export async function resetPasswordWithLink(token: string, newPassword: string, origin: ResetOrigin, now = new Date()): Promise<void> {
  const rules = [resetGuessRule(origin)];
  const reservation = await reserveAttempts(rules, now);
  if (!reservation.ok) {
    throw new ActionError("RATE_LIMITED", `Too many attempts from your network. Try again in ${minutes(reservation.retryAfterMs)} minutes.`);
  }
  const reset = await findUsableReset(token, now);
  if (!reset) throw new ActionError("NOT_FOUND", INVALID_RESET_LINK);
  await refundAttempts(rules);
  refuseEmailName(newPassword, reset.user.email);
  const passwordHash = await hashPassword(newPassword);
  await getDb().$transaction(async (tx) => {
    // One use: the claim succeeds for exactly one request, however many arrive at once.
    const claimed = await tx.passwordReset.updateMany({
      where: { id: reset.id, usedAt: null, expiresAt: { gt: now } },
      data: { usedAt: now },
    });
    if (claimed.count === 0) throw new ActionError("NOT_FOUND", INVALID_RESET_LINK);
    await tx.user.update({ where: { id: reset.user.id }, data: { passwordHash, sessionVersion: { increment: 1 } } });
    // Another link (two admins made one at once) would undo the new password.
    await tx.passwordReset.deleteMany({ where: { userId: reset.user.id, id: { not: reset.id } } });
    await tx.throttle.deleteMany({ where: { key: `login:account:${reset.user.email}` } });
    await recordAudit(
      tx,
      {
        actorId: reset.user.id,
        action: "account.password-reset",
        entityType: "user",
        entityId: reset.user.id,
        summary: "Set a new password with a reset link; every session ended",
      },
      now,
    );
  });
}

// ---------------------------------------------------------------------------
// Deletion

export type DeletionPreview = {
  /** Why the account cannot be deleted now, or null. */
  blockedBy: string | null;
  /** Classes with students, handed to an admin when the account goes. */
  classesHandedOver: string[];
  /** Classes without members, deleted with the account. */
  emptyClasses: number;
};

async function planDeletion(tx: DbTx, userId: string, forDelete: boolean): Promise<DeletionPreview & { role: Role; heir: { id: string; name: string } | null; handOverIds: string[] }> {
  const user = await tx.user.findUniqueOrThrow({ where: { id: userId }, select: { role: true } });
  if (user.role === "ADMIN" && forDelete) await lockAdmins(tx);
  const admins = user.role === "ADMIN" ? await tx.user.count({ where: { role: "ADMIN" } }) : 0;
  const classes = await tx.classroom.findMany({
    where: { ownerId: userId },
    orderBy: { createdAt: "asc" },
    select: { id: true, name: true, _count: { select: { memberships: true } } },
  });
  const withMembers = classes.filter((c) => c._count.memberships > 0);
  // The longest-serving other admin takes over the classes that have students.
  const heir =
    withMembers.length > 0
      ? await tx.user.findFirst({ where: { role: "ADMIN", id: { not: userId } }, orderBy: { createdAt: "asc" }, select: { id: true, name: true } })
      : null;
  let blockedBy: string | null = null;
  if (user.role === "ADMIN" && admins <= 1) {
    blockedBy = "You are the last admin. Make someone else an admin first, so the site keeps one.";
  } else if (withMembers.length > 0 && !heir) {
    blockedBy = "Your classes have students and there is no admin to hand them to. Ask for an admin account first.";
  }
  return {
    role: user.role,
    blockedBy,
    classesHandedOver: withMembers.map((c) => c.name),
    emptyClasses: classes.length - withMembers.length,
    heir,
    handOverIds: withMembers.map((c) => c.id),
  };
}

/** What deleting the signed-in user's account would do, for the settings page. */
export async function previewAccountDeletion(actor: ActionUser): Promise<DeletionPreview> {
  assertRole(actor, ANY_ROLE);
  const plan = await getDb().$transaction((tx) => planDeletion(tx, actor.id, false));
  return { blockedBy: plan.blockedBy, classesHandedOver: plan.classesHandedOver, emptyClasses: plan.emptyClasses };
}

/**
 * Deletes the signed-in user's account after they confirmed their password:
 * their answers, memory states, practice and mock exams, bookmarks, study
 * days, reports, enrolments and memberships go with it (the schema's
 * cascades). Questions and versions they wrote stay, without an author;
 * classes with students pass to an admin; empty classes go. The last admin
 * cannot delete themself.
 */
export async function deleteOwnAccount(actor: ActionUser, input: DeleteAccountInput, now = new Date()): Promise<void> {
  assertRole(actor, ANY_ROLE);
  const { email } = await confirmOwnPassword(actor.id, input.password, "password", now);
  await getDb().$transaction(async (tx) => {
    // The exams' rows first (row-locks.ts): deleting the user's row cascades to them, and a submit
    // running now holds its exam's row and then takes the user's; taken the other way round, the
    // two would wait on each other (a deadlock on PostgreSQL).
    await lockOwnExamRows(prismaSql(tx), actor.id);
    const plan = await planDeletion(tx, actor.id, true);
    if (plan.blockedBy) throw new ActionError("CONFLICT", `${plan.blockedBy} Nothing was deleted.`);
    if (plan.heir && plan.handOverIds.length > 0) {
      await tx.classroom.updateMany({ where: { id: { in: plan.handOverIds } }, data: { ownerId: plan.heir.id } });
      for (const classId of plan.handOverIds) {
        await recordAudit(
          tx,
          {
            actorId: null,
            action: "class.hand-over",
            entityType: "class",
            entityId: classId,
            summary: `Handed to ${plan.heir.name} when its owner deleted their account`,
          },
          now,
        );
      }
    }
    // A version's author is a plain column (no foreign key to null it). The question's author is
    // nulled here too, not by the foreign key's SET NULL: SQLite runs the bank-revision trigger that
    // update fires (migration 0008) under the key action's ABORT policy, so its INSERT OR REPLACE fails.
    await tx.questionVersion.updateMany({ where: { authorId: actor.id }, data: { authorId: null } });
    await tx.question.updateMany({ where: { authorId: actor.id }, data: { authorId: null } });
    // Throttle keys name the account by email or id: personal data, and no longer of use.
    await tx.throttle.deleteMany({
      where: { OR: [{ key: `login:account:${email}` }, { key: `reauth:user:${actor.id}` }, { key: { startsWith: `login:device:${actor.id}:` } }] },
    });
    // Reset links this admin made would outlive them (the key sets createdById to null).
    await tx.passwordReset.deleteMany({ where: { createdById: actor.id } });
    const answers = await tx.answer.count({ where: { userId: actor.id } });
    await tx.user.delete({ where: { id: actor.id } });
    await recordAudit(
      tx,
      {
        actorId: null,
        action: "account.delete",
        entityType: "user",
        entityId: actor.id,
        summary: `Deleted their own ${ROLE_WORDS[plan.role]} account and its data`,
        details: { answers, classesHandedOver: plan.handOverIds.length, emptyClassesDeleted: plan.emptyClasses },
      },
      now,
    );
  });
  forgetMemoryPopulationMember(actor.id);
  forgetMemoryFit(actor.id);
}

// ---------------------------------------------------------------------------
// Export

export const ACCOUNT_EXPORT_FORMAT = "ipt-exam-prep.account-export.v1";

/**
 * Everything the app holds about the signed-in user, as plain JSON: the
 * profile (never the password hash or the session version), enrolments,
 * classes, answers with the wording they saw, memory states, abilities,
 * bookmarks, study days, practice sessions, mock exams and problem reports.
 */
export async function exportAccountData(actor: ActionUser, now = new Date()) {
  assertRole(actor, ANY_ROLE);
  const db = getDb();
  const userId = actor.id;
  const profile = await db.user.findUniqueOrThrow({
    where: { id: userId },
    select: {
      id: true,
      email: true,
      name: true,
      role: true,
      examDate: true,
      dailyGoal: true,
      timeZone: true,
      memoryStabilityScale: true,
      memoryDecay: true,
      memoryFitReviews: true,
      createdAt: true,
      updatedAt: true,
    },
  });
  const enrolments = await db.enrolment.findMany({
    where: { userId },
    orderBy: { createdAt: "asc" },
    select: { examDate: true, dailyGoal: true, createdAt: true, subject: { select: { slug: true, name: true } } },
  });
  const classes = await db.classMembership.findMany({
    where: { userId },
    orderBy: { joinedAt: "asc" },
    select: { joinedAt: true, classroom: { select: { name: true } } },
  });
  const ownedClasses = await db.classroom.findMany({ where: { ownerId: userId }, orderBy: { createdAt: "asc" }, select: { name: true, createdAt: true } });
  const answers = await db.answer.findMany({
    where: { userId },
    orderBy: { createdAt: "asc" },
    select: {
      createdAt: true,
      correct: true,
      confidence: true,
      responseMs: true,
      question: { select: { slug: true } },
      version: { select: { version: true, stem: true } },
      option: { select: { position: true, text: true } },
      presentation: { select: { mode: true } },
    },
  });
  const memoryStates = await db.memoryState.findMany({
    where: { userId },
    orderBy: { createdAt: "asc" },
    select: {
      question: { select: { slug: true } },
      stability: true,
      difficulty: true,
      due: true,
      lastReview: true,
      reps: true,
      lapses: true,
      state: true,
      mastered: true,
      createdAt: true,
    },
  });
  const topicAbilities = await db.topicAbility.findMany({
    where: { userId },
    select: { topic: { select: { slug: true } }, rating: true, attempts: true, updatedAt: true },
  });
  const bookmarks = await db.bookmark.findMany({
    where: { userId },
    orderBy: { createdAt: "asc" },
    select: { question: { select: { slug: true } }, createdAt: true },
  });
  const studyDays = await db.studyDay.findMany({ where: { userId }, orderBy: { day: "asc" } });
  const subjectSlugs = new Map((await db.subject.findMany({ select: { id: true, slug: true } })).map((s) => [s.id, s.slug]));
  const practiceSessions = await db.practiceSession.findMany({
    where: { userId },
    orderBy: { startedAt: "asc" },
    select: { startedAt: true, endedAt: true, answeredCount: true, correctCount: true },
  });
  const mockExams = await db.mockExam.findMany({
    where: { userId },
    orderBy: { startedAt: "asc" },
    select: {
      subject: { select: { slug: true } },
      questionCount: true,
      timeLimitSec: true,
      startedAt: true,
      deadline: true,
      submittedAt: true,
      endedBy: true,
      correctCount: true,
    },
  });
  const problemReports = await db.problemReport.findMany({
    where: { userId },
    orderBy: { createdAt: "asc" },
    select: {
      question: { select: { slug: true } },
      version: { select: { version: true } },
      category: true,
      reason: true,
      status: true,
      resolutionNote: true,
      createdAt: true,
      resolvedAt: true,
    },
  });

  return {
    format: ACCOUNT_EXPORT_FORMAT,
    exportedAt: now.toISOString(),
    profile,
    enrolments: enrolments.map((e) => ({ subject: e.subject.slug, subjectName: e.subject.name, examDate: e.examDate, dailyGoal: e.dailyGoal, createdAt: e.createdAt })),
    classes: classes.map((c) => ({ name: c.classroom.name, joinedAt: c.joinedAt })),
    ownedClasses,
    answers: answers.map((a) => ({
      answeredAt: a.createdAt,
      question: a.question.slug,
      questionVersion: a.version.version,
      stem: a.version.stem,
      optionChosen: a.option.text,
      optionPosition: a.option.position,
      correct: a.correct,
      confidence: a.confidence,
      responseMs: a.responseMs,
      mode: a.presentation?.mode ?? null,
    })),
    memoryStates: memoryStates.map(({ question, ...state }) => ({ question: question.slug, ...state })),
    topicAbilities: topicAbilities.map(({ topic, ...ability }) => ({ topic: topic.slug, ...ability })),
    bookmarks: bookmarks.map((b) => ({ question: b.question.slug, createdAt: b.createdAt })),
    studyDays: studyDays.map((d) => ({ subject: subjectSlugs.get(d.subjectId) ?? d.subjectId, day: d.day, answered: d.answered, correct: d.correct })),
    practiceSessions,
    mockExams: mockExams.map(({ subject, ...exam }) => ({ subject: subject.slug, ...exam })),
    problemReports: problemReports.map(({ question, version, ...report }) => ({ question: question.slug, questionVersion: version.version, ...report })),
  };
}

export type AccountExport = Awaited<ReturnType<typeof exportAccountData>>;
