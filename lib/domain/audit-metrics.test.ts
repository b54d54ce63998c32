import { describe, expect, it } from "vitest";
import {
  arrivalPattern,
  computeAuditMetrics,
  customPeriod,
  isOutOfHours,
  londonWeekdayHour,
  monthPeriod,
  monthsEnding,
  onsetToReferral,
  percentile,
  periodWindow,
  quarterPeriod,
  type AuditMeasureId,
  type AuditReferral,
} from "./audit-metrics";
import { DEFAULT_PATHWAY_SETTINGS, type ClockEvent, type SettingsVersion } from "./clocks";
import type { ReferralEventType } from "./referral-events";

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;

const NOVEMBER = monthPeriod("2026-11")!;
/** Late in November: every November clock has had time to stop or fall due, unless a fixture keeps it running. */
const NOW = new Date("2026-11-30T12:00:00Z");

let nextId = 0;
function event(type: ReferralEventType, at: Date, data: Record<string, unknown> = {}): ClockEvent {
  return { id: `event-${++nextId}`, type, occurredAt: at, data };
}
const after = (start: Date, ms: number) => new Date(start.getTime() + ms);

function referral(name: string, o: Partial<Omit<AuditReferral, "events">> & { receivedAt: Date; events?: (received: Date) => ClockEvent[] }): AuditReferral {
  return {
    id: name,
    category: o.category ?? "suspected_mscc",
    status: o.status ?? "in_treatment",
    receivedAt: o.receivedAt,
    neurologyOnsetAt: o.neurologyOnsetAt ?? null,
    ambulatoryStatus: o.ambulatoryStatus ?? null,
    events: [event("received", o.receivedAt), ...(o.events?.(o.receivedAt) ?? [])],
  };
}

// Named fixtures: suspected MSCC referrals received in November (London), each exercising one rule.
const R = new Date("2026-11-10T09:00:00Z");
const mriIn6h = referral("mri-in-6h", { receivedAt: R, events: (r) => [event("triaged", after(r, 30 * MINUTE)), event("imaging_performed", after(r, 6 * HOUR), { modality: "mri_whole_spine" })] });
const mriIn30h = referral("mri-in-30h", {
  receivedAt: after(R, DAY),
  events: (r) => [
    event("triaged", after(r, 2 * HOUR)),
    event("imaging_performed", after(r, 30 * HOUR), { modality: "mri_whole_spine" }),
    event("breach_reason", after(r, 30 * HOUR), { clock: "mri", reason: "mri_capacity" }),
  ],
});
const mriIn10h = referral("mri-in-10h", { receivedAt: after(R, 2 * DAY), events: (r) => [event("triaged", after(r, 20 * MINUTE)), event("imaging_performed", after(r, 10 * HOUR), { modality: "mri_whole_spine" })] });
// No MRI and long past due: a breach with no reason given.
const mriNever = referral("mri-never", { receivedAt: after(R, 3 * DAY), events: (r) => [event("triaged", after(r, 40 * MINUTE))] });
// Received half an hour before NOW: its clocks are still running (pending, not in the denominator).
const justReceived = referral("just-received", { receivedAt: after(NOW, -30 * MINUTE), status: "new" });
// An MRI event withdrawn by a correction does not stop the clock.
const retractedMri = (() => {
  const mri = event("imaging_performed", after(R, 5 * HOUR), { modality: "mri_whole_spine" });
  return referral("retracted-mri", {
    receivedAt: after(R, 4 * DAY),
    events: () => [mri, { id: "correction-1", type: "correction", occurredAt: after(R, 4 * DAY + 6 * HOUR), data: { retract: true }, correctsEventId: mri.id }],
  });
})();
// Received in October: outside November's cohort.
const october = referral("october", { receivedAt: new Date("2026-10-20T10:00:00Z"), events: (r) => [event("imaging_performed", after(r, 2 * HOUR), { modality: "mri_whole_spine" })] });
// Pain only, MRI on day 5: within the week.
const painOnly = referral("pain-only", {
  category: "suspected_spinal_metastases",
  receivedAt: after(R, 5 * DAY),
  events: (r) => [event("triaged", after(r, 3 * HOUR)), event("imaging_performed", after(r, 5 * DAY), { modality: "mri_whole_spine" })],
});
// Received in October, radiotherapy decided in November and given 20 h later: the radiotherapy clock is November's.
const radiotherapyDecidedInNovember = referral("rt-november", {
  receivedAt: new Date("2026-10-30T10:00:00Z"),
  events: () => [
    event("decision", new Date("2026-11-02T10:00:00Z"), { decision: "radiotherapy_planned" }),
    event("treatment_started", new Date("2026-11-03T06:00:00Z"), { treatment: "radiotherapy" }),
  ],
});
// Discharged with both assessments before the discharge, and one discharged with the OT assessment missing.
const dischargedAssessed = referral("discharged-assessed", {
  status: "discharged",
  ambulatoryStatus: "unable_to_walk",
  receivedAt: after(R, 6 * DAY),
  events: (r) => [
    event("admitted", after(r, HOUR)),
    event("physiotherapy_assessed", after(r, 10 * HOUR)),
    event("occupational_therapy_assessed", after(r, 30 * HOUR)),
    event("discharged", after(r, 8 * DAY), { destination: "home", ambulatoryStatus: "walks_with_aid" }),
  ],
});
const dischargedWithoutOt = referral("discharged-without-ot", {
  status: "discharged",
  ambulatoryStatus: "walks_with_aid",
  receivedAt: after(R, 6 * DAY),
  events: (r) => [
    event("admitted", after(r, HOUR)),
    event("physiotherapy_assessed", after(r, 10 * HOUR)),
    event("discharged", after(r, 8 * DAY), { destination: "hospice", ambulatoryStatus: "unable_to_walk" }),
    event("occupational_therapy_assessed", after(r, 9 * DAY)),
  ],
});
const onRehabilitationStep = referral("on-rehabilitation-step", { status: "rehabilitation", receivedAt: after(R, 7 * DAY), events: (r) => [event("admitted", after(r, HOUR))] });

