import fc from "fast-check";
import { describe, expect, it } from "vitest";
import {
  BREACH_REASONS,
  CLOCK_IDS,
  CLOCK_STATUSES,
  DEFAULT_PATHWAY_SETTINGS,
  PATHWAY_SETTING_SOURCES,
  computeClocks,
  nextClockDue,
  settingsInForceAt,
  type Clock,
  type ClockEvent,
  type ClockId,
  type ClockStatus,
  type PathwaySettings,
  type SettingsVersion,
} from "./clocks";
import { REFERRAL_EVENT_TYPES, type ReferralEventType } from "./referral-events";
import { formatDateTime } from "./time-format";
import { REFERRAL_CATEGORIES, type ReferralCategory } from "./vocabulary";

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;
const WEEK = 7 * DAY;

/** A Tuesday in winter, far from any change of the clocks. */
const T0 = new Date("2026-11-24T09:00:00Z");
const after = (ms: number, from: Date = T0): Date => new Date(from.getTime() + ms);
const utc = (iso: string): Date => new Date(iso);

let nextId = 0;
function event(type: ReferralEventType, occurredAt: Date, data: Record<string, unknown> = {}, id = `event-${++nextId}`): ClockEvent {
  return { id, type, occurredAt, data };
}
function correction(correctsEventId: string, occurredAt: Date, data: Record<string, unknown>, id = `correction-${++nextId}`): ClockEvent {
  return { id, type: "correction", occurredAt, data, correctsEventId };
}

interface Referral {
  category?: ReferralCategory;
  receivedAt?: Date;
  events?: readonly ClockEvent[];
  settingsHistory?: readonly SettingsVersion[];
}

function clocksOf(referral: Referral, now: Date): Clock[] {
  return computeClocks(
    {
      category: referral.category ?? "suspected_mscc",
      receivedAt: referral.receivedAt ?? T0,
      events: referral.events ?? [],
      settingsHistory: referral.settingsHistory ?? [],
    },
    now,
  );
}

function clockOf(id: ClockId, referral: Referral, now: Date): Clock {
  const clock = clocksOf(referral, now).find((c) => c.id === id);
  if (clock === undefined) throw new Error(`no ${id} clock`);
  return clock;
}

const withSettings = (changes: Partial<PathwaySettings>, effectiveFrom = new Date("2000-01-01T00:00:00Z")): SettingsVersion => ({
  effectiveFrom,
  settings: { ...DEFAULT_PATHWAY_SETTINGS, ...changes },
});

describe("pathway settings", () => {
  it("defaults to the targets of pathway.md", () => {
    expect(DEFAULT_PATHWAY_SETTINGS).toEqual({
      atRiskFraction: 0.75,
      triageNeurologyMinutes: 60,
      triagePainOnlyMinutes: 24 * 60,
      dexamethasoneMinutes: 60,
      mriSuspectedMsccMinutes: 24 * 60,
      mriPainOnlyMinutes: 7 * 24 * 60,
      treatmentPlanSuspectedMsccMinutes: 24 * 60,
      treatmentPlanPainOnlyMinutes: 7 * 24 * 60,
      radiotherapyMinutes: 24 * 60,
      physiotherapyMinutes: 24 * 60,
      occupationalTherapyMinutes: 48 * 60,
      acknowledgementSuspectedMsccMinutes: 15,
      acknowledgementPainOnlyMinutes: 4 * 60,
    });
  });

  it("cannot be changed by a caller", () => {
    expect(Object.isFrozen(DEFAULT_PATHWAY_SETTINGS)).toBe(true);
  });

  it.each([
    { key: "atRiskFraction", localPractice: true, cites: "75 %" },
    { key: "triageNeurologyMinutes", localPractice: true, cites: "CG75/NG234" },
    { key: "triagePainOnlyMinutes", localPractice: true, cites: "CG75/NG234" },
    { key: "dexamethasoneMinutes", localPractice: true, cites: "NG234 1.8" },
    { key: "mriSuspectedMsccMinutes", localPractice: false, cites: "QS56 statement 3" },
    { key: "mriPainOnlyMinutes", localPractice: false, cites: "QS56 statement 2" },
    { key: "treatmentPlanSuspectedMsccMinutes", localPractice: false, cites: "QS56 statement 3" },
    { key: "treatmentPlanPainOnlyMinutes", localPractice: false, cites: "QS56 statement 2" },
    { key: "radiotherapyMinutes", localPractice: false, cites: "QS56 statement 6" },
    { key: "physiotherapyMinutes", localPractice: true, cites: "The Christie" },
    { key: "occupationalTherapyMinutes", localPractice: true, cites: "The Christie" },
  ] as const)("$key names its source ($cites)", ({ key, localPractice, cites }) => {
    const source = PATHWAY_SETTING_SOURCES[key];
    expect(source.label).not.toBe("");
    expect(source.source).toContain(cites);
    expect(source.localPractice).toBe(localPractice);
  });

  it("has a source for every setting and no other", () => {
    expect(Object.keys(PATHWAY_SETTING_SOURCES).sort()).toEqual(Object.keys(DEFAULT_PATHWAY_SETTINGS).sort());
  });
});

describe("settingsInForceAt", () => {
  const change = utc("2026-06-01T00:00:00Z");
  const v1 = withSettings({ mriSuspectedMsccMinutes: 1000 }, utc("2026-01-01T00:00:00Z"));
  const v2 = withSettings({ mriSuspectedMsccMinutes: 2000 }, change);
  const v2bis = withSettings({ mriSuspectedMsccMinutes: 3000 }, change);

  it.each([
    { name: "no history: the defaults", history: [], instant: T0, expected: DEFAULT_PATHWAY_SETTINGS },
    { name: "before the first version: the defaults", history: [v1, v2], instant: utc("2025-12-31T23:59:59.999Z"), expected: DEFAULT_PATHWAY_SETTINGS },
    { name: "exactly when the first version takes effect", history: [v1, v2], instant: v1.effectiveFrom, expected: v1.settings },
    { name: "1 ms before a change: the old version", history: [v1, v2], instant: after(-1, change), expected: v1.settings },
    { name: "exactly at a change: the new version", history: [v1, v2], instant: change, expected: v2.settings },
    { name: "long after the last change", history: [v1, v2], instant: utc("2030-01-01T00:00:00Z"), expected: v2.settings },
    { name: "history in any order", history: [v2, v1], instant: after(-1, change), expected: v1.settings },
    { name: "two versions from the same instant: the later listed", history: [v1, v2, v2bis], instant: change, expected: v2bis.settings },
  ])("$name", ({ history, instant, expected }) => {
    expect(settingsInForceAt(history, instant)).toEqual(expected);
  });

  it("a version saved before a setting existed takes that setting's default", () => {
    const { acknowledgementSuspectedMsccMinutes: _dropped, ...older } = v1.settings;
    const version = { effectiveFrom: v1.effectiveFrom, settings: older as typeof v1.settings };
    expect(settingsInForceAt([version], change)).toEqual({ ...older, acknowledgementSuspectedMsccMinutes: DEFAULT_PATHWAY_SETTINGS.acknowledgementSuspectedMsccMinutes });
  });
});

