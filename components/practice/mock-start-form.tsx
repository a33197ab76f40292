"use client";

import { useActionState, useState } from "react";
import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { TextField } from "@/components/ui/text-field";
import { useReachableAction } from "@/components/ui/use-reachable-action";
import {
  MOCK_EXAM_MAX_MINUTES,
  MOCK_EXAM_MAX_QUESTIONS,
  MOCK_EXAM_MIN_QUESTIONS,
  defaultMockMinutes,
  type MockFormAction,
} from "@/lib/validation/mock-exam";

/** A start whose answer never came may have started an exam; the same form started again opens that one. */
const START_CONNECTION_LOST = Object.freeze({
  ok: false as const,
  code: "UNREACHABLE" as const,
  error:
    "The connection to the server failed, so the exam may or may not have started. Check your connection and start again: if it had started, that exam opens (as it was set up), and this form never starts two.",
});

/** How many questions and whether a timer runs; the action starts the exam and opens it. */
export function MockStartForm({ action, startToken }: { action: MockFormAction; startToken: string }) {
  const [state, formAction, pending] = useActionState(useReachableAction(action, START_CONNECTION_LOST), null);
  // Controlled, so the values survive React's form reset after a refused start.
  const [count, setCount] = useState("20");
  const [timer, setTimer] = useState<"on" | "off">("on");
  const [minutes, setMinutes] = useState("");
  const failure = state?.ok === false ? state : null;
  const parsedCount = Number.parseInt(count, 10);
  const defaultMinutes = Number.isInteger(parsedCount) && parsedCount > 0 ? defaultMockMinutes(parsedCount) : null;
  return (
    <form action={formAction} noValidate className="mt-6 space-y-5 rounded-xl border border-slate-200 bg-white p-5 dark:border-slate-700 dark:bg-slate-900">
      <input type="hidden" name="startToken" value={startToken} />
      <TextField
        label="Number of questions"
        name="questionCount"
        type="number"
        inputMode="numeric"
        min={MOCK_EXAM_MIN_QUESTIONS}
        max={MOCK_EXAM_MAX_QUESTIONS}
        value={count}
        onChange={(event) => setCount(event.target.value)}
        hint={`From ${MOCK_EXAM_MIN_QUESTIONS} to ${MOCK_EXAM_MAX_QUESTIONS}, drawn across the topics by their weight in the exam.`}
        errors={failure?.fieldErrors?.questionCount}
      />
      <fieldset className="min-w-0">
        <legend className="text-sm font-medium text-slate-700 dark:text-slate-200">Timer</legend>
        <div className="mt-2 flex flex-wrap gap-4 text-sm text-slate-700 dark:text-slate-200">
          <label className="flex items-center gap-2">
            <input type="radio" name="timer" value="on" checked={timer === "on"} onChange={() => setTimer("on")} />
            Timed
          </label>
          <label className="flex items-center gap-2">
            <input type="radio" name="timer" value="off" checked={timer === "off"} onChange={() => setTimer("off")} />
            No timer
          </label>
        </div>
      </fieldset>
      <TextField
        label="Time limit in minutes (optional)"
        name="minutes"
        type="number"
        inputMode="numeric"
        min={1}
        max={MOCK_EXAM_MAX_MINUTES}
        value={minutes}
        onChange={(event) => setMinutes(event.target.value)}
        disabled={timer === "off"}
        placeholder={defaultMinutes ? String(defaultMinutes) : undefined}
        hint={`Leave empty for 1.5 minutes per question${defaultMinutes ? ` (${defaultMinutes} minutes)` : ""}. You can add time or turn the timer off during the exam.`}
        errors={failure?.fieldErrors?.minutes}
      />
      {failure ? <Alert tone="error">{failure.error}</Alert> : null}
      <Button type="submit" disabled={pending}>
        {pending ? "Starting…" : "Start mock exam"}
      </Button>
    </form>
  );
}
