"use client";

import Form from "next/form";
import { useActionState, useEffect, useRef, type ReactNode } from "react";
import type { AnswerFormState, PracticeQuestionView } from "@/lib/services/practice";
import type { PracticeScreen } from "@/lib/services/practice-screen";
import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { useHydrated } from "@/components/ui/use-hydrated";
import { CONNECTION_LOST, useReachableAction } from "@/components/ui/use-reachable-action";
import { AnswerVerdict, ChoiceOptions, ExplanationPanel, ResultOptions } from "./question-view";
import { useAnswerShortcuts } from "./use-answer-shortcuts";


type QuestionCardProps = {
  question: PracticeQuestionView;
  /** The server action the form posts to (it works before hydration, too). */
  action: (previous: AnswerFormState, form: FormData) => Promise<AnswerFormState>;
  /** Query of the "Next question" link, so a drill or review stays in its mode (e.g. { topic: "grief" }). */
  nextQuery?: Record<string, string>;
  /** Controls shown with the question before and after answering (bookmark, report a problem). */
  tools?: ReactNode;
  /**
   * Shows the next question that came with the answer, instead of asking the
   * page for it (PracticeRunner). Without it, or when the answer brought none,
   * "Next question" loads the page.
   */
  onNext?: (next: PracticeScreen) => void;
  /** Today's progress after the answer, when the answer's response carries it. */
  onProgress?: (today: PracticeScreen["today"]) => void;
  /**
   * The question was swapped in on the client after the previous answer: focus
   * moves to its first option, and the time it has been on screen is sent with
   * the answer (the server issued it while the previous feedback was read).
   */
  swappedIn?: boolean;
};

const CONFIDENCE = [
  { value: "SURE", label: "Sure" },
  { value: "UNSURE", label: "Unsure" },
  { value: "GUESSED", label: "Guessed" },
] as const;

/**
 * When "Next question" last loaded the page (ms): the next card arrives by a
 * client-side navigation, and the button that had focus is gone with the old
 * card, so the new card takes focus (its first option) if it arrives soon after.
 */
let nextRequestedAt = 0;
const NEXT_FOCUS_WINDOW_MS = 30_000;

/**
 * One question: choose, check, read why. A real form posting to the server
 * action, so it works before JavaScript loads; the keyboard shortcuts and the
 * pending state are enhancements. The key, the feedback and the explanation
 * arrive only with the answered presentation.
 */
