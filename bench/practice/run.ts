// Practice under load: signed-in simulated students loop "next question,
// submit answer" against `next start` on 127.0.0.1, at 20 and 50 concurrent,
// on the bundled bank and on a generated 5,000-question bank. They behave as
// a hydrated practice page does: each opens /practice once, then every round
// trip is one server action call (Next-Action header) that checks an answer
// and brings back the next question. Beside them, in the same run and on the
// same server, the same clients load an empty dynamic page and call an empty
// server action the same way: the framework's own cost, which the practice
// figures are read against. Afterwards the database must hold exactly the
// answers the clients saw acknowledged.
//
// Targets (issue 12): practice round trip p95 <= 2x the empty action's p95 at
// 50 concurrent; zero errors; zero lost or duplicated answers; the 5,000-item
// p95 within 1.25x of the bundled bank's; the 5,000-item server at most
// 150 MB more resident memory than the bundled one.
//
//   npm run bench:practice [-- --seconds 20] [-- --skip-build]
//
// The last line is one JSON object:
//   {"c50":{...},"c20":{...},"bank5000":{...}}
import { existsSync, mkdirSync, readFileSync, rmSync } from "node:fs";
import path from "node:path";
import { parseArgs } from "node:util";
import Database from "better-sqlite3";
import { Client, signIn } from "../support/client";
import { compareLedger, STORED_ANSWERS_SQL, type Acknowledged, type Ledger, type StoredAnswer } from "../support/ledger";
import { actionResult, formWith, openPractice, type OnScreen } from "../support/practice-client";
import { peakRssMb, ROOT, run, serverEnv, startServer, stopServer } from "../support/next-server";
import { round2, summarise, type Latencies } from "../support/stats";

const { values: args } = parseArgs({
  options: {
    seconds: { type: "string", default: "20" },
    port: { type: "string", default: "3190" },
    "skip-build": { type: "boolean", default: false },
  },
});
const PHASE_MS = Number(args.seconds) * 1000;
const PORT = Number(args.port);
const BASE = `http://127.0.0.1:${String(PORT)}`;
const TMP = path.join(ROOT, "bench/.tmp");
const PASSWORD = "bench-password-not-secret";
const STUDENTS = 50;
const WARMUP_ROUNDS = Number(process.env.BENCH_WARMUP ?? 3);

// ---------------------------------------------------------------- the load

type PracticeRun = { rounds: number[]; errors: number; acknowledged: Acknowledged[] };

/**
 * One round trip of a hydrated page: check an answer; the response carries the
 * result and the next question, which "Next question" shows without another
 * request. Throws on anything unexpected.
 */
async function practiseOnce(client: Client, email: string, screen: { current: OnScreen | null }, run: PracticeRun): Promise<void> {
  screen.current ??= await openPractice(client);
  const { presentationId, optionIds, actionId } = screen.current;
  const optionId = optionIds[Math.floor(Math.random() * optionIds.length)]!;
  const t0 = performance.now();
  const response = await client.callAction("/practice", actionId, '[null,"$K1"]', [
    ["presentationId", presentationId],
    ["enhanced", "1"],
    ["optionId", optionId],
    ["confidence", "SURE"],
  ]);
  const t1 = performance.now();
  const result = actionResult(response.body);
  if (response.status !== 200 || result?.ok !== true) {
    screen.current = null;
    throw new Error(`the answer got ${String(response.status)}: ${response.body.slice(0, 200)}`);
  }
  run.acknowledged.push({ presentationId, optionId, email });
  run.rounds.push(t1 - t0);
  const next = result.next as { question?: { presentationId?: string; options?: Array<{ id: string }> } } | null;
  screen.current =
    next?.question?.presentationId && next.question.options
      ? { presentationId: next.question.presentationId, optionIds: next.question.options.map((o) => o.id), actionId }
      : null;
}

type EmptyRun = { pages: number[]; actions: number[]; errors: number };

