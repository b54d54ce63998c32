/**
 * The QS56 audit (pathway.md "Audit"; issue 7): each measure as numerator / denominator with its times, and the
 * service figures around them. Every clock comes from computeClocks, the worklist's own engine, at the same `now`,
 * so the audit can never disagree with what the worklist showed. Pure: the caller loads the referrals.
 */
import { BREACH_REASONS, buildTimeline, CLOCK_IDS, computeClocks, type BreachReason, type Clock, type ClockEvent, type ClockId, type SettingsVersion, type TimelineEvent } from "./clocks";
import { addCalendarDays, parseLondonLocalDateTime, toLondonLocalInput } from "./time-format";
import { AMBULATORY_STATUSES, REFERRAL_CATEGORIES, REFERRAL_STATUSES, type AmbulatoryStatus, type ReferralCategory, type ReferralStatus } from "./vocabulary";

const HOUR_MS = 3_600_000;
const DAY_MS = 24 * HOUR_MS;

export interface AuditReferral {
  id: string;
  category: ReferralCategory;
  status: ReferralStatus;
  receivedAt: Date;
  neurologyOnsetAt: Date | null;
  ambulatoryStatus: AmbulatoryStatus | null;
  events: readonly ClockEvent[];
}

// ---- Periods: London calendar dates, both ends included ----

export type AuditPeriodKind = "month" | "quarter" | "custom";

export interface AuditPeriod {
  kind: AuditPeriodKind;
  /** First and last London calendar dates of the period (yyyy-MM-dd), both included. */
  from: string;
  to: string;
  label: string;
}

const MONTH_NAMES = ["January", "February", "March", "April", "May", "June", "July", "August", "September", "October", "November", "December"];

/**
 * The years an audit period may fall in, for months, quarters and custom dates alike. Dates outside them break the
 * calendar arithmetic (JavaScript reads years 0-99 as 1900-1999; 9999-12-31 has no next day in yyyy-MM-dd).
 */
export const AUDIT_YEARS = { first: 2000, last: 2999 } as const;

const auditYear = (year: number) => year >= AUDIT_YEARS.first && year <= AUDIT_YEARS.last;

/** "2026-11": November 2026. Null for anything else, and for a year outside AUDIT_YEARS. */
export function monthPeriod(month: string): AuditPeriod | null {
  const m = /^(\d{4})-(0[1-9]|1[0-2])$/.exec(month);
  if (!m) return null;
  const [year, number] = [Number(m[1]), Number(m[2])];
  if (!auditYear(year)) return null;
  return { kind: "month", from: `${month}-01`, to: lastDayOfMonth(year, number), label: `${MONTH_NAMES[number - 1]} ${year}` };
}

/** "2026-Q4": October to December 2026. Null for anything else, and for a year outside AUDIT_YEARS. */
export function quarterPeriod(quarter: string): AuditPeriod | null {
  const m = /^(\d{4})-Q([1-4])$/.exec(quarter);
  if (!m) return null;
  const [year, q] = [Number(m[1]), Number(m[2])];
  if (!auditYear(year)) return null;
  const first = (q - 1) * 3 + 1;
  return {
    kind: "quarter",
    from: `${year}-${String(first).padStart(2, "0")}-01`,
    to: lastDayOfMonth(year, first + 2),
    label: `Q${q} ${year} (${MONTH_NAMES[first - 1]} to ${MONTH_NAMES[first + 1]})`,
  };
}

export function customPeriod(from: string, to: string): AuditPeriod {
  return { kind: "custom", from, to, label: `${dmy(from)} to ${dmy(to)}` };
}

/** The month (yyyy-MM) that holds a London calendar date. */
export function monthOf(isoDate: string): string {
  return isoDate.slice(0, 7);
}

/** The quarter (yyyy-Qn) that holds a London calendar date. */
export function quarterOf(isoDate: string): string {
  return `${isoDate.slice(0, 4)}-Q${Math.floor((Number(isoDate.slice(5, 7)) - 1) / 3) + 1}`;
}

/** The instants a period covers: from London midnight at its first date to London midnight after its last. */
export function periodWindow(period: { from: string; to: string }): { start: Date; end: Date } {
  return { start: londonMidnight(period.from), end: londonMidnight(addCalendarDays(period.to, 1)) };
}

