import { readFileSync, writeFileSync } from "node:fs";
import path from "node:path";

/**
 * prisma/schema.prisma is the one data model. PostgreSQL needs its own copy
 * only because a Prisma schema names one provider and the generated client
 * is specific to it: prisma/postgresql/schema.prisma is derived from it with
 * the provider and the client's output folder changed, nothing else.
 *
 *   npm run db:pg-schema            rewrites the copy
 *   npm run db:pg-schema -- --check exits 1 when the copy is stale
 *
 * tests/unit/postgres-schema.test.ts fails when the copy is stale.
 */

export const SQLITE_SCHEMA = "prisma/schema.prisma";
export const POSTGRES_SCHEMA = "prisma/postgresql/schema.prisma";

const HEADER =
  "// GENERATED from prisma/schema.prisma by scripts/derive-postgres-schema.ts (npm run db:pg-schema).\n" +
  "// Do not edit: change prisma/schema.prisma and run the script again.\n\n";

function replaceOnce(text: string, pattern: RegExp, replacement: string, what: string): string {
  const matches = text.match(new RegExp(pattern.source, pattern.flags.includes("g") ? pattern.flags : pattern.flags + "g"));
  if (!matches || matches.length !== 1) throw new Error(`${SQLITE_SCHEMA}: expected exactly one ${what}, found ${matches?.length ?? 0}`);
  return text.replace(pattern, replacement);
}

/** The PostgreSQL schema for a SQLite schema's text. */
export function derivePostgresSchema(sqliteSchema: string): string {
  let text = replaceOnce(sqliteSchema, /(datasource db \{[^}]*?provider\s*=\s*)"sqlite"/, '$1"postgresql"', 'datasource provider "sqlite"');
  // The output is relative to the schema file, which sits one folder deeper.
  text = replaceOnce(text, /(generator client \{[^}]*?output\s*=\s*)"\.\.\/lib\/generated\/prisma"/, '$1"../../lib/generated/prisma-pg"', "generator output");
  return HEADER + text;
}

/** The SQLite schema's text back from a derived one (what the drift test compares). */
export function underivePostgresSchema(postgresSchema: string): string {
  if (!postgresSchema.startsWith(HEADER)) throw new Error(`${POSTGRES_SCHEMA} lacks its generated header`);
  return postgresSchema
    .slice(HEADER.length)
    .replace(/(datasource db \{[^}]*?provider\s*=\s*)"postgresql"/, '$1"sqlite"')
    .replace(/(generator client \{[^}]*?output\s*=\s*)"\.\.\/\.\.\/lib\/generated\/prisma-pg"/, '$1"../lib/generated/prisma"');
}

function main(): void {
  const root = path.resolve(import.meta.dirname, "..");
  const expected = derivePostgresSchema(readFileSync(path.join(root, SQLITE_SCHEMA), "utf8"));
  const target = path.join(root, POSTGRES_SCHEMA);
  if (process.argv.includes("--check")) {
    let current = "";
    try {
      current = readFileSync(target, "utf8");
    } catch {
      // A missing copy is stale.
    }
    if (current !== expected) {
      console.error(`${POSTGRES_SCHEMA} is stale: run \`npm run db:pg-schema\`.`);
      process.exit(1);
    }
    return;
  }
  writeFileSync(target, expected);
  console.log(`wrote ${POSTGRES_SCHEMA}`);
}

if (process.argv[1] && path.resolve(process.argv[1]) === path.resolve(import.meta.filename)) main();
