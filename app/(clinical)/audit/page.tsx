import type { Metadata } from "next";
import { ArrivalsHeatMap } from "@/components/audit/arrivals-heat-map";
import { auditExportHref, auditMetricsHref } from "@/components/audit/audit-links";
import { AmbulatoryTable, CountsTables, OnsetTable } from "@/components/audit/audit-tables";
import { BreachReasonsChart } from "@/components/audit/breach-reasons-chart";
import { ComplianceTrendChart } from "@/components/audit/compliance-trend-chart";
import { MeasuresTable } from "@/components/audit/measures-table";
import { PeriodPicker } from "@/components/audit/period-picker";
import { InvalidListLink } from "@/components/table/invalid-link";
import { loadAuditMetrics } from "@/db/queries/audit-metrics";
import { requirePageAccess } from "@/lib/auth/guards";
import { formatDateTime, londonDate } from "@/lib/domain/time-format";
import { auditPeriodOf, auditPeriodQuery } from "@/lib/validation/audit";
import { searchParamsRecord } from "@/lib/validation/worklist";

export const metadata: Metadata = { title: "Audit" };

type SearchParams = Promise<Record<string, string | string[] | undefined>>;

/**
 * The QS56 audit of a period (issue 7), computed on the server by the worklist's own clock engine at this moment,
 * so its numbers cannot disagree with what the worklist showed. The period lives in the address. Prints on A4.
 */
export default async function AuditPage({ searchParams }: { searchParams: SearchParams }) {
  const raw = searchParamsRecord(await searchParams);
  const returnTo = `/audit${Object.keys(raw).length ? `?${new URLSearchParams(raw as Record<string, string>).toString()}` : ""}`;
  await requirePageAccess("/audit", { returnTo });
  const heading = <h1 className="mb-1 text-2xl font-bold">Audit</h1>;
  const parsed = auditPeriodQuery.safeParse(raw);
  if (!parsed.success) {
    return (
      <>
        {heading}
        <InvalidListLink what="audit" issues={parsed.error.issues} resetHref="/audit" resetLabel="Open the audit of this month" />
      </>
    );
  }
  const now = new Date();
  const period = auditPeriodOf(parsed.data, now);
  const metrics = await loadAuditMetrics({ period, now });
  const empty = metrics.referralIds.length === 0;

  return (
    <div className="a4-portrait">
      {heading}
      <p className="mb-4 text-gray-800">
        QS56 audit for <strong>{period.label}</strong>: {metrics.referralCount} referrals received. Clocks as the worklist showed them at {formatDateTime(now)} (UK time).
      </p>
      <PeriodPicker period={period} today={londonDate(now)} />
      <ul aria-label="Download" className="no-print mb-6 flex flex-wrap gap-3">
        <li>
          <a href={auditExportHref(period, "measures")} className="inline-block rounded border-2 border-nhs-blue bg-white px-3 py-2 font-semibold text-nhs-blue" download>
            Measures (CSV)
          </a>
        </li>
        <li>
          <a href={auditExportHref(period, "referrals")} className="inline-block rounded border-2 border-nhs-blue bg-white px-3 py-2 font-semibold text-nhs-blue" download>
            Referral-level data set (CSV)
          </a>
        </li>
        <li>
          <a href={auditMetricsHref(period)} className="inline-block rounded border-2 border-nhs-blue bg-white px-3 py-2 font-semibold text-nhs-blue">
            Metrics (JSON)
          </a>
        </li>
      </ul>
      {empty ? (
        <p role="status" className="mb-6 rounded border-l-8 border-nhs-blue bg-white p-4 shadow" data-testid="audit-empty">
          No referrals in this period. Choose another period above.
        </p>
      ) : null}
      <h2 className="mb-2 text-xl font-semibold">QS56 measures</h2>
      <MeasuresTable measures={metrics.measures} period={period} />
      <ComplianceTrendChart months={metrics.trend.months} byMeasure={metrics.trend.byMeasure} />
      <BreachReasonsChart byReason={metrics.breachesByReason} breaches={metrics.breaches} />
      <ArrivalsHeatMap arrivals={metrics.arrivals} />
      <div className="mb-6 grid gap-4 lg:grid-cols-2 print:grid-cols-1">
        <OnsetTable onset={metrics.onset} />
        <AmbulatoryTable ambulatory={metrics.ambulatory} />
        <CountsTables byCategory={metrics.byCategory} byStatus={metrics.byStatus} />
      </div>
    </div>
  );
}