const ALL = [mriIn6h, mriIn30h, mriIn10h, mriNever, justReceived, retractedMri, october, painOnly, radiotherapyDecidedInNovember, dischargedAssessed, dischargedWithoutOt, onRehabilitationStep];

const metrics = computeAuditMetrics({ referrals: ALL, settingsHistory: [], period: NOVEMBER, now: NOW });
const measure = (id: AuditMeasureId) => metrics.measures.find((m) => m.id === id)!;

describe("the QS56 measures", () => {
  it.each([
    {
      id: "mri_suspected_mscc",
      numerator: ["mri-in-6h", "mri-in-10h"],
      breached: ["mri-in-30h", "mri-never", "retracted-mri", "discharged-assessed", "discharged-without-ot", "on-rehabilitation-step"],
      pending: ["just-received"],
    },
    { id: "mri_pain_only", numerator: ["pain-only"], breached: [], pending: [] },
    { id: "radiotherapy", numerator: ["rt-november"], breached: [], pending: [] },
    { id: "rehabilitation_at_discharge", numerator: ["discharged-assessed"], breached: ["discharged-without-ot"], pending: ["on-rehabilitation-step"] },
  ] as const)("$id: numerator, denominator, breaches and pending name their referrals", ({ id, numerator, breached, pending }) => {
    const m = measure(id);
    expect(m.referralIds.numerator.sort()).toEqual([...numerator].sort());
    expect(m.referralIds.breached.sort()).toEqual([...breached].sort());
    expect(m.referralIds.pending.sort()).toEqual([...pending].sort());
    expect(m.referralIds.denominator.sort()).toEqual([...numerator, ...breached].sort());
    expect(m.numerator).toBe(numerator.length);
    expect(m.denominator).toBe(numerator.length + breached.length);
    expect(m.percentage).toBe(m.denominator === 0 ? null : (100 * numerator.length) / (numerator.length + breached.length));
  });

  it("times only the clocks that stopped: median and 90th percentile of start to stop", () => {
    // Stopped MRI clocks: 6 h, 10 h, 30 h (the unstopped breaches have no time).
    const m = measure("mri_suspected_mscc");
    expect(m.timed).toBe(3);
    expect(m.medianMs).toBe(10 * HOUR);
    expect(m.p90Ms).toBe(10 * HOUR + 0.8 * 20 * HOUR);
    expect(measure("radiotherapy").medianMs).toBe(20 * HOUR);
    expect(measure("rehabilitation_at_discharge").medianMs).toBeNull();
  });

  it("the coordinator assessment is the triage clock: within 1 h for suspected MSCC, 24 h for pain only", () => {
    const m = measure("coordinator_assessment");
    expect(m.referralIds.numerator.sort()).toEqual(["mri-in-10h", "mri-in-6h", "mri-never", "pain-only"]);
    // Fixtures with no triage event are past the target: breached.
    expect(m.referralIds.breached.sort()).toEqual(["discharged-assessed", "discharged-without-ot", "mri-in-30h", "on-rehabilitation-step", "retracted-mri"]);
    expect(m.referralIds.pending).toEqual(["just-received"]);
  });

  it("uses the target in force when the clock started (a settings change later does not rewrite it)", () => {
    const looser: SettingsVersion = { effectiveFrom: new Date("2026-11-10T00:00:00Z"), settings: { ...DEFAULT_PATHWAY_SETTINGS, mriSuspectedMsccMinutes: 48 * 60 } };
    const m = computeAuditMetrics({ referrals: [mriIn30h], settingsHistory: [looser], period: NOVEMBER, now: NOW }).measures[0]!;
    expect(m.referralIds.numerator).toEqual(["mri-in-30h"]);
    const later: SettingsVersion = { ...looser, effectiveFrom: new Date("2026-11-20T00:00:00Z") };
    expect(computeAuditMetrics({ referrals: [mriIn30h], settingsHistory: [later], period: NOVEMBER, now: NOW }).measures[0]!.referralIds.breached).toEqual(["mri-in-30h"]);
  });

  it("an empty period has no percentage and no times", () => {
    const empty = computeAuditMetrics({ referrals: [], settingsHistory: [], period: NOVEMBER, now: NOW });
    for (const m of empty.measures) expect(m).toMatchObject({ numerator: 0, denominator: 0, percentage: null, medianMs: null, p90Ms: null });
    expect(empty.referralCount).toBe(0);
  });
});

