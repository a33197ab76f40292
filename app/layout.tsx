import type { Metadata } from "next";
import { cookies } from "next/headers";
import type { ReactNode } from "react";
import { signOutAction } from "@/app/(auth)/actions";
import { DemoBanner } from "@/components/demo-banner";
import { SiteHeader } from "@/components/site-header";
import { currentUser } from "@/lib/server/access";
import { demoAccountsExist } from "@/lib/services/demo-accounts";
import { THEME_COOKIE, themeClass, themeOf } from "@/lib/validation/theme";
import { headerSubject } from "@/lib/services/enrolment";
import "./globals.css";

export const metadata: Metadata = {
  title: { default: "IPT Exam Prep", template: "%s · IPT Exam Prep" },
  description: "Adaptive multiple-choice practice for Interpersonal Therapy (IPT) exams.",
};

export default async function RootLayout({ children }: { children: ReactNode }) {
  const [user, demo, jar] = await Promise.all([currentUser(), demoAccountsExist(), cookies()]);
  // The theme is rendered on the server, so the first paint already has it (app/globals.css).
  const theme = themeOf(jar.get(THEME_COOKIE)?.value);
  const subject = user ? await headerSubject(user.id) : null;
  return (
    <html lang="en" className={themeClass(theme)}>
      <body className="min-h-screen">
        {demo ? <DemoBanner /> : null}
        <SiteHeader user={user} subject={subject} signOutAction={signOutAction} theme={theme} />
        {children}
      </body>
    </html>
  );
}
