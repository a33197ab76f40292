import { PageMessage } from "@/components/ui/page-message";

export default function Unauthorized() {
  return (
    <PageMessage
      title="Please sign in again"
      body="Your session has expired or you are not signed in. Nothing was saved from your last action."
      action={{ href: "/login", label: "Sign in" }}
    />
  );
}
