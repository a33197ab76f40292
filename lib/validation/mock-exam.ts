import { z } from "./zod";
import { MOCK_EXAM_MAX_QUESTIONS, MOCK_EXAM_MIN_QUESTIONS } from "../scheduler/mock-blueprint";
import { presentationIdSchema } from "./practice";

export { MOCK_EXAM_MAX_QUESTIONS, MOCK_EXAM_MIN_QUESTIONS };
/** Default time per question, in seconds (1.5 minutes). */
export const MOCK_EXAM_SECONDS_PER_QUESTION = 90;
export const MOCK_EXAM_MAX_MINUTES = 600;
/** What "+10 minutes" adds. */
export const MOCK_EXAM_EXTENSION_SEC = 10 * 60;

const COUNT_MESSAGE = `Choose between ${MOCK_EXAM_MIN_QUESTIONS} and ${MOCK_EXAM_MAX_QUESTIONS} questions.`;
const MINUTES_MESSAGE = `Enter a time limit between 1 and ${MOCK_EXAM_MAX_MINUTES} minutes, or turn the timer off.`;

const emptyToUndefined = (v: unknown) => (typeof v === "string" && v.trim() === "" ? undefined : v);

/** The default time limit for a number of questions, in whole minutes. */
export function defaultMockMinutes(questionCount: number): number {
  return Math.ceil((questionCount * MOCK_EXAM_SECONDS_PER_QUESTION) / 60);
}

/** A start form's token: 16 to 64 letters, digits, "-" or "_" (the page makes a UUID). */
const START_TOKEN = /^[A-Za-z0-9_-]{16,64}$/;

/**
 * The start form: how many questions (out-of-range counts are refused, not
 * clamped), and the timer (on with a number of minutes, or off). Shared by the
 * form and the action.
 */
export const startMockExamSchema = z
  .object({
    questionCount: z.coerce.number({ error: COUNT_MESSAGE }).int(COUNT_MESSAGE).min(MOCK_EXAM_MIN_QUESTIONS, COUNT_MESSAGE).max(MOCK_EXAM_MAX_QUESTIONS, COUNT_MESSAGE),
    timer: z.enum(["on", "off"], { error: "Choose whether the exam is timed." }).default("on"),
    minutes: z.preprocess(
      emptyToUndefined,
      z.coerce.number({ error: MINUTES_MESSAGE }).int("Enter the time limit in whole minutes.").min(1, MINUTES_MESSAGE).max(MOCK_EXAM_MAX_MINUTES, MINUTES_MESSAGE).optional(),
    ),
    // The form's own token (a new one each time the page renders it): the same form posted twice starts one exam.
    startToken: z
      .string()
      .regex(START_TOKEN, "This start form is not valid any more: reload the page and start again.")
      .optional(),
  })
  .transform(({ questionCount, timer, minutes, startToken }) => ({
    questionCount,
    timeLimitSec: timer === "off" ? null : (minutes ?? defaultMockMinutes(questionCount)) * 60,
    ...(startToken === undefined ? {} : { startToken }),
  }));

export type StartMockExamInput = z.output<typeof startMockExamSchema>;

/** Mock exam ids are cuids made by the database. */
export const mockExamIdSchema = z
  .string({ error: "This mock exam could not be identified." })
  .regex(/^[a-z0-9]{10,40}$/, "This mock exam could not be identified.");

const positionSchema = z.coerce.number({ error: "Unknown question number." }).int("Unknown question number.").min(0, "Unknown question number.").max(MOCK_EXAM_MAX_QUESTIONS - 1, "Unknown question number.");

/**
 * One post of the exam form: the item on screen, the option chosen (if any),
 * and where to go next. `select` saves the choice, `flag` sets the flag to the
 * posted value, the others save and move.
 */
export const mockItemSchema = z.object({
  examId: mockExamIdSchema,
  presentationId: presentationIdSchema,
  optionId: z.preprocess(emptyToUndefined, z.string().min(1).max(64, "Choose one of the options shown.").optional()),
  intent: z.enum(["select", "flag", "next", "prev", "goto", "review"], { error: "Unknown exam action." }).default("next"),
  flagged: z.preprocess((v) => (v === "true" ? true : v === "false" ? false : v), z.boolean().optional()),
  goto: z.preprocess(emptyToUndefined, positionSchema.optional()),
});

export type MockItemInput = z.infer<typeof mockItemSchema>;

export const mockTimerSchema = z.object({
  examId: mockExamIdSchema,
  change: z.enum(["extend", "off", "hide", "show"], { error: "Unknown timer change." }),
  position: z.preprocess(emptyToUndefined, positionSchema.optional()),
});

export type MockTimerChange = z.infer<typeof mockTimerSchema>["change"];

export const mockSubmitSchema = z.object({ examId: mockExamIdSchema });

/** What a mock exam form shows after a post that did not move the student elsewhere. */
export type MockFormState =
  | { ok: true; selectedOptionId: string | null; flagged: boolean }
  | { ok: false; error: string; fieldErrors?: Record<string, string[] | undefined> }
  | null;

export type MockFormAction = (previous: MockFormState, form: FormData) => Promise<MockFormState>;
