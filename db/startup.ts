import "server-only";
import { databaseEngine, env } from "@/lib/env";
import { getDatabase } from "./client";
import { migrateDatabase } from "./migrate";
import { refreshPendingWorklistSummaries } from "./mutations/worklist";
import { countUsers } from "./queries/users";
import { seedDemoData } from "./seed";

/**
 * What the app does once at start: open the database (taking the embedded lock), apply migrations, and on a
 * fresh embedded database load the demo users and referrals. With DATABASE_URL set nothing is seeded unless
 * MSCC_DEMO_DATA=on, so a trust's database never gets default passwords.
 */
export async function prepareDatabase(log: (line: string) => void = (line) => console.log(line)): Promise<void> {
  const e = env();
  const handle = getDatabase();
  await migrateDatabase(handle, e.DATABASE_URL);
  log(`[mscc] database: ${handle.engine} (${handle.location}), migrations applied`);
  const summarised = await refreshPendingWorklistSummaries(handle.db);
  if (summarised > 0) log(`[mscc] worklist summaries computed for ${summarised} referrals`);

  const seed = e.MSCC_DEMO_DATA === "on" || (e.MSCC_DEMO_DATA === "auto" && databaseEngine(e) === "embedded");
  if (seed && (await countUsers(handle.db)) === 0) {
    const result = await seedDemoData(handle.db, { withPasswords: true });
    log(`[mscc] demo data loaded: ${result.users} users, ${result.referrals} referrals (sign-in details in the README)`);
  }
}

