import { NextResponse, type NextRequest } from "next/server";
import { z } from "zod";
import { EXPORT_FILES } from "@/lib/questions/formats/export-questions";
import { EXPORT_FORMATS } from "@/lib/questions/formats/types";
import { currentUser } from "@/lib/server/access";
import { ActionError, STAFF_ROLES } from "@/lib/server/action-client";
import { exportFileName, exportQuestionFile } from "@/lib/services/question-import";
import { isExportSelection, parseQuestionFilter } from "@/lib/validation/question-list";

/**
 * The export download: GET with the format, the subject and the bank list's
 * filters as search params. A route handler answers with a plain status for
 * a refused request (401 signed out, 403 not staff), never a page.
 */

const downloadSchema = z.object({
  format: z.enum(EXPORT_FORMATS, { error: "Choose a format: gift, moodle-xml, aiken, csv, json or qti." }),
  subject: z
    .string()
    .regex(/^[a-z0-9]+(?:-[a-z0-9]+)*$/, "Choose a subject.")
    .default("ipt"),
  /** "all" exports the subject's whole bank whatever filters came along. */
  scope: z.enum(["selection", "all"]).catch("selection").default("selection"),
});

function plain(status: number, message: string): NextResponse {
  return new NextResponse(`${message}\n`, { status, headers: { "Content-Type": "text/plain; charset=utf-8", "Cache-Control": "no-store" } });
}

export async function GET(request: NextRequest): Promise<NextResponse> {
  const user = await currentUser();
  if (!user) return plain(401, "Sign in to export questions.");
  if (!STAFF_ROLES.includes(user.role)) return plain(403, "Only instructors may export questions.");

  const params = request.nextUrl.searchParams;
  const parsed = downloadSchema.safeParse({
    format: params.get("format") ?? undefined,
    subject: params.get("subject") || undefined,
    scope: params.get("scope") ?? undefined,
  });
  if (!parsed.success) return plain(400, parsed.error.issues[0]?.message ?? "Bad request.");
  const { format, subject, scope } = parsed.data;
  const filter = parseQuestionFilter(params);
  const selection = scope === "selection" && isExportSelection(filter);

  try {
    const now = new Date();
    const file = await exportQuestionFile(user, subject, format, now, selection ? { ...filter, subject } : undefined);
    const body = file.kind === "zip" ? new Uint8Array(file.bytes) : file.text;
    const name = exportFileName(subject, format, now, selection);
    return new NextResponse(body, {
      status: 200,
      headers: {
        "Content-Type": EXPORT_FILES[format].mediaType,
        "Content-Disposition": `attachment; filename="${name}"`,
        "Cache-Control": "no-store",
        "X-Question-Count": String(file.count),
      },
    });
  } catch (error) {
    if (error instanceof ActionError && error.code === "NOT_FOUND") return plain(404, error.message);
    throw error;
  }
}
