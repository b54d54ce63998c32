import crypto from "node:crypto";
import { getDb } from "@/db/client";
import { createUser } from "@/db/mutations/users";
import { hashPassword } from "@/lib/auth/passwords";
import type { Role } from "@/lib/auth/roles";

/** A user made through the real mutation (with its audit row), with a unique email. */
export async function makeUser(role: Role, options: { password?: string; name?: string } = {}) {
  const email = `${role}-${crypto.randomBytes(4).toString("hex")}@mscc.test`;
  const passwordHash = options.password ? await hashPassword(options.password) : null;
  const { id } = await getDb().transaction((tx) =>
    createUser(tx, { actorId: null, email, name: options.name ?? `Test ${role}`, role, passwordHash }),
  );
  return { id, email, role, name: options.name ?? `Test ${role}` };
}
