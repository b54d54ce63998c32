/**
 * After a soak or a crash: proves against the database itself that every write the app acknowledged is there and
 * that no referral is half-written. Shared by `npm run soak` (PostgreSQL restarted mid-run) and the embedded
 * kill -9 test (tests/integration/embedded-crash.test.ts).
 */
import { and, eq, getTableColumns, inArray, like, sql } from "drizzle-orm";
import type { Db } from "@/db/client";
import { refreshWorklistSummaries } from "@/db/mutations/worklist";
import { auditLog, patients, referralEvents, referrals } from "@/db/schema";

/** What the app said it committed: referral ids, and events with the version the referral reached. */
export interface AcknowledgedWrites {
  referralIds: string[];
  events: { referralId: string; eventId: string; version: number }[];
}

export interface Verification {
  referralsInDatabase: number;
  eventsInDatabase: number;
  acknowledgedReferrals: number;
  acknowledgedEvents: number;
  lostReferrals: string[];
  lostEvents: string[];
  /** One line per problem: "<referral id>: what is wrong" (ids only, no patient data). */
  halfWritten: string[];
  /** Referrals whose stored worklist summary differs from the one the app computes now from their events. */
  staleSummaries: string[];
}

export const verificationPassed = (v: Verification): boolean =>
  v.lostReferrals.length + v.lostEvents.length + v.halfWritten.length + v.staleSummaries.length === 0;

// The summary columns refreshWorklistSummaries writes, without the time it wrote them.
const { openClocks, nextClockDueAt, clocksAtRiskAt, dexamethasoneGivenAt, dexamethasoneContraindicated, immobilisedSince, immobilisationLiftedAt, awaitingAcknowledgementSince, acknowledgementDueAt, escalationLevel, escalatedToId, missingData } =
  getTableColumns(referrals);
const SUMMARY = { id: referrals.id, openClocks, nextClockDueAt, clocksAtRiskAt, dexamethasoneGivenAt, dexamethasoneContraindicated, immobilisedSince, immobilisationLiftedAt, awaitingAcknowledgementSince, acknowledgementDueAt, escalationLevel, escalatedToId, missingData };

class RollBack extends Error {}

/**
 * The stored summaries, against what refreshWorklistSummaries (the app's own code) writes now from the same events,
 * in a transaction that is then rolled back: the check changes nothing.
 */
async function findStaleSummaries(db: Db, ids: string[]): Promise<string[]> {
  const stale: string[] = [];
  const read = (tx: Pick<Db, "select">, batch: string[]) => tx.select(SUMMARY).from(referrals).where(inArray(referrals.id, batch));
  for (let i = 0; i < ids.length; i += 500) {
    const batch = ids.slice(i, i + 500);
    try {
      await db.transaction(async (tx) => {
        const stored = new Map((await read(tx, batch)).map((r) => [r.id, JSON.stringify(r)]));
        await refreshWorklistSummaries(tx, batch);
        for (const r of await read(tx, batch)) if (stored.get(r.id) !== JSON.stringify(r)) stale.push(r.id);
        throw new RollBack();
      });
    } catch (error) {
      if (!(error instanceof RollBack)) throw error;
    }
  }
  return stale;
}

export async function verifyAcknowledgedWrites(db: Db, acknowledged: AcknowledgedWrites): Promise<Verification> {
  const stored = await db
    .select({ id: referrals.id, version: referrals.version, patientId: patients.id })
    .from(referrals)
    .leftJoin(patients, eq(patients.id, referrals.patientId));
  const events = await db
    .select({ id: referralEvents.id, referralId: referralEvents.referralId, type: referralEvents.type, beforeReferral: sql<boolean>`coalesce((${referralEvents.data}->>'beforeReferral')::boolean, false)` })
    .from(referralEvents);
  const audits = await db
    .select({ action: auditLog.action, entityId: auditLog.entityId, eventId: sql<string | null>`${auditLog.after}->>'eventId'` })
    .from(auditLog)
    .where(and(eq(auditLog.entityType, "referral"), like(auditLog.action, "referral.%")));

  const referralIds = new Set(stored.map((r) => r.id));
  const eventIds = new Set(events.map((e) => e.id));
  const created = new Set(audits.filter((a) => a.action === "referral.create").map((a) => a.entityId));
  const auditedEvents = new Set(audits.map((a) => a.eventId).filter((id): id is string => id !== null));

  const halfWritten: string[] = [];
  const eventsOf = new Map<string, typeof events>();
  for (const e of events) eventsOf.set(e.referralId, [...(eventsOf.get(e.referralId) ?? []), e]);
  const ackedVersion = new Map<string, number>();
  for (const e of acknowledged.events) ackedVersion.set(e.referralId, Math.max(ackedVersion.get(e.referralId) ?? 0, e.version));
  for (const r of stored) {
    const own = eventsOf.get(r.id) ?? [];
    if (r.patientId === null) halfWritten.push(`${r.id}: no patient`);
    if (!own.some((e) => e.type === "received")) halfWritten.push(`${r.id}: no "received" event`);
    if (!created.has(r.id)) halfWritten.push(`${r.id}: no referral.create audit row`);
    // Creation writes version 1 with "received" (and any care given before the referral); every later event adds one.
    const later = own.filter((e) => e.type !== "received" && !e.beforeReferral);
    if (r.version !== 1 + later.length) halfWritten.push(`${r.id}: version ${r.version} with ${later.length} events after creation`);
    const unaudited = later.filter((e) => !auditedEvents.has(e.id)).length;
    if (unaudited > 0) halfWritten.push(`${r.id}: ${unaudited} event(s) without their audit row`);
    if ((ackedVersion.get(r.id) ?? 0) > r.version) halfWritten.push(`${r.id}: version ${r.version} below the acknowledged ${ackedVersion.get(r.id)}`);
  }

  return {
    referralsInDatabase: stored.length,
    eventsInDatabase: events.length,
    acknowledgedReferrals: acknowledged.referralIds.length,
    acknowledgedEvents: acknowledged.events.length,
    lostReferrals: acknowledged.referralIds.filter((id) => !referralIds.has(id)),
    lostEvents: acknowledged.events.filter((e) => !eventIds.has(e.eventId)).map((e) => e.eventId),
    halfWritten,
    staleSummaries: await findStaleSummaries(db, [...referralIds]),
  };
}
