import "server-only";
import { randomInt } from "node:crypto";
import { ActionError, assertRole, STAFF_ROLES, type ActionUser } from "../server/action-client";
import { getDb } from "../server/db";
import { isUniqueViolation, prismaSql } from "../server/direct-sql";
import { enrolForClass } from "./enrolment";
import { lockUserRow } from "./row-locks";
import { JOIN_CODE_ALPHABET, JOIN_CODE_LENGTH, type CreateClassInput } from "../validation/classes";

/**
 * Classes: instructors create them and share a join code; students join with
 * it. An instructor sees and changes only their own classes; an admin, all.
 * A class that is not the actor's is reported as not found, never as
 * forbidden, so ids cannot be probed.
 */

export type ClassSummary = { id: string; name: string; joinCode: string; examDate: Date | null; members: number; ownerName: string };
export type RosterEntry = { userId: string; name: string; email: string; joinedAt: Date; lastActiveAt: Date | null };
export type ClassDetail = ClassSummary & { roster: RosterEntry[] };

const NOT_FOUND = "That class does not exist or is not yours.";

function newJoinCode(): string {
  let code = "";
  for (let i = 0; i < JOIN_CODE_LENGTH; i += 1) code += JOIN_CODE_ALPHABET[randomInt(JOIN_CODE_ALPHABET.length)];
  return code;
}

/** Runs a write that stores a fresh join code, drawing again on the (rare) collision. */
async function withFreshCode<T>(write: (code: string) => Promise<T>): Promise<T> {
  for (let attempt = 0; ; attempt += 1) {
    try {
      return await write(newJoinCode());
    } catch (error) {
      const collision = isUniqueViolation(error);
      if (!collision || attempt >= 4) throw error;
    }
  }
}

/** The class if the actor may manage it (its owner, or any admin); NOT_FOUND otherwise, never FORBIDDEN. */
export async function ownedClass(actor: ActionUser, classId: string) {
  assertRole(actor, STAFF_ROLES);
  return assertOwnsClass(actor, await getDb().classroom.findUnique({ where: { id: classId }, include: { owner: { select: { name: true } } } }));
}

/**
 * The class, when the actor is its owner or an admin; otherwise NOT_FOUND,
 * worded as for a class that does not exist. For callers that read the class
 * themselves (in one snapshot with more); ownedClass reads and checks.
 */
export function assertOwnsClass<C extends { ownerId: string }>(actor: ActionUser, found: C | null | undefined): C {
  assertRole(actor, STAFF_ROLES);
  if (!found || (actor.role !== "ADMIN" && found.ownerId !== actor.id)) throw new ActionError("NOT_FOUND", NOT_FOUND);
  return found;
}

export async function createClass(actor: ActionUser, input: Omit<CreateClassInput, "subjectId"> & { subjectId?: string | null }): Promise<{ id: string; joinCode: string }> {
  assertRole(actor, STAFF_ROLES);
  if (input.subjectId && !(await getDb().subject.findUnique({ where: { id: input.subjectId }, select: { id: true } }))) {
    throw new ActionError("INVALID_INPUT", "That subject does not exist. Nothing was saved.", { subjectId: ["Choose one of the subjects listed."] });
  }
  return withFreshCode((joinCode) =>
    getDb().classroom.create({
      data: { name: input.name, examDate: input.examDate, subjectId: input.subjectId ?? null, ownerId: actor.id, joinCode },
      select: { id: true, joinCode: true },
    }),
  );
}

/** The subjects a class can be for (the create form offers a choice only when there are several). */
export async function subjectsForClasses(actor: ActionUser): Promise<Array<{ id: string; name: string }>> {
  assertRole(actor, STAFF_ROLES);
  return getDb().subject.findMany({ orderBy: [{ createdAt: "asc" }, { name: "asc" }], select: { id: true, name: true } });
}

export async function listClasses(actor: ActionUser): Promise<ClassSummary[]> {
  assertRole(actor, STAFF_ROLES);
  const classes = await getDb().classroom.findMany({
    where: actor.role === "ADMIN" ? {} : { ownerId: actor.id },
    orderBy: { createdAt: "desc" },
    include: { owner: { select: { name: true } }, _count: { select: { memberships: true } } },
  });
  return classes.map((c) => ({
    id: c.id,
    name: c.name,
    joinCode: c.joinCode,
    examDate: c.examDate,
    members: c._count.memberships,
    ownerName: c.owner.name,
  }));
}

export async function getClassDetail(actor: ActionUser, classId: string): Promise<ClassDetail> {
  const found = await ownedClass(actor, classId);
  const db = getDb();
  const memberships = await db.classMembership.findMany({
    where: { classId },
    orderBy: { joinedAt: "asc" },
    select: { joinedAt: true, user: { select: { id: true, name: true, email: true } } },
  });
  const userIds = memberships.map((m) => m.user.id);
  const lastAnswers = userIds.length
    ? await db.answer.groupBy({ by: ["userId"], where: { userId: { in: userIds } }, _max: { createdAt: true } })
    : [];
  const lastActive = new Map(lastAnswers.map((row) => [row.userId, row._max.createdAt]));
  return {
    id: found.id,
    name: found.name,
    joinCode: found.joinCode,
    examDate: found.examDate,
    members: memberships.length,
    ownerName: found.owner.name,
    roster: memberships.map((m) => ({
      userId: m.user.id,
      name: m.user.name,
      email: m.user.email,
      joinedAt: m.joinedAt,
      lastActiveAt: lastActive.get(m.user.id) ?? null,
    })),
  };
}

/** A new code; the old one stops working at once. */
export async function regenerateJoinCode(actor: ActionUser, classId: string): Promise<string> {
  await ownedClass(actor, classId);
  const updated = await withFreshCode((joinCode) =>
    getDb().classroom.update({ where: { id: classId }, data: { joinCode }, select: { joinCode: true } }),
  );
  return updated.joinCode;
}

export async function removeMember(actor: ActionUser, classId: string, userId: string): Promise<void> {
  await ownedClass(actor, classId);
  const removed = await getDb().classMembership.deleteMany({ where: { classId, userId } });
  if (removed.count === 0) throw new ActionError("NOT_FOUND", "That student is not in this class.");
}

export type JoinResult = { classId: string; className: string; alreadyMember: boolean; examDateAdopted: Date | null };

/**
 * Joins the signed-in user to the class with this code. Joining twice is
 * harmless. The member is enrolled in the class's subject (IPT when it names
 * none), which becomes their current subject if they have none; the class
 * exam date becomes that enrolment's when it has none.
 */
export async function joinClass(user: ActionUser, code: string): Promise<JoinResult> {
  const db = getDb();
  return db.$transaction(async (tx) => {
    // Joins of one student arrive one at a time: a second finds the first's membership.
    await lockUserRow(prismaSql(tx), user.id);
    const found = await tx.classroom.findUnique({ where: { joinCode: code }, select: { id: true, name: true, examDate: true, subjectId: true } });
    if (!found) {
      throw new ActionError("NOT_FOUND", "No class has that code. Check it with your instructor: a code stops working when it is regenerated.", {
        code: ["No class has that code."],
      });
    }
    const existing = await tx.classMembership.findUnique({ where: { classId_userId: { classId: found.id, userId: user.id } }, select: { id: true } });
    if (!existing) await tx.classMembership.create({ data: { classId: found.id, userId: user.id } });
    const examDateAdopted = await enrolForClass(tx, user.id, found);
    return { classId: found.id, className: found.name, alreadyMember: Boolean(existing), examDateAdopted };
  });
}
