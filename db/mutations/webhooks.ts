import "server-only";
import { createHmac } from "node:crypto";
import { and, eq, inArray, lte } from "drizzle-orm";
import type { EscalationLevel } from "@/lib/domain/escalation";
import type { ReferralCategory } from "@/lib/domain/vocabulary";
import type { Db, Tx } from "../client";
import { getWebhookUrl } from "../queries/webhooks";
import { users, webhookAttempts, webhookDeliveries, webhookSettings } from "../schema";
import { recordAudit } from "./audit";

/** Attempts before a call is given up as failed (about 2 hours of backoff in all). */
export const WEBHOOK_MAX_ATTEMPTS = 10;
/** A call that takes longer than this is counted as failed and tried again. */
const WEBHOOK_TIMEOUT_MS = 5_000;
/** A claimed call is left alone by other instances this long, so that only one sends it. */
const CLAIM_LEASE_MS = 60_000;

/** Seconds to wait before attempt n+1 after n failures: 5 s doubling, at most 30 minutes. */
export function webhookBackoffMs(failures: number): number {
  return Math.min(5_000 * 2 ** Math.max(0, failures - 1), 30 * 60_000);
}

/** The signature header's value: HMAC-SHA256 of "<timestamp>.<body>" with the shared secret, hex. */
export function signWebhook(secret: string, timestamp: string, body: string): string {
  return `sha256=${createHmac("sha256", secret).update(`${timestamp}.${body}`).digest("hex")}`;
}

/**
 * Puts an escalation in the outbox, in the escalation's own transaction, when a webhook address is set. The
 * payload carries ids, codes and the clinician paged, never the patient: the paging system links back here.
 */
export async function enqueueEscalationWebhook(
  tx: Tx,
  input: { referralId: string; eventId: string; level: EscalationLevel; toUserId: string | null; category: ReferralCategory; escalatedAt: Date },
): Promise<void> {
  if ((await getWebhookUrl(tx)) === null) return;
  const [to] = input.toUserId ? await tx.select({ id: users.id, name: users.name, email: users.email }).from(users).where(eq(users.id, input.toUserId)) : [];
  const payload = {
    type: input.level === 1 ? "escalation.created" : "escalation.second_line",
    referralId: input.referralId,
    eventId: input.eventId,
    level: input.level,
    category: input.category,
    escalatedAt: input.escalatedAt.toISOString(),
    to: to ?? null,
  };
  await tx.insert(webhookDeliveries).values({ referralId: input.referralId, eventId: input.eventId, payload });
}

export interface DispatchOptions {
  now: () => Date;
  secret: string | undefined;
  /** The app's public address, for the link in each call. */
  baseUrl: string | undefined;
  fetch?: typeof fetch;
  batch?: number;
}

/**
 * Sends the calls that are due. Each is claimed first (a lease, under FOR UPDATE SKIP LOCKED) so that two
 * instances never send the same call at once; then sent with a timeout, and the attempt recorded: delivered on
 * a 2xx, otherwise tried again after a backoff until WEBHOOK_MAX_ATTEMPTS. Returns the attempts made.
 */
export async function dispatchWebhooks(db: Db, options: DispatchOptions): Promise<number> {
  const now = options.now();
  const claimed = await db.transaction(async (tx) => {
    const due = await tx
      .select({ id: webhookDeliveries.id })
      .from(webhookDeliveries)
      .where(and(eq(webhookDeliveries.status, "pending"), lte(webhookDeliveries.nextAttemptAt, now)))
      .orderBy(webhookDeliveries.nextAttemptAt)
      .limit(options.batch ?? 20)
      .for("update", { skipLocked: true });
    if (due.length === 0) return [];
    return tx
      .update(webhookDeliveries)
      .set({ nextAttemptAt: new Date(now.getTime() + CLAIM_LEASE_MS) })
      .where(inArray(webhookDeliveries.id, due.map((d) => d.id)))
      .returning();
  });
  if (claimed.length === 0) return 0;
  const url = await getWebhookUrl(db);
  const send = options.fetch ?? fetch;
  for (const delivery of claimed) {
    const started = Date.now();
    let statusCode: number | null = null;
    let error: string | null = null;
    if (!url) error = "The webhook address was removed before this call was made";
    else if (!options.secret) error = "MSCC_WEBHOOK_SECRET is not set: calls cannot be signed";
    else {
      const body = JSON.stringify({ ...delivery.payload, deliveryId: delivery.id, link: options.baseUrl ? new URL(`/referrals/${delivery.referralId}`, options.baseUrl).toString() : null });
      const timestamp = String(Math.floor(options.now().getTime() / 1000));
      try {
        const response = await send(url, {
          method: "POST",
          headers: {
            "content-type": "application/json",
            "user-agent": "mscc-escalation-dashboard",
            "x-mscc-delivery": delivery.id,
            "x-mscc-timestamp": timestamp,
            "x-mscc-signature": signWebhook(options.secret, timestamp, body),
          },
          body,
          redirect: "manual",
          signal: AbortSignal.timeout(WEBHOOK_TIMEOUT_MS),
        });
        statusCode = response.status;
        if (!response.ok) error = `The receiver answered ${response.status}`;
        await response.body?.cancel();
      } catch (e) {
        error = e instanceof Error && e.name === "TimeoutError" ? `No answer within ${WEBHOOK_TIMEOUT_MS / 1000} s` : `Could not connect: ${e instanceof Error ? e.message : String(e)}`;
      }
    }
    const attempts = delivery.attempts + 1;
    const at = options.now();
    await db.transaction(async (tx) => {
      await tx.insert(webhookAttempts).values({ deliveryId: delivery.id, attemptedAt: at, url, statusCode, error, durationMs: Date.now() - started });
      await tx
        .update(webhookDeliveries)
        .set(
          error === null
            ? { status: "delivered", attempts, deliveredAt: at, lastError: null }
            : attempts >= WEBHOOK_MAX_ATTEMPTS
              ? { status: "failed", attempts, lastError: error }
              : { attempts, lastError: error, nextAttemptAt: new Date(at.getTime() + webhookBackoffMs(attempts)) },
        )
        .where(eq(webhookDeliveries.id, delivery.id));
    });
  }
  return claimed.length;
}

/** Sets the webhook address (null turns it off): a new version, with its audit row, in the caller's transaction. */
export async function setWebhookUrl(tx: Tx, input: { actorId: string; url: string | null }): Promise<void> {
  const before = await getWebhookUrl(tx);
  await tx.insert(webhookSettings).values({ url: input.url, createdBy: input.actorId });
  await recordAudit(tx, { actorId: input.actorId, action: "webhook.set_url", entityType: "webhook_settings", before: { url: before }, after: { url: input.url } });
}