/** The `count` months ending with the one that holds `isoDate`, oldest first, as yyyy-MM. */
export function monthsEnding(isoDate: string, count: number): string[] {
  const [year, month] = [Number(isoDate.slice(0, 4)), Number(isoDate.slice(5, 7))];
  return Array.from({ length: count }, (_, i) => {
    const d = new Date(Date.UTC(year, month - 1 - (count - 1 - i), 1));
    return d.toISOString().slice(0, 7);
  });
}

function lastDayOfMonth(year: number, month: number): string {
  return new Date(Date.UTC(year, month, 0)).toISOString().slice(0, 10);
}

function dmy(isoDate: string): string {
  return `${isoDate.slice(8, 10)}/${isoDate.slice(5, 7)}/${isoDate.slice(0, 4)}`;
}

// Midnight exists on every London date (the clocks change at 01:00 UTC), so this never lands in a skipped hour.
function londonMidnight(isoDate: string): Date {
  const instant = parseLondonLocalDateTime(`${isoDate}T00:00`);
  if (instant === null) throw new Error(`not a calendar date: ${isoDate}`);
  return instant;
}

// ---- Measures ----

export const AUDIT_MEASURE_IDS = [
  "mri_suspected_mscc",
  "plan_suspected_mscc",
  "mri_pain_only",
  "plan_pain_only",
  "radiotherapy",
  "coordinator_assessment",
  "rehabilitation_at_discharge",
] as const;
export type AuditMeasureId = (typeof AUDIT_MEASURE_IDS)[number];

export const AUDIT_SETS = ["numerator", "denominator", "breached", "pending"] as const;
export type AuditSet = (typeof AUDIT_SETS)[number];

export const AUDIT_SET_LABELS: Record<AuditSet, string> = {
  numerator: "met the standard",
  denominator: "counted (met or breached)",
  breached: "breached",
  pending: "still running (pending)",
};

interface ClockMeasure {
  kind: "clock";
  clock: ClockId;
  /** Null: every category. */
  category: ReferralCategory | null;
}

export const AUDIT_MEASURES: Record<AuditMeasureId, { label: string; standard: string; rule: ClockMeasure | { kind: "rehabilitation" } }> = {
  mri_suspected_mscc: {
    label: "MRI within 24 hours, suspected MSCC",
    standard: "QS56 statement 3",
    rule: { kind: "clock", clock: "mri", category: "suspected_mscc" },
  },
  plan_suspected_mscc: {
    label: "Treatment plan within 24 hours, suspected MSCC",
    standard: "QS56 statement 3",
    rule: { kind: "clock", clock: "treatment_plan", category: "suspected_mscc" },
  },
  mri_pain_only: {
    label: "MRI within 1 week, suspected spinal metastases (pain only)",
    standard: "QS56 statement 2",
    rule: { kind: "clock", clock: "mri", category: "suspected_spinal_metastases" },
  },
  plan_pain_only: {
    label: "Treatment plan within 1 week, suspected spinal metastases (pain only)",
    standard: "QS56 statement 2",
    rule: { kind: "clock", clock: "treatment_plan", category: "suspected_spinal_metastases" },
  },
  radiotherapy: {
    label: "Radiotherapy within 24 hours of the decision to treat",
    standard: "QS56 statement 6",
    rule: { kind: "clock", clock: "radiotherapy", category: null },
  },
  // QS56: the MSCC coordinator assesses the need for investigations. What counts is the triage clock: the first
  // "triaged" event left standing after corrections, within the triage target in force at receipt (local practice).
  coordinator_assessment: {
    label: "Coordinator assessed the need for investigations within the triage target",
    standard: "QS56 (MSCC coordinator); triage target local practice",
    rule: { kind: "clock", clock: "triage", category: null },
  },
  rehabilitation_at_discharge: {
    label: "Discharged with a rehabilitation assessment (physiotherapy and occupational therapy)",
    standard: "QS56 statement 7",
    rule: { kind: "rehabilitation" },
  },
};