describe("due instants are elapsed time, shown in Europe/London", () => {
  it.each([
    // The issue's own example: the wall clock goes back an hour overnight, so 24 elapsed hours end at 11:00.
    { name: "24 h from 12:00 on the Saturday before BST ends", clock: "mri", category: "suspected_mscc", start: "2026-10-24T11:00:00Z", due: "2026-10-25T11:00:00Z", londonStart: "24/10/2026 12:00", londonDue: "25/10/2026 11:00" },
    { name: "24 h from 12:00 on the Saturday before BST starts", clock: "mri", category: "suspected_mscc", start: "2026-03-28T12:00:00Z", due: "2026-03-29T12:00:00Z", londonStart: "28/03/2026 12:00", londonDue: "29/03/2026 13:00" },
    { name: "1 week across the end of BST", clock: "mri", category: "suspected_spinal_metastases", start: "2026-10-19T08:00:00Z", due: "2026-10-26T08:00:00Z", londonStart: "19/10/2026 09:00", londonDue: "26/10/2026 08:00" },
    { name: "1 week across the start of BST", clock: "treatment_plan", category: "suspected_spinal_metastases", start: "2026-03-25T09:00:00Z", due: "2026-04-01T09:00:00Z", londonStart: "25/03/2026 09:00", londonDue: "01/04/2026 10:00" },
    { name: "1 h through the repeated hour as BST ends", clock: "triage", category: "suspected_mscc", start: "2026-10-25T00:30:00Z", due: "2026-10-25T01:30:00Z", londonStart: "25/10/2026 01:30", londonDue: "25/10/2026 01:30" },
    { name: "1 h through the missing hour as BST starts", clock: "triage", category: "suspected_mscc", start: "2026-03-29T00:30:00Z", due: "2026-03-29T01:30:00Z", londonStart: "29/03/2026 00:30", londonDue: "29/03/2026 02:30" },
    { name: "1 h across midnight into a new year", clock: "dexamethasone", category: "suspected_mscc", start: "2026-12-31T23:30:00Z", due: "2027-01-01T00:30:00Z", londonStart: "31/12/2026 23:30", londonDue: "01/01/2027 00:30" },
    { name: "24 h from midnight in summer time", clock: "mri", category: "suspected_mscc", start: "2026-06-30T23:00:00Z", due: "2026-07-01T23:00:00Z", londonStart: "01/07/2026 00:00", londonDue: "02/07/2026 00:00" },
    { name: "24 h into a leap day", clock: "mri", category: "suspected_mscc", start: "2028-02-28T12:00:00Z", due: "2028-02-29T12:00:00Z", londonStart: "28/02/2028 12:00", londonDue: "29/02/2028 12:00" },
    { name: "24 h from midnight on a leap day", clock: "treatment_plan", category: "suspected_mscc", start: "2028-02-29T00:00:00Z", due: "2028-03-01T00:00:00Z", londonStart: "29/02/2028 00:00", londonDue: "01/03/2028 00:00" },
    { name: "1 week across a leap day", clock: "mri", category: "suspected_spinal_metastases", start: "2028-02-25T12:00:00Z", due: "2028-03-03T12:00:00Z", londonStart: "25/02/2028 12:00", londonDue: "03/03/2028 12:00" },
    { name: "24 h across the end of February in a common year", clock: "mri", category: "suspected_mscc", start: "2027-02-28T12:00:00Z", due: "2027-03-01T12:00:00Z", londonStart: "28/02/2027 12:00", londonDue: "01/03/2027 12:00" },
  ] as const)("$name", ({ clock: id, category, start, due, londonStart, londonDue }) => {
    const receivedAt = utc(start);
    const clock = clockOf(id, { category, receivedAt }, receivedAt);
    expect(clock.status).toBe("running");
    expect(clock.startAt?.toISOString()).toBe(utc(start).toISOString());
    expect(clock.dueAt?.toISOString()).toBe(utc(due).toISOString());
    expect(formatDateTime(receivedAt)).toBe(londonStart);
    expect(formatDateTime(clock.dueAt ?? receivedAt)).toBe(londonDue);
    expect((clock.dueAt?.getTime() ?? 0) - receivedAt.getTime()).toBe((clock.targetMinutes ?? 0) * MINUTE);
  });

  it("a radiotherapy decision at 12:00 on the Saturday before BST ends is due at 11:00 on the Sunday", () => {
    const decidedAt = utc("2026-10-24T11:00:00Z");
    const clock = clockOf("radiotherapy", { events: [event("decision", decidedAt, { decision: "radiotherapy_planned" })] }, decidedAt);
    expect(formatDateTime(clock.startAt ?? T0)).toBe("24/10/2026 12:00");
    expect(formatDateTime(clock.dueAt ?? T0)).toBe("25/10/2026 11:00");
  });
});

