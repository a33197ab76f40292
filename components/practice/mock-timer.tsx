"use client";

import { useRouter } from "next/navigation";
import { useActionState, useEffect, useRef, useState } from "react";
import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { CONNECTION_LOST, useReachableAction } from "@/components/ui/use-reachable-action";
import type { MockFormAction } from "@/lib/validation/mock-exam";
import { formatClock } from "./mock-format";

type MockTimerProps = {
  examId: string;
  position: number;
  /** ISO time the exam ends on the server; null when the timer is off. */
  deadline: string | null;
  hidden: boolean;
  /** The server's clock when the page was rendered, to correct the browser's. */
  serverNow: number;
  action: MockFormAction;
};

const WARNINGS = [
  { ms: 5 * 60_000, text: "5 minutes left." },
  { ms: 60_000, text: "1 minute left." },
];

/**
 * Time left, kept by the server (the deadline); this only counts down to it.
 * The ticking text is not a live region: screen readers hear only the polite
 * warnings at 5 minutes and 1 minute. The student can hide it, add ten
 * minutes or turn it off (WCAG 2.2.1). At zero the browser goes to the
 * results, where the server submits what was answered.
 */
export function MockTimer({ examId, position, deadline, hidden, serverNow, action }: MockTimerProps) {
  const router = useRouter();
  const [state, formAction, pending] = useActionState(useReachableAction(action, CONNECTION_LOST), null);
  const deadlineMs = deadline ? Date.parse(deadline) : null;
  // The server's render time until the browser has started counting.
  const [nowMs, setNowMs] = useState(serverNow);
  const [warning, setWarning] = useState("");
  const previousLeft = useRef<number | null>(null);
  const left = deadlineMs === null ? null : deadlineMs - nowMs;

  useEffect(() => {
    if (deadlineMs === null) return;
    const offset = serverNow - Date.now();
    const tick = () => setNowMs(Date.now() + offset);
    tick();
    const interval = window.setInterval(tick, 1000);
    return () => window.clearInterval(interval);
  }, [deadlineMs, serverNow]);

  useEffect(() => {
    if (left === null) return;
    const before = previousLeft.current;
    previousLeft.current = left;
    if (before === null) return;
    const crossed = WARNINGS.find((w) => before > w.ms && left <= w.ms);
    if (crossed) setWarning(crossed.text);
    if (before > 0 && left <= 0) {
      // A moment's grace so the server's clock has passed the deadline too.
      window.setTimeout(() => router.replace(`/practice/mock/${encodeURIComponent(examId)}/results?notice=expired`), 1000);
    }
  }, [left, examId, router]);

  return (
    <section aria-label="Timer" className="rounded-xl border border-slate-200 bg-white p-3 text-sm dark:border-slate-700 dark:bg-slate-900">
      <div className="flex flex-wrap items-center justify-between gap-2">
        {left === null ? (
          <p className="text-slate-700 dark:text-slate-200" data-testid="timer-off">
            No time limit.
          </p>
        ) : hidden ? (
          <p className="text-slate-700 dark:text-slate-200">Timer hidden.</p>
        ) : (
          <p className="text-slate-700 dark:text-slate-200">
            Time left: <span className="font-mono text-base font-semibold text-slate-900 dark:text-slate-100" data-testid="time-left">{formatClock(left)}</span>
          </p>
        )}
        {left !== null ? (
          <form action={formAction} className="flex flex-wrap gap-2">
            <input type="hidden" name="examId" value={examId} />
            <input type="hidden" name="position" value={position} />
            <Button type="submit" variant="secondary" name="change" value={hidden ? "show" : "hide"} disabled={pending}>
              {hidden ? "Show timer" : "Hide timer"}
            </Button>
            <Button type="submit" variant="secondary" name="change" value="extend" disabled={pending}>
              Add 10 minutes
            </Button>
            <Button type="submit" variant="secondary" name="change" value="off" disabled={pending}>
              Turn timer off
            </Button>
          </form>
        ) : null}
      </div>
      {/* Only the two warnings are announced, politely. */}
      <p role="status" className="mt-1 font-medium text-amber-900 dark:text-amber-200" data-testid="timer-warning">
        {warning}
      </p>
      {state?.ok === false ? <Alert tone="error">{state.error}</Alert> : null}
    </section>
  );
}
