import "server-only";
import { DataDirectoryLockedError } from "@/db/lock";
import { prepareDatabase } from "@/db/startup";
import { verifyPassword } from "@/lib/auth/passwords";
import { resolveAuthSecret } from "@/lib/auth/secret";
import { env } from "@/lib/env";
import { startBackgroundJobs } from "./jobs";
import { describeErrorForLog } from "@/lib/errors";

/**
 * At server start, before any request: the configuration is checked (a missing secret or a half-set OpenID
 * Connect stops the server now, not at the first sign-in at 3 a.m.), then the database is prepared. Any
 * failure stops the process with the reason: serving on a database that is not ready would lose writes or
 * show empty worklists.
 */
export async function startOrExit(): Promise<void> {
  try {
    env();
    resolveAuthSecret();
  } catch (error) {
    console.error(`\n[mscc] the configuration is not valid: ${error instanceof Error ? error.message : String(error)}\n`);
    process.exit(1);
  }
  try {
    await prepareDatabase();
    // The first sign-in for an unknown account would otherwise also pay for making the throwaway hash.
    await verifyPassword(null, "warm-up");
  } catch (error) {
    if (error instanceof DataDirectoryLockedError) console.error(`\n[mscc] ${error.message}\n`);
    else console.error(`\n[mscc] the database could not be prepared: ${describeErrorForLog(error)}\n`);
    process.exit(1);
  }
  startBackgroundJobs();
}
