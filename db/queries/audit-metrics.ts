import "server-only";
import { and, asc, eq, gte, inArray, lt, or } from "drizzle-orm";
import { auditWindowStart, computeAuditMetrics, monthOf, monthPeriod, periodWindow, type AuditMetrics, type AuditPeriod, type AuditReferral } from "@/lib/domain/audit-metrics";
import { getDb, type Db } from "../client";
import { patients, referralEvents, referrals } from "../schema";
import { clockEventColumns, groupEventsByReferral } from "./clock-events";
import { listPathwaySettingsHistory } from "./settings";

/**
 * The referrals the audit of a period needs, in three statements whatever their number: the referrals received
 * from the start of the 12-month trend to the end of the period's last month, plus older ones whose radiotherapy
 * clock may start in that span (a decision, or a correction of one, recorded since: a decision is never recorded
 * before it was made), then all their events, then the settings history.
 */
export async function loadAuditMetrics({ period, now, db = getDb() }: { period: AuditPeriod; now: Date; db?: Db }): Promise<AuditMetrics> {
  const start = auditWindowStart(period, period.to);
  const end = periodWindow(monthPeriod(monthOf(period.to)) as AuditPeriod).end;
  const lateClock = db
    .select({ id: referralEvents.referralId })
    .from(referralEvents)
    .where(and(inArray(referralEvents.type, ["decision", "correction"]), gte(referralEvents.recordedAt, start)));
  const cohort = and(lt(referrals.receivedAt, end), or(gte(referrals.receivedAt, start), inArray(referrals.id, lateClock)));

  const [rows, events, settingsHistory] = await Promise.all([
    db
      .select({
        id: referrals.id,
        category: referrals.category,
        status: referrals.status,
        receivedAt: referrals.receivedAt,
        neurologyOnsetAt: referrals.neurologyOnsetAt,
        ambulatoryStatus: referrals.ambulatoryStatus,
      })
      .from(referrals)
      .where(cohort)
      .orderBy(asc(referrals.receivedAt), asc(referrals.id)),
    db
      .select(clockEventColumns)
      .from(referralEvents)
      .innerJoin(referrals, eq(referrals.id, referralEvents.referralId))
      .where(cohort)
      .orderBy(asc(referralEvents.referralId), asc(referralEvents.occurredAt), asc(referralEvents.recordedAt)),
    listPathwaySettingsHistory(db),
  ]);

  const byReferral = groupEventsByReferral(events);
  const referralsWithEvents: AuditReferral[] = rows.map((r) => ({ ...r, events: byReferral.get(r.id) ?? [] }));
  return computeAuditMetrics({ referrals: referralsWithEvents, settingsHistory, period, now });
}

/** The patient behind each referral of a drill-down list: name and NHS number, by referral id. */
export async function listAuditPatients({ referralIds, db = getDb() }: { referralIds: readonly string[]; db?: Db }) {
  if (referralIds.length === 0) return new Map<string, { givenName: string; familyName: string; nhsNumber: string }>();
  const rows = await db
    .select({ referralId: referrals.id, givenName: patients.givenName, familyName: patients.familyName, nhsNumber: patients.nhsNumber })
    .from(referrals)
    .innerJoin(patients, eq(patients.id, referrals.patientId))
    .where(inArray(referrals.id, [...referralIds]));
  return new Map(rows.map(({ referralId, ...patient }) => [referralId, patient]));
}

export type AuditPatients = Awaited<ReturnType<typeof listAuditPatients>>;
