import { randomUUID } from "node:crypto";
import { withE2eDb } from "./e2e-database";

/**
 * `count` new students joined to a class, straight into the e2e database in
 * one transaction ("Member 01" joined first), for specs that need a class
 * larger than signing up each student through the app would allow.
 */
export async function seedClassMembers(classId: string, count: number): Promise<void> {
  const token = randomUUID().slice(0, 8);
  const start = Date.now() - count * 60_000;
  await withE2eDb(async (db) => {
    await db.run("BEGIN");
    try {
      for (let i = 1; i <= count; i++) {
        const at = new Date(start + i * 60_000);
        const userId = `e2emember${token}${i}`;
        const name = `Member ${String(i).padStart(2, "0")} ${token}`;
        await db.run(
          `INSERT INTO "User" ("id", "email", "name", "passwordHash", "role", "createdAt", "updatedAt") VALUES (?, ?, ?, 'x', 'STUDENT', ?, ?)`,
          userId,
          `member-${token}-${i}@example.com`,
          name,
          at,
          at,
        );
        await db.run(`INSERT INTO "ClassMembership" ("id", "classId", "userId", "joinedAt") VALUES (?, ?, ?, ?)`, `e2emembership${token}${i}`, classId, userId, at);
      }
      await db.run("COMMIT");
    } catch (error) {
      await db.run("ROLLBACK");
      throw error;
    }
  });
}
