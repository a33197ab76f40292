import { RichText } from "@/components/ui/rich-text";
import type { OthersAnswered } from "@/lib/analytics/item-analysis";

/**
 * The presentational pieces of a question as a student sees it: the options
 * to choose from, the answered options with their feedback, the verdict and
 * the explanation. Used by the practice card, the mock exam (runner and
 * results) and the question editor's preview, so every screen shows a
 * question the same way. Texts are the safe
 * Markdown of lib/questions/markdown.ts.
 */

export type ViewOption = { id: string; letter: string; text: string };
export type ViewResult = {
  correct: boolean;
  /** Null for a mock exam item left unanswered. */
  chosenOptionId: string | null;
  options: Array<ViewOption & { correct: boolean; feedback: string }>;
  /** Other students' first attempts at this version, once enough have answered (only ever sent after the answer). */
  others?: OthersAnswered | null;
};

const percent = (share: number) => `${Math.round(share * 100)}%`;

export function CheckIcon() {
  return (
    <svg aria-hidden="true" viewBox="0 0 20 20" className="h-5 w-5 shrink-0" fill="currentColor">
      <path d="M7.6 14.2 3.4 10l1.4-1.4 2.8 2.8 7.6-7.6 1.4 1.4z" />
    </svg>
  );
}

export function CrossIcon() {
  return (
    <svg aria-hidden="true" viewBox="0 0 20 20" className="h-5 w-5 shrink-0" fill="currentColor">
      <path d="m5.05 3.64 4.95 4.95 4.95-4.95 1.41 1.41L11.41 10l4.95 4.95-1.41 1.41L10 11.41l-4.95 4.95-1.41-1.41L8.59 10 3.64 5.05z" />
    </svg>
  );
}

/** The stem as the legend of the options' fieldset, one radio per option (unanswered). */
export function ChoiceOptions({
  stem,
  options,
  disabled = false,
  describedBy,
  name = "optionId",
  required = true,
  selectedOptionId,
  onChoose,
}: {
  stem: string;
  options: ViewOption[];
  disabled?: boolean;
  describedBy?: string | undefined;
  /** The radios' name: "optionId" in practice; the preview uses its own so it never joins another form. */
  name?: string;
  required?: boolean;
  /** The chosen option, when the caller keeps the choice (the mock exam); otherwise the radios keep it. */
  selectedOptionId?: string | null;
  onChoose?: (optionId: string) => void;
}) {
  return (
    <fieldset className="mt-2 min-w-0" disabled={disabled} aria-describedby={describedBy}>
      <legend className="text-lg font-semibold leading-relaxed break-words text-slate-900 dark:text-slate-100">
        <RichText text={stem} />
      </legend>
      <div className="mt-5 space-y-3">
        {options.map((option) => (
          <label
            key={option.id}
            className="flex cursor-pointer items-start gap-3 rounded-xl border-2 border-slate-200 p-4 hover:border-slate-300 has-[:checked]:border-brand-600 has-[:checked]:bg-brand-50 dark:border-slate-700 dark:hover:border-slate-600 dark:has-[:checked]:border-brand-300 dark:has-[:checked]:bg-slate-800"
          >
            <input
              type="radio"
              name={name}
              value={option.id}
              required={required}
              className="mt-1"
              {...(selectedOptionId !== undefined ? { checked: selectedOptionId === option.id } : {})}
              {...(onChoose ? { onChange: () => onChoose(option.id) } : {})}
            />
            <span className="font-semibold text-slate-600 dark:text-slate-300">{option.letter}.</span>
            <span className="min-w-0 break-words text-slate-900 dark:text-slate-100">
              <RichText text={option.text} />
            </span>
          </label>
        ))}
      </div>
    </fieldset>
  );
}

