"use client";

import { CONNECTION_LOST, postedFields, useResultAction } from "@/components/ui/use-reachable-action";
import type { ActionResult, Role } from "@/lib/server/action-client";

type RoleFormProps = {
  userId: string;
  role: Role;
  isSelf: boolean;
  action: (form: FormData) => Promise<ActionResult<unknown>>;
};

export function RoleForm({ userId, role, isSelf, action }: RoleFormProps) {
  // Setting the same role again changes nothing; a failed post keeps the role chosen.
  const [result, formAction, pending] = useResultAction(action, CONNECTION_LOST);
  return (
    <form action={formAction} className="flex items-center gap-2">
      <input type="hidden" name="userId" value={userId} />
      <label className="sr-only" htmlFor={`role-${userId}`}>
        Role
      </label>
      <select
        id={`role-${userId}`}
        name="role"
        defaultValue={postedFields(result).role ?? role}
        disabled={isSelf}
        className="rounded-md border border-slate-300 bg-white px-2 py-1"
      >
        <option value="STUDENT">Student</option>
        <option value="INSTRUCTOR">Instructor</option>
        <option value="ADMIN">Admin</option>
      </select>
      <button
        type="submit"
        disabled={pending || isSelf}
        className="rounded-md border border-slate-300 px-2 py-1 hover:bg-slate-100 disabled:text-slate-400"
      >
        {pending ? "Saving…" : "Save"}
      </button>
      {result && !result.ok ? (
        <span role="alert" className="text-xs text-red-700">
          {result.error}
        </span>
      ) : null}
      {result?.ok ? <span className="text-xs text-emerald-700">Saved</span> : null}
    </form>
  );
}
