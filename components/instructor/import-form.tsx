"use client";

import { useActionState, useState } from "react";
import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import type { ActionResult } from "@/lib/server/action-client";
import type { ImportReport } from "@/lib/services/question-import";

type ImportFormProps = {
  action: (form: FormData) => Promise<ActionResult<ImportReport>>;
  topics: Array<{ slug: string; name: string }>;
};

const FORMATS = [
  ["auto", "Detect from the content"],
  ["gift", "Moodle GIFT"],
  ["moodle-xml", "Moodle XML"],
  ["aiken", "Aiken (no feedback: the key only)"],
  ["csv", "CSV (documented header)"],
  ["json", "JSON (this app's bank format)"],
] as const;

/**
 * Paste or choose a file, preview what the import would do (with every
 * problem's line), fix the text here, then import. A chosen file is read into
 * the text box, so the import sends exactly what was previewed.
 */
export function ImportForm({ action, topics }: ImportFormProps) {
  const [text, setText] = useState("");
  const [fileError, setFileError] = useState<string | null>(null);
  const [state, formAction, pending] = useActionState<{ result: ActionResult<ImportReport> | null; intent: string }, FormData>(
    async (_previous, form) => {
      const intent = form.get("intent");
      return { result: await action(form), intent: typeof intent === "string" ? intent : "" };
    },
    { result: null, intent: "" },
  );
  const result = state.result;
  const report = result?.ok ? result.data : null;
  const failure = result && !result.ok ? result : null;

  return (
    <form action={formAction} className="mt-6 space-y-5">
      <div className="grid gap-4 sm:grid-cols-3">
        <label className="block text-sm font-medium text-slate-700">
          File
          <input
            type="file"
            accept=".txt,.gift,.xml,.csv,.json,text/plain,application/xml,text/csv,application/json"
            className="mt-1 block w-full text-sm"
            onChange={(event) => {
              const file = event.target.files?.[0];
              setFileError(null);
              if (!file) return;
              if (file.size > 5 * 1024 * 1024) {
                setFileError("The file is larger than 5 MB; split it into smaller files.");
                return;
              }
              void file.text().then(setText);
            }}
          />
        </label>
        <label className="block text-sm font-medium text-slate-700">
          Format
          <select name="format" defaultValue="auto" className="mt-1 block w-full rounded-lg border border-slate-300 bg-white px-3 py-2 text-sm">
            {FORMATS.map(([value, label]) => (
              <option key={value} value={value}>
                {label}
              </option>
            ))}
          </select>
        </label>
        <label className="block text-sm font-medium text-slate-700">
          Topic for questions without a matching category
          <select name="topic" defaultValue="" className="mt-1 block w-full rounded-lg border border-slate-300 bg-white px-3 py-2 text-sm">
            <option value="">None: report them</option>
            {topics.map((t) => (
              <option key={t.slug} value={t.slug}>
                {t.name}
              </option>
            ))}
          </select>
        </label>
      </div>
      {fileError ? <Alert tone="error">{fileError}</Alert> : null}
      <label className="block text-sm font-medium text-slate-700">
        Questions
        <textarea
          name="text"
          value={text}
          onChange={(event) => setText(event.target.value)}
          rows={14}
          spellCheck={false}
          className="mt-1 block w-full rounded-lg border border-slate-300 bg-white px-3 py-2 font-mono text-xs"
          aria-describedby="import-help"
        />
      </label>
      <p id="import-help" className="text-xs text-slate-500">
        Up to 5 MB and 5,000 questions. Single-answer multiple choice is imported; other question types are listed as skipped. Aiken
        carries no feedback or explanation.
      </p>
      <label className="flex items-center gap-2 text-sm text-slate-700">
        <input type="checkbox" name="publish" /> Publish new questions at once (otherwise they start as drafts)
      </label>
      <div className="flex gap-3">
        <Button type="submit" name="intent" value="preview" variant="secondary" disabled={pending || text.length === 0}>
          {pending && state.intent !== "import" ? "Checking…" : "Preview"}
        </Button>
        <Button type="submit" name="intent" value="import" disabled={pending || text.length === 0}>
          {pending ? "Importing…" : "Import"}
        </Button>
      </div>

      <div role="status" aria-live="polite" className="space-y-3">
        {failure ? <Alert tone="error">{failure.fieldErrors?.text?.join(" ") ?? failure.error}</Alert> : null}
        {report ? (
          <>
            {report.problems.length > 0 ? (
              <Alert tone="error">
                {report.problems.length === 1 ? "1 problem" : `${report.problems.length} problems`}: nothing was imported. Fix the lines
                below and preview again.
              </Alert>
            ) : report.written ? (
              <Alert tone="success">
                Imported: {report.created} new, {report.updated} updated, {report.unchanged} unchanged, {report.skipped.length} skipped.
              </Alert>
            ) : (
              <Alert tone="info">
                Preview: {report.created} new, {report.updated} updated, {report.unchanged} unchanged, {report.skipped.length} skipped.
                Nothing has been written yet.
              </Alert>
            )}
            {report.problems.length > 0 ? (
              <ul aria-label="Problems" className="list-disc space-y-1 pl-6 text-sm text-red-800">
                {report.problems.map((p, i) => (
                  <li key={i}>{p.line > 0 ? `Line ${p.line}: ${p.reason}` : p.reason}</li>
                ))}
              </ul>
            ) : null}
            {report.skipped.length > 0 ? (
              <ul aria-label="Skipped" className="list-disc space-y-1 pl-6 text-sm text-slate-600">
                {report.skipped.map((p, i) => (
                  <li key={i}>
                    Line {p.line}: skipped, {p.reason}
                  </li>
                ))}
              </ul>
            ) : null}
          </>
        ) : null}
      </div>
    </form>
  );
}
