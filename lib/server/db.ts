import "server-only";
import { PrismaBetterSQLite3 } from "@prisma/adapter-better-sqlite3";
import { PrismaClient } from "../generated/prisma/client";
import { getServerEnv } from "./env";

/** The one Prisma client of the server process (kept across hot reloads in development). */
const globalForPrisma = globalThis as unknown as { prisma?: PrismaClient };

function createPrismaClient(): PrismaClient {
  const adapter = new PrismaBetterSQLite3({ url: getServerEnv().DATABASE_URL });
  return new PrismaClient({ adapter });
}

export function getDb(): PrismaClient {
  globalForPrisma.prisma ??= createPrismaClient();
  return globalForPrisma.prisma;
}

export type Db = PrismaClient;
/** A client or an interactive-transaction client: services accept either. */
export type DbTx = Parameters<Parameters<PrismaClient["$transaction"]>[0]>[0];
