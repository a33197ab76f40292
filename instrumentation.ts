/** Runs once when the server starts: fail fast, with a clear message, on bad configuration. */
export async function register(): Promise<void> {
  if (process.env.NEXT_RUNTIME !== "nodejs") return;
  const { getServerEnv } = await import("./lib/env");
  getServerEnv();
}
