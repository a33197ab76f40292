import type { InputHTMLAttributes } from "react";

type TextFieldProps = InputHTMLAttributes<HTMLInputElement> & {
  label: string;
  name: string;
  /** Defaults to the name; give one when a page has several fields of the same name. */
  id?: string;
  errors?: string[] | undefined;
  hint?: string;
};

/** A labelled input with its field errors announced to screen readers. */
export function TextField({ label, name, id = name, errors, hint, ...input }: TextFieldProps) {
  const errorId = `${id}-error`;
  const hintId = `${id}-hint`;
  const invalid = Boolean(errors?.length);
  return (
    <div className="space-y-1">
      <label htmlFor={id} className="block text-sm font-medium text-slate-700 dark:text-slate-200">
        {label}
      </label>
      <input
        id={id}
        name={name}
        aria-invalid={invalid || undefined}
        aria-describedby={[invalid ? errorId : null, hint ? hintId : null].filter(Boolean).join(" ") || undefined}
        className={`block w-full rounded-lg border bg-white dark:bg-slate-900 px-3 py-2 text-sm shadow-sm ${invalid ? "border-red-500 dark:border-red-400" : "border-slate-300 dark:border-slate-600"}`}
        {...input}
      />
      {hint && !invalid ? (
        <p id={hintId} className="text-xs text-slate-500 dark:text-slate-400">
          {hint}
        </p>
      ) : null}
      {invalid ? (
        <p id={errorId} className="text-xs text-red-700 dark:text-red-300">
          {errors?.join(" ")}
        </p>
      ) : null}
    </div>
  );
}