async function emptyOnce(client: Client, run: EmptyRun): Promise<void> {
  const t0 = performance.now();
  const page = await client.get("/bench/empty");
  const t1 = performance.now();
  if (page.status !== 200) throw new Error(`/bench/empty answered ${String(page.status)}`);
  // The page's own form (the site header has a sign-out form too).
  const inputs = formWith(page.html, "bench");
  const action = inputs?.find((i) => i.name.startsWith("$ACTION_ID_"));
  if (!inputs || !action) throw new Error("the empty page has no server action form");
  const t2 = performance.now();
  // As a hydrated page calls it: the form data is the action's one argument.
  const response = await client.callAction("/bench/empty", action.name.slice("$ACTION_ID_".length), '["$K1"]', [["bench", "empty"]]);
  const t3 = performance.now();
  if (response.status !== 200) throw new Error(`the empty action answered ${String(response.status)}`);
  run.pages.push(t1 - t0);
  run.actions.push(t3 - t2);
}

async function loop(clients: number, durationMs: number, body: (index: number) => Promise<void>, onError: (e: unknown) => void): Promise<number> {
  const start = performance.now();
  const deadline = start + durationMs;
  await Promise.all(
    Array.from({ length: clients }, async (_, index) => {
      while (performance.now() < deadline) {
        try {
          await body(index);
        } catch (error) {
          onError(error);
        }
      }
    }),
  );
  return performance.now() - start;
}

/** A fresh database with the bank and the benchmark students. */
function prepareDatabase(dbFile: string, bankFile: string): void {
  for (const suffix of ["", "-wal", "-shm", "-journal"]) rmSync(dbFile + suffix, { force: true });
  const env = serverEnv(dbFile);
  run("node_modules/.bin/prisma", ["migrate", "deploy"], env);
  run("node", ["node_modules/tsx/dist/cli.mjs", "--conditions=react-server", "prisma/seed/seed.ts", "--file", bankFile], env);
  run("node", ["node_modules/tsx/dist/cli.mjs", "--conditions=react-server", "bench/practice/make-students.ts", String(STUDENTS), PASSWORD], env);
}

// ---------------------------------------------------------------- checking

/** Compares the stored answers with the ones the clients saw acknowledged. */
function checkLedger(dbFile: string, acknowledged: readonly Acknowledged[]): Ledger {
  const db = new Database(dbFile, { readonly: true });
  try {
    return compareLedger(acknowledged, db.prepare(STORED_ANSWERS_SQL).all() as StoredAnswer[]);
  } finally {
    db.close();
  }
}

// ---------------------------------------------------------------- one bank

type PhaseResult = {
  clients: number;
  practice: { round: Latencies };
  empty: { page: Latencies; action: Latencies };
  errors: number;
  firstError: string | null;
};

type BankResult = { bankSize: number; phases: PhaseResult[]; ledger: Ledger; acknowledged: number; serverRssMb: number };

