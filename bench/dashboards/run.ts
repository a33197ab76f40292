// Dashboards under load: a class of 200 students with 100,000 answers over 60
// days (bench/dashboards/seed-class.ts), served by `next start` on 127.0.0.1.
// Signed-in clients load, in turn for a fixed time each: an empty dynamic page
// (the framework's own cost, the baseline), the student dashboard (each client
// cycling through its own students, so first visits are part of the sample),
// the class overview and the item analysis page (as the class's instructor).
//
// Targets (issue 16): p95 at most 300 ms for each page, and the student
// dashboard's p95 within 3x the empty page's, in the same run.
//
//   npm run bench:dashboards [-- --seconds 15] [-- --concurrency 8] [-- --skip-build]
//
// The last line is one JSON object:
//   {"studentDashboardP95Ms":0,"classOverviewP95Ms":0,"itemAnalysisP95Ms":0,"emptyPageP95Ms":0,"answers":100000}
import { spawnSync } from "node:child_process";
import { existsSync, mkdirSync, rmSync } from "node:fs";
import path from "node:path";
import { parseArgs } from "node:util";
import { Client, signIn } from "../support/client";
import { ROOT, run, serverEnv, startServer, stopServer } from "../support/next-server";
import { round2, summarise, type Latencies } from "../support/stats";

const { values: args } = parseArgs({
  options: {
    seconds: { type: "string", default: "15" },
    concurrency: { type: "string", default: "8" },
    port: { type: "string", default: "3191" },
    students: { type: "string", default: "200" },
    answers: { type: "string", default: "100000" },
    "skip-build": { type: "boolean", default: false },
  },
});
const PHASE_MS = Number(args.seconds) * 1000;
const CONCURRENCY = Number(args.concurrency);
const PORT = Number(args.port);
const BASE = `http://127.0.0.1:${String(PORT)}`;
const TMP = path.join(ROOT, "bench/.tmp");
const PASSWORD = "bench-password-not-secret";
const STUDENTS = Number(args.students);
const ANSWERS = Number(args.answers);
const DAYS = 60;

type Seeded = { classId: string; subjectId: string; subjectSlug: string; students: number; answers: number };

function prepareDatabase(dbFile: string): Seeded {
  for (const suffix of ["", "-wal", "-shm", "-journal"]) rmSync(dbFile + suffix, { force: true });
  const env = serverEnv(dbFile);
  run("node_modules/.bin/prisma", ["migrate", "deploy"], env);
  run("node", ["node_modules/tsx/dist/cli.mjs", "--conditions=react-server", "prisma/seed/seed.ts"], env);
  console.error(`seeding ${String(STUDENTS)} students with ${String(ANSWERS)} answers over ${String(DAYS)} days…`);
  const seeded = spawnSync(
    "node",
    ["node_modules/tsx/dist/cli.mjs", "--conditions=react-server", "bench/dashboards/seed-class.ts", String(STUDENTS), String(ANSWERS), String(DAYS), PASSWORD],
    { cwd: ROOT, env, encoding: "utf8", stdio: ["ignore", "pipe", "inherit"], maxBuffer: 1 << 24 },
  );
  if (seeded.status !== 0) throw new Error(`seeding the class exited with ${String(seeded.status)}`);
  const last = seeded.stdout.trim().split("\n").at(-1) ?? "";
  return JSON.parse(last) as Seeded;
}

type Phase = { samples: number[]; first: number[]; errors: number; elapsedMs: number };

/** `clients` loops for PHASE_MS, each timing one GET per turn; a non-200 answer is an error (and not a sample). */
async function phase(clients: number, url: (worker: number, turn: number) => { client: Client; url: string; first: boolean }): Promise<Phase> {
  const result: Phase = { samples: [], first: [], errors: 0, elapsedMs: 0 };
  const started = performance.now();
  const deadline = started + PHASE_MS;
  await Promise.all(
    Array.from({ length: clients }, async (_, worker) => {
      for (let turn = 0; performance.now() < deadline; turn++) {
        const target = url(worker, turn);
        const t0 = performance.now();
        try {
          const response = await target.client.get(target.url);
          const ms = performance.now() - t0;
          if (response.status !== 200) {
            result.errors += 1;
            if (result.errors <= 3) console.error(`  ${target.url} answered ${String(response.status)}`);
            continue;
          }
          result.samples.push(ms);
          if (target.first) result.first.push(ms);
        } catch (error) {
          result.errors += 1;
          if (result.errors <= 3) console.error(`  ${target.url} failed: ${String(error)}`);
        }
      }
    }),
  );
  result.elapsedMs = performance.now() - started;
  return result;
}

