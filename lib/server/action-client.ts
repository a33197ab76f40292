import "server-only";
import { z } from "zod";

/**
 * The one gate every server action goes through (after dub's safe-action client):
 * it checks the session and the role, parses the input with zod and returns a
 * typed result with field errors. Framework-free so it can be unit tested; the
 * Next.js wiring lives in lib/actions.ts.
 */

export type Role = "STUDENT" | "INSTRUCTOR" | "ADMIN";

export type ActionErrorCode =
  | "UNAUTHENTICATED"
  | "FORBIDDEN"
  | "INVALID_INPUT"
  | "NOT_FOUND"
  | "CONFLICT"
  | "RATE_LIMITED"
  | "INTERNAL"
  /** Set in the browser when a post got no answer at all (components/ui/use-reachable-action.ts); never by the server. */
  | "UNREACHABLE";

export type FieldErrors = Record<string, string[] | undefined>;

export type ActionFailure = { ok: false; code: ActionErrorCode; error: string; fieldErrors?: FieldErrors };
export type ActionResult<T> = { ok: true; data: T } | ActionFailure;

export type ActionUser = { id: string; email: string; name: string; role: Role };

/** Thrown by services for expected failures; becomes a typed failure result. */
export class ActionError extends Error {
  readonly code: ActionErrorCode;
  readonly fieldErrors?: FieldErrors;

  constructor(code: ActionErrorCode, message: string, fieldErrors?: FieldErrors) {
    super(message);
    this.name = "ActionError";
    this.code = code;
    if (fieldErrors) this.fieldErrors = fieldErrors;
  }
}

export const MESSAGES = {
  unauthenticated: "Your session has expired or you are not signed in. Please sign in again.",
  forbidden: "You are not allowed to do that.",
  invalidInput: "Some fields need your attention.",
  internal: "Something went wrong on our side. Nothing was saved; please try again.",
} as const;

type ActionClientDeps = {
  /** The signed-in user as the database knows them now, or null. */
  getUser: () => Promise<ActionUser | null>;
  /** Lets framework control-flow errors (redirects) pass through untouched. */
  rethrowIfFrameworkError?: (error: unknown) => void;
  /** Turns a denied session/role into the framework's response, if it has one. */
  onDenied?: (failure: ActionFailure) => void;
  logError?: (error: unknown) => void;
};

type Handler<S extends z.ZodType, T, Ctx> = (input: z.output<S>, ctx: Ctx) => Promise<T>;

/** FormData from a form post becomes a plain object; repeated keys become arrays. */
export function formDataToObject(form: FormData): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const key of new Set(form.keys())) {
    if (key.startsWith("$ACTION")) continue;
    const values = form.getAll(key).map((v) => (typeof v === "string" ? v : v.name));
    out[key] = values.length === 1 ? values[0] : values;
  }
  return out;
}

function parseInput<S extends z.ZodType>(schema: S, raw: unknown): { ok: true; data: z.output<S> } | ActionFailure {
  const input = raw instanceof FormData ? formDataToObject(raw) : raw;
  const parsed = schema.safeParse(input);
  if (parsed.success) return { ok: true, data: parsed.data };
  const flat = z.flattenError(parsed.error);
  const fieldErrors: FieldErrors = { ...flat.fieldErrors };
  const formError = flat.formErrors[0];
  return { ok: false, code: "INVALID_INPUT", error: formError ?? MESSAGES.invalidInput, fieldErrors };
}

export function createActionClient(deps: ActionClientDeps) {
  async function run<T>(body: () => Promise<T>): Promise<ActionResult<T>> {
    try {
      return { ok: true, data: await body() };
    } catch (error) {
      deps.rethrowIfFrameworkError?.(error);
      if (error instanceof ActionError) {
        return { ok: false, code: error.code, error: error.message, ...(error.fieldErrors ? { fieldErrors: error.fieldErrors } : {}) };
      }
      deps.logError?.(error);
      return { ok: false, code: "INTERNAL", error: MESSAGES.internal };
    }
  }

  function deny(failure: ActionFailure): ActionFailure {
    deps.onDenied?.(failure);
    return failure;
  }

  /** An action anyone may call (sign up, sign in). Input is still validated. */
  function publicAction<S extends z.ZodType, T>(schema: S, handler: Handler<S, T, Record<never, never>>) {
    return async (raw: unknown): Promise<ActionResult<T>> => {
      const parsed = parseInput(schema, raw);
      if (!parsed.ok) return parsed;
      return run(() => handler(parsed.data, {}));
    };
  }

  /** An action for signed-in users, optionally limited to some roles. */
  function authAction<S extends z.ZodType, T>(
    options: { schema: S; roles?: readonly Role[] },
    handler: Handler<S, T, { user: ActionUser }>,
  ) {
    return async (raw: unknown): Promise<ActionResult<T>> => {
      let user: ActionUser | null;
      try {
        user = await deps.getUser();
      } catch (error) {
        // The session could not be read (the database is down): an internal error, not "signed out".
        deps.rethrowIfFrameworkError?.(error);
        deps.logError?.(error);
        return { ok: false, code: "INTERNAL", error: MESSAGES.internal };
      }
      if (!user) return deny({ ok: false, code: "UNAUTHENTICATED", error: MESSAGES.unauthenticated });
      if (options.roles && !options.roles.includes(user.role)) {
        return deny({ ok: false, code: "FORBIDDEN", error: MESSAGES.forbidden });
      }
      const parsed = parseInput(options.schema, raw);
      if (!parsed.ok) return parsed;
      return run(() => handler(parsed.data, { user }));
    };
  }

  return { publicAction, authAction };
}

export const STAFF_ROLES: readonly Role[] = ["INSTRUCTOR", "ADMIN"];
export const ADMIN_ROLES: readonly Role[] = ["ADMIN"];

/**
 * Services that read or write a role's data call this themselves, whatever the
 * page or action in front of them already checked.
 */
export function assertRole(actor: ActionUser | null | undefined, roles: readonly Role[]): asserts actor is ActionUser {
  if (!actor) throw new ActionError("UNAUTHENTICATED", MESSAGES.unauthenticated);
  if (!roles.includes(actor.role)) throw new ActionError("FORBIDDEN", MESSAGES.forbidden);
}
