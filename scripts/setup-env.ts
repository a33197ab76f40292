/**
 * Creates .env for a local install if there is none: a fresh random AUTH_SECRET
 * and the embedded SQLite database. Never overwrites an existing .env.
 */
import { randomBytes } from "node:crypto";
import { existsSync, mkdirSync, writeFileSync } from "node:fs";

mkdirSync("data", { recursive: true });
if (existsSync(".env")) {
  console.log(".env exists; leaving it as it is.");
} else {
  const secret = randomBytes(33).toString("base64");
  writeFileSync(
    ".env",
    [
      "# Created by `npm run setup:env` for this machine. See .env.example for every variable.",
      'DATABASE_URL="file:./data/app.db"',
      `AUTH_SECRET="${secret}"`,
      "",
    ].join("\n"),
    { mode: 0o600 },
  );
  console.log("Wrote .env with a new AUTH_SECRET and the embedded SQLite database (data/app.db).");
}