describe("status at the edges (suspected MSCC, MRI due 24 h after receipt)", () => {
  const mriAt = (offset: number): ClockEvent => event("imaging_performed", after(offset), { modality: "mri_whole_spine" });
  it.each([
    { name: "just received", events: [], now: 0, status: "running", timeLeftMs: DAY, overrunMs: null },
    { name: "1 ms before the at-risk threshold", events: [], now: 18 * HOUR - 1, status: "running", timeLeftMs: 6 * HOUR + 1, overrunMs: null },
    { name: "exactly at 75 % of the target", events: [], now: 18 * HOUR, status: "at_risk", timeLeftMs: 6 * HOUR, overrunMs: null },
    { name: "1 ms before it falls due", events: [], now: DAY - 1, status: "at_risk", timeLeftMs: 1, overrunMs: null },
    { name: "exactly at the due instant, unstopped", events: [], now: DAY, status: "breached", timeLeftMs: null, overrunMs: 0 },
    { name: "an hour overdue, unstopped", events: [], now: DAY + HOUR, status: "breached", timeLeftMs: null, overrunMs: HOUR },
    { name: "stopped exactly at the due instant", events: [mriAt(DAY)], now: DAY + HOUR, status: "met", timeLeftMs: null, overrunMs: null },
    { name: "stopped 1 ms after the due instant", events: [mriAt(DAY + 1)], now: DAY + HOUR, status: "breached", timeLeftMs: null, overrunMs: 1 },
    { name: "stopped at receipt", events: [mriAt(0)], now: 2 * DAY, status: "met", timeLeftMs: null, overrunMs: null },
    { name: "stopped early, looked at a year later", events: [mriAt(HOUR)], now: 365 * DAY, status: "met", timeLeftMs: null, overrunMs: null },
    { name: "stopped late, looked at before the stop", events: [mriAt(2 * DAY)], now: HOUR, status: "breached", timeLeftMs: null, overrunMs: DAY },
  ] as const)("$name", ({ events, now, status, timeLeftMs, overrunMs }) => {
    const clock = clockOf("mri", { events }, after(now));
    expect(clock).toMatchObject({ status, timeLeftMs, overrunMs, targetMinutes: 24 * 60 });
    expect(clock.atRiskAt).toEqual(after(18 * HOUR));
    expect(clock.reasonRequired).toBe(status === "breached");
  });

  it("counts a stop before the start (refused by the server) as at the start", () => {
    const clock = clockOf("mri", { events: [mriAt(-HOUR)] }, after(HOUR));
    expect(clock).toMatchObject({ status: "met", stopAt: T0 });
  });

  it("rounds the at-risk instant to the nearest millisecond", () => {
    const settingsHistory = [withSettings({ triageNeurologyMinutes: 1, atRiskFraction: 0.123456 })];
    const clock = clockOf("triage", { settingsHistory }, T0);
    expect(clock.atRiskAt).toEqual(after(7407)); // 60 000 ms x 0.123456 = 7407.36
    expect(clockOf("triage", { settingsHistory }, after(7406)).status).toBe("running");
    expect(clockOf("triage", { settingsHistory }, after(7407)).status).toBe("at_risk");
  });
});

describe("the issue's Done-when scenario: leg weakness received 2 hours ago, triaged as suspected MSCC", () => {
  const now = T0;
  const receivedAt = after(-2 * HOUR, now);
  const triaged = event("triaged", after(10 * MINUTE, receivedAt), { category: "suspected_mscc" });
  const dexamethasone = event("dexamethasone_given", after(40 * MINUTE, receivedAt), { doseMg: 16 });
  const mri = event("imaging_performed", after(30 * HOUR, receivedAt), { modality: "mri_whole_spine" });
  const reason = event("breach_reason", after(30 * HOUR + MINUTE, receivedAt), { clock: "mri", reason: "mri_capacity" }, "reason-1");
  const referral = { category: "suspected_mscc", receivedAt } as const;

  it("shows the MRI clock due 22 hours from now, at risk 18 hours after receipt", () => {
    const clocks = clocksOf({ ...referral, events: [triaged, dexamethasone] }, now);
    const mriClock = clocks.find((c) => c.id === "mri");
    expect(mriClock).toMatchObject({ status: "running", startAt: receivedAt, timeLeftMs: 22 * HOUR, reasonRequired: false });
    expect(mriClock?.dueAt).toEqual(after(22 * HOUR, now));
    expect(mriClock?.atRiskAt).toEqual(after(18 * HOUR, receivedAt));
    expect(clocks.find((c) => c.id === "triage")).toMatchObject({ status: "met", stopAt: triaged.occurredAt });
    // MRI and the treatment plan fall due together; the MRI comes first in pathway order.
    expect(nextClockDue(clocks)?.id).toBe("mri");
  });

  it("shows the MRI breached by 6 h and asks for a reason when it was performed 30 h after receipt", () => {
    const clock = clockOf("mri", { ...referral, events: [triaged, dexamethasone, mri] }, after(31 * HOUR, receivedAt));
    expect(clock).toMatchObject({ status: "breached", overrunMs: 6 * HOUR, stopAt: mri.occurredAt, breachReason: null, reasonRequired: true });
  });

  it("stops asking once a breach reason is recorded", () => {
    const clock = clockOf("mri", { ...referral, events: [triaged, dexamethasone, mri, reason] }, after(31 * HOUR, receivedAt));
    expect(clock).toMatchObject({ status: "breached", overrunMs: 6 * HOUR, breachReason: { reason: "mri_capacity", eventId: "reason-1" }, reasonRequired: false });
  });
});

describe("a change of settings never rewrites a clock that started earlier", () => {
  const change = utc("2026-06-01T00:00:00Z");
  const settingsHistory = [
    withSettings({}, utc("2026-01-01T00:00:00Z")),
    withSettings({ mriSuspectedMsccMinutes: 12 * 60, atRiskFraction: 0.5, radiotherapyMinutes: 6 * 60 }, change),
  ];
  const mriAfter = (receivedAt: Date, offset: number): ClockEvent => event("imaging_performed", after(offset, receivedAt), { modality: "mri" });

  it.each([
    { name: "started 4 h before the change, stopped 20 h later: old 24 h target, met", receivedAt: after(-4 * HOUR, change), target: 24 * 60, atRisk: 18 * HOUR, status: "met" },
    { name: "started exactly at the change, stopped 20 h later: new 12 h target, breached", receivedAt: change, target: 12 * 60, atRisk: 6 * HOUR, status: "breached" },
    { name: "started 1 ms before the change: old target", receivedAt: after(-1, change), target: 24 * 60, atRisk: 18 * HOUR, status: "met" },
  ] as const)("$name", ({ receivedAt, target, atRisk, status }) => {
    const clock = clockOf("mri", { receivedAt, events: [mriAfter(receivedAt, 20 * HOUR)], settingsHistory }, after(WEEK, change));
    expect(clock).toMatchObject({ status, targetMinutes: target });
    expect(clock.dueAt).toEqual(after(target * MINUTE, receivedAt));
    expect(clock.atRiskAt).toEqual(after(atRisk, receivedAt));
  });

  it("keeps a running clock's due instant when the target changes while it runs", () => {
    const receivedAt = after(-2 * HOUR, change);
    const clock = clockOf("mri", { receivedAt, settingsHistory }, after(13 * HOUR, change));
    expect(clock).toMatchObject({ status: "running", dueAt: after(DAY, receivedAt), timeLeftMs: 9 * HOUR });
  });

  it("gives each clock of one referral the settings in force at its own start", () => {
    const receivedAt = after(-2 * HOUR, change);
    const decision = event("decision", after(HOUR, change), { decision: "radiotherapy_planned" });
    const clocks = clocksOf({ receivedAt, events: [decision], settingsHistory }, after(2 * HOUR, change));
    expect(clocks.find((c) => c.id === "mri")?.targetMinutes).toBe(24 * 60);
    expect(clocks.find((c) => c.id === "radiotherapy")).toMatchObject({ targetMinutes: 6 * 60, dueAt: after(7 * HOUR, change) });
  });
});

