import "server-only";
import { asc, eq, inArray, isNull, sql } from "drizzle-orm";
import { missingReferralData } from "@/lib/domain/referral-rules";
import { worklistSummary } from "@/lib/domain/worklist";
import type { Db, Tx } from "../client";
import { clockEventColumns, groupEventsByReferral } from "../queries/clock-events";
import { listPathwaySettingsHistory } from "../queries/settings";
import { patients, referralEvents, referrals } from "../schema";

/** The channel every app instance listens on; the payload names referral ids only, never patient data. */
export const REFERRAL_CHANGED_CHANNEL = "mscc_referral_changed";

/**
 * Recomputes the worklist summary of these referrals from their events (lib/domain/worklist.ts) and writes it,
 * in the caller's transaction: every mutation that changes a referral calls this before it commits.
 */
export async function refreshWorklistSummaries(tx: Tx | Db, ids: readonly string[]): Promise<void> {
  if (ids.length === 0) return;
  const [rows, events, settingsHistory] = await Promise.all([
    tx
      .select({
        id: referrals.id,
        category: referrals.category,
        receivedAt: referrals.receivedAt,
        referrerContact: referrals.referrerContact,
        neurology: referrals.neurology,
        neurologyOnsetAt: referrals.neurologyOnsetAt,
        ambulatoryStatus: referrals.ambulatoryStatus,
        primaryCancer: referrals.primaryCancer,
        haematologicalSuspected: referrals.haematologicalSuspected,
        previousSpinalRadiotherapy: referrals.previousSpinalRadiotherapy,
        hospitalNumber: patients.hospitalNumber,
        phone: patients.phone,
      })
      .from(referrals)
      .innerJoin(patients, eq(patients.id, referrals.patientId))
      .where(inArray(referrals.id, [...ids])),
    tx
      .select(clockEventColumns)
      .from(referralEvents)
      .where(inArray(referralEvents.referralId, [...ids]))
      .orderBy(asc(referralEvents.occurredAt), asc(referralEvents.recordedAt)),
    listPathwaySettingsHistory(tx as Db),
  ]);
  const eventsOf = groupEventsByReferral(events);
  const iso = (d: Date | null) => (d === null ? null : d.toISOString());
  const values = rows.map((r) => {
    const s = worklistSummary({ category: r.category, receivedAt: r.receivedAt, events: eventsOf.get(r.id) ?? [], settingsHistory });
    return {
      id: r.id,
      open_clocks: s.openClocks,
      next_clock_due_at: iso(s.nextClockDueAt),
      clocks_at_risk_at: iso(s.clocksAtRiskAt),
      dexamethasone_given_at: iso(s.dexamethasoneGivenAt),
      dexamethasone_contraindicated: s.dexamethasoneContraindicated,
      immobilised_since: iso(s.immobilisedSince),
      immobilisation_lifted_at: iso(s.immobilisationLiftedAt),
      awaiting_acknowledgement_since: iso(s.awaitingAcknowledgementSince),
      acknowledgement_due_at: iso(s.acknowledgementDueAt),
      escalation_level: s.escalationLevel,
      escalated_to_id: s.escalatedToId,
      missing_data: missingReferralData(r).length,
    };
  });
  // One statement for the whole batch: the rows as a JSON record set joined on id.
  await tx.execute(sql`
    update referrals as r set
      open_clocks = v.open_clocks,
      next_clock_due_at = v.next_clock_due_at,
      clocks_at_risk_at = v.clocks_at_risk_at,
      dexamethasone_given_at = v.dexamethasone_given_at,
      dexamethasone_contraindicated = v.dexamethasone_contraindicated,
      immobilised_since = v.immobilised_since,
      immobilisation_lifted_at = v.immobilisation_lifted_at,
      awaiting_acknowledgement_since = v.awaiting_acknowledgement_since,
      acknowledgement_due_at = v.acknowledgement_due_at,
      escalation_level = v.escalation_level,
      escalated_to_id = v.escalated_to_id,
      missing_data = v.missing_data,
      summary_computed_at = now()
    from jsonb_to_recordset(${JSON.stringify(values)}::jsonb) as v(
      id uuid, open_clocks jsonb, next_clock_due_at timestamptz, clocks_at_risk_at timestamptz,
      dexamethasone_given_at timestamptz, dexamethasone_contraindicated boolean, immobilised_since timestamptz,
      immobilisation_lifted_at timestamptz, awaiting_acknowledgement_since timestamptz, acknowledgement_due_at timestamptz,
      escalation_level integer, escalated_to_id uuid, missing_data integer)
    where r.id = v.id`);
}

/** Computes every summary not yet computed (after the migration that added them, or rows loaded in bulk), in batches. */
export async function refreshPendingWorklistSummaries(db: Db, batchSize = 500): Promise<number> {
  let done = 0;
  for (;;) {
    const pending = await db.select({ id: referrals.id }).from(referrals).where(isNull(referrals.summaryComputedAt)).limit(batchSize);
    if (pending.length === 0) return done;
    await db.transaction((tx) => refreshWorklistSummaries(tx, pending.map((p) => p.id)));
    done += pending.length;
  }
}

/**
 * Tells every listening app instance that these referrals changed. NOTIFY inside a transaction is delivered
 * only when it commits, so a listener never hears of a change that was rolled back.
 */
export async function notifyReferralsChanged(tx: Tx | Db, ids: readonly string[]): Promise<void> {
  if (ids.length === 0) return;
  // A NOTIFY payload is limited to 8000 bytes: a large batch is announced as "everything changed".
  const payload = ids.length <= 100 ? JSON.stringify({ ids }) : JSON.stringify({ all: true });
  await tx.execute(sql`select pg_notify(${REFERRAL_CHANGED_CHANNEL}, ${payload})`);
}
