"use client";

import { useActionState, useEffect, useRef, useState, useTransition, type ReactNode } from "react";
import { Alert } from "@/components/ui/alert";
import { SAVE_CONNECTION_LOST, useReachableAction } from "@/components/ui/use-reachable-action";
import { Button } from "@/components/ui/button";
import { AnswerVerdict, ChoiceOptions, ExplanationPanel, ResultOptions } from "@/components/practice/question-view";
import { lintItem, type ItemFinding } from "@/lib/questions/content-lint";
import type { ActionResult } from "@/lib/server/action-client";
import {
  EDITOR_LIMITS,
  MAX_OPTIONS,
  MIN_OPTIONS,
  QUESTION_STATUSES,
  STATUS_LABELS,
  validateQuestionEditor,
  type EditorFieldErrors,
  type EditorValues,
} from "@/lib/validation/question-editor";

export type EditorTopicGroup = { subjectId: string; subjectName: string; topics: Array<{ id: string; name: string }> };
export type NearDuplicate = { id: string; slug: string; stem: string; similarity: number };
type EditorFormState = { ok: false; error: string; fieldErrors?: EditorFieldErrors; values?: EditorValues } | null;

type QuestionEditorProps = {
  questionId?: string;
  initial: EditorValues;
  topics: EditorTopicGroup[];
  /** The save action: (previous, form) so the form posts before JavaScript loads. */
  action: (previous: EditorFormState, form: FormData) => Promise<EditorFormState>;
  checkStem: (input: { stem: string; topicId: string; questionId?: string }) => Promise<ActionResult<NearDuplicate[]>>;
  initialDuplicates?: NearDuplicate[];
  /** Shown above the wording when an edit will make a new version. */
  versionNote?: string;
};

const LETTERS = ["A", "B", "C", "D", "E", "F", "G"];
const DIFFICULTY_LABELS = { EASY: "Easy", MEDIUM: "Medium", HARD: "Hard" } as const;
const KIND_LABELS = { RECALL: "Recall", APPLICATION: "Application", CONTRAST: "Contrast" } as const;

const inputClass = (invalid: boolean) =>
  `block w-full rounded-lg border bg-white px-3 py-2 text-sm text-slate-900 shadow-sm dark:bg-slate-900 dark:text-slate-100 ${
    invalid ? "border-red-600" : "border-slate-300 dark:border-slate-600"
  }`;

/** The item-writing checks on what is typed now: warnings only, never a block on saving. */
function warningsOf(values: EditorValues): ItemFinding[] {
  const options = values.options.map((o, i) => ({ text: o.text, feedback: o.feedback, correct: values.correct === String(i) }));
  const findings = lintItem({ stem: values.stem, explanation: values.explanation, options });
  const blankOption = options.some((o) => o.text.trim() === "");
  return findings.filter((f) => {
    if (f.rule === "length-ratio" && blankOption) return false;
    if (f.rule === "explanation-length" && values.explanation.trim() === "") return false;
    return true;
  });
}

function FieldMessages({ id, errors, warnings }: { id: string; errors?: string[] | undefined; warnings?: string[] | undefined }) {
  if (!errors?.length && !warnings?.length) return null;
  return (
    <div id={id} className="mt-1 space-y-1 text-xs">
      {errors?.map((e) => (
        <p key={e} className="text-red-700 dark:text-red-400">
          <span className="font-semibold">Error:</span> {e}
        </p>
      ))}
      {warnings?.map((w) => (
        <p key={w} className="rounded bg-amber-50 px-2 py-1 text-amber-900 dark:bg-amber-950 dark:text-amber-200" data-testid="lint-warning">
          <span className="font-semibold">Check:</span> {w}
        </p>
      ))}
    </div>
  );
}

function describedBy(...ids: Array<string | false | 0 | undefined>): string | undefined {
  return ids.filter(Boolean).join(" ") || undefined;
}

function Label({ htmlFor, children }: { htmlFor: string; children: ReactNode }) {
  return (
    <label htmlFor={htmlFor} className="block text-sm font-medium text-slate-800 dark:text-slate-200">
      {children}
    </label>
  );
}

