import { beforeEach, describe, expect, it, vi } from "vitest";
import { ActionError } from "@/lib/server/action-client";
import { getDb } from "@/lib/server/db";
import type * as PasswordModule from "@/lib/server/password";
import { hashPassword, verifyAgainstDummy, verifyPassword } from "@/lib/server/password";
import { changeUserRole, checkCredentials, endSessions, findSessionUser, registerStudent, type AttemptOrigin } from "@/lib/services/accounts";
import { createUser } from "../factories/users";

// Count the expensive work: every password hash and verification.
vi.mock("@/lib/server/password", async (importOriginal) => {
  const real = await importOriginal<typeof PasswordModule>();
  return {
    ...real,
    hashPassword: vi.fn(real.hashPassword),
    verifyPassword: vi.fn(real.verifyPassword),
    verifyAgainstDummy: vi.fn(real.verifyAgainstDummy),
  };
});

const verifications = () => vi.mocked(verifyPassword).mock.calls.length + vi.mocked(verifyAgainstDummy).mock.calls.length;

/** A request from an address, from a browser that knows no account (or the given one). */
function from(address: string, knownDevices: Record<string, string> = {}): AttemptOrigin {
  return { address, knownDevice: (userId) => knownDevices[userId] ?? null };
}

const PASSWORD = "a long passphrase";
const MAX_FAILURES = 5; // LOGIN_MAX_FAILURES's default

beforeEach(() => {
  vi.mocked(hashPassword).mockClear();
  vi.mocked(verifyPassword).mockClear();
  vi.mocked(verifyAgainstDummy).mockClear();
});

describe("registerStudent", () => {
  it("creates a student with an argon2id hash, never the plain password", async () => {
    const user = await registerStudent({ name: "Noor", email: "noor@example.com", password: PASSWORD }, from("10.0.0.1"));
    expect(user.role).toBe("STUDENT");
    const row = await getDb().user.findUniqueOrThrow({ where: { id: user.id } });
    expect(row.passwordHash).toMatch(/^\$argon2id\$/);
    expect(row.passwordHash).not.toContain(PASSWORD);
  });

  it("refuses a duplicate email with a field error and writes nothing", async () => {
    await registerStudent({ name: "A", email: "dup@example.com", password: PASSWORD }, from("10.0.0.1"));
    const error = await registerStudent({ name: "B", email: "dup@example.com", password: "another passphrase" }, from("10.0.0.1")).catch(
      (e: unknown) => e,
    );
    expect(error).toBeInstanceOf(ActionError);
    expect((error as ActionError).code).toBe("CONFLICT");
    expect((error as ActionError).fieldErrors?.email?.[0]).toMatch(/already exists/);
    expect(await getDb().user.count({ where: { email: "dup@example.com" } })).toBe(1);
  });

  it("throttles a flood of sign-ups from one address before any password is hashed", async () => {
    const attempts = Array.from({ length: 30 }, (_, i) =>
      registerStudent({ name: `Flood ${i}`, email: `flood-${i}@example.com`, password: PASSWORD }, from("203.0.113.9")).then(
        () => "created",
        (e: unknown) => (e instanceof ActionError ? e.code : "error"),
      ),
    );
    const results = await Promise.all(attempts);
    const created = results.filter((r) => r === "created").length;
    expect(created).toBe(10); // SIGNUP_MAX_PER_ADDRESS's default
    expect(results.filter((r) => r === "RATE_LIMITED")).toHaveLength(20);
    expect(vi.mocked(hashPassword).mock.calls.length).toBe(10);
    expect(await getDb().user.count()).toBe(10);
    // Another network is not affected.
    await expect(registerStudent({ name: "Other", email: "other@example.com", password: PASSWORD }, from("198.51.100.4"))).resolves.toBeDefined();
  });
});

