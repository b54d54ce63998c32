import "./load-env";
import { closeDatabase, getDatabase } from "@/db/client";
import { migrateDatabase } from "@/db/migrate";
import { describeErrorForLog } from "@/lib/errors";

async function main() {
  const handle = getDatabase();
  await migrateDatabase(handle);
  console.log(`Migrations applied to the ${handle.engine} database (${handle.location}).`);
  await closeDatabase();
}

main().catch((error: unknown) => {
  console.error(describeErrorForLog(error));
  process.exit(1);
});
