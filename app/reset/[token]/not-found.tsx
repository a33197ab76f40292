import { PageMessage } from "@/components/ui/page-message";
import { INVALID_RESET_LINK } from "@/lib/validation/account";

export default function ResetLinkNotFound() {
  return <PageMessage title="This reset link does not work" body={INVALID_RESET_LINK} action={{ href: "/login", label: "Go to sign in" }} />;
}