export interface MeasureResult {
  id: AuditMeasureId;
  label: string;
  standard: string;
  numerator: number;
  denominator: number;
  /** 0 to 100; null with no denominator. */
  percentage: number | null;
  breached: number;
  pending: number;
  /** Start to stop of the stopped clocks counted; null with none (and for the discharge measure, which has no clock). */
  medianMs: number | null;
  p90Ms: number | null;
  timed: number;
  referralIds: Record<AuditSet, string[]>;
}

/** One referral with its clocks at `now` and what its corrected timeline says about discharge. */
export interface AuditedReferral {
  referral: AuditReferral;
  clocks: Clock[];
  discharge: { at: Date; ambulatoryStatus: AmbulatoryStatus | null } | null;
  assessedBeforeDischarge: boolean;
}

export function auditReferral(referral: AuditReferral, settingsHistory: readonly SettingsVersion[], now: Date): AuditedReferral {
  const clocks = computeClocks({ category: referral.category, receivedAt: referral.receivedAt, events: referral.events, settingsHistory }, now);
  const timeline = buildTimeline(referral.events);
  const discharged = timeline.find((e) => e.type === "discharged");
  const discharge = discharged === undefined ? null : { at: discharged.at, ambulatoryStatus: ambulatoryOf(discharged.data.ambulatoryStatus) };
  return { referral, clocks, discharge, assessedBeforeDischarge: discharged !== undefined && assessedBy(timeline, discharged) };
}

/**
 * QS56 statement 7 asks that people with MSCC are discharged with an assessment of their rehabilitation and ongoing
 * care needs; pathway.md's checklist starts with the physiotherapy and occupational therapy assessments, which
 * together make that assessment. Both must be recorded at or before the discharge. The discharge itself stops
 * their clocks (issue 6), so a stopped clock is no evidence of an assessment: the events are.
 */
function assessedBy(timeline: readonly TimelineEvent[], discharged: TimelineEvent): boolean {
  const before = (type: TimelineEvent["type"]) => timeline.some((e) => e.type === type && e.at.getTime() <= discharged.at.getTime());
  return before("physiotherapy_assessed") && before("occupational_therapy_assessed");
}

function ambulatoryOf(value: unknown): AmbulatoryStatus | null {
  return typeof value === "string" && (AMBULATORY_STATUSES as readonly string[]).includes(value) ? (value as AmbulatoryStatus) : null;
}

type Outcome = "met" | "breached" | "pending";

/**
 * Cohort (QS56 measures are counted by the month the clock started): a clock belongs to the period when it started
 * in it, London calendar dates, both ends included. Triage, MRI and plan start at receipt; radiotherapy at the
 * decision to treat. A clock stopped in time is met; stopped late, or unstopped and past due, it is breached, as on
 * the worklist (a referral withdrawn before its MRI stays a breach: its coded reason says why). A clock still
 * running is not in the denominator: it is counted as pending until it stops or falls due.
 */
function clockOutcome(clock: Clock, window: { start: Date; end: Date }): Outcome | null {
  if (clock.startAt === null || clock.startAt < window.start || clock.startAt >= window.end) return null;
  switch (clock.status) {
    case "met":
      return "met";
    case "breached":
      return "breached";
    case "running":
    case "at_risk":
      return "pending";
    case "not_started":
    case "not_applicable":
      return null;
    default:
      return assertNever(clock.status);
  }
}

/**
 * The discharge measure's cohort is the referrals received in the period (the page's referral cohort) that have
 * been discharged; those still on the rehabilitation step are pending.
 */
function rehabilitationOutcome(row: AuditedReferral, window: { start: Date; end: Date }): Outcome | null {
  if (!inWindow(row.referral.receivedAt, window)) return null;
  if (row.discharge !== null) return row.assessedBeforeDischarge ? "met" : "breached";
  return row.referral.status === "rehabilitation" ? "pending" : null;
}

