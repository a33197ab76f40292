import { PageMessage } from "@/components/ui/page-message";

export default function Forbidden() {
  return (
    <PageMessage
      title="Not allowed"
      body="Your account does not have access to this page. It is for instructors and admins."
      action={{ href: "/practice", label: "Back to practice" }}
    />
  );
}