describe("corrections (a new event naming the one it corrects)", () => {
  const mri = event("imaging_performed", after(20 * HOUR), { modality: "mri_whole_spine" }, "mri-1");
  const now = after(2 * DAY);
  const mriClock = (events: readonly ClockEvent[]): Clock => clockOf("mri", { events }, now);

  it.each([
    { name: "uncorrected", events: [mri], status: "met", stopAt: after(20 * HOUR) },
    { name: "moves the stop later, past the due instant", events: [mri, correction("mri-1", after(30 * HOUR), { occurredAt: after(26 * HOUR).toISOString() })], status: "breached", stopAt: after(26 * HOUR) },
    {
      name: "moves a late stop back inside the target",
      events: [event("imaging_performed", after(26 * HOUR), { modality: "mri" }, "mri-late"), correction("mri-late", after(27 * HOUR), { occurredAt: after(23 * HOUR).toISOString() })],
      status: "met",
      stopAt: after(23 * HOUR),
    },
    { name: "retracts the stop", events: [mri, correction("mri-1", after(21 * HOUR), { retract: true })], status: "breached", stopAt: null },
    {
      name: "applies corrections in the order of their own time, not the order listed",
      events: [
        correction("mri-1", after(32 * HOUR), { occurredAt: after(22 * HOUR).toISOString() }),
        mri,
        correction("mri-1", after(31 * HOUR), { occurredAt: after(28 * HOUR).toISOString() }),
      ],
      status: "met",
      stopAt: after(22 * HOUR),
    },
    {
      name: "a retracted event stays retracted",
      events: [mri, correction("mri-1", after(21 * HOUR), { retract: true }), correction("mri-1", after(22 * HOUR), { occurredAt: after(23 * HOUR).toISOString() })],
      status: "breached",
      stopAt: null,
    },
    {
      name: "ignores a correction of a correction",
      events: [mri, correction("mri-1", after(30 * HOUR), { occurredAt: after(26 * HOUR).toISOString() }, "fix-1"), correction("fix-1", after(31 * HOUR), { retract: true })],
      status: "breached",
      stopAt: after(26 * HOUR),
    },
    { name: "ignores a correction naming no known event", events: [mri, correction("nobody", after(30 * HOUR), { retract: true })], status: "met", stopAt: after(20 * HOUR) },
    { name: "ignores a time that is not an ISO instant", events: [mri, correction("mri-1", after(30 * HOUR), { occurredAt: "yesterday" })], status: "met", stopAt: after(20 * HOUR) },
    { name: "ignores a time without an offset (it would be read in the server's zone)", events: [mri, correction("mri-1", after(30 * HOUR), { occurredAt: "2026-11-25T12:00:00" })], status: "met", stopAt: after(20 * HOUR) },
    { name: "ignores retract other than true", events: [mri, correction("mri-1", after(30 * HOUR), { retract: "yes" })], status: "met", stopAt: after(20 * HOUR) },
    {
      name: "moving the first stop later lets an earlier one count",
      events: [mri, event("imaging_performed", after(22 * HOUR), { modality: "mri" }), correction("mri-1", after(30 * HOUR), { occurredAt: after(40 * HOUR).toISOString() })],
      status: "met",
      stopAt: after(22 * HOUR),
    },
  ] as const)("$name", ({ events, status, stopAt }) => {
    expect(mriClock(events)).toMatchObject({ status, stopAt });
  });

  it("retracting a breach reason asks for one again", () => {
    const late = event("imaging_performed", after(26 * HOUR), { modality: "mri" });
    const reason = event("breach_reason", after(27 * HOUR), { clock: "mri", reason: "other", text: "typo" }, "reason-typo");
    expect(mriClock([late, reason]).reasonRequired).toBe(false);
    expect(mriClock([late, reason, correction("reason-typo", after(28 * HOUR), { retract: true })]).reasonRequired).toBe(true);
  });

  it("retracting a contraindication brings the dexamethasone clock back", () => {
    const contraindicated = event("decision", after(10 * MINUTE), { decision: "dexamethasone_contraindicated" }, "no-steroids");
    expect(clockOf("dexamethasone", { events: [contraindicated] }, after(HOUR)).status).toBe("not_applicable");
    const clock = clockOf("dexamethasone", { events: [contraindicated, correction("no-steroids", after(20 * MINUTE), { retract: true })] }, after(HOUR));
    expect(clock.status).toBe("breached");
  });

  it("a corrected time of a radiotherapy decision outranks the decidedAt it carries", () => {
    const decision = event("decision", after(2 * HOUR), { decision: "radiotherapy_planned", decidedAt: after(HOUR).toISOString() }, "rt-1");
    expect(clockOf("radiotherapy", { events: [decision] }, after(3 * HOUR)).startAt).toEqual(after(HOUR));
    const moved = correction("rt-1", after(4 * HOUR), { occurredAt: after(3 * HOUR).toISOString() });
    expect(clockOf("radiotherapy", { events: [decision, moved] }, after(5 * HOUR)).startAt).toEqual(after(3 * HOUR));
  });
});

interface RuleCase {
  name: string;
  clock: ClockId;
  category: ReferralCategory;
  events: readonly ClockEvent[];
  now: number;
  expected: Partial<Clock>;
}

const rt = (offset: number, data: Record<string, unknown> = {}): ClockEvent => event("decision", after(offset), { decision: "radiotherapy_planned", ...data });
const started = (offset: number, treatment: string): ClockEvent => event("treatment_started", after(offset), { treatment });
const confirmed = (offset: number): ClockEvent => event("imaging_reported", after(offset), { modality: "mri_whole_spine", result: "mscc_confirmed" });

