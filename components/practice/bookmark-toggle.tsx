"use client";

import { useActionState } from "react";
import type { BookmarkFormState } from "@/app/practice/actions";
import { useHydrated } from "@/components/ui/use-hydrated";
import { CONNECTION_LOST, useReachableAction } from "@/components/ui/use-reachable-action";

type BookmarkToggleProps = {
  presentationId: string;
  bookmarked: boolean;
  action: (previous: BookmarkFormState, form: FormData) => Promise<BookmarkFormState>;
};

function BookmarkIcon({ filled }: { filled: boolean }) {
  return (
    <svg aria-hidden="true" viewBox="0 0 20 20" className="h-4 w-4 shrink-0" fill={filled ? "currentColor" : "none"} stroke="currentColor" strokeWidth="1.6">
      <path d="M5 2.8h10v14.4l-5-3.6-5 3.6z" />
    </svg>
  );
}

/**
 * A toggle button (aria-pressed) that saves a bookmark of the question. A small
 * form, so it works before JavaScript; once hydrated the new state comes back
 * in place and the page is not reloaded.
 */
export function BookmarkToggle({ presentationId, bookmarked, action }: BookmarkToggleProps) {
  const [state, formAction, pending] = useActionState(useReachableAction(action, CONNECTION_LOST), null);
  const hydrated = useHydrated();
  const on = state?.ok ? state.bookmarked : bookmarked;
  return (
    <form action={formAction} className="flex flex-wrap items-center gap-2">
      <input type="hidden" name="presentationId" value={presentationId} />
      <input type="hidden" name="bookmark" value={on ? "0" : "1"} />
      {hydrated ? <input type="hidden" name="enhanced" value="1" /> : null}
      <button
        type="submit"
        aria-pressed={on}
        // Not `disabled` while saving: a disabled button drops keyboard focus to the page.
        aria-disabled={pending || undefined}
        onClick={(event) => {
          if (pending) event.preventDefault();
        }}
        className={`inline-flex items-center gap-1.5 rounded-lg border px-3 py-1.5 text-sm font-medium transition ${
          on
            ? "border-amber-500 bg-amber-50 text-amber-900 dark:border-amber-400 dark:bg-amber-950 dark:text-amber-100"
            : "border-slate-300 bg-white text-slate-700 hover:bg-slate-100 dark:border-slate-600 dark:bg-slate-900 dark:text-slate-200 dark:hover:bg-slate-800"
        }`}
      >
        <BookmarkIcon filled={on} />
        Bookmark
      </button>
      <span className="sr-only" role="status">
        {state?.ok ? (state.bookmarked ? "Bookmarked" : "Bookmark removed") : ""}
      </span>
      {state?.ok === false ? (
        <span role="alert" className="text-xs text-red-700 dark:text-red-300">
          {state.error}
        </span>
      ) : null}
    </form>
  );
}
