import "./load-env";
import { closeDatabase, getDatabase } from "@/db/client";
import { migrateDatabase } from "@/db/migrate";
import { describeErrorForLog } from "@/lib/errors";
import { seedDemoData } from "@/db/seed";

/**
 * Loads the demo referrals into an empty database. Demo users get passwords only with --demo-passwords,
 * so a real PostgreSQL database is never given default passwords by accident.
 */
async function main() {
  const withPasswords = process.argv.includes("--demo-passwords");
  const handle = getDatabase();
  await migrateDatabase(handle);
  const result = await seedDemoData(handle.db, { withPasswords });
  console.log(
    `Demo data loaded into the ${handle.engine} database: ${result.users} users, ${result.referrals} referrals.` +
      (withPasswords ? " Demo users have the README's passwords." : " Demo users have no password; create your own with npm run user:create."),
  );
  await closeDatabase();
}

main().catch((error: unknown) => {
  console.error(describeErrorForLog(error));
  process.exit(1);
});
