import "server-only";
import { ActionError } from "../server/action-client";
import { getDb, type DbTx } from "../server/db";

/**
 * Bookmarks: questions a student flagged during practice to come back to.
 * A bookmark is set from a practice presentation the student was shown, so
 * nothing they were not shown (a draft, another student's item) can be
 * bookmarked. A mock exam's item cannot be bookmarked at all: bookmark
 * practice would serve its question with the key while the exam runs
 * (decision 0006), and the results page offers no bookmark.
 */

const NOT_YOURS = "This question was not shown to you, or it no longer exists. Nothing was saved.";

/** Sets (or clears) the bookmark of the question behind one of the student's presentations. Idempotent. */
export async function setBookmark(userId: string, presentationId: string, bookmarked: boolean, now = new Date()): Promise<{ bookmarked: boolean }> {
  const db = getDb();
  const presentation = await db.presentation.findUnique({
    where: { id: presentationId },
    select: { userId: true, questionId: true, questionVersionId: true, mockExamId: true },
  });
  // An exam item is refused exactly like another student's presentation.
  if (!presentation || presentation.userId !== userId || presentation.mockExamId !== null) throw new ActionError("NOT_FOUND", NOT_YOURS);
  const key = { userId_questionId: { userId, questionId: presentation.questionId } };
  if (bookmarked) {
    // The wording shown is the one the bookmarks page lists (a repeat from a later presentation takes its wording).
    const { questionVersionId } = presentation;
    await db.bookmark.upsert({ where: key, create: { userId, questionId: presentation.questionId, questionVersionId, createdAt: now }, update: { questionVersionId } });
  } else {
    await db.bookmark.deleteMany({ where: { userId, questionId: presentation.questionId } });
  }
  return { bookmarked };
}

/** Removes one of the student's bookmarks (the bookmarks page); removing one that is gone is not an error. */
export async function removeBookmark(userId: string, questionId: string): Promise<void> {
  await getDb().bookmark.deleteMany({ where: { userId, questionId } });
}

/** Whether the question behind one of the student's presentations is bookmarked. */
export async function isBookmarked(userId: string, presentationId: string): Promise<boolean> {
  const db = getDb();
  const presentation = await db.presentation.findUnique({ where: { id: presentationId }, select: { userId: true, questionId: true } });
  if (!presentation || presentation.userId !== userId) return false;
  return (await db.bookmark.count({ where: { userId, questionId: presentation.questionId } })) > 0;
}

/** The bookmarked questions that are still served (published): what bookmark practice picks from. */
export async function bookmarkedQuestionIds(db: DbTx, userId: string): Promise<string[]> {
  const rows = await db.bookmark.findMany({ where: { userId, question: { status: "PUBLISHED" } }, select: { questionId: true } });
  return rows.map((r) => r.questionId);
}

export type BookmarkRow = {
  questionId: string;
  /** The stem of the version the bookmark was set from: what the student was shown, never a later draft. */
  stem: string;
  topicName: string;
  createdAt: Date;
  /** Whether the question is still served (published): only those are practised. */
  published: boolean;
};

/**
 * The bookmarks page: newest first, each with the wording the student was
 * shown when they bookmarked it and its topic. A question no longer published
 * is listed (marked, and left out of bookmark practice) in that same wording.
 */
export async function bookmarkList(userId: string): Promise<BookmarkRow[]> {
  const db = getDb();
  const rows = await db.bookmark.findMany({
    where: { userId },
    orderBy: { createdAt: "desc" },
    select: {
      questionId: true,
      questionVersionId: true,
      createdAt: true,
      question: { select: { status: true, topic: { select: { name: true } } } },
    },
  });
  const shown = await db.questionVersion.findMany({
    where: { id: { in: rows.flatMap((r) => (r.questionVersionId === null ? [] : [r.questionVersionId])) } },
    select: { id: true, stem: true },
  });
  const stemOf = new Map(shown.map((v) => [v.id, v.stem]));
  return rows.map((r) => ({
    questionId: r.questionId,
    createdAt: r.createdAt,
    // Empty only for a bookmark migration 0017 found no presentation for (the page says so).
    stem: (r.questionVersionId === null ? undefined : stemOf.get(r.questionVersionId)) ?? "",
    topicName: r.question.topic.name,
    published: r.question.status === "PUBLISHED",
  }));
}
