import fs from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { PGlite } from "@electric-sql/pglite";
import type { TestProject } from "vitest/node";
import { embeddedHandle } from "@/db/client";
import { migrateDatabase } from "@/db/migrate";
import "./embedded-template";

/**
 * Once per run: an in-memory database with every migration applied, saved as a file. Each integration file's
 * embedded database (and the few extra ones some files open) starts from a copy of it, which takes about half the
 * time of a new PGlite (its initdb) plus the migrations (tests/integration/embedded-template.ts).
 */
export default async function setup(project: TestProject) {
  const handle = embeddedHandle(new PGlite(), "memory://template");
  await migrateDatabase(handle);
  const dump = await handle.pglite?.dumpDataDir("none");
  await handle.close();
  if (!dump) throw new Error("the template database could not be saved");
  const dir = await fs.mkdtemp(path.join(os.tmpdir(), "mscc-pglite-"));
  const file = path.join(dir, "migrated.tar");
  await fs.writeFile(file, Buffer.from(await dump.arrayBuffer()));
  project.provide("pgliteTemplate", file);
  return () => fs.rm(dir, { recursive: true, force: true });
}
