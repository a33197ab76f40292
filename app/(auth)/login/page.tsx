import type { Metadata } from "next";
import { redirect } from "next/navigation";
import { AuthForm } from "@/components/auth/auth-form";
import { currentUser } from "@/lib/server/access";
import { safeNextPath } from "@/lib/validation/auth";
import { signInFormAction } from "../actions";

export const metadata: Metadata = { title: "Sign in" };

/** Fixed wordings by key: the address never carries text to show. */
const NOTICES: Record<string, string> = {
  "password-reset": "Your password has been changed and every session of the account has ended. Sign in with your new password.",
  "password-changed": "Your password was changed and every session ended. Sign in again with your new password.",
};

export default async function LoginPage({ searchParams }: { searchParams: Promise<{ next?: string | string[]; notice?: string | string[] }> }) {
  const { next, notice } = await searchParams;
  const nextPath = typeof next === "string" ? safeNextPath(next) : undefined;
  if (await currentUser()) redirect(nextPath ?? "/practice");
  const noticeText = typeof notice === "string" && Object.hasOwn(NOTICES, notice) ? NOTICES[notice] : undefined;
  return <AuthForm mode="sign-in" action={signInFormAction} next={nextPath} notice={noticeText} />;
}