describe("the figures around the measures", () => {
  it("breaches by clock and coded reason, with no reason given as its own row", () => {
    const mri = metrics.breaches.filter((b) => b.clock === "mri");
    expect(mri.map((b) => [b.reason, b.count])).toEqual([
      ["mri_capacity", 1],
      ["none", 5],
    ]);
    expect(mri.find((b) => b.reason === "mri_capacity")?.referralIds).toEqual(["mri-in-30h"]);
    const total = metrics.breaches.reduce((sum, b) => sum + b.count, 0);
    expect(metrics.breachesByReason.reduce((sum, b) => sum + b.count, 0)).toBe(total);
    expect(metrics.breachesByReason.find((b) => b.reason === "none")?.count).toBe(total - 1);
  });

  it("counts the referrals received in the period by category and status", () => {
    expect(metrics.referralCount).toBe(10);
    expect(metrics.byCategory).toEqual({ suspected_mscc: 9, suspected_spinal_metastases: 1, not_mscc: 0 });
    expect(metrics.byStatus.discharged).toBe(2);
    expect(metrics.byStatus.new).toBe(1);
  });

  it("lists every referral any figure counts, the October referral whose radiotherapy clock started in November included", () => {
    expect(metrics.referralIds).toContain("rt-november");
    expect(metrics.referralIds).not.toContain("october");
    expect(metrics.rows.map((r) => r.referral.id)).toEqual(metrics.referralIds);
  });

  it("ambulatory status at presentation against at discharge, from the discharged event", () => {
    expect(metrics.ambulatory.unable_to_walk.walks_with_aid).toBe(1);
    expect(metrics.ambulatory.walks_with_aid.unable_to_walk).toBe(1);
    expect(metrics.ambulatory.not_recorded.not_discharged).toBe(8);
  });

  it("a monthly trend of 12 months ending with the period's month", () => {
    expect(metrics.trend.months).toHaveLength(12);
    expect(metrics.trend.months.at(-1)).toBe("2026-11");
    expect(metrics.trend.months[0]).toBe("2025-12");
    const mri = metrics.trend.byMeasure.mri_suspected_mscc;
    expect(mri.at(-1)).toMatchObject({ numerator: 2, denominator: 8 });
    // October: the October referral's MRI in 2 h, and the late-October radiotherapy referral with no MRI.
    expect(mri.at(-2)).toMatchObject({ month: "2026-10", numerator: 1, denominator: 2 });
  });
});

