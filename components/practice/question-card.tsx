"use client";

import Form from "next/form";
import { useActionState, useEffect, useRef, useSyncExternalStore } from "react";
import type { AnswerFormState, AnswerResult, PracticeQuestionView } from "@/lib/services/practice";
import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";


type QuestionCardProps = {
  question: PracticeQuestionView;
  /** The server action the form posts to (it works before hydration, too). */
  action: (previous: AnswerFormState, form: FormData) => Promise<AnswerFormState>;
};

const CONFIDENCE = [
  { value: "SURE", label: "Sure" },
  { value: "UNSURE", label: "Unsure" },
  { value: "GUESSED", label: "Guessed" },
] as const;

const subscribeNever = () => () => {};

/** False in the server's HTML and before hydration, true once React runs in the browser. */
function useHydrated(): boolean {
  return useSyncExternalStore(
    subscribeNever,
    () => true,
    () => false,
  );
}

const LETTER_KEYS = ["a", "b", "c", "d", "e", "f"];

function typingInto(target: EventTarget | null): boolean {
  if (!(target instanceof HTMLElement)) return false;
  if (target.isContentEditable || target instanceof HTMLTextAreaElement || target instanceof HTMLSelectElement) return true;
  return target instanceof HTMLInputElement && !["radio", "checkbox", "button", "submit"].includes(target.type);
}

function CheckIcon() {
  return (
    <svg aria-hidden="true" viewBox="0 0 20 20" className="h-5 w-5 shrink-0" fill="currentColor">
      <path d="M7.6 14.2 3.4 10l1.4-1.4 2.8 2.8 7.6-7.6 1.4 1.4z" />
    </svg>
  );
}

function CrossIcon() {
  return (
    <svg aria-hidden="true" viewBox="0 0 20 20" className="h-5 w-5 shrink-0" fill="currentColor">
      <path d="m5.05 3.64 4.95 4.95 4.95-4.95 1.41 1.41L11.41 10l4.95 4.95-1.41 1.41L10 11.41l-4.95 4.95-1.41-1.41L8.59 10 3.64 5.05z" />
    </svg>
  );
}

function ResultOptions({ stem, result }: { stem: string; result: AnswerResult }) {
  return (
    <fieldset className="mt-2 min-w-0" disabled>
      <legend className="text-lg font-semibold leading-relaxed break-words text-slate-900">{stem}</legend>
      <ul className="mt-5 space-y-3">
        {result.options.map((option) => {
          const chosen = option.id === result.chosenOptionId;
          const tone = option.correct ? "border-emerald-600 bg-emerald-50" : chosen ? "border-red-500 bg-red-50" : "border-slate-200";
          return (
            <li key={option.id} className={`rounded-xl border-2 p-4 ${tone}`} data-testid="result-option">
              <label className="flex items-start gap-3">
                <input type="radio" name="optionId" value={option.id} checked={chosen} readOnly className="mt-1" />
                <span className="font-semibold text-slate-600">{option.letter}.</span>
                <span className="min-w-0 break-words text-slate-900">{option.text}</span>
              </label>
              <p className="mt-2 flex flex-wrap gap-2 pl-7 text-xs font-semibold">
                {option.correct ? (
                  <span className="inline-flex items-center gap-1 rounded-full bg-emerald-100 px-2 py-0.5 text-emerald-900">
                    <CheckIcon /> Correct answer
                  </span>
                ) : null}
                {chosen ? (
                  <span className="inline-flex items-center gap-1 rounded-full bg-slate-200 px-2 py-0.5 text-slate-900">Your answer</span>
                ) : null}
              </p>
              <p className="mt-1 pl-7 text-sm text-slate-700" data-testid="option-feedback">
                {option.feedback}
              </p>
            </li>
          );
        })}
      </ul>
    </fieldset>
  );
}

/**
 * One question: choose, check, read why. A real form posting to the server
 * action, so it works before JavaScript loads; the keyboard shortcuts and the
 * pending state are enhancements. The key, the feedback and the explanation
 * arrive only with the answered presentation.
 */
