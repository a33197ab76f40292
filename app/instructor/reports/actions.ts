"use server";

import { authAction } from "@/lib/server/access";
import { STAFF_ROLES } from "@/lib/server/action-client";
import { resolveReport } from "@/lib/services/problem-report-queue";
import { resolveReportSchema } from "@/lib/validation/reports";

export const resolveReportAction = authAction({ schema: resolveReportSchema, roles: STAFF_ROLES }, async (input, { user }) => {
  const row = await resolveReport(user, input.reportId, { outcome: input.outcome, note: input.note });
  // No revalidation: the card stays in place and says what happened; the counts refresh on the next visit.
  return { status: row.status };
});
