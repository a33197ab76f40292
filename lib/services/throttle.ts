import "server-only";
import { isUniqueViolation } from "../server/direct-sql";
import { getDb } from "../server/db";

/**
 * Fixed-window attempt counters for sign-in and sign-up. An attempt is
 * reserved before the expensive work (the password hash) with one conditional
 * update, so parallel requests cannot all slip past a limit that each of them
 * read as not yet reached. Works the same on SQLite and PostgreSQL: each step
 * is a single statement on one row.
 */

export type ThrottleRule = { key: string; limit: number; windowMs: number };
export type Reservation = { ok: true } | { ok: false; retryAfterMs: number };

const STALE_AFTER_MS = 24 * 60 * 60 * 1000;

/** Takes one attempt from the rule's budget, or says how long until the window frees up. */
export async function reserveAttempt(rule: ThrottleRule, now: Date): Promise<Reservation> {
  const db = getDb();
  const windowOpenedAfter = new Date(now.getTime() - rule.windowMs);
  for (let tries = 0; tries < 5; tries += 1) {
    // A window that has run out starts again with this attempt.
    const restarted = await db.throttle.updateMany({
      where: { key: rule.key, windowStart: { lte: windowOpenedAfter } },
      data: { windowStart: now, count: 1 },
    });
    if (restarted.count > 0) return { ok: true };
    const taken = await db.throttle.updateMany({
      where: { key: rule.key, count: { lt: rule.limit } },
      data: { count: { increment: 1 } },
    });
    if (taken.count > 0) return { ok: true };
    const row = await db.throttle.findUnique({ where: { key: rule.key } });
    if (row) {
      // Full, unless the window ran out between the statements above, or the row
      // is another request's, created after this one's update looked for it
      // (PostgreSQL, READ COMMITTED): then try again.
      const retryAfterMs = row.windowStart.getTime() + rule.windowMs - now.getTime();
      if (row.count >= rule.limit && retryAfterMs > 0) return { ok: false, retryAfterMs };
      continue;
    }
    try {
      await db.throttle.create({ data: { key: rule.key, windowStart: now, count: 1 } });
      // Counters nobody has touched for a day are dead weight; clear them as new ones appear.
      await db.throttle.deleteMany({ where: { windowStart: { lt: new Date(now.getTime() - STALE_AFTER_MS) } } });
      return { ok: true };
    } catch (error) {
      // Another request created the row first: count against it.
      if (!isUniqueViolation(error)) throw error;
    }
  }
  return { ok: false, retryAfterMs: rule.windowMs };
}

/**
 * Reserves an attempt under every rule, in order. Stops at the first refusal;
 * attempts already reserved stay spent, so a refused flood still costs its sender.
 */
export async function reserveAttempts(rules: readonly ThrottleRule[], now: Date): Promise<Reservation> {
  for (const rule of rules) {
    const reservation = await reserveAttempt(rule, now);
    if (!reservation.ok) return reservation;
  }
  return { ok: true };
}

/** Gives reserved attempts back (a successful sign-in costs nothing). */
export async function refundAttempts(rules: readonly ThrottleRule[]): Promise<void> {
  const db = getDb();
  for (const rule of rules) {
    await db.throttle.updateMany({ where: { key: rule.key, count: { gt: 0 } }, data: { count: { decrement: 1 } } });
  }
}
