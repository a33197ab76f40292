import { describe, expect, it, vi } from "vitest";
import { onPostgres } from "./postgres-databases";
import { getDb } from "@/lib/server/db";
import { directRead, directTransaction, isUniqueViolation, prismaSql, sqlDate, type Sql } from "@/lib/server/direct-sql";
import { createUser } from "../factories/users";

/**
 * The practice hot path's plain SQL shares the process's connection with
 * Prisma (decision 0009): its rows must read the same through Prisma, its
 * transactions must be all or nothing, and it must never run inside a Prisma
 * transaction that another request holds open.
 */
describe("plain SQL on the process's connection", () => {
  it("writes dates and booleans that Prisma reads back unchanged", async () => {
    const user = await createUser();
    const at = new Date("2026-03-04T05:06:07.089Z");
    await directTransaction((sql) =>
      sql.run(`INSERT INTO "PracticeSession" ("id", "userId", "startedAt", "answeredCount", "correctCount") VALUES (?, ?, ?, 0, 0)`, "s-1", user.id, at),
    );
    const row = await getDb().practiceSession.findUniqueOrThrow({ where: { id: "s-1" } });
    expect(row.startedAt.toISOString()).toBe(at.toISOString());
    // And a row Prisma wrote reads the same here.
    const back = await directRead((sql) => sql.one<{ startedAt: unknown }>(`SELECT "startedAt" FROM "PracticeSession" WHERE "id" = ?`, "s-1"));
    expect(sqlDate(back?.startedAt)?.toISOString()).toBe(at.toISOString());
  });

  it("rolls the whole transaction back when its body throws", async () => {
    const user = await createUser();
    await expect(
      directTransaction(async (sql) => {
        await sql.run(`INSERT INTO "PracticeSession" ("id", "userId", "startedAt") VALUES (?, ?, ?)`, "s-2", user.id, new Date());
        throw new Error("stop here");
      }),
    ).rejects.toThrow("stop here");
    expect(await getDb().practiceSession.findUnique({ where: { id: "s-2" } })).toBeNull();
  });

  it.skipIf(onPostgres)("commits a non-durable transaction and puts every later commit back on the disk", async () => {
    const user = await createUser();
    const synchronous = () => directRead((sql) => sql.one<{ synchronous: number }>("PRAGMA synchronous"));
    expect((await synchronous())?.synchronous).toBe(2);
    await directTransaction((sql) => sql.run(`INSERT INTO "PracticeSession" ("id", "userId", "startedAt") VALUES (?, ?, ?)`, "s-5", user.id, new Date()), {
      durable: false,
    });
    expect(await getDb().practiceSession.findUnique({ where: { id: "s-5" } })).not.toBeNull();
    expect((await synchronous())?.synchronous).toBe(2);
    await expect(directTransaction(() => Promise.reject(new Error("no")), { durable: false })).rejects.toThrow("no");
    expect((await synchronous())?.synchronous).toBe(2);
  });

  it.runIf(onPostgres)("PostgreSQL: commits a non-durable transaction, and only that one skips waiting for the WAL", async () => {
    const user = await createUser();
    const setting = (sql: Sql) => sql.one<{ value: string }>("SELECT current_setting('synchronous_commit') AS value");
    const before = (await directRead(setting))!.value;
    const inside = await directTransaction(
      async (sql) => {
        await sql.run(`INSERT INTO "PracticeSession" ("id", "userId", "startedAt") VALUES (?, ?, ?)`, "s-5", user.id, new Date());
        return (await setting(sql))!.value;
      },
      { durable: false },
    );
    expect(inside).toBe("off");
    expect(await getDb().practiceSession.findUnique({ where: { id: "s-5" } })).not.toBeNull();
    // SET LOCAL ends with its transaction: every pooled connection is back to the server's setting.
    const after = await Promise.all(Array.from({ length: 12 }, () => directTransaction(async (sql) => (await setting(sql))!.value)));
    expect(new Set(after)).toEqual(new Set([before]));
  });

  it("reports a unique violation as such, from the driver and through Prisma", async () => {
    const user = await createUser();
    const insert = `INSERT INTO "PracticeSession" ("id", "userId", "startedAt") VALUES (?, ?, ?)`;
    await directTransaction((sql) => sql.run(insert, "s-3", user.id, new Date()));
    const direct = await directTransaction((sql) => sql.run(insert, "s-3", user.id, new Date())).catch((e: unknown) => e);
    expect(isUniqueViolation(direct)).toBe(true);
    const viaPrisma = await getDb()
      .$transaction((tx) => prismaSql(tx).run(insert, "s-3", user.id, new Date()))
      .catch((e: unknown) => e);
    expect(isUniqueViolation(viaPrisma)).toBe(true);
    expect(isUniqueViolation(new Error("something else"))).toBe(false);
  });

  it("waits for an open Prisma transaction instead of reading its uncommitted rows", async () => {
    const user = await createUser();
    let inside!: () => void;
    const opened = new Promise<void>((resolve) => (inside = resolve));
    let finish!: () => void;
    const hold = new Promise<void>((resolve) => (finish = resolve));
    const transaction = getDb().$transaction(async (tx) => {
      await tx.practiceSession.create({ data: { id: "s-4", userId: user.id, startedAt: new Date() } });
      inside();
      await hold;
      throw new Error("rolled back");
    });
    await opened;
    const read = directRead((sql) => sql.one(`SELECT "id" FROM "PracticeSession" WHERE "id" = ?`, "s-4"));
    if (onPostgres) {
      // Its own connection: it reads the last committed state at once, without the open transaction's row.
      expect(await read).toBeUndefined();
    } else {
      // The read cannot have run yet: the transaction holds the connection.
      let done = false;
      void read.then(() => (done = true));
      await new Promise((resolve) => setTimeout(resolve, 50));
      expect(done).toBe(false);
    }
    finish();
    await expect(transaction).rejects.toThrow("rolled back");
    expect(await read).toBeUndefined();
  });
  it("gives two statements different names however many copies of this module a server bundles", async () => {
    // A Next.js build instantiates a module once per layer (pages, route
    // handlers), while the connections are the process's: a name numbered
    // per copy was given to two different statements on one PostgreSQL
    // connection ("Prepared statements must be unique"), failing the class
    // CSV after the class page had run its statements.
    vi.resetModules();
    const first = await import("@/lib/server/direct-sql");
    vi.resetModules();
    const second = await import("@/lib/server/direct-sql");
    expect(first.directRead).not.toBe(second.directRead);
    for (let round = 0; round < 3; round++) {
      expect(await first.directRead((sql) => sql.one<{ a: number }>("SELECT 1 AS a"))).toEqual({ a: 1 });
      expect(await second.directRead((sql) => sql.one<{ b: string }>("SELECT 'two' AS b"))).toEqual({ b: "two" });
      expect(await second.directRead((sql) => sql.one<{ a: number }>("SELECT 1 AS a"))).toEqual({ a: 1 });
    }
  });
});
