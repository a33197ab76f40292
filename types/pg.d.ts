// The part of node-postgres (pg 8) this project uses. @types/pg is not a
// dependency yet; when it is added, delete this file.
declare module "pg" {
  export interface PoolConfig {
    connectionString?: string;
    host?: string;
    port?: number;
    user?: string;
    password?: string;
    database?: string;
    max?: number;
    idleTimeoutMillis?: number;
    connectionTimeoutMillis?: number;
    allowExitOnIdle?: boolean;
    application_name?: string;
  }

  export interface FieldDef {
    name: string;
    dataTypeID: number;
  }

  export interface QueryResult<R = Record<string, unknown>> {
    rows: R[];
    rowCount: number | null;
    fields: FieldDef[];
    command: string;
  }

  export type TypeParser = (value: string) => unknown;

  export interface CustomTypesConfig {
    getTypeParser: (oid: number, format?: "text" | "binary") => TypeParser;
  }

  export interface QueryConfig {
    text: string;
    values?: unknown[];
    name?: string;
    types?: CustomTypesConfig;
    rowMode?: "array";
  }

  export interface ClientBase {
    query<R = Record<string, unknown>>(query: string | QueryConfig, values?: unknown[]): Promise<QueryResult<R>>;
    on(event: "error", listener: (error: Error) => void): this;
  }

  export interface PoolClient extends ClientBase {
    release(destroy?: Error | boolean): void;
  }

  export class Pool {
    constructor(config?: PoolConfig);
    readonly options: PoolConfig;
    readonly totalCount: number;
    readonly idleCount: number;
    readonly waitingCount: number;
    connect(): Promise<PoolClient>;
    query<R = Record<string, unknown>>(query: string | QueryConfig, values?: unknown[]): Promise<QueryResult<R>>;
    on(event: "error", listener: (error: Error) => void): this;
    on(event: "connect", listener: (client: PoolClient) => void): this;
    end(): Promise<void>;
  }

  export class Client implements ClientBase {
    constructor(config?: PoolConfig);
    connect(): Promise<void>;
    query<R = Record<string, unknown>>(query: string | QueryConfig, values?: unknown[]): Promise<QueryResult<R>>;
    on(event: "error", listener: (error: Error) => void): this;
    end(): Promise<void>;
  }

  export const types: {
    getTypeParser: (oid: number, format?: "text" | "binary") => TypeParser;
    setTypeParser: (oid: number, parser: TypeParser) => void;
  };

  const pg: { Pool: typeof Pool; Client: typeof Client; types: typeof types };
  export default pg;
}
