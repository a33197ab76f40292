import type { Metadata } from "next";
import { ResetLinkForm } from "@/components/instructor/reset-link-form";
import { RoleForm } from "@/components/instructor/role-form";
import { requireAdmin } from "@/lib/server/access";
import { listUsers } from "@/lib/services/accounts";
import { changeRoleAction } from "../actions";
import { createResetLinkAction } from "./actions";

export const metadata: Metadata = { title: "Users and roles" };

export default async function UsersPage() {
  const admin = await requireAdmin("/instructor/users");
  const users = await listUsers(admin);
  return (
    <main>
      <h1 className="text-2xl font-bold text-slate-900">Users and roles</h1>
      <p className="mt-2 text-sm text-slate-600">
        A changed role signs the user out everywhere. A reset link lets someone who forgot their password set a new one: there is no
        email here, so pass the link on yourself.
      </p>
      <ul className="mt-6 divide-y divide-slate-100 rounded-xl border border-slate-200 bg-white">
        {users.map((u) => (
          <li key={u.id} className="flex flex-wrap items-center gap-4 px-4 py-3 text-sm">
            <span className="min-w-48 font-medium text-slate-900">{u.name}</span>
            <span className="text-slate-600">{u.email}</span>
            <span className="ml-auto">
              <RoleForm userId={u.id} role={u.role} isSelf={u.id === admin.id} action={changeRoleAction} />
            </span>
            <ResetLinkForm userId={u.id} userName={u.name} action={createResetLinkAction} />
          </li>
        ))}
      </ul>
    </main>
  );
}
