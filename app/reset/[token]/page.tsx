import type { Metadata } from "next";
import { notFound } from "next/navigation";
import { ResetPasswordForm } from "@/components/auth/reset-password-form";
import { PageMessage } from "@/components/ui/page-message";
import { signInContext } from "@/lib/server/sign-in-context";
import { inspectResetLink } from "@/lib/services/account-lifecycle";
import { resetPasswordAction } from "../actions";

// The token is in the address: no referrer carries it anywhere, and no index keeps it.
export const metadata: Metadata = { title: "Set a new password", referrer: "no-referrer", robots: { index: false, follow: false } };

/** Public: the link an admin created is the credential; no session is needed. */
export default async function ResetPasswordPage({ params }: { params: Promise<{ token: string }> }) {
  const { token } = await params;
  const { address } = await signInContext();
  const link = await inspectResetLink(token, { address });
  if (link.status === "invalid") notFound();
  if (link.status === "throttled") {
    return (
      <PageMessage
        title="Too many attempts"
        body={`Too many reset links were tried from your network. Nothing was changed; try again in ${link.retryAfterMinutes} minutes.`}
        action={{ href: "/login", label: "Go to sign in" }}
      />
    );
  }
  return (
    <main className="mx-auto max-w-md px-6 py-16">
      <h1 className="text-2xl font-bold text-slate-900 dark:text-slate-100">Set a new password</h1>
      <p className="mt-2 text-slate-600 dark:text-slate-300">
        For <strong>{link.name}</strong> ({link.email}). The link works once; every session of the account ends when the password changes.
      </p>
      <ResetPasswordForm token={token} email={link.email} action={resetPasswordAction} />
    </main>
  );
}
