import "server-only";
import { getServerEnv } from "./env";

// Fail fast with a clear message instead of serving pages that cannot sign anyone in.
try {
  getServerEnv();
} catch (error) {
  console.error(`\nThe server cannot start.\n${(error as Error).message}\n`);
  process.exit(1);
}
