"use client";

import { useEffect, useRef, type RefObject } from "react";

/**
 * The keyboard shortcuts of a question screen (practice and the mock exam):
 * 1-6 or a letter chooses an option, other single keys run the screen's own
 * commands (Enter checks, N goes on, P goes back, F flags). One document
 * listener, which always sees the latest handlers. Keys typed into a text
 * field, or pressed inside an element marked `data-no-shortcuts` (forms with
 * controls of their own, such as "Report a problem"), are left alone.
 */

export type AnswerShortcuts = {
  /** The form holding the option radios (`name="optionId"`). */
  formRef: RefObject<HTMLFormElement | null>;
  /** Whether option keys choose now (false once the question is answered). */
  choosing: boolean;
  /** The letters that choose options, in order ("abcdef"; the mock exam keeps F for flag). */
  letters: string;
  /** Called after a key has checked and focused an option. */
  onChoose?: (radio: HTMLInputElement) => void;
  /**
   * Commands by lower-case key ("enter", "n", ...). A command that returns
   * false did nothing, and the key keeps its usual meaning.
   */
  commands: Partial<Record<string, (event: KeyboardEvent) => boolean | void>>;
};

/** The option a key chooses (0-based), or -1: "1"-"6", or the nth of `letters`. */
export function optionIndexForKey(key: string, letters: string): number {
  if (/^[1-6]$/.test(key)) return Number(key) - 1;
  return key.length === 1 ? letters.indexOf(key.toLowerCase()) : -1;
}

function typingInto(target: EventTarget | null): boolean {
  if (!(target instanceof HTMLElement)) return false;
  if (target.closest("[data-no-shortcuts]")) return true;
  if (target.isContentEditable || target instanceof HTMLTextAreaElement || target instanceof HTMLSelectElement) return true;
  return target instanceof HTMLInputElement && !["radio", "checkbox", "button", "submit"].includes(target.type);
}

export function useAnswerShortcuts(shortcuts: AnswerShortcuts): void {
  const latest = useRef(shortcuts);
  useEffect(() => {
    latest.current = shortcuts;
  });

  useEffect(() => {
    function onKey(event: KeyboardEvent) {
      if (event.altKey || event.ctrlKey || event.metaKey || event.defaultPrevented || typingInto(event.target)) return;
      const { formRef, choosing, letters, onChoose, commands } = latest.current;
      const key = event.key.toLowerCase();
      if (choosing) {
        const index = optionIndexForKey(key, letters);
        const radios = formRef.current?.querySelectorAll<HTMLInputElement>('input[name="optionId"]') ?? [];
        const radio = index >= 0 ? radios[index] : undefined;
        if (radio && !radio.disabled) {
          event.preventDefault();
          radio.checked = true;
          radio.focus();
          onChoose?.(radio);
          return;
        }
      }
      const command = commands[key];
      if (command && command(event) !== false) event.preventDefault();
    }
    document.addEventListener("keydown", onKey);
    return () => document.removeEventListener("keydown", onKey);
  }, []);
}
