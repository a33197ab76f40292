// The server a benchmark measures: `next start` of the production build on
// 127.0.0.1, with a database file of its own, and the tools around it.
import { spawn, spawnSync, type ChildProcess } from "node:child_process";
import { readFileSync, readdirSync } from "node:fs";
import { connect } from "node:net";
import path from "node:path";

export const ROOT = path.resolve(import.meta.dirname, "../..");

export function run(command: string, argv: string[], env: NodeJS.ProcessEnv): void {
  const result = spawnSync(command, argv, { cwd: ROOT, env, stdio: ["ignore", "inherit", "inherit"] });
  if (result.status !== 0) throw new Error(`${command} ${argv.join(" ")} exited with ${String(result.status)}`);
}

/** The server's environment; `database` is a SQLite file's path or a postgresql:// or file: URL. */
export function serverEnv(database: string): NodeJS.ProcessEnv {
  return {
    ...process.env,
    DATABASE_URL: /^(file:|postgres(ql)?:\/\/)/i.test(database) ? database : `file:${database}`,
    AUTH_SECRET: "bench-only-secret-not-for-production-0000000",
    NODE_ENV: "production",
    BENCH_ENDPOINTS: "1",
    DEMO_MODE: "",
    LOGIN_MAX_PER_ADDRESS: "10000",
  };
}

function descendants(pid: number): number[] {
  const children: number[] = [];
  for (const entry of readdirSync("/proc")) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      const stat = readFileSync(`/proc/${entry}/stat`, "utf8");
      const ppid = Number(stat.slice(stat.lastIndexOf(")") + 2).split(" ")[1]);
      if (ppid === pid) children.push(Number(entry), ...descendants(Number(entry)));
    } catch {
      // The process ended while we looked.
    }
  }
  return children;
}

/** Peak resident memory (VmHWM) of the server and its child processes, in MB. */
export function peakRssMb(pid: number): number {
  let kb = 0;
  for (const p of [pid, ...descendants(pid)]) {
    try {
      const status = readFileSync(`/proc/${String(p)}/status`, "utf8");
      kb += Number(/VmHWM:\s+(\d+)/.exec(status)?.[1] ?? 0);
    } catch {
      // Gone.
    }
  }
  return Math.round(kb / 1024);
}

/** Whether something already listens on the port (a stale server from a killed run would answer for ours). */
export function portInUse(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = connect({ host: "127.0.0.1", port });
    socket.once("connect", () => {
      socket.destroy();
      resolve(true);
    });
    socket.once("error", () => resolve(false));
  });
}

export async function startServer(dbFile: string, port: number): Promise<ChildProcess> {
  const base = `http://127.0.0.1:${String(port)}`;
  if (await portInUse(port)) {
    throw new Error(`port ${String(port)} is already in use (a server left from an earlier run?); stop it or pass --port`);
  }
  // BENCH_NODE_ARGS (e.g. "--cpu-prof --cpu-prof-dir=/tmp/profiles") profiles the server itself.
  const nodeArgs = (process.env.BENCH_NODE_ARGS ?? "").split(" ").filter(Boolean);
  const server = spawn(process.execPath, [...nodeArgs, "node_modules/next/dist/bin/next", "start", "-H", "127.0.0.1", "-p", String(port)], {
    cwd: ROOT,
    env: serverEnv(dbFile),
    stdio: ["ignore", "ignore", "inherit"],
  });
  const deadline = Date.now() + 60_000;
  while (Date.now() < deadline) {
    try {
      const response = await fetch(`${base}/login`);
      if (response.ok) return server;
    } catch {
      // Not listening yet.
    }
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
  server.kill("SIGKILL");
  throw new Error("next start did not answer within 60 s");
}

export async function stopServer(server: ChildProcess): Promise<void> {
  const exited = new Promise((resolve) => server.once("exit", resolve));
  server.kill("SIGTERM");
  await Promise.race([exited, new Promise((resolve) => setTimeout(resolve, 10_000))]);
  if (server.exitCode === null) server.kill("SIGKILL");
}
