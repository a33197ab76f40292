/** Runs once when the server starts. Node-only work lives in lib/server/startup-check.ts and startup-maintenance.ts. */
export async function register(): Promise<void> {
  if (process.env.NEXT_RUNTIME !== "nodejs" || process.env.NEXT_PHASE === "phase-production-build") return;
  const { runStartupChecks } = await import("./lib/server/startup-check");
  await runStartupChecks();
  const { runStartupMaintenance } = await import("./lib/server/startup-maintenance");
  // Not awaited: the server takes requests while old rows are brought up to date.
  void runStartupMaintenance();
}
