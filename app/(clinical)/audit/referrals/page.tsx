import type { Metadata } from "next";
import Link from "next/link";
import { cellClass } from "@/components/audit/chart-figure";
import { InvalidListLink } from "@/components/table/invalid-link";
import { listAuditPatients, loadAuditMetrics } from "@/db/queries/audit-metrics";
import { BREACH_REASON_KEY_LABELS, CLOCK_STATUS_LABELS, DISCHARGE_LABELS } from "@/lib/audit/csv";
import { requirePageAccess } from "@/lib/auth/guards";
import { AUDIT_MEASURES, AUDIT_SET_LABELS } from "@/lib/domain/audit-metrics";
import { formatNhsNumber } from "@/lib/domain/nhs-number";
import { formatDateTime } from "@/lib/domain/time-format";
import { auditPeriodOf, auditPeriodSearchParams, auditReferralsQuery } from "@/lib/validation/audit";
import { searchParamsRecord } from "@/lib/validation/worklist";

export const metadata: Metadata = { title: "Audit: referrals behind a number" };

type SearchParams = Promise<Record<string, string | string[] | undefined>>;

const when = (instant: Date | null) => (instant === null ? "–" : formatDateTime(instant));

/** The referrals behind one number of the audit page: exactly the ids the measure counted, with their clock. */
export default async function AuditReferralsPage({ searchParams }: { searchParams: SearchParams }) {
  const raw = searchParamsRecord(await searchParams);
  await requirePageAccess("/audit/referrals", { returnTo: `/audit/referrals?${new URLSearchParams(raw as Record<string, string>).toString()}` });
  const parsed = auditReferralsQuery.safeParse(raw);
  if (!parsed.success) {
    return (
      <>
        <h1 className="mb-3 text-2xl font-bold">Audit: referrals behind a number</h1>
        <InvalidListLink what="audit" issues={parsed.error.issues} resetHref="/audit" resetLabel="Back to the audit of this month" />
      </>
    );
  }
  const now = new Date();
  const period = auditPeriodOf(parsed.data, now);
  const metrics = await loadAuditMetrics({ period, now });
  const measure = metrics.measures.find((m) => m.id === parsed.data.measure);
  const definition = AUDIT_MEASURES[parsed.data.measure];
  const ids = measure?.referralIds[parsed.data.set] ?? [];
  const rows = metrics.rows.filter((r) => ids.includes(r.referral.id));
  const patients = await listAuditPatients({ referralIds: ids });
  const clockId = definition.rule.kind === "clock" ? definition.rule.clock : null;

  return (
    <div className="a4-portrait">
      <h1 className="mb-1 text-2xl font-bold">
        {definition.label}: {AUDIT_SET_LABELS[parsed.data.set]}
      </h1>
      <p className="mb-4 text-gray-800">
        {period.label}, {definition.standard}: {rows.length} referrals, clocks as at {formatDateTime(now)} (UK time).{" "}
        <Link href={`/audit?${auditPeriodSearchParams(period).toString()}`} className="no-print font-semibold text-nhs-blue underline">
          Back to the audit
        </Link>
      </p>
      <div className="overflow-x-auto rounded bg-white shadow print-fit-table">
        <table className="w-full border-collapse text-left text-sm" data-testid="audit-referrals">
          <caption className="sr-only">
            Referrals {AUDIT_SET_LABELS[parsed.data.set]} for {definition.label}, {period.label}
          </caption>
          <thead className="bg-gray-100">
            <tr>
              <th scope="col" className="p-2">
                Patient
              </th>
              <th scope="col" className="p-2">
                NHS number
              </th>
              <th scope="col" className="p-2">
                Received
              </th>
              <th scope="col" className="p-2">
                {clockId === null ? "Discharged" : "Clock start"}
              </th>
              <th scope="col" className="p-2">
                {clockId === null ? "Ambulatory at discharge" : "Clock stop"}
              </th>
              <th scope="col" className="p-2">
                {clockId === null ? "Physiotherapy and OT assessed before discharge" : "Clock status"}
              </th>
              <th scope="col" className="p-2">
                Breach reason
              </th>
            </tr>
          </thead>
          <tbody>
            {rows.length === 0 ? (
              <tr>
                <td colSpan={7} className={cellClass}>
                  No referral in this set.
                </td>
              </tr>
            ) : (
              rows.map(({ referral, clocks, discharge, assessedBeforeDischarge }) => {
                const patient = patients.get(referral.id);
                const clock = clockId === null ? undefined : clocks.find((c) => c.id === clockId);
                return (
                  <tr key={referral.id}>
                    <th scope="row" className={`${cellClass} p-2`}>
                      <Link href={`/referrals/${referral.id}`} className="font-semibold text-nhs-blue underline">
                        {patient ? `${patient.familyName.toUpperCase()}, ${patient.givenName}` : referral.id}
                      </Link>
                    </th>
                    <td className={`${cellClass} p-2 whitespace-nowrap tabular-nums`}>{patient ? formatNhsNumber(patient.nhsNumber) : "–"}</td>
                    <td className={`${cellClass} p-2 whitespace-nowrap`}>{formatDateTime(referral.receivedAt)}</td>
                    {clock === undefined ? (
                      <>
                        <td className={`${cellClass} p-2 whitespace-nowrap`}>{when(discharge?.at ?? null)}</td>
                        <td className={`${cellClass} p-2`}>{discharge === null ? "–" : DISCHARGE_LABELS[discharge.ambulatoryStatus ?? "not_recorded"]}</td>
                        <td className={`${cellClass} p-2`}>{discharge === null ? "Not discharged yet" : assessedBeforeDischarge ? "Yes" : "No"}</td>
                        <td className={`${cellClass} p-2`}>–</td>
                      </>
                    ) : (
                      <>
                        <td className={`${cellClass} p-2 whitespace-nowrap`}>{when(clock.startAt)}</td>
                        <td className={`${cellClass} p-2 whitespace-nowrap`}>{when(clock.stopAt)}</td>
                        <td className={`${cellClass} p-2`}>{CLOCK_STATUS_LABELS[clock.status]}</td>
                        <td className={`${cellClass} p-2`}>
                          {clock.status !== "breached" ? "–" : BREACH_REASON_KEY_LABELS[clock.breachReason?.reason ?? "none"]}
                          {clock.breachReason?.text ? `: ${clock.breachReason.text}` : ""}
                        </td>
                      </>
                    )}
                  </tr>
                );
              })
            )}
          </tbody>
        </table>
      </div>
    </div>
  );
}