describe("London calendar and clock", () => {
  it.each([
    { name: "Friday evening in winter", at: "2026-11-27T18:30:00Z", weekday: 4, hour: 18, outOfHours: true },
    { name: "Monday morning in summer (BST)", at: "2026-07-06T08:30:00Z", weekday: 0, hour: 9, outOfHours: false },
    { name: "Sunday 23:30 UTC in BST is Monday 00:30", at: "2026-07-05T23:30:00Z", weekday: 0, hour: 0, outOfHours: true },
    { name: "Saturday noon", at: "2026-11-28T12:00:00Z", weekday: 5, hour: 12, outOfHours: true },
  ])("$name", ({ at, weekday, hour, outOfHours }) => {
    const found = londonWeekdayHour(new Date(at));
    expect(found).toEqual({ weekday, hour });
    expect(isOutOfHours(found)).toBe(outOfHours);
  });

  it.each([
    { name: "a winter month", period: monthPeriod("2026-11")!, start: "2026-11-01T00:00:00.000Z", end: "2026-12-01T00:00:00.000Z", label: "November 2026" },
    { name: "the month BST ends", period: monthPeriod("2026-10")!, start: "2026-09-30T23:00:00.000Z", end: "2026-11-01T00:00:00.000Z", label: "October 2026" },
    { name: "the month BST starts", period: monthPeriod("2026-03")!, start: "2026-03-01T00:00:00.000Z", end: "2026-03-31T23:00:00.000Z", label: "March 2026" },
    { name: "a quarter", period: quarterPeriod("2026-Q3")!, start: "2026-06-30T23:00:00.000Z", end: "2026-09-30T23:00:00.000Z", label: "Q3 2026 (July to September)" },
    { name: "a custom day across the change", period: customPeriod("2026-10-25", "2026-10-25"), start: "2026-10-24T23:00:00.000Z", end: "2026-10-26T00:00:00.000Z", label: "25/10/2026 to 25/10/2026" },
  ])("period window: $name", ({ period, start, end, label }) => {
    const w = periodWindow(period);
    expect(w.start.toISOString()).toBe(start);
    expect(w.end.toISOString()).toBe(end);
    expect(period.label).toBe(label);
  });

  it("rejects what is not a month or a quarter", () => {
    expect(monthPeriod("2026-13")).toBeNull();
    expect(quarterPeriod("2026-Q5")).toBeNull();
    // Outside the audit's years the calendar arithmetic breaks (years 0-99 are 1900-1999 to Date).
    for (const year of ["0000", "0099", "1999", "3000", "9999"]) {
      expect(monthPeriod(`${year}-06`), year).toBeNull();
      expect(quarterPeriod(`${year}-Q2`), year).toBeNull();
    }
    expect(monthPeriod("2000-01")?.from).toBe("2000-01-01");
    expect(quarterPeriod("2999-Q4")?.to).toBe("2999-12-31");
  });

  it("months ending with a date cross the year", () => {
    expect(monthsEnding("2026-02-14", 3)).toEqual(["2025-12", "2026-01", "2026-02"]);
  });
});

describe("percentile (linear between closest ranks, as PERCENTILE.INC and percentile_cont)", () => {
  it.each([
    { values: [], p: 0.5, expected: null },
    { values: [7], p: 0.9, expected: 7 },
    { values: [1, 2, 3, 4], p: 0.5, expected: 3 },
    { values: [1, 2, 3], p: 0.5, expected: 2 },
    { values: [10, 20, 30, 40, 50, 60, 70, 80, 90, 100], p: 0.9, expected: 91 },
    { values: [0, 100], p: 0.9, expected: 90 },
  ])("p$p of $values is $expected", ({ values, p, expected }) => {
    expect(percentile(values, p)).toBe(expected);
  });
});

describe("arrivals and onset", () => {
  const at = (iso: string, onsetHoursBefore: number | null = null): AuditReferral => ({
    id: iso,
    category: "suspected_mscc",
    status: "new",
    receivedAt: new Date(iso),
    neurologyOnsetAt: onsetHoursBefore === null ? null : new Date(new Date(iso).getTime() - onsetHoursBefore * HOUR),
    ambulatoryStatus: null,
    events: [],
  });

  it("counts referrals by London weekday and hour, with the out-of-hours total", () => {
    const pattern = arrivalPattern([at("2026-11-27T18:30:00Z"), at("2026-11-27T18:59:00Z"), at("2026-11-25T10:00:00Z")]);
    expect(pattern.counts[4]![18]).toBe(2);
    expect(pattern.byWeekday).toEqual([0, 0, 1, 0, 2, 0, 0]);
    expect(pattern.byHour[10]).toBe(1);
    expect(pattern.outOfHours).toBe(2);
    expect(pattern.total).toBe(3);
  });

  it("onset to referral: median, 90th percentile and buckets, for those with an onset", () => {
    const onset = onsetToReferral([at("2026-11-27T18:30:00Z", 2), at("2026-11-27T18:30:00Z", 30), at("2026-11-27T18:30:00Z", 100), at("2026-11-27T18:30:00Z", 200), at("2026-11-27T18:30:00Z")]);
    expect(onset).toMatchObject({ recorded: 4, notRecorded: 1, medianMs: 65 * HOUR });
    expect(onset.buckets.map((b) => b.count)).toEqual([1, 1, 1, 1]);
  });
});
