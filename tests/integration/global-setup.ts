import { ensureTemplate, testPostgresUrl } from "./postgres-databases";

/** On PostgreSQL, the migrated template is built once, before the test files race to copy it. */
export default async function setup(): Promise<void> {
  const url = testPostgresUrl();
  if (url) await ensureTemplate(url);
}