function report(label: string, p: Phase): Latencies {
  const stats = summarise(p.samples, p.elapsedMs);
  console.error(`${label.padEnd(20)} p50 ${String(stats.p50).padStart(7)} ms   p95 ${String(stats.p95).padStart(7)} ms   ${String(stats.count)} pages, ${String(p.errors)} errors`);
  return stats;
}

async function main(): Promise<void> {
  mkdirSync(TMP, { recursive: true });
  if (!args["skip-build"] || !existsSync(path.join(ROOT, ".next/BUILD_ID"))) {
    console.error("building the app (next build)…");
    run("node_modules/.bin/next", ["build"], { ...process.env, NODE_ENV: "production" });
  }
  const dbFile = path.join(TMP, "dashboards.db");
  const seeded = prepareDatabase(dbFile);
  const server = await startServer(dbFile, PORT);
  try {
    const instructor = new Client(BASE);
    await signIn(instructor, "bench-instructor@example.test", PASSWORD);
    console.error(`signing in ${String(STUDENTS)} students…`);
    const students: Client[] = [];
    for (let s = 0; s < STUDENTS; s++) {
      const client = new Client(BASE);
      await signIn(client, `bench-${String(s).padStart(3, "0")}@example.test`, PASSWORD);
      students.push(client);
    }
    const itemsUrl = `/instructor/analytics/items?subject=${encodeURIComponent(seeded.subjectSlug)}`;
    const hasItemAnalysis = (await instructor.get(itemsUrl)).status === 200;
    // One warm-up request each, so the first sample of a page is not its compilation or module load.
    for (const url of ["/bench/empty", "/dashboard"]) await students[0]!.get(url);
    await instructor.get(`/instructor/analytics/classes/${seeded.classId}`);

    console.error(`\n${String(CONCURRENCY)} concurrent clients, ${String(PHASE_MS / 1000)} s a page:`);
    const empty = report("empty page", await phase(CONCURRENCY, (w, t) => ({ client: students[(w + t * CONCURRENCY) % STUDENTS]!, url: "/bench/empty", first: false })));
    const seen = new Set<number>();
    const dashboardPhase = await phase(CONCURRENCY, (w, t) => {
      const index = (w + t * CONCURRENCY) % STUDENTS;
      const first = !seen.has(index);
      seen.add(index);
      return { client: students[index]!, url: "/dashboard", first };
    });
    const dashboard = report("student dashboard", dashboardPhase);
    const firstVisits = summarise(dashboardPhase.first, dashboardPhase.elapsedMs);
    console.error(`${"  first visits".padEnd(20)} p50 ${String(firstVisits.p50).padStart(7)} ms   p95 ${String(firstVisits.p95).padStart(7)} ms   ${String(firstVisits.count)} pages`);
    const overview = report("class overview", await phase(CONCURRENCY, () => ({ client: instructor, url: `/instructor/analytics/classes/${seeded.classId}`, first: false })));
    const items = hasItemAnalysis ? report("item analysis", await phase(CONCURRENCY, () => ({ client: instructor, url: itemsUrl, first: false }))) : null;
    if (!items) console.error("item analysis: no page at /instructor/analytics/items in this build");

    const summary = {
      studentDashboardP95Ms: dashboard.p95,
      classOverviewP95Ms: overview.p95,
      itemAnalysisP95Ms: items?.p95 ?? null,
      emptyPageP95Ms: empty.p95,
      answers: seeded.answers,
      students: seeded.students,
      concurrency: CONCURRENCY,
      studentDashboardP50Ms: dashboard.p50,
      studentDashboardFirstVisitP95Ms: firstVisits.p95,
      classOverviewP50Ms: overview.p50,
      itemAnalysisP50Ms: items?.p50 ?? null,
      emptyPageP50Ms: empty.p50,
      dashboardToEmptyP95: round2(dashboard.p95 / empty.p95),
    };
    console.log(JSON.stringify(summary));
  } finally {
    await stopServer(server);
  }
}

await main();