export function QuestionCard({ question, action, nextQuery = {}, tools, onNext, onProgress, swappedIn = false }: QuestionCardProps) {
  const [state, formAction, pending] = useActionState(useReachableAction(action, CONNECTION_LOST), null);
  const hydrated = useHydrated();
  const formRef = useRef<HTMLFormElement>(null);
  const nextRef = useRef<HTMLButtonElement>(null);
  const shownRef = useRef<HTMLInputElement>(null);
  const shownAt = useRef(0);
  /** The student's choices in the form (option and confidence), by field name: put back after a failed submit. */
  const chosen = useRef(new Map<string, string>());
  const result = question.result ?? (state?.ok ? state.result : null);
  const answered = result !== null;
  const answeredHere = state?.ok === true;
  const next = state?.ok && onNext ? (state.next ?? null) : null;

  // A question that follows "Next question" (swapped in, or loaded by the page): focus its first option, and start its clock.
  useEffect(() => {
    shownAt.current = performance.now();
    const loadedByNext = Date.now() - nextRequestedAt <= NEXT_FOCUS_WINDOW_MS;
    nextRequestedAt = 0;
    if (swappedIn || loadedByNext) formRef.current?.querySelector<HTMLInputElement>('input[name="optionId"]')?.focus();
  }, [swappedIn]);

  useEffect(() => {
    if (state?.ok && state.next) onProgress?.(state.next.today);
  }, [state, onProgress]);

  // React resets a form once its action returns; after a failure (a refused
  // option, a lost connection) the student's choices are put back, so
  // sending again is one click.
  useEffect(() => {
    if (state?.ok !== false) return;
    for (const [name, value] of chosen.current) {
      const input = formRef.current?.querySelector<HTMLInputElement>(`input[type="radio"][name="${name}"][value="${CSS.escape(value)}"]`);
      if (input) input.checked = true;
    }
  }, [state]);

  // After checking, keyboard focus goes to "Next question" (the Check button is gone).
  useEffect(() => {
    if (answeredHere) nextRef.current?.focus();
  }, [answeredHere]);

  useAnswerShortcuts({
    formRef,
    choosing: !answered,
    letters: "abcdef",
    commands: {
      enter: (event) => {
        // Enter on a button or link keeps its own meaning.
        if (answered || event.target instanceof HTMLButtonElement || event.target instanceof HTMLAnchorElement) return false;
        formRef.current?.requestSubmit();
      },
      n: () => {
        if (!answered || !nextRef.current) return false;
        nextRef.current.click();
      },
    },
  });

  const failure = state?.ok === false ? state : null;
  const optionError = failure?.fieldErrors?.optionId?.[0];
  return (
    <article className="rounded-2xl border border-slate-200 dark:border-slate-700 bg-white dark:bg-slate-900 p-4 shadow-sm sm:p-8">
      <h1 className="sr-only">Practice question</h1>
      <p className="flex flex-wrap items-baseline justify-between gap-2 text-xs">
        <span className="font-semibold tracking-wide text-brand-700 dark:text-brand-300 uppercase">{question.topicName}</span>
        <span className="text-slate-600 dark:text-slate-300" data-testid="pick-reason">
          {question.reason}
        </span>
      </p>

      {result ? (
        <ResultOptions stem={question.stem} result={result} />
      ) : (
        <form
          ref={formRef}
          action={formAction}
          onChange={(event) => {
            if (shownRef.current) shownRef.current.value = String(Math.round(performance.now() - shownAt.current));
            const input = event.target;
            if (input instanceof HTMLInputElement && input.type === "radio" && input.checked) chosen.current.set(input.name, input.value);
          }}
        >
          <input type="hidden" name="presentationId" value={question.presentationId} />
          {hydrated ? <input type="hidden" name="enhanced" value="1" /> : null}
          {swappedIn ? <input type="hidden" name="shownMs" ref={shownRef} defaultValue="" /> : null}
          <ChoiceOptions stem={question.stem} options={question.options} disabled={pending} describedBy={optionError ? "option-error" : undefined} />

          <fieldset className="mt-5 min-w-0" disabled={pending}>
            <legend className="text-sm font-medium text-slate-700 dark:text-slate-200">How sure are you? (optional)</legend>
            <div className="mt-2 flex flex-wrap gap-4 text-sm text-slate-700 dark:text-slate-200">
              {CONFIDENCE.map((c) => (
                <label key={c.value} className="flex items-center gap-2">
                  <input type="radio" name="confidence" value={c.value} />
                  {c.label}
                </label>
              ))}
            </div>
          </fieldset>

          {failure ? (
            <div className="mt-4" id="option-error">
              <Alert tone="error">{optionError ? `${failure.error} ${optionError}` : failure.error}</Alert>
            </div>
          ) : null}

          <div className="mt-6">
            <Button type="submit" disabled={pending}>
              {pending ? "Checking…" : "Check answer"}
            </Button>
          </div>
        </form>
      )}

      <div role="status" className="mt-6" data-testid="answer-status">
        {result ? <AnswerVerdict result={result} /> : null}
      </div>

      {result ? (
        <section className="mt-4 space-y-4" aria-label="Explanation">
          <ExplanationPanel explanation={result.explanation} />
          {next && onNext ? (
            <Button type="button" ref={nextRef} onClick={() => onNext(next)}>
              Next question
            </Button>
          ) : (
            <Form action="/practice">
              {Object.entries(nextQuery).map(([name, value]) => (
                <input key={name} type="hidden" name={name} value={value} />
              ))}
              <Button
                type="submit"
                ref={nextRef}
                onClick={() => {
                  nextRequestedAt = Date.now();
                }}
              >
                Next question
              </Button>
            </Form>
          )}
        </section>
      ) : null}

      {tools ? (
        <div className="mt-6 space-y-3" data-no-shortcuts>
          {tools}
        </div>
      ) : null}

      <section aria-labelledby="shortcuts-heading" className="mt-8 border-t border-slate-100 dark:border-slate-800 pt-4 text-xs text-slate-600 dark:text-slate-300">
        <h2 id="shortcuts-heading" className="font-semibold text-slate-700 dark:text-slate-200">
          Keyboard shortcuts
        </h2>
        <ul className="mt-1 flex flex-wrap gap-x-4 gap-y-1">
          <li>
            <kbd>1</kbd>–<kbd>4</kbd> or <kbd>A</kbd>–<kbd>D</kbd>: choose an option
          </li>
          <li>
            <kbd>Enter</kbd>: check the answer
          </li>
          <li>
            <kbd>N</kbd>: next question
          </li>
        </ul>
      </section>
    </article>
  );
}