async function benchBank(label: string, bankFile: string, concurrency: readonly number[]): Promise<BankResult> {
  const dbFile = path.join(TMP, `practice-${label}.db`);
  console.error(`\n[${label}] preparing ${dbFile}`);
  prepareDatabase(dbFile, bankFile);
  const bankSize = (JSON.parse(readFileSync(bankFile, "utf8")) as { questions: unknown[] }).questions.length;
  const server = await startServer(dbFile, PORT);
  const acknowledged: Acknowledged[] = [];
  const phases: PhaseResult[] = [];
  let serverRssMb = 0;
  try {
    const clients = Array.from({ length: STUDENTS }, () => new Client(BASE));
    const emails = clients.map((_, i) => `bench-${String(i).padStart(3, "0")}@example.test`);
    for (const [i, client] of clients.entries()) await signIn(client, emails[i]!, PASSWORD);
    // Warm-up: compile caches, JIT, the first presentation of every student.
    // What each student has on screen, carried from one round trip to the next.
    const screens = clients.map(() => ({ current: null as OnScreen | null }));
    const warm: PracticeRun = { rounds: [], errors: 0, acknowledged };
    for (let r = 0; r < WARMUP_ROUNDS; r++) await Promise.all(clients.map((c, i) => practiseOnce(c, emails[i]!, screens[i]!, warm)));
    for (let r = 0; r < WARMUP_ROUNDS; r++) await Promise.all(clients.map((c) => emptyOnce(c, { pages: [], actions: [], errors: 0 })));

    for (const n of concurrency) {
      let firstError: string | null = null;
      const note = (error: unknown): void => {
        firstError ??= error instanceof Error ? error.message : String(error);
      };
      const practice: PracticeRun = { rounds: [], errors: 0, acknowledged };
      const empty: EmptyRun = { pages: [], actions: [], errors: 0 };
      // Halves of the empty baseline before and after practice, so drift in the
      // machine's load falls on both sides.
      const emptyMs1 = await loop(n, PHASE_MS / 2, (i) => emptyOnce(clients[i]!, empty), (e) => { empty.errors += 1; note(e); });
      const practiceMs = await loop(n, PHASE_MS, (i) => practiseOnce(clients[i]!, emails[i]!, screens[i]!, practice), (e) => { practice.errors += 1; note(e); });
      const emptyMs2 = await loop(n, PHASE_MS / 2, (i) => emptyOnce(clients[i]!, empty), (e) => { empty.errors += 1; note(e); });
      const phase: PhaseResult = {
        clients: n,
        practice: { round: summarise(practice.rounds, practiceMs) },
        empty: { page: summarise(empty.pages, emptyMs1 + emptyMs2), action: summarise(empty.actions, emptyMs1 + emptyMs2) },
        errors: practice.errors + empty.errors,
        firstError,
      };
      phases.push(phase);
      console.error(`[${label}] ${String(n)} concurrent: ${JSON.stringify(phase)}`);
    }
    serverRssMb = peakRssMb(server.pid!);
  } finally {
    await stopServer(server);
  }
  const ledger = checkLedger(dbFile, acknowledged);
  console.error(`[${label}] ${String(acknowledged.length)} answers acknowledged; ledger ${JSON.stringify(ledger)}; peak RSS ${String(serverRssMb)} MB`);
  return { bankSize, phases, ledger, acknowledged: acknowledged.length, serverRssMb };
}

// ---------------------------------------------------------------- main

async function main(): Promise<void> {
  mkdirSync(TMP, { recursive: true });
  if (!args["skip-build"] || !existsSync(path.join(ROOT, ".next/BUILD_ID"))) {
    console.error("building the app (next build)…");
    run("node_modules/.bin/next", ["build"], { ...process.env, NODE_ENV: "production" });
  }
  const bigBank = path.join(TMP, "bank-5000.json");
  run("node", ["node_modules/tsx/dist/cli.mjs", "bench/practice/make-bank.ts", bigBank, "5000"], process.env);

  const bundled = await benchBank("bundled", path.join(ROOT, "prisma/seed/ipt-bank.json"), [20, 50]);
  const big = await benchBank("bank5000", bigBank, [50]);

  const at = (result: BankResult, n: number): PhaseResult => {
    const phase = result.phases.find((p) => p.clients === n);
    if (!phase) throw new Error(`no phase at ${String(n)} concurrent`);
    return phase;
  };
  const cell = (n: number) => {
    const phase = at(bundled, n);
    return {
      practiceP95Ms: phase.practice.round.p95,
      emptyActionP95Ms: phase.empty.action.p95,
      ratio: round2(phase.practice.round.p95 / phase.empty.action.p95),
      errors: phase.errors,
      lostAnswers: bundled.ledger.lost + bundled.ledger.wrongOption,
      duplicatedAnswers: bundled.ledger.duplicated,
      serverRssMb: bundled.serverRssMb,
      practiceRoundsPerSecond: phase.practice.round.perSecond,
      practiceP50Ms: phase.practice.round.p50,
      emptyActionP50Ms: phase.empty.action.p50,
      emptyPageP95Ms: phase.empty.page.p95,
      bankSize: bundled.bankSize,
    };
  };
  const big50 = at(big, 50);
  const summary = {
    c50: cell(50),
    c20: cell(20),
    bank5000: {
      practiceP95Ms: big50.practice.round.p95,
      ratio210: round2(big50.practice.round.p95 / at(bundled, 50).practice.round.p95),
      serverRssMb: big.serverRssMb,
      rssOverBundledMb: big.serverRssMb - bundled.serverRssMb,
      errors: big50.errors,
      lostAnswers: big.ledger.lost + big.ledger.wrongOption,
      duplicatedAnswers: big.ledger.duplicated,
      bankSize: big.bankSize,
    },
  };
  console.log(JSON.stringify(summary));
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? (error.stack ?? error.message) : error);
  process.exit(1);
});
