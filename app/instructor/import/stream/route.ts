import { revalidatePath } from "next/cache";
import { currentUser } from "@/lib/server/access";
import { ActionError, STAFF_ROLES, type ActionResult } from "@/lib/server/action-client";
import { importFromForm, type ImportProgress, type ImportReport } from "@/lib/services/question-import";
import { importFormFields, importFormSchema } from "@/lib/validation/import";

/**
 * The import page's form, posted by a page with JavaScript so that it can show
 * how far the server has got: the response is a stream of JSON lines, one per
 * stage ("checked", then "writing" with done / total every 250 questions),
 * and a last line with the same result the form's server action returns. The
 * server action stays for pages without JavaScript.
 *
 * A route handler gets none of a server action's checks for free, so it makes
 * them itself: a staff session (401 / 403), the same origin (a cross-site
 * form cannot post here; 403), a body within the action limit (413), and the
 * form's zod schema (400 with the field's message). The import itself is the
 * one the action runs (importFromForm), all or nothing.
 */

const BODY_LIMIT_BYTES = 6 * 1024 * 1024;

function refuse(status: number, error: string): Response {
  return Response.json({ result: { ok: false, error } }, { status, headers: { "Cache-Control": "no-store" } });
}

/** The request comes from a page of this site (the Origin a browser sends with every POST). */
function sameOrigin(request: Request): boolean {
  const origin = request.headers.get("origin");
  if (!origin) return false;
  let originHost: string;
  try {
    originHost = new URL(origin).host;
  } catch {
    return false;
  }
  const host = request.headers.get("x-forwarded-host")?.split(",")[0]?.trim() ?? request.headers.get("host");
  return host !== null && originHost === host;
}

export async function POST(request: Request): Promise<Response> {
  const user = await currentUser();
  if (!user) return refuse(401, "Sign in again to import questions. Nothing was imported.");
  if (!STAFF_ROLES.includes(user.role)) return refuse(403, "Only instructors and admins can import questions. Nothing was imported.");
  if (!sameOrigin(request)) return refuse(403, "This import did not come from this site's import page. Nothing was imported.");
  if (Number(request.headers.get("content-length") ?? "0") > BODY_LIMIT_BYTES) {
    return refuse(413, "The file is larger than 5 MB; split it into smaller files. Nothing was imported.");
  }

  let form: FormData;
  try {
    form = await request.formData();
  } catch {
    return refuse(400, "The form could not be read. Nothing was imported.");
  }
  const parsed = importFormSchema.safeParse(importFormFields(form));
  if (!parsed.success) {
    const fieldErrors: Record<string, string[]> = {};
    for (const issue of parsed.error.issues) (fieldErrors[String(issue.path[0] ?? "form")] ??= []).push(issue.message);
    const result: ActionResult<ImportReport> = { ok: false, code: "INVALID_INPUT", error: "Check the form. Nothing was imported.", fieldErrors };
    return Response.json({ result }, { status: 400, headers: { "Cache-Control": "no-store" } });
  }

  const encoder = new TextEncoder();
  const stream = new ReadableStream<Uint8Array>({
    async start(controller) {
      const send = (line: unknown) => controller.enqueue(encoder.encode(`${JSON.stringify(line)}\n`));
      let result: ActionResult<ImportReport>;
      try {
        const outcome = await importFromForm(user, parsed.data, (progress: ImportProgress) => send(progress));
        if (outcome.report.written) revalidatePath("/instructor/questions");
        result = { ok: true, data: outcome.report };
      } catch (error) {
        if (error instanceof ActionError) {
          result = { ok: false, code: error.code, error: error.message, ...(error.fieldErrors ? { fieldErrors: error.fieldErrors } : {}) };
        } else {
          console.error("[import stream]", error);
          result = { ok: false, code: "INTERNAL", error: "The import failed on the server. Nothing was imported; try again." };
        }
      }
      send({ result });
      controller.close();
    },
  });
  return new Response(stream, {
    // no-transform: a compressing layer (Next's own included) would hold the lines back until the end.
    headers: { "Content-Type": "application/x-ndjson; charset=utf-8", "Cache-Control": "no-store, no-transform", "X-Accel-Buffering": "no" },
  });
}
