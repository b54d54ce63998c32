import "server-only";
import path from "node:path";
import { drizzle as drizzlePglite } from "drizzle-orm/pglite";
import { migrate as migratePglite } from "drizzle-orm/pglite/migrator";
import { drizzle as drizzlePostgres } from "drizzle-orm/postgres-js";
import { migrate as migratePostgres } from "drizzle-orm/postgres-js/migrator";
import postgres from "postgres";
import { env } from "@/lib/env";
import type { DatabaseHandle } from "./client";

export const MIGRATIONS_FOLDER = path.join(process.cwd(), "db", "migrations");

// Any fixed number: several app instances starting together take turns instead of racing the migrations.
const MIGRATION_LOCK_KEY = 727_310_456;

/** Applies every committed migration not yet applied. Safe to call on every start. */
export async function migrateDatabase(handle: DatabaseHandle, url = env().DATABASE_URL): Promise<void> {
  if (handle.engine === "embedded") {
    if (!handle.pglite) throw new Error("embedded handle without a PGlite client");
    await migratePglite(drizzlePglite({ client: handle.pglite }), { migrationsFolder: MIGRATIONS_FOLDER });
    return;
  }
  if (!url) throw new Error("DATABASE_URL is needed to migrate PostgreSQL");
  // One connection so the session-level advisory lock covers the whole migration.
  const sql = postgres(url, { max: 1, onnotice: () => {} });
  try {
    await sql`select pg_advisory_lock(${MIGRATION_LOCK_KEY})`;
    await migratePostgres(drizzlePostgres({ client: sql }), { migrationsFolder: MIGRATIONS_FOLDER });
    await sql`select pg_advisory_unlock(${MIGRATION_LOCK_KEY})`;
  } finally {
    await sql.end({ timeout: 5 });
  }
}
