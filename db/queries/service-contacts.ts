import "server-only";
import { desc, eq } from "drizzle-orm";
import { getDb, type Db, type Tx } from "../client";
import { serviceContactVersions, users } from "../schema";

/** The service's contact numbers in force (the newest version) with who set them, or null when none has been set. */
export async function getServiceContacts({ db = getDb() }: { db?: Db | Tx } = {}) {
  const [latest] = await db
    .select({
      id: serviceContactVersions.id,
      contacts: serviceContactVersions.contacts,
      createdAt: serviceContactVersions.createdAt,
      createdByName: users.name,
    })
    .from(serviceContactVersions)
    .leftJoin(users, eq(users.id, serviceContactVersions.createdBy))
    .orderBy(desc(serviceContactVersions.id))
    .limit(1);
  return latest ?? null;
}
export type ServiceContactsVersion = NonNullable<Awaited<ReturnType<typeof getServiceContacts>>>;
