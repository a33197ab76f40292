import { describe, expect, it } from "vitest";
import { DatabaseUrlError, parseDatabaseUrl, redactDatabaseUrl } from "@/lib/server/database-url";

describe("parseDatabaseUrl", () => {
  it("keeps SQLite for file: URLs", () => {
    expect(parseDatabaseUrl("file:./data/app.db")).toEqual({ provider: "sqlite", url: "file:./data/app.db", file: "./data/app.db" });
  });

  it("chooses PostgreSQL for postgresql:// and postgres:// URLs", () => {
    expect(parseDatabaseUrl("postgresql://app:secret@db.internal:5432/exam").provider).toBe("postgresql");
    expect(parseDatabaseUrl("postgres://app@127.0.0.1/exam?sslmode=disable").provider).toBe("postgresql");
  });

  it("names an unknown scheme and says what is expected", () => {
    expect(() => parseDatabaseUrl("mysql://root@localhost/exam")).toThrow(DatabaseUrlError);
    expect(() => parseDatabaseUrl("mysql://root@localhost/exam")).toThrow(/"mysql:"; only SQLite and PostgreSQL[\s\S]*postgresql:\/\/USER/);
    expect(() => parseDatabaseUrl("./data/app.db")).toThrow(/has no scheme/);
  });

  it("rejects malformed PostgreSQL URLs without echoing the password", () => {
    expect(() => parseDatabaseUrl("postgresql://app:hunter2@/exam")).toThrow(/is not a valid URL|names no host/);
    expect(() => parseDatabaseUrl("postgresql://app:hunter2@db")).toThrow(/names no database/);
    expect(() => parseDatabaseUrl("postgresql://app:hunter2@db:99999/exam")).toThrow(/DATABASE_URL/);
    expect(() => parseDatabaseUrl("postgresql:db/exam")).toThrow(/names no host/);
    for (const bad of ["postgresql://app:hunter2@/exam", "postgresql://app:hunter2@db", "postgresql://app:hunter2@db:99999/exam"]) {
      expect(() => parseDatabaseUrl(bad)).not.toThrow(/hunter2/);
    }
  });

  it("rejects an empty file name", () => {
    expect(() => parseDatabaseUrl("file:")).toThrow(/names no file/);
  });

  it("redacts passwords", () => {
    expect(redactDatabaseUrl("postgresql://app:hunter2@db:5432/exam")).toBe("postgresql://app:***@db:5432/exam");
  });
});
