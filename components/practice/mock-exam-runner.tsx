"use client";

import Link from "next/link";
import { startTransition, useActionState, useEffect, useRef, useState } from "react";
import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { useHydrated } from "@/components/ui/use-hydrated";
import { CONNECTION_LOST, useReachableAction } from "@/components/ui/use-reachable-action";
import type { MockExamView } from "@/lib/services/mock-exam";
import type { MockFormAction } from "@/lib/validation/mock-exam";
import { listNumbers } from "./mock-format";
import { MockTimer } from "./mock-timer";
import { ChoiceOptions } from "./question-view";
import { useAnswerShortcuts } from "./use-answer-shortcuts";

export type MockExamClientView = Omit<MockExamView, "deadline"> & { deadline: string | null };

type MockExamRunnerProps = {
  exam: MockExamClientView;
  serverNow: number;
  /** Show the submit confirmation (the page was opened with ?confirm=1). */
  confirm: boolean;
  itemAction: MockFormAction;
  timerAction: MockFormAction;
  submitAction: MockFormAction;
};

function CheckIcon() {
  return (
    <svg aria-hidden="true" viewBox="0 0 20 20" className="h-3.5 w-3.5 shrink-0" fill="currentColor">
      <path d="M7.6 14.2 3.4 10l1.4-1.4 2.8 2.8 7.6-7.6 1.4 1.4z" />
    </svg>
  );
}

function FlagIcon({ className = "h-3.5 w-3.5" }: { className?: string }) {
  return (
    <svg aria-hidden="true" viewBox="0 0 20 20" className={`${className} shrink-0`} fill="currentColor">
      <path d="M4 2h2v16H4zM7 3h9l-2.5 4L16 11H7z" />
    </svg>
  );
}

/**
 * One mock exam item at a time, with the grid of every item. A real form: it
 * works before JavaScript (choose, then "Save and next"); once hydrated a
 * choice or a flag is saved at once and the keyboard shortcuts work. Nothing
 * here knows the key: the results page shows it after submission.
 */
