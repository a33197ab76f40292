"use client";

import { useState } from "react";
import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { TextField } from "@/components/ui/text-field";
import { postedFields, useResultAction } from "@/components/ui/use-reachable-action";
import type { ActionResult } from "@/lib/server/action-client";
import { slugify, SLUG_MAX } from "@/lib/validation/topics";

type Action<T> = (form: FormData) => Promise<ActionResult<T>>;

/** A labelled multi-line field with its errors announced, in the style of TextField. */
export function TextAreaField({
  label,
  name,
  id = name,
  errors,
  defaultValue,
  rows = 2,
}: {
  label: string;
  name: string;
  id?: string;
  errors?: string[] | undefined;
  defaultValue?: string;
  rows?: number;
}) {
  const invalid = Boolean(errors?.length);
  return (
    <div className="space-y-1">
      <label htmlFor={id} className="block text-sm font-medium text-slate-700 dark:text-slate-200">
        {label}
      </label>
      <textarea
        id={id}
        name={name}
        rows={rows}
        maxLength={1000}
        defaultValue={defaultValue}
        aria-invalid={invalid || undefined}
        aria-describedby={invalid ? `${id}-error` : undefined}
        className={`block w-full rounded-lg border bg-white px-3 py-2 text-sm shadow-sm dark:bg-slate-900 dark:text-slate-100 ${invalid ? "border-red-500" : "border-slate-300 dark:border-slate-600"}`}
      />
      {invalid ? (
        <p id={`${id}-error`} className="text-xs text-red-700 dark:text-red-400">
          {errors?.join(" ")}
        </p>
      ) : null}
    </div>
  );
}

/** Creates a subject; the slug follows the name until the author edits it. The action goes to the new subject's page. */
export function CreateSubjectForm({ action }: { action: Action<void> }) {
  const [result, formAction, pending] = useResultAction(action);
  const failure = result && !result.ok ? result : null;
  const posted = postedFields(result);
  const [name, setName] = useState("");
  const [slug, setSlug] = useState("");
  const [slugEdited, setSlugEdited] = useState(false);
  return (
    <form
      action={formAction}
      noValidate
      className="mt-4 grid gap-4 rounded-xl border border-slate-200 bg-white p-5 sm:grid-cols-2 dark:border-slate-700 dark:bg-slate-900"
    >
      <TextField
        label="Subject name"
        name="name"
        required
        maxLength={100}
        value={name}
        onChange={(event) => {
          setName(event.target.value);
          if (!slugEdited) setSlug(slugify(event.target.value));
        }}
        errors={failure?.fieldErrors?.name}
      />
      <TextField
        label="Slug (its address)"
        name="slug"
        maxLength={SLUG_MAX}
        value={slug}
        onChange={(event) => {
          setSlug(event.target.value);
          setSlugEdited(event.target.value !== "");
        }}
        hint="Lower-case letters, digits and dashes; made from the name if you leave it empty. It cannot be changed later."
        errors={failure?.fieldErrors?.slug}
      />
      <div className="sm:col-span-2">
        <TextAreaField label="Description (optional)" name="description" defaultValue={posted.description} errors={failure?.fieldErrors?.description} />
      </div>
      <div className="sm:col-span-2">
        <Button type="submit" disabled={pending}>
          {pending ? "Creating…" : "Create subject"}
        </Button>
      </div>
      {failure && !failure.fieldErrors ? (
        <div className="sm:col-span-2">
          <Alert tone="error">{failure.error}</Alert>
        </div>
      ) : null}
    </form>
  );
}
