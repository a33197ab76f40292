import { PageMessage } from "@/components/ui/page-message";

export default function NotFound() {
  return <PageMessage title="Page not found" body="There is nothing at this address." action={{ href: "/", label: "Go home" }} />;
}
