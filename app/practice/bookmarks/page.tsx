import type { Metadata } from "next";
import Link from "next/link";
import { PracticeModeNav } from "@/components/practice/practice-mode-nav";
import { stemStart } from "@/components/practice/stem-start";
import { ReachableForm } from "@/components/ui/reachable-form";
import { Button } from "@/components/ui/button";
import { formatCalendarDate } from "@/components/ui/format-date";
import { requireUser } from "@/lib/server/access";
import { bookmarkList } from "@/lib/services/bookmarks";
import { removeBookmarkAction } from "../actions";

export const metadata: Metadata = { title: "Bookmarks" };

/** The questions the student bookmarked, newest first, each with a remove button. */
export default async function BookmarksPage() {
  const user = await requireUser("/practice/bookmarks");
  const bookmarks = await bookmarkList(user.id);
  const practisable = bookmarks.some((b) => b.published);
  return (
    <main className="mx-auto max-w-3xl px-4 py-8 sm:px-6 sm:py-10">
      <div className="flex flex-wrap items-center justify-between gap-2">
        <h1 className="text-2xl font-bold text-slate-900 dark:text-slate-100">Bookmarks</h1>
        <PracticeModeNav />
      </div>
      <p className="mt-2 text-slate-600 dark:text-slate-300">Questions you bookmarked while practising.</p>
      {bookmarks.length === 0 ? (
        <p className="mt-6 rounded-xl border border-slate-200 bg-white p-6 text-center font-semibold text-slate-800 dark:border-slate-700 dark:bg-slate-900 dark:text-slate-100">
          No bookmarks yet. Use the Bookmark button on a question to keep it here.
        </p>
      ) : (
        <>
          {practisable ? (
            <Link
              href="/practice?mode=bookmarks"
              className="mt-6 inline-block rounded-lg bg-brand-600 px-4 py-2 text-sm font-semibold text-white hover:bg-brand-700"
            >
              Practise bookmarks
            </Link>
          ) : null}
          <ul className="mt-4 space-y-3" data-testid="bookmark-list">
            {bookmarks.map((b) => (
              <li
                key={b.questionId}
                className="flex flex-wrap items-start justify-between gap-3 rounded-xl border border-slate-200 bg-white p-4 dark:border-slate-700 dark:bg-slate-900"
                data-testid="bookmark-row"
              >
                <div className="min-w-0 flex-1">
                  {/* The wording the student was shown when they bookmarked it (lib/services/bookmarks.ts). */}
                  <p className="break-words text-slate-900 dark:text-slate-100" data-testid="bookmark-stem">
                    {b.stem === "" ? "The wording you were shown was not recorded." : stemStart(b.stem)}
                  </p>
                  <p className="mt-1 flex flex-wrap gap-x-4 text-sm text-slate-600 dark:text-slate-300">
                    <span>{b.topicName}</span>
                    <span>Added {formatCalendarDate(b.createdAt)}</span>
                    {b.published ? null : <span>No longer in practice</span>}
                  </p>
                </div>
                <ReachableForm
                  action={removeBookmarkAction}
                  lost="The connection to the server failed, so the bookmark may not have been removed. Check your connection and try again."
                >
                  <input type="hidden" name="questionId" value={b.questionId} />
                  <Button type="submit" variant="secondary" aria-label={`Remove bookmark: ${b.stem === "" ? b.topicName : stemStart(b.stem, 60)}`}>
                    Remove
                  </Button>
                </ReachableForm>
              </li>
            ))}
          </ul>
        </>
      )}
    </main>
  );
}
