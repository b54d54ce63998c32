import { z } from "zod";
import {
  AUDIT_MEASURE_IDS,
  BREACH_REASON_KEYS,
  DISCHARGE_KEYS,
  ONSET_BUCKETS,
  PRESENTATION_KEYS,
  type AuditMetrics,
} from "@/lib/domain/audit-metrics";
import { CLOCK_IDS } from "@/lib/domain/clocks";
import { REFERRAL_CATEGORIES, REFERRAL_STATUSES } from "@/lib/domain/vocabulary";

/**
 * The audit's metrics as the JSON API answers them: the object the audit page shows, with instants as ISO 8601
 * and durations in milliseconds. Referrals appear by id only.
 */

const instant = z.string().meta({ format: "date-time", description: "An instant, ISO 8601 in UTC" });
const calendarDate = z.string().meta({ format: "date", description: "A London calendar date, yyyy-MM-dd" });
const count = z.number().int().min(0);
const ids = z.array(z.string().meta({ format: "uuid" }));
const ms = z.number().int().nullable();
const countsOf = <K extends string>(keys: readonly [K, ...K[]]) => z.record(z.enum(keys), count);
const asTuple = <T>(values: readonly T[]) => values as [T, ...T[]];

const measureResponse = z.object({
  id: z.enum(AUDIT_MEASURE_IDS),
  label: z.string(),
  standard: z.string().meta({ description: "The QS56 statement the measure comes from" }),
  numerator: count,
  denominator: count.meta({ description: "Clocks that started in the period and stopped or fell due (met or breached); still running ones are pending" }),
  percentage: z.number().min(0).max(100).nullable().meta({ description: "Numerator over denominator, 0 to 100; null with no denominator" }),
  breached: count,
  pending: count,
  medianMs: ms.meta({ description: "Median start to stop of the stopped clocks counted (linear between closest ranks)" }),
  p90Ms: ms.meta({ description: "90th percentile start to stop (linear between closest ranks, as PERCENTILE.INC)" }),
  timed: count.meta({ description: "How many stopped clocks the times are taken from" }),
  referralIds: z.object({ numerator: ids, denominator: ids, breached: ids, pending: ids }),
});

export const auditMetricsResponse = z.object({
  period: z.object({ kind: z.enum(["month", "quarter", "custom"]), from: calendarDate, to: calendarDate, label: z.string(), start: instant, end: instant }),
  computedAt: instant.meta({ description: "The instant every clock was computed at, as the worklist would have shown it" }),
  referralCount: count.meta({ description: "Referrals received in the period" }),
  measures: z.array(measureResponse),
  breaches: z.array(z.object({ clock: z.enum(CLOCK_IDS), reason: z.enum(asTuple(BREACH_REASON_KEYS)), count, referralIds: ids })),
  breachesByReason: z.array(z.object({ reason: z.enum(asTuple(BREACH_REASON_KEYS)).meta({ description: "none: no reason given yet" }), count })),
  arrivals: z.object({
    counts: z.array(z.array(count)).meta({ description: "counts[weekday][hour], London time, weekday 0 Monday" }),
    byWeekday: z.array(count),
    byHour: z.array(count),
    outOfHours: count.meta({ description: "Weekdays before 09:00 or from 17:00, and weekends" }),
    total: count,
  }),
  onset: z.object({
    recorded: count,
    notRecorded: count,
    medianMs: ms,
    p90Ms: ms,
    buckets: z.array(z.object({ id: z.enum(ONSET_BUCKETS.map((b) => b.id) as [string, ...string[]]), label: z.string(), count })),
  }),
  ambulatory: z.record(z.enum(asTuple(PRESENTATION_KEYS)), z.record(z.enum(asTuple(DISCHARGE_KEYS)), count)).meta({
    description: "Referrals received in the period by ambulatory status at referral, then at discharge",
  }),
  byCategory: countsOf(REFERRAL_CATEGORIES),
  byStatus: countsOf(REFERRAL_STATUSES),
  trend: z.object({
    months: z.array(z.string()),
    byMeasure: z.record(
      z.enum(AUDIT_MEASURE_IDS),
      z.array(z.object({ month: z.string(), label: z.string(), numerator: count, denominator: count, percentage: z.number().nullable() })),
    ),
  }),
});

export type AuditMetricsJson = z.infer<typeof auditMetricsResponse>;

export function auditMetricsToJson(metrics: AuditMetrics): AuditMetricsJson {
  const { rows: _rows, referralIds: _ids, period, computedAt, ...rest } = metrics;
  return { ...rest, period: { ...period, start: period.start.toISOString(), end: period.end.toISOString() }, computedAt: computedAt.toISOString() };
}
