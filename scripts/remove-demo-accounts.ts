/**
 * Deletes the demo accounts (and their answers) so a production server may
 * start: `npm run demo:remove`. Refuses when that would leave no admin.
 */
import { existsSync } from "node:fs";

if (existsSync(".env")) process.loadEnvFile(".env");

async function main(): Promise<void> {
  const { removeDemoAccounts } = await import("../lib/services/demo-accounts");
  const removed = await removeDemoAccounts();
  console.log(removed.length === 0 ? "No demo accounts to remove." : `Removed ${removed.length} demo account(s): ${removed.join(", ")}.`);
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
});