describe("which clocks apply, when they start and what stops them", () => {
  const cases: RuleCase[] = [
    // Triage: every category; 1 h with neurology, 24 h for pain only.
    { name: "triage, suspected MSCC, not yet triaged", clock: "triage", category: "suspected_mscc", events: [], now: 30 * MINUTE, expected: { status: "running", targetMinutes: 60, startAt: T0 } },
    { name: "triage, suspected MSCC, triaged late", clock: "triage", category: "suspected_mscc", events: [event("triaged", after(61 * MINUTE))], now: 2 * HOUR, expected: { status: "breached", overrunMs: MINUTE } },
    { name: "triage, pain only", clock: "triage", category: "suspected_spinal_metastases", events: [], now: 2 * HOUR, expected: { status: "running", targetMinutes: 24 * 60 } },
    { name: "triage, not MSCC: still triaged within 24 h", clock: "triage", category: "not_mscc", events: [event("triaged", after(3 * HOUR))], now: 4 * HOUR, expected: { status: "met", targetMinutes: 24 * 60 } },
    { name: "triage stops at the earliest triage, whatever the order listed", clock: "triage", category: "suspected_mscc", events: [event("triaged", after(2 * HOUR)), event("triaged", after(20 * MINUTE))], now: 3 * HOUR, expected: { status: "met", stopAt: after(20 * MINUTE) } },
    // Dexamethasone: suspected MSCC only, unless contraindicated (NG234 1.8).
    { name: "dexamethasone, suspected MSCC, given within the hour", clock: "dexamethasone", category: "suspected_mscc", events: [event("dexamethasone_given", after(45 * MINUTE))], now: 2 * HOUR, expected: { status: "met", targetMinutes: 60 } },
    { name: "dexamethasone given by the referrer before receipt", clock: "dexamethasone", category: "suspected_mscc", events: [event("dexamethasone_given", after(-3 * HOUR))], now: HOUR, expected: { status: "met", stopAt: after(-3 * HOUR), startAt: T0 } },
    { name: "dexamethasone not given after an hour", clock: "dexamethasone", category: "suspected_mscc", events: [], now: HOUR, expected: { status: "breached", overrunMs: 0 } },
    { name: "dexamethasone contraindicated", clock: "dexamethasone", category: "suspected_mscc", events: [event("decision", after(5 * MINUTE), { decision: "dexamethasone_contraindicated" })], now: 3 * HOUR, expected: { status: "not_applicable", startAt: null, dueAt: null, reasonRequired: false } },
    { name: "dexamethasone, pain only", clock: "dexamethasone", category: "suspected_spinal_metastases", events: [], now: 3 * HOUR, expected: { status: "not_applicable" } },
    { name: "dexamethasone, not MSCC", clock: "dexamethasone", category: "not_mscc", events: [event("dexamethasone_given", after(HOUR))], now: 3 * HOUR, expected: { status: "not_applicable", stopAt: null } },
    // MRI: 24 h suspected MSCC (QS56 statement 3), 1 week pain only (statement 2).
    { name: "MRI, pain only", clock: "mri", category: "suspected_spinal_metastases", events: [], now: 6 * DAY, expected: { status: "at_risk", targetMinutes: 7 * 24 * 60 } },
    { name: "MRI, not MSCC", clock: "mri", category: "not_mscc", events: [], now: 6 * DAY, expected: { status: "not_applicable" } },
    { name: "MRI, a CT does not stop it", clock: "mri", category: "suspected_mscc", events: [event("imaging_performed", after(HOUR), { modality: "ct" })], now: 2 * HOUR, expected: { status: "running", stopAt: null } },
    { name: "MRI, a modality that is not text does not stop it", clock: "mri", category: "suspected_mscc", events: [event("imaging_performed", after(HOUR), { modality: 1 })], now: 2 * HOUR, expected: { status: "running" } },
    { name: "MRI, requested is not performed", clock: "mri", category: "suspected_mscc", events: [event("imaging_requested", after(HOUR), { modality: "mri_whole_spine" })], now: 2 * HOUR, expected: { status: "running" } },
    { name: "MRI, any MRI modality stops it", clock: "mri", category: "suspected_mscc", events: [event("imaging_performed", after(HOUR), { modality: "mri" })], now: 2 * HOUR, expected: { status: "met", stopAt: after(HOUR) } },
    // Treatment plan: a definitive plan decision (QS56 statements 2 and 3).
    ...["radiotherapy_planned", "surgery_planned", "systemic_therapy", "best_supportive_care", "mscc_excluded"].map(
      (decision): RuleCase => ({ name: `treatment plan stopped by ${decision}`, clock: "treatment_plan", category: "suspected_mscc", events: [event("decision", after(5 * HOUR), { decision })], now: 6 * HOUR, expected: { status: "met", stopAt: after(5 * HOUR) } }),
    ),
    { name: "treatment plan, a contraindication is no plan", clock: "treatment_plan", category: "suspected_mscc", events: [event("decision", after(HOUR), { decision: "dexamethasone_contraindicated" })], now: 2 * HOUR, expected: { status: "running" } },
    { name: "treatment plan, pain only", clock: "treatment_plan", category: "suspected_spinal_metastases", events: [], now: 2 * DAY, expected: { status: "running", targetMinutes: 7 * 24 * 60 } },
    { name: "treatment plan, not MSCC", clock: "treatment_plan", category: "not_mscc", events: [], now: 2 * DAY, expected: { status: "not_applicable" } },
    // Radiotherapy: from the decision to treat to the first fraction (QS56 statement 6).
    { name: "radiotherapy before any decision", clock: "radiotherapy", category: "suspected_mscc", events: [], now: 2 * DAY, expected: { status: "not_started", startAt: null, targetMinutes: null } },
    { name: "radiotherapy when surgery was planned", clock: "radiotherapy", category: "suspected_mscc", events: [event("decision", after(HOUR), { decision: "surgery_planned" })], now: 2 * DAY, expected: { status: "not_applicable" } },
    { name: "radiotherapy when MSCC was excluded", clock: "radiotherapy", category: "suspected_mscc", events: [event("decision", after(HOUR), { decision: "mscc_excluded" })], now: 2 * DAY, expected: { status: "not_applicable" } },
    { name: "radiotherapy decided", clock: "radiotherapy", category: "suspected_mscc", events: [rt(10 * HOUR)], now: 12 * HOUR, expected: { status: "running", startAt: after(10 * HOUR), dueAt: after(34 * HOUR), targetMinutes: 24 * 60 } },
    { name: "radiotherapy decided, pain only", clock: "radiotherapy", category: "suspected_spinal_metastases", events: [rt(10 * HOUR)], now: 12 * HOUR, expected: { status: "running" } },
    { name: "radiotherapy decided, not MSCC", clock: "radiotherapy", category: "not_mscc", events: [rt(10 * HOUR)], now: 12 * HOUR, expected: { status: "not_applicable" } },
    { name: "radiotherapy starts at decidedAt when given", clock: "radiotherapy", category: "suspected_mscc", events: [rt(10 * HOUR, { decidedAt: after(8 * HOUR).toISOString() })], now: 12 * HOUR, expected: { startAt: after(8 * HOUR) } },
    { name: "radiotherapy starts at the earliest decision", clock: "radiotherapy", category: "suspected_mscc", events: [rt(10 * HOUR), rt(9 * HOUR, { decidedAt: after(7 * HOUR).toISOString() })], now: 12 * HOUR, expected: { startAt: after(7 * HOUR) } },
    { name: "radiotherapy decided after another plan", clock: "radiotherapy", category: "suspected_mscc", events: [event("decision", after(HOUR), { decision: "surgery_planned" }), rt(10 * HOUR)], now: 12 * HOUR, expected: { status: "running" } },
    { name: "radiotherapy, first fraction within 24 h", clock: "radiotherapy", category: "suspected_mscc", events: [rt(10 * HOUR), started(30 * HOUR, "radiotherapy")], now: 40 * HOUR, expected: { status: "met", stopAt: after(30 * HOUR) } },
    { name: "radiotherapy, first fraction exactly 24 h after the decision", clock: "radiotherapy", category: "suspected_mscc", events: [rt(10 * HOUR), started(34 * HOUR, "radiotherapy")], now: 40 * HOUR, expected: { status: "met" } },
    { name: "radiotherapy, surgery started does not stop it", clock: "radiotherapy", category: "suspected_mscc", events: [rt(10 * HOUR), started(12 * HOUR, "surgery")], now: 40 * HOUR, expected: { status: "breached", stopAt: null, overrunMs: 6 * HOUR } },
    { name: "radiotherapy, a fraction before the decision does not stop it", clock: "radiotherapy", category: "suspected_mscc", events: [started(5 * HOUR, "radiotherapy"), rt(10 * HOUR)], now: 12 * HOUR, expected: { status: "running", stopAt: null } },
    // Physiotherapy and occupational therapy: from MSCC confirmed or admission (local practice, The Christie).
    { name: "physiotherapy before MSCC confirmed or admission", clock: "physiotherapy_assessment", category: "suspected_mscc", events: [], now: 3 * DAY, expected: { status: "not_started" } },
    { name: "occupational therapy before MSCC confirmed or admission", clock: "occupational_therapy_assessment", category: "suspected_mscc", events: [], now: 3 * DAY, expected: { status: "not_started" } },
    { name: "physiotherapy, a report without MSCC does not start it", clock: "physiotherapy_assessment", category: "suspected_mscc", events: [event("imaging_reported", after(HOUR), { result: "no_metastases" })], now: 3 * DAY, expected: { status: "not_started" } },
    { name: "physiotherapy from MSCC confirmed", clock: "physiotherapy_assessment", category: "suspected_mscc", events: [confirmed(10 * HOUR)], now: 12 * HOUR, expected: { status: "running", startAt: after(10 * HOUR), targetMinutes: 24 * 60 } },
    { name: "occupational therapy from MSCC confirmed", clock: "occupational_therapy_assessment", category: "suspected_mscc", events: [confirmed(10 * HOUR)], now: 12 * HOUR, expected: { status: "running", dueAt: after(58 * HOUR), targetMinutes: 48 * 60 } },
    { name: "physiotherapy from admission, which outranks MSCC confirmed", clock: "physiotherapy_assessment", category: "suspected_mscc", events: [confirmed(10 * HOUR), event("admitted", after(14 * HOUR))], now: 15 * HOUR, expected: { startAt: after(14 * HOUR) } },
    { name: "physiotherapy from admission, pain only", clock: "physiotherapy_assessment", category: "suspected_spinal_metastases", events: [event("admitted", after(HOUR))], now: 2 * HOUR, expected: { status: "running", startAt: after(HOUR) } },
    { name: "physiotherapy assessed in time", clock: "physiotherapy_assessment", category: "suspected_mscc", events: [confirmed(10 * HOUR), event("physiotherapy_assessed", after(30 * HOUR))], now: 40 * HOUR, expected: { status: "met" } },
    { name: "physiotherapy, an OT assessment does not stop it", clock: "physiotherapy_assessment", category: "suspected_mscc", events: [confirmed(10 * HOUR), event("occupational_therapy_assessed", after(12 * HOUR))], now: 40 * HOUR, expected: { status: "breached", reasonRequired: true } },
    { name: "occupational therapy assessed in time", clock: "occupational_therapy_assessment", category: "suspected_mscc", events: [confirmed(10 * HOUR), event("occupational_therapy_assessed", after(50 * HOUR))], now: 60 * HOUR, expected: { status: "met" } },
    // The discharge closes an assessment clock still open (issue 6, item 4).
    { name: "physiotherapy closed by a discharge in time", clock: "physiotherapy_assessment", category: "suspected_mscc", events: [confirmed(10 * HOUR), event("discharged", after(20 * HOUR))], now: 40 * HOUR, expected: { status: "met", stopAt: after(20 * HOUR) } },
    { name: "physiotherapy closed by a late discharge is breached", clock: "physiotherapy_assessment", category: "suspected_mscc", events: [confirmed(10 * HOUR), event("discharged", after(40 * HOUR))], now: 50 * HOUR, expected: { status: "breached", stopAt: after(40 * HOUR), overrunMs: 6 * HOUR } },
    { name: "occupational therapy closed by a discharge", clock: "occupational_therapy_assessment", category: "suspected_mscc", events: [event("admitted", after(HOUR)), event("discharged", after(30 * HOUR))], now: 80 * HOUR, expected: { status: "met", stopAt: after(30 * HOUR) } },
    { name: "an assessment before the discharge keeps its own time", clock: "occupational_therapy_assessment", category: "suspected_mscc", events: [confirmed(10 * HOUR), event("occupational_therapy_assessed", after(20 * HOUR)), event("discharged", after(90 * HOUR))], now: 100 * HOUR, expected: { status: "met", stopAt: after(20 * HOUR) } },
    { name: "physiotherapy, not MSCC", clock: "physiotherapy_assessment", category: "not_mscc", events: [event("admitted", after(HOUR))], now: 2 * HOUR, expected: { status: "not_applicable" } },
    { name: "occupational therapy, not MSCC", clock: "occupational_therapy_assessment", category: "not_mscc", events: [event("admitted", after(HOUR))], now: 2 * HOUR, expected: { status: "not_applicable" } },
  ];

  it.each(cases)("$name", ({ clock: id, category, events, now, expected }) => {
    expect(clockOf(id, { category, events }, after(now))).toMatchObject(expected);
  });

  it("labels each clock and cites its source, by category", () => {
    const labels = clocksOf({ category: "suspected_mscc" }, T0).map((c) => [c.id, c.label]);
    expect(labels).toEqual([
      ["triage", "Triage"],
      ["dexamethasone", "Dexamethasone"],
      ["mri", "MRI"],
      ["treatment_plan", "Treatment plan"],
      ["radiotherapy", "Radiotherapy"],
      ["physiotherapy_assessment", "Physiotherapy assessment"],
      ["occupational_therapy_assessment", "Occupational therapy assessment"],
    ]);
    expect(clockOf("mri", { category: "suspected_mscc" }, T0).source).toContain("QS56 statement 3");
    expect(clockOf("mri", { category: "suspected_spinal_metastases" }, T0).source).toContain("QS56 statement 2");
    expect(clockOf("radiotherapy", {}, T0).source).toContain("QS56 statement 6");
    expect(clockOf("dexamethasone", {}, T0).source).toContain("NG234 1.8");
  });
});

