import { z } from "zod";
import { AUDIT_MEASURE_IDS, AUDIT_SETS, AUDIT_YEARS, customPeriod, monthOf, monthPeriod, quarterOf, quarterPeriod, type AuditPeriod } from "@/lib/domain/audit-metrics";
import { addCalendarDays, londonDate } from "@/lib/domain/time-format";

/**
 * The audit's period as a query string, read by these schemas on the page, the drill-down, the JSON API and the
 * export: `period=2026-11` (a month), `period=2026-Q4` (a quarter), or `period=custom&from=2026-11-01&to=2026-11-15`
 * (London calendar dates, both included). No period: the current month in London.
 */

// Custom periods of up to about three years: enough for any audit, and bounded work for the server.
const MAX_CUSTOM_DAYS = 1100;

const blankToUndefined = (v: unknown) => (v === "" ? undefined : v);

const isoDate = (label: string) =>
  z.preprocess(
    blankToUndefined,
    z
      .string({ error: `${label}: a date as yyyy-MM-dd` })
      // Each check stops the rest: zod runs every refinement by default, and the calendar arithmetic below throws
      // on what is not a yyyy-MM-dd date in these years (a 500, found by the hostile-input property test).
      .regex(/^\d{4}-\d{2}-\d{2}$/, { message: `${label}: a date as yyyy-MM-dd`, abort: true })
      .refine((s) => s >= `${AUDIT_YEARS.first}-01-01` && s <= `${AUDIT_YEARS.last}-12-31`, {
        message: `${label}: a date in the years ${AUDIT_YEARS.first} to ${AUDIT_YEARS.last}`,
        abort: true,
      })
      .refine((s) => addCalendarDays(s, 0) === s, `${label}: not a real date`)
      .optional(),
  );

const periodShape = {
  period: z.preprocess(
    blankToUndefined,
    z
      .string({ error: "Period: a month (2026-11), a quarter (2026-Q4) or custom" })
      .refine(
        (s) => s === "custom" || monthPeriod(s) !== null || quarterPeriod(s) !== null,
        `Period: a month (2026-11), a quarter (2026-Q4) or custom, in the years ${AUDIT_YEARS.first} to ${AUDIT_YEARS.last}`,
      )
      .optional(),
  ),
  from: isoDate("From"),
  to: isoDate("To"),
};

interface PeriodFields {
  period?: string;
  from?: string;
  to?: string;
}

function checkPeriod(v: PeriodFields, ctx: z.RefinementCtx): void {
  if (v.period !== undefined && v.period !== "custom") return;
  if (v.period === undefined && v.from === undefined && v.to === undefined) return;
  if (v.from === undefined) ctx.addIssue({ code: "custom", path: ["from"], message: "From: give the first date of the custom period" });
  if (v.to === undefined) ctx.addIssue({ code: "custom", path: ["to"], message: "To: give the last date of the custom period" });
  if (v.from === undefined || v.to === undefined) return;
  if (v.from > v.to) ctx.addIssue({ code: "custom", path: ["to"], message: "To: the last date must be on or after the first" });
  else if (addCalendarDays(v.from, MAX_CUSTOM_DAYS) < v.to) ctx.addIssue({ code: "custom", path: ["to"], message: `To: a custom period of at most ${MAX_CUSTOM_DAYS} days` });
}

export const auditPeriodQuery = z.object(periodShape).superRefine(checkPeriod);

export const AUDIT_DATASETS = ["measures", "referrals"] as const;
export type AuditDataset = (typeof AUDIT_DATASETS)[number];

export const auditExportQuery = z
  .object({ ...periodShape, dataset: z.enum(AUDIT_DATASETS, { error: "Data set: measures or referrals" }).default("measures") })
  .superRefine(checkPeriod);

export const auditReferralsQuery = z
  .object({
    ...periodShape,
    measure: z.enum(AUDIT_MEASURE_IDS, { error: "Measure: one of the audit's measures" }),
    set: z.enum(AUDIT_SETS, { error: "Set: numerator, denominator, breached or pending" }).default("numerator"),
  })
  .superRefine(checkPeriod);

/** The period a checked query names, the current London month when it names none. */
export function auditPeriodOf(query: PeriodFields, now: Date): AuditPeriod {
  if (query.period === undefined && query.from === undefined) return monthPeriod(monthOf(londonDate(now))) as AuditPeriod;
  if (query.period === undefined || query.period === "custom") return customPeriod(query.from as string, query.to as string);
  return monthPeriod(query.period) ?? (quarterPeriod(query.period) as AuditPeriod);
}

/** The period as query parameters, for links that keep it. */
export function auditPeriodSearchParams(period: AuditPeriod): URLSearchParams {
  switch (period.kind) {
    case "month":
      return new URLSearchParams({ period: monthOf(period.from) });
    case "quarter":
      return new URLSearchParams({ period: quarterOf(period.from) });
    case "custom":
      return new URLSearchParams({ period: "custom", from: period.from, to: period.to });
  }
}
