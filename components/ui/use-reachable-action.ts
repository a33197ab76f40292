"use client";

import { useActionState, useCallback, useMemo } from "react";
import type { ActionFailure, ActionResult } from "@/lib/server/action-client";
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
 * The action for useActionState, with a failed connection turned into the
 * form's `lost` state (a message beside what was chosen or typed) instead of
 * the page's error boundary, which would lose the page. Only a failed fetch
 * is caught (the browser rejects it with a TypeError), and it is logged; a
 * redirect, or an error the server raised, goes on as before.
 *
 * Until the page is hydrated this hands back `action` as it is: when that is
 * a server action, the server renders the form as a plain post to it, which
 * is what makes the form work without JavaScript; a function of the
 * client's would leave it nothing to post to.
 */
export function useReachableAction<S, P>(action: (previous: S, payload: P) => Promise<S>, lost: S | LostState<S, P>): (previous: S, payload: P) => Promise<S> {
  const hydrated = useHydrated();
  const reachable = useMemo(
    () => async (previous: S, payload: P) => {
      try {
        return await action(previous, payload);
      } catch (error) {
        if (!(error instanceof TypeError)) throw error;
        console.error("The post got no answer from the server", error);
        return typeof lost === "function" ? (lost as LostState<S, P>)(previous, payload) : lost;
      }
    },
    [action, lost],
  );
  return hydrated ? reachable : action;
}

/** What a refused or unanswered post of a form kept of it: each field's last text value, by name (never a password). */
export type Posted = Record<string, string>;

/** A form's state: the action's result, and on a failure the fields as posted. */
export type ResultState<T> = ActionResult<T> | (ActionFailure & { posted: Posted }) | null;

function postedOf(form: FormData): Posted {
  const posted: Posted = {};
  for (const [name, value] of form.entries()) if (typeof value === "string" && !/password/i.test(name)) posted[name] = value;
  return posted;
}

/**
 * useActionState for a form whose action takes the form and returns an
 * ActionResult (the instructor's forms), through useReachableAction with
 * `lost` for a post that got no answer. A failure, refused or unanswered,
 * carries the fields as posted: React resets a form's uncontrolled fields to
 * their defaults after every action, so a field whose default is its posted
 * value (`posted`) keeps what was typed.
 */
export function useResultAction<T>(action: (form: FormData) => Promise<ActionResult<T>>, lost: ActionFailure = ACTION_CONNECTION_LOST) {
  const post = useCallback(async (_previous: ResultState<T>, form: FormData): Promise<ResultState<T>> => {
    const result = await action(form);
    return result.ok ? result : { ...result, posted: postedOf(form) };
  }, [action]);
  const unanswered = useCallback((_previous: ResultState<T>, form: FormData): ResultState<T> => ({ ...lost, posted: postedOf(form) }), [lost]);
  return useActionState<ResultState<T>, FormData>(useReachableAction(post, unanswered), null);
}

/** The fields a failed post kept (empty before any, and after a success). */
export function postedFields<T>(state: ResultState<T>): Partial<Posted> {
  return state && !state.ok && "posted" in state ? state.posted : {};
}
