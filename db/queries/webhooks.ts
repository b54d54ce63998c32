import "server-only";
import { asc, desc, inArray } from "drizzle-orm";
import { getDb, type Db, type Tx } from "../client";
import { webhookAttempts, webhookDeliveries, webhookSettings, type WebhookAttempt, type WebhookDelivery } from "../schema";

/** The escalation webhook's address in force (the newest version), or null when it is off. */
export async function getWebhookUrl(db: Db | Tx = getDb()): Promise<string | null> {
  const [row] = await db.select({ url: webhookSettings.url }).from(webhookSettings).orderBy(desc(webhookSettings.id)).limit(1);
  return row?.url ?? null;
}

export type WebhookDeliveryRow = WebhookDelivery & { attemptLog: WebhookAttempt[] };

/** The newest calls (newest first), each with every attempt at it (oldest first), for the admin page. */
export async function listWebhookDeliveries({ limit = 50, db = getDb() }: { limit?: number; db?: Db | Tx } = {}): Promise<WebhookDeliveryRow[]> {
  const deliveries = await db.select().from(webhookDeliveries).orderBy(desc(webhookDeliveries.createdAt), desc(webhookDeliveries.id)).limit(limit);
  if (deliveries.length === 0) return [];
  const attempts = await db
    .select()
    .from(webhookAttempts)
    .where(
      inArray(
        webhookAttempts.deliveryId,
        deliveries.map((d) => d.id),
      ),
    )
    .orderBy(asc(webhookAttempts.attemptedAt), asc(webhookAttempts.id));
  return deliveries.map((d) => ({ ...d, attemptLog: attempts.filter((a) => a.deliveryId === d.id) }));
}