export function evaluateMeasure(id: AuditMeasureId, rows: readonly AuditedReferral[], window: { start: Date; end: Date }): MeasureResult {
  const definition = AUDIT_MEASURES[id];
  const ids: Record<AuditSet, string[]> = { numerator: [], denominator: [], breached: [], pending: [] };
  const times: number[] = [];
  for (const row of rows) {
    let outcome: Outcome | null;
    const rule = definition.rule;
    if (rule.kind === "clock") {
      if (rule.category !== null && row.referral.category !== rule.category) continue;
      const clock = row.clocks.find((c) => c.id === rule.clock);
      outcome = clock === undefined ? null : clockOutcome(clock, window);
      if (clock?.startAt && clock.stopAt && (outcome === "met" || outcome === "breached")) times.push(clock.stopAt.getTime() - clock.startAt.getTime());
    } else {
      outcome = rehabilitationOutcome(row, window);
    }
    if (outcome === null) continue;
    const id = row.referral.id;
    if (outcome === "pending") ids.pending.push(id);
    else {
      ids.denominator.push(id);
      (outcome === "met" ? ids.numerator : ids.breached).push(id);
    }
  }
  const sorted = times.sort((a, b) => a - b);
  return {
    id,
    label: definition.label,
    standard: definition.standard,
    numerator: ids.numerator.length,
    denominator: ids.denominator.length,
    percentage: ids.denominator.length === 0 ? null : (100 * ids.numerator.length) / ids.denominator.length,
    breached: ids.breached.length,
    pending: ids.pending.length,
    medianMs: percentile(sorted, 0.5),
    p90Ms: percentile(sorted, 0.9),
    timed: sorted.length,
    referralIds: ids,
  };
}

/**
 * The p-quantile of ascending values by linear interpolation between the closest ranks (rank p * (n - 1), counted
 * from 0): spreadsheets' PERCENTILE.INC and PostgreSQL's percentile_cont, so anyone can check a figure. Whole ms.
 */
export function percentile(ascending: readonly number[], p: number): number | null {
  if (ascending.length === 0) return null;
  const rank = p * (ascending.length - 1);
  const low = Math.floor(rank);
  const lower = ascending[low] as number;
  const upper = ascending[Math.min(low + 1, ascending.length - 1)] as number;
  return Math.round(lower + (upper - lower) * (rank - low));
}

// ---- The figures around the measures ----

export type BreachReasonKey = BreachReason | "none";
export const BREACH_REASON_KEYS: readonly BreachReasonKey[] = [...BREACH_REASONS, "none"];

export interface BreachRow {
  clock: ClockId;
  reason: BreachReasonKey;
  count: number;
  referralIds: string[];
}

/** Every breached clock that started in the period, by clock and coded reason ("none": no reason given yet). */
export function breachesByReason(rows: readonly AuditedReferral[], window: { start: Date; end: Date }): BreachRow[] {
  const found = new Map<string, BreachRow>();
  for (const row of rows) {
    for (const clock of row.clocks) {
      if (clock.status !== "breached" || clock.startAt === null || !inWindow(clock.startAt, window)) continue;
      const reason: BreachReasonKey = clock.breachReason?.reason ?? "none";
      const key = `${clock.id}:${reason}`;
      const entry = found.get(key) ?? { clock: clock.id, reason, count: 0, referralIds: [] };
      entry.count++;
      entry.referralIds.push(row.referral.id);
      found.set(key, entry);
    }
  }
  return [...found.values()].sort((a, b) => CLOCK_IDS.indexOf(a.clock) - CLOCK_IDS.indexOf(b.clock) || BREACH_REASON_KEYS.indexOf(a.reason) - BREACH_REASON_KEYS.indexOf(b.reason));
}

export const WEEKDAYS = ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"] as const;

/** London weekday (0 Monday to 6 Sunday) and hour (0 to 23) of an instant. */
export function londonWeekdayHour(instant: Date): { weekday: number; hour: number } {
  const local = toLondonLocalInput(instant);
  const weekday = (new Date(`${local.slice(0, 10)}T00:00:00Z`).getUTCDay() + 6) % 7;
  return { weekday, hour: Number(local.slice(11, 13)) };
}

/** Out of hours: before 09:00 or from 17:00 on a weekday, or at the weekend (London time). */
export function isOutOfHours(at: { weekday: number; hour: number }): boolean {
  return at.weekday >= 5 || at.hour < 9 || at.hour >= 17;
}

export interface ArrivalPattern {
  /** counts[weekday][hour], weekday 0 Monday. */
  counts: number[][];
  byWeekday: number[];
  byHour: number[];
  outOfHours: number;
  total: number;
}

