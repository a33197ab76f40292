"use client";

import { usePathname } from "next/navigation";
import { useState, type ReactNode } from "react";
import { useFormStatus } from "react-dom";
import { useHydrated } from "./use-hydrated";

type ReachableFormProps = {
  /** A server action that answers with a re-render or a redirect, nothing to show (sign out, remove, move). */
  action: (form: FormData) => Promise<void>;
  /** What to say when the post got no answer: whether it was done is unknown, and what to do about it. */
  lost: string;
  className?: string;
  /** Classes of the message, where the form sits somewhere the default would not fit (the header). */
  alertClassName?: string;
  children: ReactNode;
};

/**
 * A form of buttons posting to a server action with nothing to show back,
 * which says so in place when the post never reached the server (the
 * network dropped) instead of the page's error boundary, which would lose
 * the page. The forms with a result of their own use useReachableAction
 * (use-reachable-action.ts); this is the same rule for the rest: only a
 * failed fetch (a TypeError) is caught; a redirect or a server error goes
 * on as before.
 *
 * Until the page is hydrated the form posts to the server action itself,
 * which is what makes it work without JavaScript.
 */
export function ReachableForm({ action, lost, className, alertClassName, children }: ReachableFormProps) {
  const hydrated = useHydrated();
  const pathname = usePathname();
  // The page a post failed on, and how many times: the message belongs to that page (the header's form
  // stays mounted across pages), and each failure is a new alert, announced again.
  const [failure, setFailure] = useState<{ page: string; count: number } | null>(null);

  async function post(form: FormData) {
    try {
      await action(form);
      setFailure(null);
    } catch (error) {
      if (!(error instanceof TypeError)) throw error;
      console.error("The post got no answer from the server", error);
      setFailure((previous) => ({ page: pathname, count: (previous?.page === pathname ? previous.count : 0) + 1 }));
    }
  }

  return (
    <form action={hydrated ? post : action} className={className}>
      <WhilePosting>{children}</WhilePosting>
      {failure?.page === pathname ? (
        <p key={failure.count} role="alert" className={alertClassName ?? "mt-2 max-w-xs text-xs text-red-700 dark:text-red-300"}>
          {lost}
        </p>
      ) : null}
    </form>
  );
}

/**
 * The form's buttons, disabled while its post is on its way: a double click
 * posts once (a second "Move down" would move the topic a second place).
 */
function WhilePosting({ children }: { children: ReactNode }) {
  const { pending } = useFormStatus();
  return (
    <fieldset disabled={pending} className="contents">
      {children}
    </fieldset>
  );
}
