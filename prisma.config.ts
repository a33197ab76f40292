import { sqliteCliAdapter } from "./prisma/sqlite-cli-adapter";
import { defineConfig } from "prisma/config";
import { DEFAULT_DATABASE_URL, parseDatabaseUrl } from "./lib/server/database-url";
import { postgresCliAdapter } from "./prisma/postgresql/cli-adapter";

// The Prisma CLI runs on its WebAssembly engine with the same driver adapter as
// the app, so migrations work offline (no native engine download). DATABASE_URL
// picks the database: file: is SQLite (prisma/), postgresql:// is PostgreSQL
// (prisma/postgresql/, its schema derived from prisma/schema.prisma).
process.env.DATABASE_URL ??= DEFAULT_DATABASE_URL;

function target() {
  try {
    return parseDatabaseUrl(process.env.DATABASE_URL ?? DEFAULT_DATABASE_URL);
  } catch (error) {
    console.error(`\n${(error as Error).message}\n`);
    process.exit(1);
  }
}

const database = target();
const folder = database.provider === "postgresql" ? "prisma/postgresql" : "prisma";

export default defineConfig({
  experimental: { adapter: true },
  engine: "js",
  schema: `${folder}/schema.prisma`,
  migrations: { path: `${folder}/migrations`, seed: "tsx --conditions=react-server prisma/seed/seed.ts" },
  adapter: () =>
    Promise.resolve(database.provider === "postgresql" ? postgresCliAdapter(database.url) : sqliteCliAdapter(database.url)),
});
