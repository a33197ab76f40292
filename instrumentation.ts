/** Runs once when the server starts. Node-only work lives in lib/startup-check.ts. */
export async function register(): Promise<void> {
  if (process.env.NEXT_RUNTIME === "nodejs") await import("./lib/server/startup-check");
}
