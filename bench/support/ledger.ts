// The answers clients saw acknowledged against the answers stored, for the
// scripts that drive practice against `next start` (bench:practice,
// test:durability). Each reads STORED_ANSWERS_SQL its own way.

/** An answer a client saw acknowledged: the presentation it answered (the attempt token), the option, whose. */
export type Acknowledged = { presentationId: string; optionId: string; email: string };

export type StoredAnswer = { token: string; optionId: string; email: string };

/** Every stored answer with its attempt token and its student's email (quoted identifiers: valid on SQLite and PostgreSQL). */
export const STORED_ANSWERS_SQL = `SELECT a."attemptToken" AS "token", a."optionId" AS "optionId", u."email" AS "email" FROM "Answer" a JOIN "User" u ON u."id" = a."userId"`;

export type Ledger = {
  /** Acknowledged, not stored. */
  lost: number;
  /** Stored more than once for one attempt token. */
  duplicated: number;
  /** Stored, but with another option or for another student. */
  wrongOption: number;
  /** Stored, never acknowledged (the server committed and died before answering, say). */
  unacknowledged: number;
};

export function compareLedger(acknowledged: readonly Acknowledged[], rows: readonly StoredAnswer[]): Ledger {
  const stored = new Map<string, StoredAnswer[]>();
  for (const row of rows) stored.set(row.token, [...(stored.get(row.token) ?? []), row]);
  let lost = 0;
  let wrongOption = 0;
  for (const ack of acknowledged) {
    const match = stored.get(ack.presentationId);
    if (!match) lost += 1;
    else if (!match.some((m) => m.optionId === ack.optionId && m.email === ack.email)) wrongOption += 1;
  }
  const duplicated = [...stored.values()].reduce((n, list) => n + list.length - 1, 0);
  const acknowledgedTokens = new Set(acknowledged.map((a) => a.presentationId));
  const unacknowledged = [...stored.keys()].filter((t) => !acknowledgedTokens.has(t)).length;
  return { lost, duplicated, wrongOption, unacknowledged };
}
