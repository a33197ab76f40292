import { notFound } from "next/navigation";
import { connection } from "next/server";
import { emptyAction } from "./actions";

/**
 * The benchmark's baseline: an empty dynamic page with an empty server
 * action form, served only when the server runs with BENCH_ENDPOINTS=1
 * (bench/practice starts it so); a 404 everywhere else.
 */
export default async function EmptyBenchPage() {
  await connection();
  if (process.env.BENCH_ENDPOINTS !== "1") notFound();
  return (
    <main className="p-8">
      <form action={emptyAction}>
        <input type="hidden" name="bench" value="empty" />
        <button type="submit">Empty action</button>
      </form>
    </main>
  );
}
