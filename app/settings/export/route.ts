import { NextResponse } from "next/server";
import { currentUser } from "@/lib/server/access";
import { exportAccountData } from "@/lib/services/account-lifecycle";

/**
 * "Download my data": everything the app holds about the signed-in user as a
 * JSON attachment. The route checks the session itself; signed out, a plain 401.
 */
export async function GET(): Promise<NextResponse> {
  const user = await currentUser();
  if (!user) {
    return new NextResponse("Sign in to download your data.\n", {
      status: 401,
      headers: { "Content-Type": "text/plain; charset=utf-8", "Cache-Control": "no-store" },
    });
  }
  const now = new Date();
  const data = await exportAccountData(user, now);
  return new NextResponse(`${JSON.stringify(data, null, 2)}\n`, {
    status: 200,
    headers: {
      "Content-Type": "application/json; charset=utf-8",
      "Content-Disposition": `attachment; filename="my-ipt-exam-prep-data-${now.toISOString().slice(0, 10)}.json"`,
      "Cache-Control": "no-store",
    },
  });
}
