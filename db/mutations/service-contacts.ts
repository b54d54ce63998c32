import "server-only";
import { sql } from "drizzle-orm";
import { formatDateTime } from "@/lib/domain/time-format";
import { AppError } from "@/lib/errors";
import type { Tx } from "../client";
import { getServiceContacts } from "../queries/service-contacts";
import { serviceContactVersions, type ServiceContacts } from "../schema";
import { recordAudit } from "./audit";

// Any fixed number (not the pathway settings' one): changes to the numbers are made one at a time across instances.
const SERVICE_CONTACTS_LOCK_KEY = 727_310_458;

/**
 * Saves the service's contact numbers as a new version, in force from now. The caller names the version its form
 * showed (0 when none was set); if someone saved another since, the change is refused naming them.
 */
export async function saveServiceContacts(
  tx: Tx,
  input: { actorId: string; basedOnVersionId: number; contacts: ServiceContacts },
): Promise<{ versionId: number }> {
  await tx.execute(sql`select pg_advisory_xact_lock(${SERVICE_CONTACTS_LOCK_KEY})`);
  const latest = await getServiceContacts({ db: tx });
  if ((latest?.id ?? 0) !== input.basedOnVersionId) {
    throw new AppError(
      "conflict",
      `${latest?.createdByName ?? "Someone"} changed the service's contact numbers at ${latest ? formatDateTime(latest.createdAt) : "an earlier time"} while you were editing. Reload to see their change; your entries are still in the form.`,
    );
  }
  const [created] = await tx.insert(serviceContactVersions).values({ contacts: input.contacts, createdBy: input.actorId }).returning({ id: serviceContactVersions.id });
  if (!created) throw new Error("insert returned no row");
  await recordAudit(tx, {
    actorId: input.actorId,
    action: "service_contacts.change",
    entityType: "service_contacts",
    entityId: String(created.id),
    before: latest?.contacts ?? null,
    after: input.contacts,
  });
  return { versionId: created.id };
}
