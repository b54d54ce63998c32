import "server-only";
import path from "node:path";
import { PGlite } from "@electric-sql/pglite";
import type { ExtractTablesWithRelations } from "drizzle-orm";
import type { PgDatabase, PgQueryResultHKT, PgTransaction } from "drizzle-orm/pg-core";
import { drizzle as drizzlePglite } from "drizzle-orm/pglite";
import { drizzle as drizzlePostgres } from "drizzle-orm/postgres-js";
import postgres from "postgres";
import { databaseEngine, env, type Env } from "@/lib/env";
import { acquireDataDirectoryLock } from "./lock";
import * as schema from "./schema";

export type Schema = typeof schema;
/** The one database type the rest of db/ is written against, whichever engine is underneath. */
export type Db = PgDatabase<PgQueryResultHKT, Schema>;
export type Tx = PgTransaction<PgQueryResultHKT, Schema, ExtractTablesWithRelations<Schema>>;
export type DatabaseEngine = "embedded" | "postgres";

export interface DatabaseHandle {
  db: Db;
  engine: DatabaseEngine;
  /** Where it lives, without credentials: a directory or host/database. */
  location: string;
  /** Raw clients, for the few things drizzle does not cover (LISTEN/NOTIFY, migrations' advisory lock). */
  pglite?: PGlite;
  sql?: postgres.Sql;
  close(): Promise<void>;
}

function openEmbedded(dataDir: string): DatabaseHandle {
  const inMemory = dataDir.startsWith("memory://");
  const dir = inMemory ? dataDir : path.resolve(dataDir);
  const release = inMemory ? () => {} : acquireDataDirectoryLock(dir);
  return embeddedHandle(new PGlite(inMemory ? undefined : dir), dir, release);
}

/** A handle on an open PGlite; `release` runs after it closes (the data directory's lock). */
export function embeddedHandle(pglite: PGlite, location: string, release: () => void = () => {}): DatabaseHandle {
  return {
    db: drizzlePglite({ client: pglite, schema }) as unknown as Db,
    engine: "embedded",
    location,
    pglite,
    async close() {
      await pglite.close();
      release();
    },
  };
}

function openPostgres(url: string, poolMax: number): DatabaseHandle {
  const sql = postgres(url, {
    max: poolMax,
    idle_timeout: 60,
    connect_timeout: 10,
    // postgres.js waits up to 20 s between reconnection attempts once a few have failed, so after a database
    // restart requests queued for up to 20 s behind a connection that was ready to reconnect: at most 1 s here.
    backoff: (retries: number) => Math.min(0.1 * 2 ** retries, 1),
    // Never print a query's parameters (patient data) in a notice.
    onnotice: () => {},
  });
  const parsed = new URL(url);
  return {
    db: drizzlePostgres({ client: sql, schema }) as unknown as Db,
    engine: "postgres",
    location: `${parsed.hostname}:${parsed.port || "5432"}${parsed.pathname}`,
    sql,
    async close() {
      await sql.end({ timeout: 5 });
    },
  };
}

export function openDatabase(e: Env = env()): DatabaseHandle {
  return databaseEngine(e) === "postgres"
    ? openPostgres(e.DATABASE_URL as string, e.DATABASE_POOL_MAX)
    : openEmbedded(e.MSCC_DATA_DIR);
}

// One handle per process, kept on globalThis so route handlers, instrumentation and hot reloads share it
// (a second PGlite on the same directory in the same process would corrupt it just like a second process).
const globalForDb = globalThis as unknown as { __msccDatabase?: DatabaseHandle };

export function getDatabase(): DatabaseHandle {
  globalForDb.__msccDatabase ??= openDatabase();
  return globalForDb.__msccDatabase;
}

/**
 * Makes `handle` the process's database, for the integration tests, which start each file's in-memory database from
 * a migrated copy rather than an empty one (tests/integration/global-setup.ts). The app always opens its own.
 */
export function adoptDatabase(handle: DatabaseHandle): void {
  if (globalForDb.__msccDatabase) throw new Error("a database is open already: close it first");
  globalForDb.__msccDatabase = handle;
}

export function getDb(): Db {
  return getDatabase().db;
}

export async function closeDatabase(): Promise<void> {
  const handle = globalForDb.__msccDatabase;
  globalForDb.__msccDatabase = undefined;
  await handle?.close();
}
