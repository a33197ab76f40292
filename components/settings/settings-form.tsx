"use client";

import Link from "next/link";
import { useActionState, useState, useSyncExternalStore, type FormEvent } from "react";
import { z } from "@/lib/validation/zod";
import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { ReachableForm } from "@/components/ui/reachable-form";
import { TextField } from "@/components/ui/text-field";
import { SAVE_CONNECTION_LOST, useReachableAction } from "@/components/ui/use-reachable-action";
import { studySettingsSchema, type SettingsFormState, type StudySettings } from "@/lib/validation/settings";

type FieldErrors = Record<string, string[] | undefined>;

type SettingsFormProps = {
  initial: StudySettings;
  action: (previous: SettingsFormState, form: FormData) => Promise<SettingsFormState>;
  /** The welcome step after sign-up: go on to practice, with a way to skip. */
  welcome?: { skipAction: (form: FormData) => Promise<void> };
};

const noSubscription = () => () => {};

/** The browser's IANA time zone once hydrated; null in the server's HTML (the form then keeps the stored one). */
function useBrowserTimeZone(): string | null {
  return useSyncExternalStore(
    noSubscription,
    () => Intl.DateTimeFormat().resolvedOptions().timeZone,
    () => null,
  );
}

/** Exam date and daily goal, checked in the browser with the same schema the server uses. */
export function SettingsForm({ initial, action, welcome }: SettingsFormProps) {
  const [state, formAction, pending] = useActionState(useReachableAction(action, SAVE_CONNECTION_LOST), null);
  const [clientErrors, setClientErrors] = useState<FieldErrors | null>(null);
  // Controlled, so what was typed survives React's form reset after a post that was refused or never arrived.
  const [examDate, setExamDate] = useState(initial.examDate ?? "");
  const [dailyGoal, setDailyGoal] = useState(initial.dailyGoal === null ? "" : String(initial.dailyGoal));
  const browserZone = useBrowserTimeZone();
  const saved = state?.ok ? state.saved : initial;
  const serverErrors = state?.ok === false ? (state.fieldErrors ?? {}) : {};
  const fieldErrors = clientErrors ?? serverErrors;
  const failure = clientErrors ? "Some fields need your attention. Nothing was saved." : state?.ok === false ? state.error : null;
  const timeZone = browserZone ?? saved.timeZone;

  function check(event: FormEvent<HTMLFormElement>) {
    const form = new FormData(event.currentTarget);
    const fields = Object.fromEntries(["examDate", "dailyGoal", "timeZone"].map((k) => [k, form.get(k) ?? ""]));
    const parsed = studySettingsSchema(new Date()).safeParse(fields);
    if (parsed.success) {
      setClientErrors(null);
      return;
    }
    event.preventDefault();
    setClientErrors(z.flattenError(parsed.error).fieldErrors);
  }

  return (
    <div>
      <form action={formAction} onSubmit={check} className="space-y-5" noValidate>
        {failure ? <Alert tone="error">{failure}</Alert> : null}
        {state?.ok && !clientErrors ? <Alert tone="success">Saved.</Alert> : null}
        {welcome ? <input type="hidden" name="after" value="practice" /> : null}
        {timeZone ? <input type="hidden" name="timeZone" value={timeZone} /> : null}
        <TextField
          label="Exam date (optional)"
          name="examDate"
          type="date"
          value={examDate}
          onChange={(event) => setExamDate(event.target.value)}
          errors={fieldErrors.examDate}
          hint="Practice plans toward it: new questions early, reviews before the day."
        />
        <TextField
          label="Daily goal, in questions (optional)"
          name="dailyGoal"
          type="number"
          inputMode="numeric"
          min={1}
          max={500}
          value={dailyGoal}
          onChange={(event) => setDailyGoal(event.target.value)}
          errors={fieldErrors.dailyGoal}
          hint="Leave empty for 20 a day."
        />
        <p className="text-sm text-slate-600 dark:text-slate-300" data-testid="time-zone">
          Time zone: {timeZone ?? "UTC"}
          {browserZone ? " (from this browser)" : null}. Your day and your streak follow it.
        </p>
        {fieldErrors.timeZone ? <p className="text-xs text-red-700 dark:text-red-300">{fieldErrors.timeZone.join(" ")}</p> : null}
        <div className="flex flex-wrap items-center gap-4">
          <Button type="submit" disabled={pending}>
            {pending ? "Saving…" : welcome ? "Save and start practising" : "Save settings"}
          </Button>
          {!welcome ? (
            <Link href="/" className="text-sm font-medium text-brand-700 dark:text-brand-300 underline">
              Back to today
            </Link>
          ) : null}
        </div>
      </form>
      {welcome ? (
        <ReachableForm action={welcome.skipAction} lost="The connection to the server failed. Check your connection and try again." className="mt-4">
          {timeZone ? <input type="hidden" name="timeZone" value={timeZone} /> : null}
          <Button type="submit" variant="secondary">
            Skip for now
          </Button>
        </ReachableForm>
      ) : null}
    </div>
  );
}
