/**
 * The embedded SQLite file used when DATABASE_URL is not set (relative to the
 * project root). No "server-only" guard: prisma.config.ts, which the Prisma CLI
 * loads outside Next.js, reads it too.
 */
export const DEFAULT_DATABASE_URL = "file:./data/app.db";
