"use server";

import { redirect } from "next/navigation";
import { authAction } from "@/lib/server/access";
import { changeMockTimer, saveMockItem, startMockExam, submitMockExam } from "@/lib/services/mock-exam";
import { mockItemSchema, mockSubmitSchema, mockTimerSchema, startMockExamSchema, type MockFormState } from "@/lib/validation/mock-exam";

const examPath = (examId: string, position?: number) =>
  `/practice/mock/${encodeURIComponent(examId)}${position === undefined ? "" : `?q=${position + 1}`}`;
const resultsPath = (examId: string, notice?: "expired" | "already") =>
  `/practice/mock/${encodeURIComponent(examId)}/results${notice ? `?notice=${notice}` : ""}`;

function failure(result: { error: string; fieldErrors?: Record<string, string[] | undefined> }): MockFormState {
  return { ok: false, error: result.error, ...(result.fieldErrors ? { fieldErrors: result.fieldErrors } : {}) };
}

// Any signed-in user may take a mock exam; every service call is for the session's user.
const start = authAction({ schema: startMockExamSchema }, (input, { user }) => startMockExam(user.id, input));
const save = authAction({ schema: mockItemSchema }, async (input, { user }) => ({
  input,
  outcome: await saveMockItem(user.id, {
    examId: input.examId,
    presentationId: input.presentationId,
    optionId: input.optionId,
    // The flag changes only when the flag button posts it.
    flagged: input.intent === "flag" && input.goto === undefined ? input.flagged : undefined,
  }),
}));
const timer = authAction({ schema: mockTimerSchema }, async (input, { user }) => ({ input, outcome: await changeMockTimer(user.id, input.examId, input.change) }));
const submit = authAction({ schema: mockSubmitSchema }, async (input, { user }) => ({ input, outcome: await submitMockExam(user.id, input.examId) }));

export async function startMockExamAction(_previous: MockFormState, form: FormData): Promise<MockFormState> {
  const result = await start(form);
  if (!result.ok) return failure(result);
  redirect(examPath(result.data.examId));
}

/**
 * The exam form. `select` and `flag` from a hydrated page (`enhanced=1`) return
 * the saved state in place; every other post, and every post before
 * JavaScript, saves and then moves the browser (303): to the next, previous or
 * chosen question, to the submit confirmation, or to the results once the
 * exam has ended.
 */
export async function mockItemAction(_previous: MockFormState, form: FormData): Promise<MockFormState> {
  const result = await save(form);
  if (!result.ok) {
    // A submitted exam cannot change: its results say so.
    if (result.code === "CONFLICT" && typeof form.get("examId") === "string" && form.get("enhanced") !== "1") {
      const examId = mockSubmitSchema.safeParse({ examId: form.get("examId") });
      if (examId.success) redirect(resultsPath(examId.data.examId, "already"));
    }
    return failure(result);
  }
  const { input, outcome } = result.data;
  if (outcome.status === "expired") redirect(resultsPath(input.examId, "expired"));
  // The grid's buttons post only the number to go to.
  const intent = input.goto !== undefined ? "goto" : input.intent;
  if (form.get("enhanced") === "1" && (intent === "select" || intent === "flag")) {
    return { ok: true, selectedOptionId: outcome.selectedOptionId, flagged: outcome.flagged };
  }
  const position = Number(form.get("position"));
  const here = Number.isInteger(position) && position >= 0 ? position : 0;
  const target =
    intent === "next" ? here + 1 : intent === "prev" ? Math.max(0, here - 1) : intent === "goto" ? (input.goto ?? here) : here;
  redirect(intent === "review" ? `${examPath(input.examId, here)}&confirm=1` : examPath(input.examId, target));
}

/** Timer controls: extend, turn off, hide, show; back to the same question. */
export async function mockTimerAction(_previous: MockFormState, form: FormData): Promise<MockFormState> {
  const result = await timer(form);
  if (!result.ok) return failure(result);
  const { input, outcome } = result.data;
  if (outcome === "expired") redirect(resultsPath(input.examId, "expired"));
  redirect(examPath(input.examId, input.position));
}

/** Submits the exam (a repeat writes nothing and says so), then shows the results. */
export async function submitMockExamAction(_previous: MockFormState, form: FormData): Promise<MockFormState> {
  const result = await submit(form);
  if (!result.ok) return failure(result);
  const { input, outcome } = result.data;
  redirect(resultsPath(input.examId, outcome.replayed ? "already" : outcome.endedBy === "expired" ? "expired" : undefined));
}
