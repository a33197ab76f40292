"use client";

import { useActionState, useEffect, useId, useState } from "react";
import type { ImportFormState } from "@/app/instructor/actions";
import type { ActionResult } from "@/lib/server/action-client";
import type { ImportProgress, ImportReport } from "@/lib/services/question-import";
import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { useHydrated } from "@/components/ui/use-hydrated";

type ImportFormProps = {
  /** importQuestionsAction from app/instructor/actions.ts: useActionState's shape, so a post without JavaScript works too. */
  action: (previous: ImportFormState, form: FormData) => Promise<ImportFormState>;
  /** The subject the questions go into (chosen on the page). */
  subject: { slug: string; name: string };
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

const MAX_BYTES = 5 * 1024 * 1024;

function size(bytes: number): string {
  if (bytes < 1024) return `${bytes} bytes`;
  if (bytes < 1024 * 1024) return `${Math.round(bytes / 1024)} KB`;
  return `${(bytes / (1024 * 1024)).toFixed(1)} MB`;
}

type Reading = { name: string; loaded: number; total: number };

/** A post to the streaming import route (pages with JavaScript): how far the server has got. */
type Streaming = { intent: string; bytes: number; progress: ImportProgress | null };

/** The import route's answer: JSON lines of progress, then one with the result. */
async function postForProgress(body: FormData, onProgress: (progress: ImportProgress) => void): Promise<ActionResult<ImportReport>> {
  const failed: ActionResult<ImportReport> = { ok: false, code: "INTERNAL", error: "The server did not answer the import. Nothing was imported; try again." };
  let response: Response;
  try {
    response = await fetch("/instructor/import/stream", { method: "POST", body, headers: { Accept: "application/x-ndjson" } });
  } catch {
    return { ...failed, error: "The server could not be reached. Nothing was imported; check the connection and try again." };
  }
  if (!response.body) return failed;
  const reader = response.body.pipeThrough(new TextDecoderStream()).getReader();
  let buffered = "";
  let result: ActionResult<ImportReport> | null = null;
  const take = (line: string) => {
    if (line.trim() === "") return;
    try {
      const message = JSON.parse(line) as { result?: ActionResult<ImportReport> } & Partial<ImportProgress>;
      if (message.result) result = message.result;
      else if (message.stage) onProgress(message as ImportProgress);
    } catch {
      // A line that is not JSON (a proxy's error page): the result stays unknown.
    }
  };
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    buffered += value;
    const lines = buffered.split("\n");
    buffered = lines.pop() ?? "";
    lines.forEach(take);
  }
  take(buffered);
  return result ?? failed;
}

/** Seconds since `running` turned true, ticking while it stays true. */
function useElapsedSeconds(running: boolean): number {
  const [elapsed, setElapsed] = useState(0);
  useEffect(() => {
    if (!running) return;
    const started = Date.now();
    const timer = setInterval(() => setElapsed(Math.floor((Date.now() - started) / 1000)), 1000);
    return () => {
      clearInterval(timer);
      setElapsed(0);
    };
  }, [running]);
  return running ? elapsed : 0;
}

/**
 * Paste or choose a file, preview what the import would do (with every
 * problem's line), fix the text here, then import. With JavaScript a chosen
 * file is read into the text box (with its progress), so the import sends
 * exactly what was previewed; without it the file itself is posted and the
 * page comes back with the report and the text to fix. While the server
 * checks or writes, a progress bar and a status line say so and the buttons
 * are disabled, so a large file is not posted twice.
 */
