import { AUDIT_MEASURES, type AmbulatoryAtDischarge, type AmbulatoryAtPresentation, type AuditMetrics, type BreachReasonKey } from "@/lib/domain/audit-metrics";
import { BREACH_REASON_LABELS, CLOCK_IDS, CLOCK_LABELS, type Clock, type ClockStatus } from "@/lib/domain/clocks";
import { formatDateTime } from "@/lib/domain/time-format";
import { AMBULATORY_STATUS_LABELS, REFERRAL_CATEGORY_LABELS, REFERRAL_STATUS_LABELS } from "@/lib/domain/vocabulary";
import { toCsv } from "@/lib/worklist/csv";

/** The audit's words for what the figures count, shared by the page and the two CSV files. */
export const BREACH_REASON_KEY_LABELS: Record<BreachReasonKey, string> = { ...BREACH_REASON_LABELS, other: "Other", none: "No reason given" };

export const CLOCK_STATUS_LABELS: Record<ClockStatus, string> = {
  not_started: "Not started",
  running: "Running",
  at_risk: "At risk",
  met: "Met",
  breached: "Breached",
  not_applicable: "Not applicable",
};

export const PRESENTATION_LABELS: Record<AmbulatoryAtPresentation, string> = { ...AMBULATORY_STATUS_LABELS, not_recorded: "Not recorded" };
export const DISCHARGE_LABELS: Record<AmbulatoryAtDischarge, string> = { ...PRESENTATION_LABELS, not_discharged: "Not discharged" };

/** A duration as decimal hours, the unit a spreadsheet can sum and average. */
export function hours(ms: number | null): string | null {
  return ms === null ? null : (ms / 3_600_000).toFixed(2);
}

export const AUDIT_MEASURES_CSV_HEADER = [
  "Period",
  "From",
  "To",
  "Measure",
  "Standard",
  "Numerator",
  "Denominator",
  "Percentage",
  "Breached",
  "Pending (still running)",
  "Median start to stop (hours)",
  "90th percentile start to stop (hours)",
  "Clocks timed",
  "Computed at (UK time)",
] as const;

/** One row per QS56 measure of the period. */
export function auditMeasuresCsv(metrics: AuditMetrics): string {
  const { period } = metrics;
  return toCsv([
    AUDIT_MEASURES_CSV_HEADER,
    ...metrics.measures.map((m) => [
      period.label,
      period.from,
      period.to,
      m.label,
      AUDIT_MEASURES[m.id].standard,
      m.numerator,
      m.denominator,
      m.percentage === null ? null : m.percentage.toFixed(1),
      m.breached,
      m.pending,
      hours(m.medianMs),
      hours(m.p90Ms),
      m.timed,
      formatDateTime(metrics.computedAt),
    ]),
  ]);
}

const CLOCK_COLUMNS = ["start", "due", "stop", "status", "breach reason"] as const;

export const AUDIT_REFERRALS_CSV_HEADER = [
  "Referral id",
  "Category",
  "Status",
  "Received (UK time)",
  "Neurology onset (UK time)",
  "Ambulatory at referral",
  "Discharged (UK time)",
  "Ambulatory at discharge",
  ...CLOCK_IDS.flatMap((id) => CLOCK_COLUMNS.map((column) => `${CLOCK_LABELS[id]}: ${column}${column === "status" || column === "breach reason" ? "" : " (UK time)"}`)),
];

const when = (instant: Date | null) => (instant === null ? null : formatDateTime(instant));

function clockCells(clock: Clock | undefined): (string | null)[] {
  if (clock === undefined) return [null, null, null, null, null];
  const reason = clock.breachReason === null ? (clock.status === "breached" ? BREACH_REASON_KEY_LABELS.none : null) : BREACH_REASON_KEY_LABELS[clock.breachReason.reason] + (clock.breachReason.text ? `: ${clock.breachReason.text}` : "");
  return [when(clock.startAt), when(clock.dueAt), when(clock.stopAt), CLOCK_STATUS_LABELS[clock.status], reason];
}

/**
 * The referral-level data set: one row per referral any figure of the period counts, every clock's instants and
 * state as the worklist computed them at the same moment. Referral ids only: no name or NHS number.
 */
export function auditReferralsCsv(metrics: AuditMetrics): string {
  return toCsv([
    AUDIT_REFERRALS_CSV_HEADER,
    ...metrics.rows.map(({ referral, clocks, discharge }) => [
      referral.id,
      REFERRAL_CATEGORY_LABELS[referral.category],
      REFERRAL_STATUS_LABELS[referral.status],
      formatDateTime(referral.receivedAt),
      when(referral.neurologyOnsetAt),
      PRESENTATION_LABELS[referral.ambulatoryStatus ?? "not_recorded"],
      when(discharge?.at ?? null),
      discharge === null ? DISCHARGE_LABELS.not_discharged : DISCHARGE_LABELS[discharge.ambulatoryStatus ?? "not_recorded"],
      ...CLOCK_IDS.flatMap((id) => clockCells(clocks.find((c) => c.id === id))),
    ]),
  ]);
}