/** The answered options: the key and the student's choice marked in words and colour, each with its feedback. */
export function ResultOptions({ stem, result, name = "optionId" }: { stem: string; result: ViewResult; name?: string }) {
  const others = result.others ?? null;
  return (
    <fieldset className="mt-2 min-w-0" disabled>
      <legend className="text-lg font-semibold leading-relaxed break-words text-slate-900 dark:text-slate-100">
        <RichText text={stem} />
      </legend>
      <ul className="mt-5 space-y-3">
        {result.options.map((option) => {
          const chosen = option.id === result.chosenOptionId;
          const tone = option.correct
            ? "border-emerald-600 bg-emerald-50 dark:border-emerald-500 dark:bg-emerald-950"
            : chosen
              ? "border-red-500 bg-red-50 dark:border-red-400 dark:bg-red-950"
              : "border-slate-200 dark:border-slate-700";
          return (
            <li key={option.id} className={`rounded-xl border-2 p-4 ${tone}`} data-testid="result-option">
              <label className="flex items-start gap-3">
                <input type="radio" name={name} value={option.id} checked={chosen} readOnly className="mt-1" />
                <span className="font-semibold text-slate-600 dark:text-slate-300">{option.letter}.</span>
                <span className="min-w-0 break-words text-slate-900 dark:text-slate-100">
                  <RichText text={option.text} />
                </span>
              </label>
              <p className="mt-2 flex flex-wrap gap-2 pl-7 text-xs font-semibold">
                {option.correct ? (
                  <span className="inline-flex items-center gap-1 rounded-full bg-emerald-100 px-2 py-0.5 text-emerald-900 dark:bg-emerald-900 dark:text-emerald-100">
                    <CheckIcon /> Correct answer
                  </span>
                ) : null}
                {chosen ? (
                  <span className="inline-flex items-center gap-1 rounded-full bg-slate-200 px-2 py-0.5 text-slate-900 dark:bg-slate-700 dark:text-slate-100">Your answer</span>
                ) : null}
              </p>
              <p className="mt-1 pl-7 text-sm text-slate-700 dark:text-slate-200" data-testid="option-feedback">
                <RichText text={option.feedback} />
              </p>
              {others ? <OthersShare share={others.shares[option.id] ?? 0} /> : null}
            </li>
          );
        })}
      </ul>
      {others ? (
        <p className="mt-3 text-sm text-slate-700 dark:text-slate-200" data-testid="others-summary">
          <span className="font-semibold">How others answered:</span> {percent(others.facility)} of {others.students} students got this right on their
          first attempt.
        </p>
      ) : null}
    </fieldset>
  );
}

/** One option's share of other students' first attempts, in words, with a bar for the eye. */
function OthersShare({ share }: { share: number }) {
  return (
    <div className="mt-2 flex items-center gap-3 pl-7 text-xs text-slate-700 dark:text-slate-200" data-testid="others-share">
      <span className="h-1.5 w-24 shrink-0 overflow-hidden rounded-full bg-slate-200 dark:bg-slate-700" aria-hidden="true">
        <span className="block h-full rounded-full bg-brand-600 dark:bg-brand-300" style={{ width: percent(share) }} />
      </span>
      <span>{percent(share)} of students chose this</span>
    </div>
  );
}

/** "Correct" or "Incorrect: the answer is C." in words and with an icon (the status region is the caller's). */
export function AnswerVerdict({ result }: { result: ViewResult }) {
  return (
    <p
      className={`flex items-center gap-2 rounded-lg border px-4 py-3 font-semibold ${
        result.correct
          ? "border-emerald-300 bg-emerald-50 text-emerald-900 dark:border-emerald-800 dark:bg-emerald-950 dark:text-emerald-100"
          : "border-red-300 bg-red-50 text-red-900 dark:border-red-800 dark:bg-red-950 dark:text-red-100"
      }`}
    >
      {result.correct ? <CheckIcon /> : <CrossIcon />}
      {result.correct ? "Correct" : "Incorrect"}
      {!result.correct ? <span className="font-normal">: the answer is {result.options.find((o) => o.correct)?.letter}.</span> : null}
    </p>
  );
}

export function ExplanationPanel({ explanation, headingLevel = 2 }: { explanation: string; headingLevel?: 2 | 3 | 4 }) {
  const Heading = `h${headingLevel}` as const;
  return (
    <div className="rounded-xl bg-slate-50 p-4 dark:bg-slate-800">
      <Heading className="text-sm font-semibold text-slate-900 dark:text-slate-100">Explanation</Heading>
      <p className="mt-1 text-sm leading-relaxed break-words text-slate-700 dark:text-slate-200" data-testid="explanation">
        <RichText text={explanation} />
      </p>
    </div>
  );
}
