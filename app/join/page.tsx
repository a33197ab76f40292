import type { Metadata } from "next";
import { JoinForm } from "@/components/classes/join-form";
import { requireUser } from "@/lib/server/access";
import { joinClassAction } from "./actions";

export const metadata: Metadata = { title: "Join a class" };

export default async function JoinPage({ searchParams }: { searchParams: Promise<{ code?: string | string[] }> }) {
  const { code } = await searchParams;
  const prefilled = typeof code === "string" ? code.slice(0, 20) : undefined;
  await requireUser(prefilled ? `/join?code=${encodeURIComponent(prefilled)}` : "/join");
  return (
    <main className="mx-auto max-w-md px-6 py-16">
      <h1 className="text-2xl font-bold text-slate-900">Join a class</h1>
      <p className="mt-2 text-sm text-slate-600">Enter the code your instructor gave you. If the class has an exam date and you have none yet, it becomes yours.</p>
      <JoinForm action={joinClassAction} code={prefilled} />
    </main>
  );
}