describe("breach reasons", () => {
  const late = event("imaging_performed", after(26 * HOUR), { modality: "mri" });
  it.each([
    { name: "none recorded", events: [late], expected: null, reasonRequired: true },
    {
      name: "the latest by clinical time wins, with its text",
      events: [late, event("breach_reason", after(29 * HOUR), { clock: "mri", reason: "other", text: "Scanner down" }, "r-late"), event("breach_reason", after(27 * HOUR), { clock: "mri", reason: "mri_capacity" }, "r-early")],
      expected: { reason: "other", text: "Scanner down", eventId: "r-late" },
      reasonRequired: false,
    },
    { name: "a reason for another clock is not this clock's", events: [late, event("breach_reason", after(27 * HOUR), { clock: "triage", reason: "out_of_hours_delay" })], expected: null, reasonRequired: true },
    { name: "an unknown reason code is ignored", events: [late, event("breach_reason", after(27 * HOUR), { clock: "mri", reason: "scanner_broken" })], expected: null, reasonRequired: true },
    { name: "attached to a clock that was met too", events: [event("imaging_performed", after(HOUR), { modality: "mri" }), event("breach_reason", after(2 * HOUR), { clock: "mri", reason: "clinical_decision" }, "r-met")], expected: { reason: "clinical_decision", eventId: "r-met" }, reasonRequired: false },
  ] as const)("$name", ({ events, expected, reasonRequired }) => {
    const clock = clockOf("mri", { events }, after(2 * DAY));
    expect(clock.breachReason).toEqual(expected);
    expect(clock.reasonRequired).toBe(reasonRequired);
  });

  it("asks for a reason only when breached", () => {
    const statuses = clocksOf({ category: "suspected_mscc" }, after(2 * HOUR));
    for (const clock of statuses) expect(clock.reasonRequired).toBe(clock.status === "breached");
  });
});

