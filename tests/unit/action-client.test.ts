import { describe, expect, it, vi } from "vitest";
import { z } from "zod";
import { ActionError, createActionClient, type ActionUser } from "@/lib/server/action-client";

const student: ActionUser = { id: "u1", email: "s@example.com", name: "S", role: "STUDENT" };
const instructor: ActionUser = { id: "u2", email: "i@example.com", name: "I", role: "INSTRUCTOR" };
const schema = z.object({ title: z.string().min(3, "Too short."), count: z.coerce.number().int() });

function clientFor(user: ActionUser | null) {
  const onDenied = vi.fn();
  const logError = vi.fn();
  const client = createActionClient({ getUser: () => Promise.resolve(user), onDenied, logError });
  return { ...client, onDenied, logError };
}

describe("authAction", () => {
  it("refuses a caller without a session and never runs the handler", async () => {
    const { authAction, onDenied } = clientFor(null);
    const handler = vi.fn(() => Promise.resolve("done"));
    const result = await authAction({ schema }, handler)({ title: "hello", count: 1 });
    expect(result).toMatchObject({ ok: false, code: "UNAUTHENTICATED" });
    expect(handler).not.toHaveBeenCalled();
    expect(onDenied).toHaveBeenCalledWith(expect.objectContaining({ code: "UNAUTHENTICATED" }));
  });

  it("reports a session that cannot be read (database down) as an internal error, not as signed out", async () => {
    const onDenied = vi.fn();
    const logError = vi.fn();
    const outage = new Error("SQLITE_BUSY: database is locked");
    const { authAction } = createActionClient({ getUser: () => Promise.reject(outage), onDenied, logError });
    const handler = vi.fn(() => Promise.resolve("done"));
    const result = await authAction({ schema }, handler)({ title: "hello", count: 1 });
    expect(result).toMatchObject({ ok: false, code: "INTERNAL" });
    expect(onDenied).not.toHaveBeenCalled();
    expect(logError).toHaveBeenCalledWith(outage);
    expect(handler).not.toHaveBeenCalled();
  });

  it("refuses a signed-in user with the wrong role", async () => {
    const { authAction } = clientFor(student);
    const handler = vi.fn(() => Promise.resolve("done"));
    const result = await authAction({ schema, roles: ["INSTRUCTOR", "ADMIN"] }, handler)({ title: "hello", count: 1 });
    expect(result).toMatchObject({ ok: false, code: "FORBIDDEN" });
    expect(handler).not.toHaveBeenCalled();
  });

  it("returns field errors for invalid input, before the handler runs", async () => {
    const { authAction } = clientFor(instructor);
    const handler = vi.fn(() => Promise.resolve("done"));
    const result = await authAction({ schema, roles: ["INSTRUCTOR"] }, handler)({ title: "x", count: "many" });
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.code).toBe("INVALID_INPUT");
    expect(result.fieldErrors?.title).toEqual(["Too short."]);
    expect(result.fieldErrors?.count?.length).toBeGreaterThan(0);
    expect(handler).not.toHaveBeenCalled();
  });

  it("passes parsed input and the user to the handler for valid input", async () => {
    const { authAction } = clientFor(instructor);
    const action = authAction({ schema, roles: ["INSTRUCTOR"] }, (input, { user }) =>
      Promise.resolve(`${user.id}:${input.title}:${input.count + 1}`),
    );
    const form = new FormData();
    form.set("title", "Grief");
    form.set("count", "41");
    form.set("$ACTION_ID_abc", "");
    await expect(action(form)).resolves.toEqual({ ok: true, data: "u2:Grief:42" });
  });

  it("turns an ActionError into a typed failure and hides unexpected errors", async () => {
    const { authAction, logError } = clientFor(student);
    const conflict = authAction({ schema: z.object({}) }, () => {
      throw new ActionError("CONFLICT", "Already there.", { email: ["Taken."] });
    });
    await expect(conflict({})).resolves.toEqual({
      ok: false,
      code: "CONFLICT",
      error: "Already there.",
      fieldErrors: { email: ["Taken."] },
    });
    const crash = authAction({ schema: z.object({}) }, () => Promise.reject(new Error("SQLITE_BUSY at line 3")));
    const result = await crash({});
    expect(result).toMatchObject({ ok: false, code: "INTERNAL" });
    expect(JSON.stringify(result)).not.toContain("SQLITE_BUSY");
    expect(logError).toHaveBeenCalledOnce();
  });

  it("lets framework control-flow errors (redirects) through", async () => {
    const redirect = Object.assign(new Error("NEXT_REDIRECT"), { digest: "NEXT_REDIRECT;/practice" });
    const { authAction } = createActionClient({
      getUser: () => Promise.resolve(student),
      rethrowIfFrameworkError: (error) => {
        if (error === redirect) throw error;
      },
    });
    const action = authAction({ schema: z.object({}) }, () => Promise.reject(redirect));
    await expect(action({})).rejects.toBe(redirect);
  });
});

describe("publicAction", () => {
  it("validates input without asking for a session", async () => {
    const getUser = vi.fn(() => Promise.resolve(null));
    const { publicAction } = createActionClient({ getUser });
    const action = publicAction(schema, (input) => Promise.resolve(input.title.toUpperCase()));
    await expect(action({ title: "abc", count: 2 })).resolves.toEqual({ ok: true, data: "ABC" });
    await expect(action({ title: "ab", count: 2 })).resolves.toMatchObject({ ok: false, code: "INVALID_INPUT" });
    expect(getUser).not.toHaveBeenCalled();
  });
});