/** A new question's save that got no answer may have created it: a second save would create a copy. */
const CREATE_CONNECTION_LOST = Object.freeze({
  ok: false as const,
  code: "UNREACHABLE" as const,
  error:
    "The connection to the server failed, so the question may or may not have been created. Your text is still here. Check your connection, then look for the question in the bank's list (in another tab) before you save again: if it is there, saving again would make a second copy.",
});

let nextKey = 0;
const newKey = () => `opt-${(nextKey += 1)}`;

/**
 * The question editor: the form, live item-writing checks beside their
 * fields, and a preview that is the practice screen's own pieces. Saving
 * posts the whole form to the server action (also without JavaScript); the
 * same schema checks it here first so errors show before a round trip.
 */
export function QuestionEditor({ questionId, initial, topics, action, checkStem, initialDuplicates = [], versionNote }: QuestionEditorProps) {
  const [state, formAction, pending] = useActionState(useReachableAction(action, questionId ? SAVE_CONNECTION_LOST : CREATE_CONNECTION_LOST), null);
  const [values, setValues] = useState<EditorValues>(() => state?.values ?? initial);
  const [keys, setKeys] = useState<string[]>(() => (state?.values ?? initial).options.map(() => newKey()));
  const [clientErrors, setClientErrors] = useState<EditorFieldErrors | null>(null);
  const [duplicates, setDuplicates] = useState<NearDuplicate[]>(initialDuplicates);
  const [, startTransition] = useTransition();
  const formRef = useRef<HTMLFormElement>(null);
  const [previewChoice, setPreviewChoice] = useState<number | null>(null);
  const [previewChecked, setPreviewChecked] = useState(false);

  const serverErrors = state?.fieldErrors ?? {};
  const errors: EditorFieldErrors = clientErrors ?? serverErrors;
  const warnings = warningsOf(values);
  const warningsFor = (field: string) => warnings.filter((w) => w.field === field).map((w) => w.message);
  const errorsFor = (field: string) => errors[field];

  // Near-duplicate stems need the bank: the server compares, a moment after typing stops.
  useEffect(() => {
    const stem = values.stem.trim();
    if (stem.length < 12 || !values.topicId) return;
    const timer = setTimeout(() => {
      checkStem({ stem, topicId: values.topicId, ...(questionId ? { questionId } : {}) })
        .then((result) => {
          if (result.ok) setDuplicates(result.data);
        })
        .catch(() => {});
    }, 500);
    return () => clearTimeout(timer);
  }, [values.stem, values.topicId, questionId, checkStem]);

  function update(next: EditorValues) {
    setValues(next);
    // Once a save was tried, errors follow what is typed.
    if (clientErrors) {
      const checked = validateQuestionEditor(next);
      setClientErrors(checked.ok ? {} : checked.fieldErrors);
    }
  }
  const set = (field: keyof Omit<EditorValues, "options">) => (event: { target: { value: string } }) =>
    update({ ...values, [field]: event.target.value });
  const setOption = (index: number, part: "text" | "feedback", value: string) =>
    update({ ...values, options: values.options.map((o, i) => (i === index ? { ...o, [part]: value } : o)) });

  function addOption() {
    if (values.options.length >= MAX_OPTIONS) return;
    update({ ...values, options: [...values.options, { text: "", feedback: "" }] });
    setKeys([...keys, newKey()]);
  }

  function removeOption(index: number) {
    if (values.options.length <= MIN_OPTIONS) return;
    const correct = Number(values.correct);
    const nextCorrect = values.correct === "" || correct === index ? "" : String(correct > index ? correct - 1 : correct);
    update({ ...values, correct: nextCorrect, options: values.options.filter((_, i) => i !== index) });
    setKeys(keys.filter((_, i) => i !== index));
  }

  function onSubmit(event: React.FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const checked = validateQuestionEditor(values);
    if (!checked.ok) {
      setClientErrors(checked.fieldErrors);
      const first = Object.keys(checked.fieldErrors)[0];
      const id = first ? fieldId(first) : null;
      if (id) document.getElementById(id)?.focus();
      return;
    }
    setClientErrors(null);
    const form = new FormData(event.currentTarget);
    startTransition(() => formAction(form));
  }

  const hasErrors = Object.values(errors).some((e) => e?.length);
  const formError = state && !state.fieldErrors ? state.error : hasErrors ? "Some fields need your attention: see the messages beside them." : null;
  const previewOptions = values.options.map((o, i) => ({ id: `preview-${i}`, letter: LETTERS[i] ?? String(i + 1), text: o.text || "(empty option)" }));
  const keyIndex = values.correct === "" ? -1 : Number(values.correct);
  const topicName = topics.flatMap((g) => g.topics).find((t) => t.id === values.topicId)?.name ?? "No topic chosen";
  const optionsWarnings = warningsFor("options");

  return (
    <div className="grid gap-8 lg:grid-cols-2">
      <form ref={formRef} action={formAction} onSubmit={onSubmit} noValidate className="min-w-0 space-y-6" aria-label="Question editor">
        {questionId ? <input type="hidden" name="questionId" value={questionId} /> : null}
        <p className="text-xs text-slate-600 dark:text-slate-400">
          Texts may use <code>*emphasis*</code>, <code>**strong**</code>, <code>`code`</code>, lists (<code>- item</code>, <code>1. item</code>) and line
          breaks.
        </p>
        {versionNote ? <Alert tone="info">{versionNote}</Alert> : null}

        <div>
          <Label htmlFor="stem">Question (stem)</Label>
          <textarea
            id="stem"
            name="stem"
            rows={4}
            maxLength={EDITOR_LIMITS.stem}
            value={values.stem}
            onChange={set("stem")}
            aria-invalid={Boolean(errorsFor("stem")?.length) || undefined}
            aria-describedby={describedBy((errorsFor("stem")?.length || warningsFor("stem").length || duplicates.length > 0) && "stem-messages")}
            className={inputClass(Boolean(errorsFor("stem")?.length))}
          />
          <FieldMessages
            id="stem-messages"
            errors={errorsFor("stem")}
            warnings={[
              ...warningsFor("stem"),
              ...duplicates.map((d) => `The stem reads nearly the same as ${d.slug}'s (similarity ${d.similarity.toFixed(2)}): "${d.stem}"`),
            ]}
          />
        </div>

        <fieldset className="min-w-0 space-y-4" aria-describedby={describedBy((errorsFor("options")?.length || errorsFor("correct")?.length || optionsWarnings.length > 0) && "options-messages")}>
          <legend className="text-sm font-medium text-slate-800 dark:text-slate-200">
            Options ({MIN_OPTIONS} to {MAX_OPTIONS}); mark exactly one as correct
          </legend>
          <FieldMessages id="options-messages" errors={[...(errorsFor("options") ?? []), ...(errorsFor("correct") ?? [])]} warnings={optionsWarnings} />
          {values.options.map((option, i) => {
            const letter = LETTERS[i] ?? String(i + 1);
            const textErrors = errorsFor(`options.${i}.text`);
            const feedbackErrors = errorsFor(`options.${i}.feedback`);
            const textWarnings = warningsFor(`options.${i}.text`);
            const feedbackWarnings = warningsFor(`options.${i}.feedback`);
            return (
              <div key={keys[i]} className="rounded-xl border border-slate-200 p-3 dark:border-slate-700" data-testid="editor-option">
                <div className="flex flex-wrap items-center justify-between gap-2">
                  <label className="flex items-center gap-2 text-sm font-medium text-slate-800 dark:text-slate-200">
                    <input
                      type="radio"
                      id={`option-${i}-correct`}
                      name="correct"
                      value={String(i)}
                      checked={values.correct === String(i)}
                      onChange={set("correct")}
                    />
                    Option {letter} is correct
                  </label>
                  <button
                    type="button"
                    onClick={() => removeOption(i)}
                    disabled={values.options.length <= MIN_OPTIONS}
                    className="rounded-md px-2 py-1 text-sm text-red-700 hover:bg-red-50 disabled:text-slate-400 dark:text-red-400"
                  >
                    Remove option {letter}
                  </button>
                </div>
                <div className="mt-2">
                  <Label htmlFor={`option-${i}-text`}>Option {letter} text</Label>
                  <input
                    id={`option-${i}-text`}
                    name="optionText"
                    maxLength={EDITOR_LIMITS.option}
                    value={option.text}
                    onChange={(e) => setOption(i, "text", e.target.value)}
                    aria-invalid={Boolean(textErrors?.length) || undefined}
                    aria-describedby={describedBy((textErrors?.length || textWarnings.length > 0) && `option-${i}-text-messages`)}
                    className={inputClass(Boolean(textErrors?.length))}
                  />
                  <FieldMessages id={`option-${i}-text-messages`} errors={textErrors} warnings={textWarnings} />
                </div>
                <div className="mt-2">
                  <Label htmlFor={`option-${i}-feedback`}>Option {letter} feedback</Label>
                  <textarea
                    id={`option-${i}-feedback`}
                    name="optionFeedback"
                    rows={2}
                    maxLength={EDITOR_LIMITS.feedback}
                    value={option.feedback}
                    onChange={(e) => setOption(i, "feedback", e.target.value)}
                    aria-invalid={Boolean(feedbackErrors?.length) || undefined}
                    aria-describedby={describedBy((feedbackErrors?.length || feedbackWarnings.length > 0) && `option-${i}-feedback-messages`)}
                    className={inputClass(Boolean(feedbackErrors?.length))}
                  />
                  <FieldMessages id={`option-${i}-feedback-messages`} errors={feedbackErrors} warnings={feedbackWarnings} />
                </div>
              </div>
            );
          })}
          <Button type="button" variant="secondary" onClick={addOption} disabled={values.options.length >= MAX_OPTIONS}>
            Add option
          </Button>
        </fieldset>

        <div>
          <Label htmlFor="explanation">Explanation</Label>
          <textarea
            id="explanation"
            name="explanation"
            rows={4}
            maxLength={EDITOR_LIMITS.explanation}
            value={values.explanation}
            onChange={set("explanation")}
            aria-invalid={Boolean(errorsFor("explanation")?.length) || undefined}
            aria-describedby={describedBy((errorsFor("explanation")?.length || warningsFor("explanation").length > 0) && "explanation-messages")}
            className={inputClass(Boolean(errorsFor("explanation")?.length))}
          />
          <FieldMessages id="explanation-messages" errors={errorsFor("explanation")} warnings={warningsFor("explanation")} />
        </div>

        <div className="grid gap-4 sm:grid-cols-2">
          <div>
            <Label htmlFor="topicId">Topic</Label>
            <select
              id="topicId"
              name="topicId"
              value={values.topicId}
              onChange={set("topicId")}
              aria-invalid={Boolean(errorsFor("topicId")?.length) || undefined}
              aria-describedby={describedBy(Boolean(errorsFor("topicId")?.length) && "topicId-messages")}
              className={inputClass(Boolean(errorsFor("topicId")?.length))}
            >
              <option value="">Choose a topic</option>
              {topics.map((group) => (
                <optgroup key={group.subjectId} label={group.subjectName}>
                  {group.topics.map((t) => (
                    <option key={t.id} value={t.id}>
                      {t.name}
                    </option>
                  ))}
                </optgroup>
              ))}
            </select>
            <FieldMessages id="topicId-messages" errors={errorsFor("topicId")} />
          </div>
          <SelectField label="Difficulty" name="difficulty" value={values.difficulty} onChange={set("difficulty")} errors={errorsFor("difficulty")} choices={DIFFICULTY_LABELS} />
          <SelectField label="Kind" name="kind" value={values.kind} onChange={set("kind")} errors={errorsFor("kind")} choices={KIND_LABELS} />
          <SelectField
            label="Status"
            name="status"
            value={values.status}
            onChange={set("status")}
            errors={errorsFor("status")}
            choices={Object.fromEntries(QUESTION_STATUSES.map((s) => [s, STATUS_LABELS[s]]))}
            hint="Only published questions are practised."
          />
        </div>

        <div>
          <Label htmlFor="sources">Sources (one per line)</Label>
          <textarea
            id="sources"
            name="sources"
            rows={2}
            value={values.sources}
            onChange={set("sources")}
            aria-invalid={Boolean(errorsFor("sources")?.length) || undefined}
            aria-describedby={describedBy(Boolean(errorsFor("sources")?.length) && "sources-messages")}
            className={inputClass(Boolean(errorsFor("sources")?.length))}
          />
          <FieldMessages id="sources-messages" errors={errorsFor("sources")} />
        </div>
        <div>
          <Label htmlFor="tags">Tags (comma separated)</Label>
          <input
            id="tags"
            name="tags"
            value={values.tags}
            onChange={set("tags")}
            aria-invalid={Boolean(errorsFor("tags")?.length) || undefined}
            aria-describedby={describedBy(Boolean(errorsFor("tags")?.length) && "tags-messages")}
            className={inputClass(Boolean(errorsFor("tags")?.length))}
          />
          <FieldMessages id="tags-messages" errors={errorsFor("tags")} />
        </div>

        <div aria-live="polite">{formError ? <Alert tone="error">{formError}</Alert> : null}</div>
        <Button type="submit" disabled={pending}>
          {pending ? "Saving…" : questionId ? "Save changes" : "Create question"}
        </Button>
      </form>

      <section aria-labelledby="preview-heading" className="min-w-0 lg:sticky lg:top-4 lg:self-start">
        <h2 id="preview-heading" className="text-lg font-semibold text-slate-900 dark:text-slate-100">
          Preview: what a student sees
        </h2>
        <p className="text-xs text-slate-600 dark:text-slate-400">Students see the options in a shuffled order.</p>
        <article className="mt-3 rounded-2xl border border-slate-200 bg-white p-4 shadow-sm sm:p-6" data-testid="preview">
          <p className="text-xs font-semibold tracking-wide text-brand-700 uppercase">{topicName}</p>
          {previewChecked && previewChoice !== null ? (
            <>
              <ResultOptions
                stem={values.stem || "(no stem yet)"}
                name="preview-answer"
                result={{
                  correct: previewChoice === keyIndex,
                  chosenOptionId: `preview-${previewChoice}`,
                  options: previewOptions.map((o, i) => ({ ...o, correct: i === keyIndex, feedback: values.options[i]?.feedback ?? "" })),
                }}
              />
              <div className="mt-4" role="status">
                <AnswerVerdict
                  result={{
                    correct: previewChoice === keyIndex,
                    chosenOptionId: `preview-${previewChoice}`,
                    options: previewOptions.map((o, i) => ({ ...o, correct: i === keyIndex, feedback: "" })),
                  }}
                />
              </div>
              <div className="mt-4">
                <ExplanationPanel explanation={values.explanation || "(no explanation yet)"} />
              </div>
              <Button type="button" variant="secondary" className="mt-4" onClick={() => setPreviewChecked(false)}>
                Back to the question
              </Button>
            </>
          ) : (
            <>
              <ChoiceOptions stem={values.stem || "(no stem yet)"} options={previewOptions} name="preview-choice" required={false} onChoose={(id) => setPreviewChoice(Number(id.slice(8)))} />
              <Button type="button" variant="secondary" className="mt-4" disabled={previewChoice === null || previewChoice >= values.options.length} onClick={() => setPreviewChecked(true)}>
                Check answer (preview)
              </Button>
            </>
          )}
        </article>
      </section>
    </div>
  );
}

