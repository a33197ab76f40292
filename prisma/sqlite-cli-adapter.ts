import { PrismaBetterSQLite3 } from "@prisma/adapter-better-sqlite3";

/**
 * The SQLite adapter the Prisma CLI (prisma.config.ts) migrates with. Its
 * shadow database (migrate dev, diff --from-migrations, which the schema
 * drift test uses) receives each whole migration.sql as one argument-less
 * executeRaw, which better-sqlite3 refuses for several statements ("External
 * error id#0"): those go to executeScript instead.
 */
class CliPrismaBetterSQLite3 extends PrismaBetterSQLite3 {
  override async connectToShadowDb() {
    const shadow = await super.connectToShadowDb();
    const executeRaw = shadow.executeRaw.bind(shadow);
    shadow.executeRaw = async (query) => {
      if (query.args.length > 0) return executeRaw(query);
      await shadow.executeScript(query.sql);
      return 0;
    };
    return shadow;
  }
}

export function sqliteCliAdapter(url: string): PrismaBetterSQLite3 {
  return new CliPrismaBetterSQLite3({ url });
}
