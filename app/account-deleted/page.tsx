import type { Metadata } from "next";
import { PageMessage } from "@/components/ui/page-message";

export const metadata: Metadata = { title: "Account deleted" };

/** Where deleting an account lands: public, and it holds nothing about anyone. */
export default function AccountDeletedPage() {
  return (
    <PageMessage
      title="Your account has been deleted"
      body="Your answers, progress and personal data are gone, and you are signed out everywhere. Thank you for practising with us."
      action={{ href: "/", label: "Go to the home page" }}
    />
  );
}