export function QuestionCard({ question, action }: QuestionCardProps) {
  const [state, formAction, pending] = useActionState(action, null);
  const hydrated = useHydrated();
  const formRef = useRef<HTMLFormElement>(null);
  const nextRef = useRef<HTMLButtonElement>(null);
  const result = question.result ?? (state?.ok ? state.result : null);
  const answered = result !== null;
  const answeredHere = state?.ok === true;

  // After checking, keyboard focus goes to "Next question" (the Check button is gone).
  useEffect(() => {
    if (answeredHere) nextRef.current?.focus();
  }, [answeredHere]);

  useEffect(() => {
    function onKey(event: KeyboardEvent) {
      if (event.altKey || event.ctrlKey || event.metaKey || typingInto(event.target)) return;
      const key = event.key.toLowerCase();
      if (answered) {
        if (key === "n") {
          event.preventDefault();
          nextRef.current?.click();
        }
        return;
      }
      const form = formRef.current;
      if (!form) return;
      const digit = Number.parseInt(key, 10);
      const index = key.length === 1 && digit >= 1 ? digit - 1 : LETTER_KEYS.indexOf(key);
      const radios = form.querySelectorAll<HTMLInputElement>('input[name="optionId"]');
      if (index >= 0 && index < radios.length) {
        event.preventDefault();
        radios[index]!.checked = true;
        radios[index]!.focus();
        return;
      }
      if (key === "enter" && !(event.target instanceof HTMLButtonElement) && !(event.target instanceof HTMLAnchorElement)) {
        event.preventDefault();
        form.requestSubmit();
      }
    }
    document.addEventListener("keydown", onKey);
    return () => document.removeEventListener("keydown", onKey);
  }, [answered]);

  const failure = state?.ok === false ? state : null;
  const optionError = failure?.fieldErrors?.optionId?.[0];
  return (
    <article className="rounded-2xl border border-slate-200 bg-white p-4 shadow-sm sm:p-8">
      <h1 className="sr-only">Practice question</h1>
      <p className="flex flex-wrap items-baseline justify-between gap-2 text-xs">
        <span className="font-semibold tracking-wide text-brand-700 uppercase">{question.topicName}</span>
        <span className="text-slate-600" data-testid="pick-reason">
          {question.reason}
        </span>
      </p>

      {result ? (
        <ResultOptions stem={question.stem} result={result} />
      ) : (
        <form ref={formRef} action={formAction}>
          <input type="hidden" name="presentationId" value={question.presentationId} />
          {hydrated ? <input type="hidden" name="enhanced" value="1" /> : null}
          <fieldset className="mt-2 min-w-0" disabled={pending} aria-describedby={optionError ? "option-error" : undefined}>
            <legend className="text-lg font-semibold leading-relaxed break-words text-slate-900">{question.stem}</legend>
            <div className="mt-5 space-y-3">
              {question.options.map((option) => (
                <label
                  key={option.id}
                  className="flex cursor-pointer items-start gap-3 rounded-xl border-2 border-slate-200 p-4 hover:border-slate-300 has-[:checked]:border-brand-600 has-[:checked]:bg-brand-50"
                >
                  <input type="radio" name="optionId" value={option.id} required className="mt-1" />
                  <span className="font-semibold text-slate-600">{option.letter}.</span>
                  <span className="min-w-0 break-words text-slate-900">{option.text}</span>
                </label>
              ))}
            </div>
          </fieldset>

          <fieldset className="mt-5 min-w-0" disabled={pending}>
            <legend className="text-sm font-medium text-slate-700">How sure are you? (optional)</legend>
            <div className="mt-2 flex flex-wrap gap-4 text-sm text-slate-700">
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
        {result ? (
          <p
            className={`flex items-center gap-2 rounded-lg border px-4 py-3 font-semibold ${
              result.correct ? "border-emerald-300 bg-emerald-50 text-emerald-900" : "border-red-300 bg-red-50 text-red-900"
            }`}
          >
            {result.correct ? <CheckIcon /> : <CrossIcon />}
            {result.correct ? "Correct" : "Incorrect"}
            {!result.correct ? (
              <span className="font-normal">
                : the answer is {result.options.find((o) => o.correct)?.letter}.
              </span>
            ) : null}
          </p>
        ) : null}
      </div>

      {result ? (
        <section className="mt-4 space-y-4" aria-label="Explanation">
          <div className="rounded-xl bg-slate-50 p-4">
            <h2 className="text-sm font-semibold text-slate-900">Explanation</h2>
            <p className="mt-1 text-sm leading-relaxed break-words text-slate-700" data-testid="explanation">
              {result.explanation}
            </p>
          </div>
          <Form action="/practice">
            <Button type="submit" ref={nextRef}>
              Next question
            </Button>
          </Form>
        </section>
      ) : null}

      <section aria-labelledby="shortcuts-heading" className="mt-8 border-t border-slate-100 pt-4 text-xs text-slate-600">
        <h2 id="shortcuts-heading" className="font-semibold text-slate-700">
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
