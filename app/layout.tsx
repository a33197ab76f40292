import type { Metadata } from "next";
import type { ReactNode } from "react";
import { signOutAction } from "@/app/(auth)/actions";
import { DemoBanner } from "@/components/demo-banner";
import { SiteHeader } from "@/components/site-header";
import { currentUser } from "@/lib/server/access";
import { demoAccountsExist } from "@/lib/services/demo-accounts";
import "./globals.css";

export const metadata: Metadata = {
  title: { default: "IPT Exam Prep", template: "%s · IPT Exam Prep" },
  description: "Adaptive multiple-choice practice for Interpersonal Therapy (IPT) exams.",
};

export default async function RootLayout({ children }: { children: ReactNode }) {
  const [user, demo] = await Promise.all([currentUser(), demoAccountsExist()]);
  return (
    <html lang="en">
      <body className="min-h-screen">
        {demo ? <DemoBanner /> : null}
        <SiteHeader user={user} signOutAction={signOutAction} />
        {children}
      </body>
    </html>
  );
}
