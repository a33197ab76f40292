import "server-only";
import { Worker } from "node:worker_threads";
import type { Database } from "better-sqlite3";

/**
 * SQLite's write-ahead log is copied back into the database file by
 * checkpoints. By default the connection that commits runs one inside its
 * COMMIT whenever the log passes 1,000 pages: a burst of reads, writes and an
 * fsync of the database file, on the server's only JavaScript thread, that
 * every request queued behind it waits for (measured as the largest single
 * share of a practice answer's cost on a 5,000-question bank, decision 0009).
 *
 * Here a worker thread with its own connection checkpoints every
 * CHECKPOINT_EVERY_MS in PASSIVE mode, which never blocks a writer or a
 * reader, and the server's connection stops checkpointing itself. Commits
 * stay exactly as durable: each still waits for its log record to reach the
 * disk (synchronous = FULL). If the worker stops for any reason, the server's
 * connection checkpoints itself again, so the log cannot grow without bound.
 */

const CHECKPOINT_EVERY_MS = 250;
const SQLITE_DEFAULT_AUTOCHECKPOINT = 1000;

// Plain CommonJS, run by the worker as given (not bundled): it loads the same driver.
const WORKER_SOURCE = `
const { parentPort, workerData } = require("node:worker_threads");
const Database = require("better-sqlite3");
const db = new Database(workerData.file, { fileMustExist: true });
db.pragma("busy_timeout = 100");
const checkpoint = db.prepare("PRAGMA wal_checkpoint(PASSIVE)");
const timer = setInterval(() => {
  try {
    checkpoint.get();
  } catch (error) {
    // Busy now: the next tick tries again.
    if (!(error && error.code === "SQLITE_BUSY")) throw error;
  }
}, workerData.everyMs);
parentPort.on("message", (message) => {
  if (message === "stop") {
    clearInterval(timer);
    db.close();
    process.exit(0);
  }
});
`;

/**
 * Starts checkpointing the database file in the background; returns a
 * function that stops it. The stop resolves only once the thread has exited,
 * and so closed its connection: a restore replaces the file as soon as the
 * app's client has let go of it, and a connection to the old file that
 * closed later would delete the new file's write-ahead log and shared-memory
 * index by name. A thread still busy after `stopGraceMs` (a long checkpoint)
 * is terminated, and waited for all the same.
 */
export function startWalCheckpointer(file: string, connection: Database, { stopGraceMs = 2000 }: { stopGraceMs?: number } = {}): () => Promise<void> {
  const worker = new Worker(WORKER_SOURCE, { eval: true, workerData: { file, everyMs: CHECKPOINT_EVERY_MS } });
  // The server may exit while it runs.
  worker.unref();
  const exited = new Promise<void>((resolve) => worker.once("exit", () => resolve()));
  connection.pragma("wal_autocheckpoint = 0");
  let running = true;
  const fallBack = (reason: unknown) => {
    if (!running) return;
    running = false;
    if (connection.open) connection.pragma(`wal_autocheckpoint = ${String(SQLITE_DEFAULT_AUTOCHECKPOINT)}`);
    if (reason !== undefined) console.error("[wal checkpointer] stopped; the server's connection checkpoints itself again", reason);
  };
  worker.on("error", fallBack);
  worker.on("exit", (code) => fallBack(code === 0 ? undefined : `exit code ${String(code)}`));
  return async () => {
    fallBack(undefined);
    worker.postMessage("stop");
    let timer: NodeJS.Timeout | undefined;
    const graceOver = new Promise<"grace over">((resolve) => {
      timer = setTimeout(() => resolve("grace over"), stopGraceMs);
    });
    // better-sqlite3 closes a terminated thread's connections as the thread exits.
    if ((await Promise.race([exited, graceOver])) === "grace over") await worker.terminate();
    clearTimeout(timer);
    await exited;
  };
}
