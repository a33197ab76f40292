import type { Metadata } from "next";
import { redirect } from "next/navigation";
import { AuthForm } from "@/components/auth/auth-form";
import { currentUser } from "@/lib/server/access";
import { safeNextPath } from "@/lib/validation/auth";
import { signInFormAction } from "../actions";

export const metadata: Metadata = { title: "Sign in" };

export default async function LoginPage({ searchParams }: { searchParams: Promise<{ next?: string | string[] }> }) {
  const { next } = await searchParams;
  const nextPath = typeof next === "string" ? safeNextPath(next) : undefined;
  if (await currentUser()) redirect(nextPath ?? "/practice");
  return <AuthForm mode="sign-in" action={signInFormAction} next={nextPath} />;
}
