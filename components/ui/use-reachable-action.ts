"use client";

import { useMemo } from "react";
import { useHydrated } from "./use-hydrated";

/**
 * What a form shows when its post never got an answer from the server (the
 * network dropped, the laptop slept): whether it was stored is unknown, so
 * the message says so, and sending it again is safe because every action a
 * form here posts stores the same thing once however often it is repeated
 * (an answer by its presentation, a choice, a flag, a bookmark).
 */
export const CONNECTION_LOST = Object.freeze({
  ok: false as const,
  code: "UNREACHABLE" as const,
  error: "The connection to the server failed, so this may not have been saved. Check your connection and try again: nothing is counted twice.",
});

/**
 * The same for a form that saves settings or an edit, which stays on screen
 * as typed: saving the same values again changes nothing.
 */
export const SAVE_CONNECTION_LOST = Object.freeze({
  ok: false as const,
  code: "UNREACHABLE" as const,
  error: "The connection to the server failed, so your changes may not have been saved. They are still here: check your connection and save again (saving the same thing twice changes nothing).",
});

/**
 * For a form whose post may have done something a second post would do
 * again (create a class, a subject or a question): the student or
 * instructor is told to look before trying again.
 */
export const ACTION_CONNECTION_LOST = Object.freeze({
  ok: false as const,
  code: "UNREACHABLE" as const,
  error: "The connection to the server failed, so this may or may not have been done. Check your connection and reload the page to see where things stand before you try again.",
});

/** The state to show for a post that got no answer, made from what was posted (a form that keeps its fields in its state). */
export type LostState<S, P> = (previous: S, payload: P) => S;

/**
 * The server action for useActionState, with a failed connection turned into
 * CONNECTION_LOST, which the form shows beside what the student chose,
 * instead of the page's error boundary, which would lose the page. Only a
 * failed fetch is caught (the browser rejects it with a TypeError); a
 * redirect, or an error the server raised, goes on as before.
 *
 * Until the page is hydrated this hands back the server action itself: the
 * server renders a form whose action is a server action as a plain post to
 * it, which is what makes the forms work without JavaScript; a function of
 * the client's would leave them nothing to post to.
 */
export function useReachableAction<S, P>(action: (previous: S, payload: P) => Promise<S>, lost: S | LostState<S, P>): (previous: S, payload: P) => Promise<S> {
  const hydrated = useHydrated();
  const reachable = useMemo(
    () => async (previous: S, payload: P) => {
      try {
        return await action(previous, payload);
      } catch (error) {
        if (error instanceof TypeError) return typeof lost === "function" ? (lost as LostState<S, P>)(previous, payload) : lost;
        throw error;
      }
    },
    [action, lost],
  );
  return hydrated ? reachable : action;
}
