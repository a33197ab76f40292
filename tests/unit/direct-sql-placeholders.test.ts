import { describe, expect, it } from "vitest";
import { numberedPlaceholders, sqlNumber } from "@/lib/server/direct-sql";

describe("numberedPlaceholders (the hot path's SQL on PostgreSQL)", () => {
  it("numbers each ? in order", () => {
    expect(numberedPlaceholders(`UPDATE "T" SET "a" = ?, "b" = "b" + ? WHERE "id" = ?`)).toBe(`UPDATE "T" SET "a" = $1, "b" = "b" + $2 WHERE "id" = $3`);
  });

  it("leaves a ? inside a string literal or a quoted identifier alone", () => {
    expect(numberedPlaceholders(`SELECT '?' AS "what?" FROM "T" WHERE "x" = ? AND "y" = 'it''s ?'`)).toBe(
      `SELECT '?' AS "what?" FROM "T" WHERE "x" = $1 AND "y" = 'it''s ?'`,
    );
  });
});

describe("sqlNumber", () => {
  it("reads PostgreSQL's bigint strings and Prisma's Decimal", () => {
    expect(sqlNumber("42")).toBe(42);
    expect(sqlNumber({ toNumber: () => 0.25 })).toBe(0.25);
    expect(() => sqlNumber({})).toThrow(/unreadable number/);
  });
});
