import fs from "node:fs/promises";
import { PGlite } from "@electric-sql/pglite";
import { inject } from "vitest";
import { embeddedHandle, type DatabaseHandle } from "@/db/client";
import { migrateDatabase } from "@/db/migrate";

declare module "vitest" {
  export interface ProvidedContext {
    /** The migrated database's files, saved by tests/integration/global-setup.ts. */
    pgliteTemplate: string;
  }
}

/**
 * A new in-memory database with every migration applied, started from the run's migrated copy. The migrations are
 * run again on it all the same: nothing to do on a current copy, and a copy behind the migrations is brought up.
 */
export async function openMigratedEmbedded(location: string): Promise<DatabaseHandle> {
  const template = inject("pgliteTemplate");
  const pglite = template ? new PGlite({ loadDataDir: new Blob([await fs.readFile(template)]) }) : new PGlite();
  const handle = embeddedHandle(pglite, location);
  await migrateDatabase(handle);
  return handle;
}