export function arrivalPattern(referrals: readonly AuditReferral[]): ArrivalPattern {
  const counts = WEEKDAYS.map(() => Array.from({ length: 24 }, () => 0));
  let outOfHours = 0;
  for (const r of referrals) {
    const at = londonWeekdayHour(r.receivedAt);
    (counts[at.weekday] as number[])[at.hour]!++;
    if (isOutOfHours(at)) outOfHours++;
  }
  const byWeekday = counts.map((hours) => hours.reduce((a, b) => a + b, 0));
  const byHour = Array.from({ length: 24 }, (_, h) => counts.reduce((sum, hours) => sum + (hours[h] as number), 0));
  return { counts, byWeekday, byHour, outOfHours, total: referrals.length };
}

export const ONSET_BUCKETS = [
  { id: "under_24h", label: "Under 24 hours", upToMs: DAY_MS },
  { id: "24_to_72h", label: "24 to 72 hours", upToMs: 3 * DAY_MS },
  { id: "3_to_7_days", label: "3 to 7 days", upToMs: 7 * DAY_MS },
  { id: "over_7_days", label: "Over 7 days", upToMs: Number.POSITIVE_INFINITY },
] as const;

export interface OnsetToReferral {
  recorded: number;
  notRecorded: number;
  medianMs: number | null;
  p90Ms: number | null;
  buckets: { id: (typeof ONSET_BUCKETS)[number]["id"]; label: string; count: number }[];
}

/** Neurological symptom onset to receipt, for the referrals that record an onset (an onset after receipt counts as 0). */
export function onsetToReferral(referrals: readonly AuditReferral[]): OnsetToReferral {
  const delays = referrals
    .flatMap((r) => (r.neurologyOnsetAt === null ? [] : [Math.max(0, r.receivedAt.getTime() - r.neurologyOnsetAt.getTime())]))
    .sort((a, b) => a - b);
  return {
    recorded: delays.length,
    notRecorded: referrals.length - delays.length,
    medianMs: percentile(delays, 0.5),
    p90Ms: percentile(delays, 0.9),
    buckets: ONSET_BUCKETS.map((bucket, i) => {
      const from = i === 0 ? 0 : (ONSET_BUCKETS[i - 1] as { upToMs: number }).upToMs;
      return { id: bucket.id, label: bucket.label, count: delays.filter((d) => d >= from && d < bucket.upToMs).length };
    }),
  };
}

export type AmbulatoryAtPresentation = AmbulatoryStatus | "not_recorded";
export type AmbulatoryAtDischarge = AmbulatoryStatus | "not_recorded" | "not_discharged";
export const PRESENTATION_KEYS: readonly AmbulatoryAtPresentation[] = [...AMBULATORY_STATUSES, "not_recorded"];
export const DISCHARGE_KEYS: readonly AmbulatoryAtDischarge[] = [...AMBULATORY_STATUSES, "not_recorded", "not_discharged"];

/** Ambulatory status at referral against at discharge (the discharged event's own record), for the referral cohort. */
export function ambulatoryOutcome(rows: readonly AuditedReferral[]): Record<AmbulatoryAtPresentation, Record<AmbulatoryAtDischarge, number>> {
  const table = Object.fromEntries(PRESENTATION_KEYS.map((p) => [p, Object.fromEntries(DISCHARGE_KEYS.map((d) => [d, 0]))])) as Record<
    AmbulatoryAtPresentation,
    Record<AmbulatoryAtDischarge, number>
  >;
  for (const row of rows) {
    const presentation = row.referral.ambulatoryStatus ?? "not_recorded";
    const discharge: AmbulatoryAtDischarge = row.discharge === null ? "not_discharged" : (row.discharge.ambulatoryStatus ?? "not_recorded");
    table[presentation][discharge]++;
  }
  return table;
}

function countBy<K extends string>(keys: readonly K[], values: readonly K[]): Record<K, number> {
  const counts = Object.fromEntries(keys.map((k) => [k, 0])) as Record<K, number>;
  for (const v of values) counts[v]++;
  return counts;
}