describe("checkCredentials", () => {
  it("accepts the right password and treats an unknown email like a wrong password", async () => {
    await registerStudent({ name: "C", email: "c@example.com", password: PASSWORD }, from("10.0.0.1"));
    expect((await checkCredentials("C@example.com", PASSWORD, from("10.0.0.2"))).status).toBe("ok");
    expect((await checkCredentials("c@example.com", "wrong passphrase", from("10.0.0.2"))).status).toBe("invalid");
    expect((await checkCredentials("nobody@example.com", PASSWORD, from("10.0.0.2"))).status).toBe("invalid");
  });

  it("lets 20 parallel wrong guesses for one account run at most LOGIN_MAX_FAILURES password verifications", async () => {
    await registerStudent({ name: "D", email: "d@example.com", password: PASSWORD }, from("10.0.0.1"));
    vi.mocked(verifyPassword).mockClear();
    const results = await Promise.all(
      Array.from({ length: 20 }, (_, i) => checkCredentials("d@example.com", `guess number ${i}`, from(`192.0.2.${i}`))),
    );
    expect(verifications()).toBeLessThanOrEqual(MAX_FAILURES);
    expect(results.filter((r) => r.status === "invalid")).toHaveLength(MAX_FAILURES);
    expect(results.filter((r) => r.status === "throttled")).toHaveLength(20 - MAX_FAILURES);
    // A right password from a new browser during the attack is throttled too (the guesser cannot tell it was right) ...
    expect((await checkCredentials("d@example.com", PASSWORD, from("192.0.2.200"))).status).toBe("throttled");
  });

  it("does not let an attacker's failures keep the owner out of a browser they have signed in from before", async () => {
    const owner = await registerStudent({ name: "E", email: "e@example.com", password: PASSWORD }, from("10.0.0.1"));
    const ownersBrowser = from("198.51.100.7", { [owner.id]: "owners-device-id-0001" });
    expect((await checkCredentials("e@example.com", PASSWORD, ownersBrowser)).status).toBe("ok");

    // The attacker fails again and again, from one address and from many.
    for (let i = 0; i < 12; i += 1) await checkCredentials("e@example.com", `attacker guess ${i}`, from(i < 6 ? "203.0.113.66" : `203.0.113.${i}`));
    expect((await checkCredentials("e@example.com", "attacker guess x", from("203.0.113.99"))).status).toBe("throttled");

    // The owner's browser still signs in, and its own budget is untouched by the attack.
    expect((await checkCredentials("e@example.com", PASSWORD, ownersBrowser)).status).toBe("ok");
    // Even the owner's typos on their own browser do not spend the attacker-facing budget or vice versa.
    expect((await checkCredentials("e@example.com", "owner typo", ownersBrowser)).status).toBe("invalid");
    expect((await checkCredentials("e@example.com", PASSWORD, ownersBrowser)).status).toBe("ok");
  });

  it("answers an unknown email exactly as a real one with a wrong password: same statuses, same work, same writes", async () => {
    await registerStudent({ name: "F", email: "f@example.com", password: PASSWORD }, from("10.0.0.1"));
    async function probe(email: string, address: string) {
      vi.mocked(verifyPassword).mockClear();
      vi.mocked(verifyAgainstDummy).mockClear();
      const statuses: string[] = [];
      for (let i = 0; i < MAX_FAILURES + 2; i += 1) statuses.push((await checkCredentials(email, `wrong ${i}`, from(address))).status);
      const throttleRows = await getDb().throttle.findMany({ where: { key: { contains: email } }, select: { count: true } });
      return { statuses, verifications: verifications(), counts: throttleRows.map((r) => r.count) };
    }
    const real = await probe("f@example.com", "192.0.2.10");
    const unknown = await probe("ghost@example.com", "192.0.2.11");
    expect(unknown).toEqual(real);
    expect(real.statuses).toEqual([...Array<string>(MAX_FAILURES).fill("invalid"), "throttled", "throttled"]);
    expect(real.verifications).toBe(MAX_FAILURES);
  });

  it("opens the account again once the window has passed", async () => {
    await registerStudent({ name: "G", email: "g@example.com", password: PASSWORD }, from("10.0.0.1"));
    const now = new Date("2026-11-22T10:00:00Z");
    for (let i = 0; i < MAX_FAILURES; i += 1) await checkCredentials("g@example.com", "guess", from("192.0.2.1"), now);
    expect((await checkCredentials("g@example.com", PASSWORD, from("192.0.2.1"), now)).status).toBe("throttled");
    const later = new Date(now.getTime() + 16 * 60_000);
    expect((await checkCredentials("g@example.com", PASSWORD, from("192.0.2.1"), later)).status).toBe("ok");
  });

  it("throttles one address guessing across many accounts", async () => {
    const statuses = [];
    for (let i = 0; i < 35; i += 1) statuses.push((await checkCredentials(`spray-${i}@example.com`, "Summer2026!", from("203.0.113.50"))).status);
    expect(statuses.filter((s) => s === "invalid")).toHaveLength(30); // LOGIN_MAX_PER_ADDRESS's default
    expect(statuses.slice(30)).toEqual(Array<string>(5).fill("throttled"));
  });
});

describe("sessions", () => {
  it("ends every session of a user when asked, and on a role change", async () => {
    const admin = await createUser({ role: "ADMIN" });
    const student = await createUser();
    const before = (await findSessionUser(student.id))!.sessionVersion;
    await endSessions(student.id);
    const afterSignOut = (await findSessionUser(student.id))!.sessionVersion;
    expect(afterSignOut).toBe(before + 1);
    await changeUserRole(admin, student.id, "INSTRUCTOR");
    expect((await findSessionUser(student.id))!.sessionVersion).toBe(afterSignOut + 1);
  });
});

describe("changeUserRole", () => {
  it("lets an admin promote a student and refuses to remove the last admin", async () => {
    const admin = await createUser({ role: "ADMIN" });
    const student = await createUser();
    const updated = await changeUserRole(admin, student.id, "INSTRUCTOR");
    expect(updated.role).toBe("INSTRUCTOR");
    await expect(changeUserRole(admin, admin.id, "STUDENT")).rejects.toMatchObject({ code: "CONFLICT" });
    expect((await getDb().user.findUniqueOrThrow({ where: { id: admin.id } })).role).toBe("ADMIN");
  });

  it("keeps one admin when the last two demote each other at the same moment", async () => {
    // Each request alone sees two admins; run together they must not both pass (PostgreSQL: READ COMMITTED).
    for (let round = 0; round < 10; round += 1) {
      await getDb().user.deleteMany({ where: { role: "ADMIN" } });
      const first = await createUser({ role: "ADMIN" });
      const second = await createUser({ role: "ADMIN" });
      const results = await Promise.allSettled([changeUserRole(first, second.id, "STUDENT"), changeUserRole(second, first.id, "STUDENT")]);
      expect(results.filter((r) => r.status === "fulfilled")).toHaveLength(1);
      expect(await getDb().user.count({ where: { role: "ADMIN" } })).toBe(1);
    }
  });
});
