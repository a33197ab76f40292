import { currentUser } from "@/lib/server/access";
import { ActionError, STAFF_ROLES } from "@/lib/server/action-client";
import { classProgressExport } from "@/lib/services/class-progress";
import { dashboardIdSchema } from "@/lib/validation/dashboard";

const text = (body: string, status: number) => new Response(body, { status, headers: { "content-type": "text/plain; charset=utf-8", "cache-control": "no-store" } });

/** GET: the class's progress as CSV, for its instructor or an admin. Signed out 401, a student 403, another's class 404. */
export async function GET(_request: Request, { params }: { params: Promise<{ id: string }> }): Promise<Response> {
  const user = await currentUser();
  if (!user) return text("Sign in to download a class's progress.", 401);
  if (!STAFF_ROLES.includes(user.role)) return text("Only instructors can download a class's progress.", 403);
  const { id } = await params;
  const classId = dashboardIdSchema.safeParse(id);
  if (!classId.success) return text("That class does not exist or is not yours.", 404);
  try {
    const { filename, csv } = await classProgressExport(user, classId.data);
    return new Response(csv, {
      headers: {
        "content-type": "text/csv; charset=utf-8",
        "content-disposition": `attachment; filename="${filename}"`,
        "cache-control": "no-store",
        "x-content-type-options": "nosniff",
      },
    });
  } catch (error) {
    if (error instanceof ActionError && error.code === "NOT_FOUND") return text(error.message, 404);
    throw error;
  }
}
