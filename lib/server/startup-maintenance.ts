import "server-only";
import { refreshMarkedSearchTexts } from "../services/search-text-upkeep";

/**
 * Data upkeep a server does once it has passed its start-up checks
 * (startup-check.ts), for rows written by an older version of the app.
 * Each step is idempotent, so several servers starting at once (PostgreSQL)
 * only repeat a little reading. A failure is logged and the server serves
 * on: nothing here is needed to answer requests correctly.
 */
export async function runStartupMaintenance(): Promise<void> {
  try {
    const rewritten = await refreshMarkedSearchTexts();
    if (rewritten > 0) console.log(`Search text brought up to date for ${rewritten} question${rewritten === 1 ? "" : "s"}.`);
  } catch (error) {
    console.error(`Start-up upkeep failed (the server serves on): ${(error as Error).message}`);
  }
}
