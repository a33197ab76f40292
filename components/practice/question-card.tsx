"use client";

import { useRouter } from "next/navigation";
import { useEffect, useRef, useState, useTransition } from "react";
import type { ActionResult } from "@/lib/server/action-client";
import type { AnswerFeedback, PracticeQuestionView } from "@/lib/services/practice";
import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";

type SubmitAnswer = (input: {
  questionVersionId: string;
  optionId: string;
  attemptToken: string;
  responseMs: number;
  confidence: "GUESSED" | "SURE";
}) => Promise<ActionResult<AnswerFeedback>>;

const LETTERS = ["A", "B", "C", "D", "E", "F"];

/** crypto.randomUUID exists only in secure contexts (HTTPS, localhost); getRandomValues works on any origin. */
function newAttemptToken(): string {
  const bytes = crypto.getRandomValues(new Uint8Array(16));
  return Array.from(bytes, (b) => b.toString(16).padStart(2, "0")).join("");
}

/**
 * One question: choose, check, read why. The key arrives only with the feedback.
 * The attempt token is fixed per question view, so a retried submit is stored once.
 */
export function QuestionCard({ question, submit }: { question: PracticeQuestionView; submit: SubmitAnswer }) {
  const router = useRouter();
  const [chosen, setChosen] = useState<string | null>(null);
  const [guessed, setGuessed] = useState(false);
  const [feedback, setFeedback] = useState<AnswerFeedback | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [pending, startTransition] = useTransition();
  const shownAt = useRef<number | null>(null);
  const attemptToken = useRef<string | null>(null);

  // Timing starts when the question is on screen, not when it renders.
  useEffect(() => {
    shownAt.current = Date.now();
    attemptToken.current = newAttemptToken();
  }, []);

  function check() {
    if (!chosen) {
      setError("Choose an option first.");
      return;
    }
    setError(null);
    startTransition(async () => {
      const result = await submit({
        questionVersionId: question.questionVersionId,
        optionId: chosen,
        attemptToken: (attemptToken.current ??= newAttemptToken()),
        responseMs: shownAt.current === null ? 0 : Date.now() - shownAt.current,
        confidence: guessed ? "GUESSED" : "SURE",
      });
      if (result.ok) setFeedback(result.data);
      else setError(result.error);
    });
  }

  function next() {
    startTransition(() => router.refresh());
  }

  const answered = feedback !== null;
  const correctIndex = question.options.findIndex((o) => o.id === feedback?.correctOptionId);
  return (
    <article className="rounded-2xl border border-slate-200 bg-white p-6 shadow-sm sm:p-8" aria-live="polite">
      <p className="flex flex-wrap items-baseline justify-between gap-2 text-xs">
        <span className="font-semibold uppercase tracking-wide text-brand-700">{question.topicName}</span>
        <span className="text-slate-500" data-testid="pick-reason">
          {question.reason}
        </span>
      </p>
      <h1 className="mt-2 text-lg font-semibold leading-relaxed text-slate-900">{question.stem}</h1>

      <fieldset className="mt-6 space-y-3" disabled={answered || pending}>
        <legend className="sr-only">Options</legend>
        {question.options.map((option, index) => {
          const result = feedback?.options.find((o) => o.id === option.id);
          const isChosen = chosen === option.id;
          const tone = !result
            ? isChosen
              ? "border-brand-600 bg-brand-50"
              : "border-slate-200 hover:border-slate-300"
            : result.correct
              ? "border-emerald-500 bg-emerald-50"
              : isChosen
                ? "border-red-400 bg-red-50"
                : "border-slate-200";
          return (
            <label key={option.id} className={`block cursor-pointer rounded-xl border-2 p-4 transition ${tone}`}>
              <span className="flex items-start gap-3">
                <input
                  type="radio"
                  name="option"
                  value={option.id}
                  checked={isChosen}
                  onChange={() => setChosen(option.id)}
                  className="mt-1"
                />
                <span className="font-semibold text-slate-500">{LETTERS[index]}.</span>
                <span className="text-slate-900">{option.text}</span>
                {result?.correct ? (
                  <span className="ml-auto shrink-0 rounded-full bg-emerald-100 px-2 py-0.5 text-xs font-semibold text-emerald-800">
                    Right answer
                  </span>
                ) : isChosen && result ? (
                  <span className="ml-auto shrink-0 rounded-full bg-red-100 px-2 py-0.5 text-xs font-semibold text-red-800">
                    Your answer
                  </span>
                ) : null}
              </span>
              {result ? (
                <span className="mt-2 block pl-10 text-sm text-slate-700" data-testid="option-feedback">
                  {result.feedback}
                </span>
              ) : null}
            </label>
          );
        })}
      </fieldset>

      {error ? (
        <div className="mt-4">
          <Alert tone="error">{error}</Alert>
        </div>
      ) : null}

      {feedback ? (
        <section className="mt-6 space-y-3" aria-label="Result">
          <Alert tone={feedback.correct ? "success" : "error"}>
            <strong>{feedback.correct ? (guessed ? "Right, though you guessed." : "Right!") : "Not quite."}</strong>{" "}
            {feedback.correct && guessed ? "It will come back soon so you can be sure of it." : null}
            {!feedback.correct ? `The right answer is ${LETTERS[correctIndex] ?? "marked below"}.` : null}
          </Alert>
          <div className="rounded-xl bg-slate-50 p-4">
            <h2 className="text-sm font-semibold text-slate-900">Explanation</h2>
            <p className="mt-1 text-sm leading-relaxed text-slate-700" data-testid="explanation">
              {feedback.explanation}
            </p>
          </div>
          <Button onClick={next} disabled={pending}>
            {pending ? "Loading…" : "Next question"}
          </Button>
        </section>
      ) : (
        <div className="mt-6 flex flex-wrap items-center gap-4">
          <Button onClick={check} disabled={pending}>
            {pending ? "Checking…" : "Check answer"}
          </Button>
          <label className="flex items-center gap-2 text-sm text-slate-600">
            <input type="checkbox" checked={guessed} onChange={(e) => setGuessed(e.target.checked)} />I guessed
          </label>
        </div>
      )}
    </article>
  );
}
