import "server-only";
import { getServerSession } from "next-auth";
import { connection } from "next/server";
import { cache } from "react";
import { findUserById } from "@/db/queries/users";
import { getAuthOptions } from "./options";
import type { Role } from "./roles";

export interface CurrentUser {
  id: string;
  email: string;
  name: string;
  role: Role;
}

/**
 * The signed-in user, re-read from the database on every request (once per request), so a deactivated
 * account or a changed role takes effect at once, whatever the session token says.
 */
export const getCurrentUser = cache(async (): Promise<CurrentUser | null> => {
  // Per request, always: nothing that depends on who is signed in may be prerendered at build time.
  await connection();
  const session = await getServerSession(getAuthOptions());
  const id = session?.user?.id;
  if (!id) return null;
  const user = await findUserById({ id });
  if (!user || !user.active) return null;
  return { id: user.id, email: user.email, name: user.name, role: user.role };
});