export function MockExamRunner({ exam, serverNow, confirm, itemAction, timerAction, submitAction }: MockExamRunnerProps) {
  const { current } = exam;
  const [state, formAction, pending] = useActionState(useReachableAction(itemAction, CONNECTION_LOST), null);
  const [submitState, submitFormAction, submitting] = useActionState(useReachableAction(submitAction, CONNECTION_LOST), null);
  const hydrated = useHydrated();
  const [selected, setSelected] = useState(current.selectedOptionId);
  const [flagged, setFlagged] = useState(current.flagged);
  const formRef = useRef<HTMLFormElement>(null);
  const nextRef = useRef<HTMLButtonElement>(null);
  const prevRef = useRef<HTMLButtonElement>(null);
  const flagRef = useRef<HTMLButtonElement>(null);
  const confirmHeadingRef = useRef<HTMLHeadingElement>(null);
  const last = current.position === exam.questionCount - 1;

  const items = exam.items.map((item) => (item.position === current.position ? { ...item, answered: selected !== null, flagged } : item));
  const unanswered = items.filter((i) => !i.answered).map((i) => i.position + 1);
  const flaggedNumbers = items.filter((i) => i.flagged).map((i) => i.position + 1);

  useEffect(() => {
    if (confirm) confirmHeadingRef.current?.focus();
  }, [confirm]);

  /** Saves a choice or the flag in place, queued behind any earlier post of this form. */
  function saveNow(fields: Record<string, string>) {
    const form = new FormData();
    form.set("examId", exam.examId);
    form.set("presentationId", current.presentationId);
    form.set("position", String(current.position));
    form.set("enhanced", "1");
    for (const [name, value] of Object.entries(fields)) form.set(name, value);
    startTransition(() => formAction(form));
  }

  function choose(optionId: string) {
    setSelected(optionId);
    saveNow({ intent: "select", optionId });
  }

  function toggleFlag() {
    const next = !flagged;
    setFlagged(next);
    saveNow({ intent: "flag", flagged: String(next) });
  }

  /** N and P press their buttons, unless the button is off (no previous question). */
  function press(button: HTMLButtonElement | null): boolean {
    if (!button || button.disabled) return false;
    button.click();
    return true;
  }
  useAnswerShortcuts({
    formRef,
    choosing: true,
    letters: "abcde",
    onChoose: (radio) => choose(radio.value),
    commands: {
      n: () => press(nextRef.current),
      p: () => press(prevRef.current),
      f: () => {
        toggleFlag();
        flagRef.current?.focus();
      },
    },
  });

  const failure = state?.ok === false ? state : null;
  const submitFailure = submitState?.ok === false ? submitState : null;
  const examPath = `/practice/mock/${encodeURIComponent(exam.examId)}`;

  return (
    <div className="space-y-4">
      <header className="flex flex-wrap items-baseline justify-between gap-2">
        <h1 className="text-2xl font-bold tracking-tight text-slate-900 dark:text-slate-100">Mock exam: {exam.subjectName}</h1>
        <p className="text-sm text-slate-600 dark:text-slate-300" data-testid="question-number">
          Question {current.position + 1} of {exam.questionCount}
        </p>
      </header>

      <MockTimer
        examId={exam.examId}
        position={current.position}
        deadline={exam.deadline}
        hidden={exam.timerHidden}
        serverNow={serverNow}
        action={timerAction}
      />

      {confirm ? (
        <section
          aria-labelledby="confirm-heading"
          className="rounded-xl border-2 border-amber-400 bg-amber-50 p-4 dark:border-amber-500 dark:bg-slate-900"
          data-testid="submit-confirmation"
        >
          <h2 id="confirm-heading" ref={confirmHeadingRef} tabIndex={-1} className="text-lg font-semibold text-slate-900 dark:text-slate-100">
            Submit your exam?
          </h2>
          <p className="mt-2 text-sm text-slate-800 dark:text-slate-200">
            You have answered {exam.questionCount - unanswered.length} of {exam.questionCount} questions.
          </p>
          <p className="mt-1 text-sm text-slate-800 dark:text-slate-200" data-testid="confirm-unanswered">
            {unanswered.length === 0
              ? "Every question has an answer."
              : `Not answered: question${unanswered.length === 1 ? "" : "s"} ${listNumbers(unanswered)}. They will count as wrong.`}
          </p>
          <p className="mt-1 text-sm text-slate-800 dark:text-slate-200" data-testid="confirm-flagged">
            {flaggedNumbers.length === 0
              ? "No questions are flagged for review."
              : `Flagged for review: question${flaggedNumbers.length === 1 ? "" : "s"} ${listNumbers(flaggedNumbers)}.`}
          </p>
          <form action={submitFormAction} className="mt-4 flex flex-wrap items-center gap-3">
            <input type="hidden" name="examId" value={exam.examId} />
            <Button type="submit" disabled={submitting}>
              {submitting ? "Submitting…" : "Submit exam"}
            </Button>
            <Link href={`${examPath}?q=${current.position + 1}`} className="text-sm font-medium text-brand-700 underline dark:text-brand-300">
              Keep working
            </Link>
          </form>
          {submitFailure ? (
            <div className="mt-3">
              <Alert tone="error">{submitFailure.error}</Alert>
            </div>
          ) : null}
        </section>
      ) : null}

      <form ref={formRef} action={formAction} className="space-y-4">
        <input type="hidden" name="examId" value={exam.examId} />
        <input type="hidden" name="presentationId" value={current.presentationId} />
        <input type="hidden" name="position" value={current.position} />
        <input type="hidden" name="flagged" value={String(!flagged)} />
        {hydrated ? <input type="hidden" name="enhanced" value="1" /> : null}

        <article className="rounded-2xl border border-slate-200 bg-white p-4 shadow-sm sm:p-8 dark:border-slate-700 dark:bg-slate-900">
          <p className="flex flex-wrap items-center justify-between gap-2 text-xs">
            <span className="font-semibold tracking-wide text-brand-700 uppercase dark:text-brand-300">{current.topicName}</span>
            {flagged ? (
              <span className="inline-flex items-center gap-1 rounded-full bg-amber-100 px-2 py-0.5 font-semibold text-amber-900" data-testid="flagged-badge">
                <FlagIcon /> Flagged for review
              </span>
            ) : null}
          </p>
          {/* Not required: an item may be left unanswered (and "Previous" or the grid must still post). */}
          <ChoiceOptions
            stem={current.stem}
            options={current.options}
            required={false}
            selectedOptionId={selected}
            onChoose={choose}
            describedBy={failure ? "item-error" : undefined}
          />

          {failure ? (
            <div className="mt-4" id="item-error">
              <Alert tone="error">{failure.fieldErrors?.optionId?.[0] ? `${failure.error} ${failure.fieldErrors.optionId[0]}` : failure.error}</Alert>
            </div>
          ) : null}
          <p role="status" className="mt-3 text-xs text-slate-600 dark:text-slate-300" data-testid="save-status">
            {hydrated && state?.ok ? (pending ? "Saving…" : "Saved.") : ""}
          </p>

          <div className="mt-4 flex flex-wrap gap-2">
            {/* First in the form, so Enter on a choice saves and moves on without JavaScript. */}
            <Button type="submit" name="intent" value={last ? "review" : "next"} ref={nextRef}>
              {last ? "Save and review" : "Save and next"}
            </Button>
            <Button type="submit" variant="secondary" name="intent" value="prev" ref={prevRef} disabled={current.position === 0}>
              Previous
            </Button>
            <Button
              type="submit"
              variant="secondary"
              name="intent"
              value="flag"
              ref={flagRef}
              aria-pressed={flagged}
              onClick={(event) => {
                if (!hydrated) return;
                event.preventDefault();
                toggleFlag();
              }}
              className="gap-1"
            >
              <FlagIcon className="h-4 w-4" />
              Flag for review
            </Button>
          </div>
        </article>

        <nav aria-labelledby="grid-heading" className="rounded-xl border border-slate-200 bg-white p-4 dark:border-slate-700 dark:bg-slate-900">
          <h2 id="grid-heading" className="text-sm font-semibold text-slate-800 dark:text-slate-100">
            All questions
          </h2>
          <p className="mt-1 text-xs text-slate-600 dark:text-slate-300">
            <span className="inline-flex items-center gap-1">
              <CheckIcon /> answered
            </span>{" "}
            ·{" "}
            <span className="inline-flex items-center gap-1">
              <FlagIcon /> flagged
            </span>{" "}
            · underlined and outlined: this question
          </p>
          <ol className="mt-3 grid grid-cols-5 gap-2 sm:grid-cols-10" data-testid="question-grid">
            {items.map((item) => {
              const here = item.position === current.position;
              const status = [item.answered ? "answered" : "not answered", item.flagged ? "flagged" : null, here ? "current" : null]
                .filter(Boolean)
                .join(", ");
              return (
                <li key={item.position}>
                  <button
                    type="submit"
                    name="goto"
                    value={item.position}
                    aria-label={`Question ${item.position + 1}: ${status}`}
                    aria-current={here ? "step" : undefined}
                    className={`flex h-11 w-full items-center justify-center gap-0.5 rounded-lg border text-sm ${
                      here
                        ? "border-2 border-brand-700 font-bold underline dark:border-brand-300"
                        : "border-slate-300 dark:border-slate-600"
                    } ${item.answered ? "bg-slate-100 text-slate-900 dark:bg-slate-800 dark:text-slate-100" : "bg-white text-slate-700 dark:bg-slate-900 dark:text-slate-200"}`}
                  >
                    {item.position + 1}
                    {item.answered ? <CheckIcon /> : null}
                    {item.flagged ? <FlagIcon /> : null}
                  </button>
                </li>
              );
            })}
          </ol>
          <div className="mt-4">
            <Button type="submit" variant="secondary" name="intent" value="review">
              Review and submit
            </Button>
          </div>
        </nav>
      </form>

      <section aria-labelledby="shortcuts-heading" className="border-t border-slate-100 pt-4 text-xs text-slate-600 dark:border-slate-800 dark:text-slate-300">
        <h2 id="shortcuts-heading" className="font-semibold text-slate-700 dark:text-slate-200">
          Keyboard shortcuts
        </h2>
        <ul className="mt-1 flex flex-wrap gap-x-4 gap-y-1">
          <li>
            <kbd>1</kbd>–<kbd>6</kbd> or <kbd>A</kbd>–<kbd>E</kbd>: choose an option
          </li>
          <li>
            <kbd>N</kbd>: save and next
          </li>
          <li>
            <kbd>P</kbd>: previous
          </li>
          <li>
            <kbd>F</kbd>: flag for review
          </li>
        </ul>
      </section>
    </div>
  );
}