function fieldId(path: string): string | null {
  const option = /^options\.(\d+)\.(text|feedback)$/.exec(path);
  if (option) return `option-${option[1]}-${option[2]}`;
  if (path === "correct" || path === "options") return "option-0-correct";
  return ["stem", "explanation", "topicId", "difficulty", "kind", "sources", "tags", "status"].includes(path) ? path : null;
}

function SelectField({
  label,
  name,
  value,
  onChange,
  errors,
  choices,
  hint,
}: {
  label: string;
  name: string;
  value: string;
  onChange: (event: { target: { value: string } }) => void;
  errors?: string[] | undefined;
  choices: Record<string, string>;
  hint?: string;
}) {
  const invalid = Boolean(errors?.length);
  return (
    <div>
      <Label htmlFor={name}>{label}</Label>
      <select
        id={name}
        name={name}
        value={value}
        onChange={onChange}
        aria-invalid={invalid || undefined}
        aria-describedby={describedBy(invalid && `${name}-messages`, hint && `${name}-hint`)}
        className={inputClass(invalid)}
      >
        {Object.entries(choices).map(([v, l]) => (
          <option key={v} value={v}>
            {l}
          </option>
        ))}
      </select>
      {hint ? (
        <p id={`${name}-hint`} className="mt-1 text-xs text-slate-600 dark:text-slate-400">
          {hint}
        </p>
      ) : null}
      <FieldMessages id={`${name}-messages`} errors={errors} />
    </div>
  );
}
