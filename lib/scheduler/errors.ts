// Named errors for bad input, in the style of ts-fsrs's validation error: a
// service can map them to a 400 without parsing messages.

export type SchedulerErrorCode = "INVALID_NUMBER" | "INVALID_TIME" | "UNKNOWN_ITEM" | "INVALID_INPUT";

/** Base class of every error the scheduler throws on bad input. */
export class SchedulerInputError extends Error {
  readonly code: SchedulerErrorCode;
  constructor(code: SchedulerErrorCode, message: string) {
    super(message);
    this.name = "SchedulerInputError";
    this.code = code;
  }
}

/** A number is NaN, infinite or out of its allowed range. */
export class InvalidNumberError extends SchedulerInputError {
  constructor(field: string, value: number, expectation: string) {
    super("INVALID_NUMBER", `${field} must be ${expectation}, got ${String(value)}`);
    this.name = "InvalidNumberError";
  }
}

/** A date is invalid, or time would run backwards (review before the last review). */
export class InvalidTimeError extends SchedulerInputError {
  constructor(message: string) {
    super("INVALID_TIME", message);
    this.name = "InvalidTimeError";
  }
}

/** A question or topic id the scheduler was not given. */
export class UnknownItemError extends SchedulerInputError {
  readonly itemId: string;
  constructor(kind: "question" | "topic", itemId: string) {
    super("UNKNOWN_ITEM", `unknown ${kind} "${itemId}"`);
    this.name = "UnknownItemError";
    this.itemId = itemId;
  }
}

export function assertFiniteNumber(field: string, value: number, min = -Infinity, max = Infinity): void {
  if (!Number.isFinite(value) || value < min || value > max) {
    throw new InvalidNumberError(field, value, `a finite number in [${String(min)}, ${String(max)}]`);
  }
}

export function assertValidDate(field: string, value: Date): void {
  if (!(value instanceof Date) || Number.isNaN(value.getTime())) {
    throw new InvalidTimeError(`${field} is not a valid date`);
  }
}
