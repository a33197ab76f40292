import { PageMessage } from "@/components/ui/page-message";
import { SUBJECT_NOT_FOUND } from "@/lib/services/item-analysis";

export default function ItemAnalysisNotFound() {
  return <PageMessage title="Subject not found" body={SUBJECT_NOT_FOUND} action={{ href: "/instructor/analytics/items", label: "Item analysis" }} />;
}