function clockFixture(id: ClockId, status: ClockStatus, due: number | null, stop: number | null = null): Clock {
  return {
    id,
    label: id,
    source: "",
    status,
    startAt: due === null ? null : T0,
    dueAt: due === null ? null : after(due),
    stopAt: stop === null ? null : after(stop),
    atRiskAt: null,
    targetMinutes: null,
    timeLeftMs: null,
    overrunMs: null,
    breachReason: null,
    reasonRequired: false,
  };
}

describe("nextClockDue", () => {
  it.each([
    { name: "no clocks", clocks: [], expected: null },
    { name: "nothing waiting", clocks: [clockFixture("triage", "met", HOUR, 0), clockFixture("radiotherapy", "not_started", null), clockFixture("dexamethasone", "not_applicable", null)], expected: null },
    { name: "a clock breached when stopped is not waiting", clocks: [clockFixture("triage", "breached", HOUR, 2 * HOUR), clockFixture("mri", "running", DAY)], expected: "mri" },
    { name: "the running clock due first", clocks: [clockFixture("mri", "running", DAY), clockFixture("triage", "at_risk", HOUR), clockFixture("treatment_plan", "running", 2 * DAY)], expected: "triage" },
    { name: "a clock breached while running before any still running", clocks: [clockFixture("mri", "at_risk", DAY), clockFixture("dexamethasone", "breached", HOUR)], expected: "dexamethasone" },
    { name: "the most overdue of two breached", clocks: [clockFixture("dexamethasone", "breached", HOUR), clockFixture("triage", "breached", 30 * MINUTE)], expected: "triage" },
    { name: "of two due together, the first listed", clocks: [clockFixture("mri", "running", DAY), clockFixture("treatment_plan", "running", DAY)], expected: "mri" },
  ] as const)("$name", ({ clocks, expected }) => {
    expect(nextClockDue(clocks)?.id ?? null).toBe(expected);
  });
});

describe("computeClocks", () => {
  it("does not modify its input", () => {
    const mri = event("imaging_performed", after(HOUR), { modality: "mri" }, "m");
    const events = [mri, correction("m", after(2 * HOUR), { occurredAt: after(3 * HOUR).toISOString() })];
    const snapshot = JSON.stringify(events);
    clocksOf({ events }, after(4 * HOUR));
    expect(JSON.stringify(events)).toBe(snapshot);
    expect(mri.occurredAt).toEqual(after(HOUR));
  });
});