// ---- Everything the page, the JSON API and the CSV show ----

export interface TrendPoint {
  month: string;
  label: string;
  numerator: number;
  denominator: number;
  percentage: number | null;
}

export interface AuditMetrics {
  period: AuditPeriod & { start: Date; end: Date };
  computedAt: Date;
  measures: MeasureResult[];
  /** Referrals received in the period: the cohort of the figures below. */
  referralCount: number;
  /** Every referral any figure counts (received in the period, or with a measured clock started in it). */
  referralIds: string[];
  breaches: BreachRow[];
  breachesByReason: { reason: BreachReasonKey; count: number }[];
  arrivals: ArrivalPattern;
  onset: OnsetToReferral;
  ambulatory: Record<AmbulatoryAtPresentation, Record<AmbulatoryAtDischarge, number>>;
  byCategory: Record<ReferralCategory, number>;
  byStatus: Record<ReferralStatus, number>;
  /** Each measure's percentage by month over the 12 months ending with the period's last month. */
  trend: { months: string[]; byMeasure: Record<AuditMeasureId, TrendPoint[]> };
  /** Each referral's clocks, for the referral-level data set and the drill-down. */
  rows: AuditedReferral[];
}

export const TREND_MONTHS = 12;

/** The earliest instant the trend or the period reaches back to: the loader needs every referral from there on. */
export function auditWindowStart(period: { from: string }, to: string): Date {
  const first = monthsEnding(to, TREND_MONTHS)[0] as string;
  const start = `${first}-01` < period.from ? `${first}-01` : period.from;
  return periodWindow({ from: start, to: start }).start;
}

export function computeAuditMetrics(input: {
  referrals: readonly AuditReferral[];
  settingsHistory: readonly SettingsVersion[];
  period: AuditPeriod;
  now: Date;
}): AuditMetrics {
  const window = periodWindow(input.period);
  const rows = input.referrals.map((r) => auditReferral(r, input.settingsHistory, input.now));
  const received = rows.filter((row) => inWindow(row.referral.receivedAt, window));
  const measures = AUDIT_MEASURE_IDS.map((id) => evaluateMeasure(id, rows, window));
  const breaches = breachesByReason(rows, window);
  const counted = new Set<string>([...received.map((r) => r.referral.id), ...measures.flatMap((m) => [...m.referralIds.denominator, ...m.referralIds.pending])]);

  const months = monthsEnding(input.period.to, TREND_MONTHS);
  const byMeasure = Object.fromEntries(AUDIT_MEASURE_IDS.map((id) => [id, [] as TrendPoint[]])) as Record<AuditMeasureId, TrendPoint[]>;
  for (const month of months) {
    const period = monthPeriod(month) as AuditPeriod;
    const monthWindow = periodWindow(period);
    for (const id of AUDIT_MEASURE_IDS) {
      const m = evaluateMeasure(id, rows, monthWindow);
      byMeasure[id].push({ month, label: period.label, numerator: m.numerator, denominator: m.denominator, percentage: m.percentage });
    }
  }

  return {
    period: { ...input.period, ...window },
    computedAt: input.now,
    measures,
    referralCount: received.length,
    referralIds: rows.filter((r) => counted.has(r.referral.id)).map((r) => r.referral.id),
    breaches,
    breachesByReason: BREACH_REASON_KEYS.map((reason) => ({ reason, count: breaches.filter((b) => b.reason === reason).reduce((sum, b) => sum + b.count, 0) })),
    arrivals: arrivalPattern(received.map((r) => r.referral)),
    onset: onsetToReferral(received.map((r) => r.referral)),
    ambulatory: ambulatoryOutcome(received),
    byCategory: countBy(REFERRAL_CATEGORIES, received.map((r) => r.referral.category)),
    byStatus: countBy(REFERRAL_STATUSES, received.map((r) => r.referral.status)),
    trend: { months, byMeasure },
    rows: rows.filter((r) => counted.has(r.referral.id)),
  };
}

function inWindow(instant: Date, window: { start: Date; end: Date }): boolean {
  return instant >= window.start && instant < window.end;
}

function assertNever(value: never): never {
  throw new Error(`Unhandled value: ${JSON.stringify(value)}`);
}
