import type { Metadata } from "next";
import Link from "next/link";
import { requireStaff } from "@/lib/server/access";

export const metadata: Metadata = { title: "Instructor" };

type Room = { href: string; title: string; body: string };

const ROOMS: readonly Room[] = [
  { href: "/instructor/questions", title: "Question bank", body: "Search, filter and sort every question, with attempts, facility and open problem reports." },
  { href: "/instructor/import", title: "Import", body: "Moodle GIFT, Moodle XML, Aiken, CSV or JSON: preview, then import all or nothing." },
  { href: "/instructor/export", title: "Export", body: "The whole bank or a filtered selection, in six formats." },
  { href: "/instructor/classes", title: "Classes", body: "Classes, their join codes and exam dates." },
  { href: "/instructor/analytics", title: "Analytics", body: "Item analysis of your subjects' questions: facility, discrimination, distractors and flags." },
];

const ADMIN_ROOM: Room = { href: "/instructor/users", title: "Users and roles", body: "Every account and its role." };

/** The instructor area's start: where each room is. */
export default async function InstructorHome() {
  // The layout checks too, but a layout does not run for every request.
  const user = await requireStaff("/instructor");
  const rooms = user.role === "ADMIN" ? [...ROOMS, ADMIN_ROOM] : ROOMS;
  return (
    <main>
      <h1 className="text-2xl font-bold text-slate-900 dark:text-slate-50">Instructor</h1>
      <ul className="mt-6 grid gap-4 sm:grid-cols-2">
        {rooms.map((room) => (
          <li key={room.href} className="rounded-xl border border-slate-200 bg-white p-5 dark:border-slate-700 dark:bg-slate-800">
            <h2 className="text-lg font-semibold">
              <Link href={room.href} className="text-brand-700 hover:underline dark:text-brand-100">
                {room.title}
              </Link>
            </h2>
            <p className="mt-1 text-sm text-slate-600 dark:text-slate-300">{room.body}</p>
          </li>
        ))}
      </ul>
    </main>
  );
}