export function ImportForm({ action, subject, topics }: ImportFormProps) {
  // Without JavaScript the form posts to the action and the page comes back with its state;
  // with it, every post goes to the streaming route (submitWithProgress).
  const [state, formAction] = useActionState(action, { result: null, intent: "", text: null });
  const hydrated = useHydrated();
  const id = useId();
  const [text, setText] = useState(state.text ?? "");
  const [fileError, setFileError] = useState<string | null>(null);
  const [reading, setReading] = useState<Reading | null>(null);
  const [readDone, setReadDone] = useState<string | null>(null);
  const [streaming, setStreaming] = useState<Streaming | null>(null);
  const [streamed, setStreamed] = useState<{ result: ActionResult<ImportReport> } | null>(null);
  const working = streaming !== null;
  const elapsed = useElapsedSeconds(working);
  const result = streamed?.result ?? state.result;
  const report = result?.ok ? result.data : null;
  const failure = result && !result.ok ? result : null;
  const busy = working || reading !== null;

  function readFile(file: File) {
    setFileError(null);
    setReadDone(null);
    if (file.size > MAX_BYTES) {
      setFileError(`${file.name} is ${size(file.size)}, larger than 5 MB; split it into smaller files.`);
      return;
    }
    const reader = new FileReader();
    setReading({ name: file.name, loaded: 0, total: file.size });
    reader.onprogress = (event) => {
      if (event.lengthComputable) setReading({ name: file.name, loaded: event.loaded, total: event.total });
    };
    reader.onload = () => {
      setReading(null);
      setText(typeof reader.result === "string" ? reader.result : "");
      setReadDone(`Read ${file.name} (${size(file.size)}): preview it, then import it.`);
    };
    reader.onerror = () => {
      setReading(null);
      setFileError(`${file.name} could not be read; choose it again.`);
    };
    reader.readAsText(file);
  }

  // Before hydration the form posts natively and the browser shows the page loading; after it, the stream reports.
  const job = streaming;
  const importing = job?.intent === "import";
  const progress = job?.progress ?? null;
  let progressText: string | null = null;
  if (reading) {
    progressText = `Reading ${reading.name}: ${reading.total > 0 ? Math.floor((reading.loaded / reading.total) * 100) : 0}%`;
  } else if (job && progress?.stage === "writing") {
    progressText = `Writing questions: ${progress.done.toLocaleString("en")} of ${progress.total.toLocaleString("en")}, in one transaction. Keep this page open.`;
  } else if (job && progress?.stage === "checked") {
    progressText = `Checked ${progress.questions.toLocaleString("en")} questions${importing && progress.problems === 0 ? "; writing them" : ""}. Keep this page open.`;
  } else if (job) {
    progressText = `${importing ? "Importing" : "Checking"} ${size(job.bytes)} of questions${importing ? ": reading and checking them, then writing them in one transaction" : ""}. Keep this page open.`;
  }
  // A determinate bar while the browser reads the file and while the server writes; indeterminate in between.
  const bar = reading
    ? { value: reading.loaded, max: Math.max(reading.total, 1) }
    : progress?.stage === "writing"
      ? { value: progress.done, max: Math.max(progress.total, 1) }
      : null;

  async function submitWithProgress(form: HTMLFormElement, intent: string, bytes: number) {
    const body = new FormData(form);
    body.set("intent", intent);
    setStreamed(null);
    setStreaming({ intent, bytes, progress: null });
    const outcome = await postForProgress(body, (next) => setStreaming((current) => (current ? { ...current, progress: next } : current)));
    setStreaming(null);
    setStreamed({ result: outcome });
  }

  return (
    <form
      action={formAction}
      encType="multipart/form-data"
      aria-busy={busy || undefined}
      onSubmit={(event) => {
        // A second post of a large file while the first is still running would do the work twice.
        if (busy) {
          event.preventDefault();
          return;
        }
        const bytes = new Blob([text]).size;
        // Pasted text over the limit would be refused by the server unread: say so here instead.
        if (bytes > MAX_BYTES) {
          event.preventDefault();
          setFileError(`The text is ${size(bytes)}, larger than 5 MB; split it into smaller files.`);
          return;
        }
        const submitter = event.nativeEvent.submitter;
        const intent = submitter instanceof HTMLButtonElement ? submitter.value : "";
        // With JavaScript the form goes to the streaming route, which reports how far the server has got.
        event.preventDefault();
        void submitWithProgress(event.currentTarget, intent, bytes);
      }}
      className="mt-6 space-y-5"
    >
      {hydrated ? <input type="hidden" name="enhanced" value="1" /> : null}
      <input type="hidden" name="subject" value={subject.slug} />
      <div className="grid gap-4 sm:grid-cols-3">
        <label className="block text-sm font-medium text-slate-700 dark:text-slate-200">
          File
          <input
            type="file"
            // Without JavaScript the file itself is posted; with it, only the text box (read from the file).
            name={hydrated ? undefined : "file"}
            accept=".txt,.gift,.xml,.csv,.json,text/plain,application/xml,text/csv,application/json"
            disabled={busy}
            className="mt-1 block w-full text-sm dark:text-slate-100"
            onChange={(event) => {
              const file = event.target.files?.[0];
              if (file) readFile(file);
            }}
          />
        </label>
        <label className="block text-sm font-medium text-slate-700 dark:text-slate-200">
          Format
          <select
            name="format"
            defaultValue="auto"
            className="mt-1 block w-full rounded-lg border border-slate-300 bg-white px-3 py-2 text-sm dark:border-slate-600 dark:bg-slate-900 dark:text-slate-100"
          >
            {FORMATS.map(([value, label]) => (
              <option key={value} value={value}>
                {label}
              </option>
            ))}
          </select>
        </label>
        <label className="block text-sm font-medium text-slate-700 dark:text-slate-200">
          Topic for questions without a matching category
          <select
            name="topic"
            defaultValue=""
            className="mt-1 block w-full rounded-lg border border-slate-300 bg-white px-3 py-2 text-sm dark:border-slate-600 dark:bg-slate-900 dark:text-slate-100"
          >
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
      <label className="block text-sm font-medium text-slate-700 dark:text-slate-200">
        Questions
        <textarea
          name="text"
          value={text}
          onChange={(event) => setText(event.target.value)}
          readOnly={busy}
          rows={14}
          spellCheck={false}
          className="mt-1 block w-full rounded-lg border border-slate-300 bg-white px-3 py-2 font-mono text-xs dark:border-slate-600 dark:bg-slate-900 dark:text-slate-100"
          aria-describedby="import-help"
        />
      </label>
      <p id="import-help" className="text-xs text-slate-600 dark:text-slate-300">
        Up to 5 MB and 5,000 questions. Single-answer multiple choice is imported; other question types are listed as skipped. Aiken
        carries no feedback or explanation. A file you choose is read into this box; without JavaScript the file itself is sent, and a
        text in this box is used only when no file is chosen.
      </p>
      <label className="flex items-center gap-2 text-sm text-slate-700 dark:text-slate-200">
        <input type="checkbox" name="publish" /> Publish new questions at once (otherwise they start as drafts)
      </label>
      <div className="flex gap-3">
        {/* Before hydration the buttons stay enabled: a post without JavaScript carries the file itself. */}
        <Button type="submit" name="intent" value="preview" variant="secondary" disabled={busy || (hydrated && text.length === 0)}>
          {working && job?.intent !== "import" ? "Checking…" : "Preview"}
        </Button>
        <Button type="submit" name="intent" value="import" disabled={busy || (hydrated && text.length === 0)}>
          {working && importing ? "Importing…" : "Import"}
        </Button>
      </div>

      <div className="space-y-2" data-testid="import-progress">
        {progressText ? (
          <>
            <progress
              id={`${id}-progress`}
              aria-label={reading ? `Reading ${reading.name}` : importing ? "Import in progress" : "Preview in progress"}
              className="h-2 w-full accent-brand-600"
              // No value while the server checks: the browser shows an indeterminate bar.
              {...(bar ?? {})}
            />
          </>
        ) : null}
        <div className="flex flex-wrap items-baseline gap-x-2 text-sm text-slate-700 dark:text-slate-200">
          <p role="status">{progressText ?? readDone ?? ""}</p>
          {/* A ticking clock would be read out every second; it is for the eyes only. */}
          {working && elapsed > 0 ? <span aria-hidden="true">({elapsed} s)</span> : null}
        </div>
      </div>

      <div role="status" aria-live="polite" className="space-y-3">
        {failure ? <Alert tone="error">{failure.fieldErrors?.file?.join(" ") ?? failure.fieldErrors?.text?.join(" ") ?? failure.error}</Alert> : null}
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
              <ul aria-label="Problems" className="list-disc space-y-1 pl-6 text-sm text-red-800 dark:text-red-300">
                {report.problems.map((p, i) => (
                  <li key={i}>{p.line > 0 ? `Line ${p.line}: ${p.reason}` : p.reason}</li>
                ))}
              </ul>
            ) : null}
            {report.skipped.length > 0 ? (
              <ul aria-label="Skipped" className="list-disc space-y-1 pl-6 text-sm text-slate-600 dark:text-slate-300">
                {report.skipped.map((p, i) => (
                  <li key={i}>
                    Line {p.line}: skipped, {p.reason}
                  </li>
                ))}
              </ul>
            ) : null}
            {report.problems.length === 0 && report.notes.length > 0 ? (
              <ul aria-label="Notes" className="list-disc space-y-1 pl-6 text-sm text-amber-900 dark:text-amber-200">
                {report.notes.map((p, i) => (
                  <li key={i}>
                    Line {p.line}: {p.reason}
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
