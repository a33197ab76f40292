import "server-only";
import { searchTextOf } from "../questions/search-text";
import { getDb } from "../server/db";

/**
 * Brings the stored search text of questions written before it dropped
 * Markdown's marks (search-text.ts) up to date. Only rows holding a star, a
 * backtick or a backslash can differ, so only those are read (with their
 * current version, in two queries), and only the ones that changed are
 * written. Idempotent: run at server start (lib/server/startup-maintenance.ts).
 * Returns how many rows it rewrote.
 */
export async function refreshMarkedSearchTexts(): Promise<number> {
  const db = getDb();
  const marked = await db.$queryRaw<Array<{ id: string; slug: string; searchText: string; versionId: string; stem: string }>>`
    SELECT q."id", q."slug", q."searchText", v."id" AS "versionId", v."stem"
    FROM "Question" q JOIN "QuestionVersion" v ON v."questionId" = q."id" AND v."version" = q."currentVersion"
    WHERE q."searchText" LIKE '%*%' OR q."searchText" LIKE '%\`%' OR q."searchText" LIKE '%\\%' ESCAPE '!'`;
  if (marked.length === 0) return 0;
  const options = await db.option.findMany({
    where: { versionId: { in: marked.map((m) => m.versionId) } },
    orderBy: [{ versionId: "asc" }, { position: "asc" }],
    select: { versionId: true, text: true },
  });
  const optionsOf = new Map<string, Array<{ text: string }>>();
  for (const option of options) {
    const list = optionsOf.get(option.versionId) ?? [];
    list.push(option);
    optionsOf.set(option.versionId, list);
  }
  let rewritten = 0;
  for (const question of marked) {
    const searchText = searchTextOf(question.slug, question.stem, optionsOf.get(question.versionId) ?? []);
    if (searchText === question.searchText) continue;
    // Only over the text read: a question saved meanwhile has written its own, which wins. Plain SQL,
    // so the question's updatedAt (Prisma's) stays the last edit's.
    rewritten += await db.$executeRaw`UPDATE "Question" SET "searchText" = ${searchText} WHERE "id" = ${question.id} AND "searchText" = ${question.searchText}`;
  }
  return rewritten;
}
