/** The embedded SQLite file used when DATABASE_URL is not set (relative to the project root). */
export const DEFAULT_DATABASE_URL = "file:./data/app.db";
