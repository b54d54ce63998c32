import "./load-env";
import { parseArgs } from "node:util";
import { closeDatabase, getDatabase } from "@/db/client";
import { migrateDatabase } from "@/db/migrate";
import { createUser } from "@/db/mutations/users";
import { hashPassword } from "@/lib/auth/passwords";
import { AppError, describeErrorForLog } from "@/lib/errors";
import { createUserInput } from "@/lib/validation/users";
import { readSecret } from "./read-secret";

const USAGE = `Usage: npm run user:create -- --email EMAIL --name "FULL NAME" --role coordinator|registrar|discharge|admin
The password is asked for (hidden), or read from MSCC_USER_PASSWORD for scripts.`;

async function main() {
  const { values } = parseArgs({
    options: { email: { type: "string" }, name: { type: "string" }, role: { type: "string" }, help: { type: "boolean" } },
    strict: true,
  });
  if (values.help) {
    console.log(USAGE);
    return;
  }
  const password = process.env.MSCC_USER_PASSWORD ?? (await readSecret("Password (at least 12 characters): "));
  const parsed = createUserInput.safeParse({ email: values.email, name: values.name, role: values.role, password });
  if (!parsed.success) {
    for (const issue of parsed.error.issues) console.error(`  ${issue.path.join(".")}: ${issue.message}`);
    console.error(USAGE);
    process.exitCode = 2;
    return;
  }
  const handle = getDatabase();
  await migrateDatabase(handle);
  const input = parsed.data;
  const { id } = await handle.db.transaction(async (tx) =>
    createUser(tx, { actorId: null, email: input.email, name: input.name, role: input.role, passwordHash: await hashPassword(input.password) }),
  );
  console.log(`Created ${input.role} ${input.email} (${id}) in the ${handle.engine} database.`);
}

main()
  .catch((error: unknown) => {
    // A refusal (the email exists) is said plainly; anything else without drizzle's parameters (the hash).
    console.error(error instanceof AppError ? error.message : `Could not create the user: ${describeErrorForLog(error)}`);
    process.exitCode = 1;
  })
  .finally(() => closeDatabase());
