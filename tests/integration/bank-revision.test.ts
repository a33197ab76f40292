import { describe, expect, it } from "vitest";
import { getDb } from "@/lib/server/db";
import { bankStamp } from "@/lib/services/published-bank";
import { createQuestion } from "../factories/questions";
import { createUser } from "../factories/users";

/**
 * The published bank's stamp (migration 0008) moves with every change to the
 * bank, including the ones a foreign key's action makes: deleting the author
 * of a question sets the question's author to null, which fires the stamp's
 * trigger inside the DELETE.
 */
describe("the bank's revision stamp", () => {
  it("moves, and lets the delete go through, when a question's author is deleted", async () => {
    const db = getDb();
    const author = await createUser({ role: "INSTRUCTOR" });
    const question = await createQuestion();
    await db.question.update({ where: { id: question.id }, data: { authorId: author.id } });
    const before = await bankStamp(db);

    await db.user.delete({ where: { id: author.id } });

    expect(await db.user.findUnique({ where: { id: author.id } })).toBeNull();
    const kept = await db.question.findUniqueOrThrow({ where: { id: question.id }, select: { authorId: true } });
    expect(kept.authorId).toBeNull();
    expect(await bankStamp(db)).not.toBe(before);
  });

  it("comes back after the table is emptied", async () => {
    const db = getDb();
    await db.$executeRawUnsafe(`DELETE FROM "BankRevision"`);
    await createQuestion();
    expect(await bankStamp(db)).not.toBeNull();
  });
});
