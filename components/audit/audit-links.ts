import type { AuditMeasureId, AuditPeriod, AuditSet } from "@/lib/domain/audit-metrics";
import { auditPeriodSearchParams } from "@/lib/validation/audit";

/** The referrals behind one number of the audit, keeping its period. */
export function auditReferralsHref(period: AuditPeriod, measure: AuditMeasureId, set: AuditSet): string {
  const params = auditPeriodSearchParams(period);
  params.set("measure", measure);
  params.set("set", set);
  return `/audit/referrals?${params.toString()}`;
}

export function auditExportHref(period: AuditPeriod, dataset: "measures" | "referrals"): string {
  const params = auditPeriodSearchParams(period);
  params.set("dataset", dataset);
  return `/api/v1/audit/export?${params.toString()}`;
}

export function auditMetricsHref(period: AuditPeriod): string {
  return `/api/v1/audit/metrics?${auditPeriodSearchParams(period).toString()}`;
}