describe("properties", () => {
  const FAR_PAST = new Date("1970-01-01T00:00:00Z");
  const startArb = fc.integer({ min: Date.parse("2000-01-01T00:00:00Z"), max: Date.parse("2100-01-01T00:00:00Z") }).map((t) => new Date(t));
  const targetArb = fc.integer({ min: 1, max: 4 * 7 * 24 * 60 });
  const fractionArb = fc.double({ min: 0, max: 1, minExcluded: true, maxExcluded: true, noNaN: true });
  /** The triage clock of a suspected MSCC, with the given target and fraction in force. */
  const triageClock = (start: Date, target: number, fraction: number, now: Date, stopAt?: Date): Clock =>
    clockOf(
      "triage",
      {
        receivedAt: start,
        events: stopAt === undefined ? [] : [event("triaged", stopAt)],
        settingsHistory: [withSettings({ triageNeurologyMinutes: target, atRiskFraction: fraction }, FAR_PAST)],
      },
      now,
    );
  const RANK: Partial<Record<ClockStatus, number>> = { running: 0, at_risk: 1, breached: 2 };

  it("startAt <= atRiskAt <= dueAt, and dueAt - startAt is exactly the target", () => {
    fc.assert(
      fc.property(startArb, targetArb, fractionArb, (start, target, fraction) => {
        const clock = triageClock(start, target, fraction, start);
        const [s, r, d] = [clock.startAt?.getTime(), clock.atRiskAt?.getTime(), clock.dueAt?.getTime()];
        if (s === undefined || r === undefined || d === undefined) throw new Error("clock not started");
        expect(s).toBe(start.getTime());
        expect(s).toBeLessThanOrEqual(r);
        expect(r).toBeLessThanOrEqual(d);
        expect(d - s).toBe(target * MINUTE);
      }),
    );
  });

  it("an unstopped clock only moves forward: running, then at risk, then breached", () => {
    fc.assert(
      fc.property(startArb, targetArb, fractionArb, fc.array(fc.integer({ min: 0, max: 3 * 4 * WEEK }), { minLength: 2, maxLength: 12 }), (start, target, fraction, offsets) => {
        const ranks = [...offsets]
          .sort((a, b) => a - b)
          .map((offset) => RANK[triageClock(start, target, fraction, after(offset, start)).status]);
        for (const rank of ranks) expect(rank).toBeDefined();
        for (let i = 1; i < ranks.length; i++) expect(ranks[i] ?? -1).toBeGreaterThanOrEqual(ranks[i - 1] ?? 3);
      }),
    );
  });

  it("a stopped clock's status does not depend on now; met exactly when stopAt <= dueAt", () => {
    fc.assert(
      fc.property(startArb, targetArb, fractionArb, fc.integer({ min: 0, max: 3 * 4 * WEEK }), fc.integer({ min: -WEEK, max: 20 * WEEK }), fc.integer({ min: -WEEK, max: 20 * WEEK }), (start, target, fraction, stopOffset, now1, now2) => {
        const stopAt = after(stopOffset, start);
        const a = triageClock(start, target, fraction, after(now1, start), stopAt);
        const b = triageClock(start, target, fraction, after(now2, start), stopAt);
        expect(a).toEqual(b);
        expect(a.stopAt).toEqual(stopAt);
        expect(a.status).toBe(stopOffset <= target * MINUTE ? "met" : "breached");
        if (a.status === "breached") expect(a.overrunMs).toBe(stopOffset - target * MINUTE);
      }),
    );
  });

  it("while running, time left plus time elapsed is the target", () => {
    fc.assert(
      fc.property(startArb, targetArb, fractionArb, fc.double({ min: 0, max: 1, maxExcluded: true, noNaN: true }), (start, target, fraction, elapsedFraction) => {
        const elapsed = Math.floor(target * MINUTE * elapsedFraction);
        const clock = triageClock(start, target, fraction, after(elapsed, start));
        expect(["running", "at_risk"]).toContain(clock.status);
        expect((clock.timeLeftMs ?? 0) + elapsed).toBe(target * MINUTE);
        expect(clock.timeLeftMs).toBeGreaterThan(0);
      }),
    );
  });

  const EVENT_IDS = ["a", "b", "c", "d", "e", "f", "g", "h"];
  const instantArb = fc.integer({ min: T0.getTime() - 2 * DAY, max: T0.getTime() + 30 * DAY }).map((t) => new Date(t));
  const isoOrJunkArb = fc.oneof(instantArb.map((d) => d.toISOString()), fc.constantFrom("not a date", "2026-11-24T12:00", "", "2026-13-45T99:99:99Z"), fc.integer());
  const dataArb = fc.record(
    {
      decision: fc.constantFrom("radiotherapy_planned", "surgery_planned", "systemic_therapy", "best_supportive_care", "mscc_excluded", "dexamethasone_contraindicated", "other", 7),
      modality: fc.constantFrom("mri_whole_spine", "mri", "ct", "bone_scan", null),
      treatment: fc.constantFrom("radiotherapy", "surgery", "systemic_therapy"),
      result: fc.constantFrom("mscc_confirmed", "no_metastases", "spinal_metastases_without_compression"),
      clock: fc.constantFrom(...CLOCK_IDS, "nonsense"),
      reason: fc.constantFrom(...BREACH_REASONS, "bad"),
      text: fc.string(),
      decidedAt: isoOrJunkArb,
      occurredAt: isoOrJunkArb,
      retract: fc.constantFrom(true, false, "yes"),
    },
    { requiredKeys: [] },
  );
  const eventArb: fc.Arbitrary<ClockEvent> = fc.record({
    id: fc.constantFrom(...EVENT_IDS),
    type: fc.constantFrom(...REFERRAL_EVENT_TYPES),
    occurredAt: instantArb,
    data: dataArb,
    correctsEventId: fc.option(fc.constantFrom(...EVENT_IDS, "missing"), { nil: null }),
  });
  const settingsArb = fc.record({
    effectiveFrom: instantArb,
    settings: fc.record({
      atRiskFraction: fractionArb,
      triageNeurologyMinutes: targetArb,
      triagePainOnlyMinutes: targetArb,
      dexamethasoneMinutes: targetArb,
      mriSuspectedMsccMinutes: targetArb,
      mriPainOnlyMinutes: targetArb,
      treatmentPlanSuspectedMsccMinutes: targetArb,
      treatmentPlanPainOnlyMinutes: targetArb,
      radiotherapyMinutes: targetArb,
      physiotherapyMinutes: targetArb,
      occupationalTherapyMinutes: targetArb,
      acknowledgementSuspectedMsccMinutes: targetArb,
      acknowledgementPainOnlyMinutes: targetArb,
    }),
  });

  it("never throws on any list of events, and always returns the seven clocks in order, consistent with themselves", () => {
    fc.assert(
      fc.property(
        fc.constantFrom(...REFERRAL_CATEGORIES),
        instantArb,
        fc.array(eventArb, { maxLength: 25 }),
        fc.array(settingsArb, { maxLength: 3 }),
        instantArb,
        (category, receivedAt, events, settingsHistory, now) => {
          const clocks = computeClocks({ category, receivedAt, events, settingsHistory }, now);
          expect(clocks.map((c) => c.id)).toEqual(CLOCK_IDS);
          for (const clock of clocks) {
            expect(CLOCK_STATUSES).toContain(clock.status);
            expect(clock.reasonRequired).toBe(clock.status === "breached" && clock.breachReason === null);
            const started = clock.status !== "not_started" && clock.status !== "not_applicable";
            expect(clock.startAt !== null).toBe(started);
            expect(clock.dueAt !== null).toBe(started);
            if (clock.status === "running" || clock.status === "at_risk") {
              expect(clock.timeLeftMs).toBeGreaterThan(0);
              expect(clock.stopAt).toBeNull();
            } else expect(clock.timeLeftMs).toBeNull();
            if (clock.status === "breached") expect(clock.overrunMs).toBeGreaterThanOrEqual(0);
            else expect(clock.overrunMs).toBeNull();
            if (clock.status === "met") expect(clock.stopAt?.getTime()).toBeLessThanOrEqual(clock.dueAt?.getTime() ?? -Infinity);
            if (category === "not_mscc" && clock.id !== "triage") expect(clock.status).toBe("not_applicable");
          }
          const next = nextClockDue(clocks);
          if (next !== null) expect(clocks).toContain(next);
        },
      ),
    );
  });
});
