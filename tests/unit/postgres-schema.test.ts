import { readFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { derivePostgresSchema, POSTGRES_SCHEMA, SQLITE_SCHEMA, underivePostgresSchema } from "@/scripts/derive-postgres-schema";

const root = path.resolve(import.meta.dirname, "../..");
const read = (file: string) => readFileSync(path.join(root, file), "utf8");

describe("the PostgreSQL schema", () => {
  it("is prisma/schema.prisma with only the provider and the client's folder changed (npm run db:pg-schema)", () => {
    const postgres = read(POSTGRES_SCHEMA);
    expect(postgres).toBe(derivePostgresSchema(read(SQLITE_SCHEMA)));
    expect(underivePostgresSchema(postgres)).toBe(read(SQLITE_SCHEMA));
  });

  it("notices a model that differs", () => {
    const edited = read(POSTGRES_SCHEMA).replace("model BankRevision {", "model BankRevision {\n  extra Int?");
    expect(underivePostgresSchema(edited)).not.toBe(read(SQLITE_SCHEMA));
  });

  it("refuses a schema whose provider it cannot find", () => {
    expect(() => derivePostgresSchema(read(SQLITE_SCHEMA).replace('provider = "sqlite"', 'provider = "mysql"'))).toThrow(/datasource provider/);
  });
});
