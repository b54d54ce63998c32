import fc from "fast-check";
import { describe, expect, it } from "vitest";
import type { ClockEvent, ClockId } from "./clocks";
import type { ReferralEventType } from "./referral-events";
import type { ReferralCategory } from "./vocabulary";
import {
  describeOpenClock,
  initialsOf,
  lastFourOf,
  nextStateChange,
  openClockState,
  worklistClockState,
  worklistSummary,
  type OpenClock,
  type WorklistClockState,
  type WorklistSummary,
} from "./worklist";

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;

/** Received on a winter morning, far from any change of the clocks. */
const R = new Date("2026-11-24T09:00:00Z");
const at = (ms: number): Date => new Date(R.getTime() + ms);
const ms = (offset: number): number => R.getTime() + offset;

let nextId = 0;
function event(type: ReferralEventType, offset: number, data: Record<string, unknown> = {}): ClockEvent {
  return { id: `event-${++nextId}`, type, occurredAt: at(offset), data };
}
function correction(of: ClockEvent, offset: number, data: Record<string, unknown>): ClockEvent {
  return { id: `correction-${++nextId}`, type: "correction", occurredAt: at(offset), data, correctsEventId: of.id };
}

function summaryOf(events: readonly ClockEvent[], category: ReferralCategory = "suspected_mscc"): WorklistSummary {
  return worklistSummary({ category, receivedAt: R, events: [event("received", 0), ...events], settingsHistory: [] });
}
const openIds = (s: WorklistSummary): ClockId[] => s.openClocks.map((c) => c.id);

describe("worklistSummary", () => {
  it("a new suspected MSCC referral: triage and dexamethasone due in 1 h, MRI and plan in 24 h, nothing else recorded", () => {
    const s = summaryOf([]);
    expect(s.openClocks).toEqual([
      { id: "triage", dueAt: ms(HOUR), atRiskAt: ms(45 * MINUTE) },
      { id: "dexamethasone", dueAt: ms(HOUR), atRiskAt: ms(45 * MINUTE) },
      { id: "mri", dueAt: ms(DAY), atRiskAt: ms(18 * HOUR) },
      { id: "treatment_plan", dueAt: ms(DAY), atRiskAt: ms(18 * HOUR) },
    ]);
    expect(s.nextClockDueAt).toEqual(at(HOUR));
    expect(s.clocksAtRiskAt).toEqual(at(45 * MINUTE));
    expect(s).toMatchObject({
      dexamethasoneGivenAt: null,
      dexamethasoneContraindicated: false,
      immobilisedSince: null,
      immobilisationLiftedAt: null,
      awaitingAcknowledgementSince: null,
    });
  });

  it("pain only: triage in 24 h, MRI and plan in a week, no dexamethasone clock", () => {
    const s = summaryOf([], "suspected_spinal_metastases");
    expect(openIds(s)).toEqual(["triage", "mri", "treatment_plan"]);
    expect(s.nextClockDueAt).toEqual(at(DAY));
    expect(s.clocksAtRiskAt).toEqual(at(18 * HOUR));
  });

  it("not MSCC once triaged: no open clock at all", () => {
    const s = summaryOf([event("triaged", 10 * MINUTE, { category: "not_mscc" })], "not_mscc");
    expect(s.openClocks).toEqual([]);
    expect(s.nextClockDueAt).toBeNull();
    expect(s.clocksAtRiskAt).toBeNull();
  });

  it("dexamethasone given by the referrer before receipt stops its clock and is shown at its own time", () => {
    const s = summaryOf([event("dexamethasone_given", -2 * HOUR, { drug: "dexamethasone", doseMg: 16, route: "oral", beforeReferral: true })]);
    expect(openIds(s)).toEqual(["triage", "mri", "treatment_plan"]);
    expect(s.dexamethasoneGivenAt).toEqual(at(-2 * HOUR));
  });

  it("dexamethasone given later: the first dose counts, and a correction moves it", () => {
    const first = event("dexamethasone_given", 30 * MINUTE, { doseMg: 16, route: "oral" });
    const second = event("dexamethasone_given", 5 * HOUR, { doseMg: 8, route: "oral" });
    expect(summaryOf([second, first]).dexamethasoneGivenAt).toEqual(at(30 * MINUTE));
    expect(summaryOf([first, second, correction(first, 6 * HOUR, { occurredAt: at(50 * MINUTE).toISOString(), reason: "typo" })]).dexamethasoneGivenAt).toEqual(
      at(50 * MINUTE),
    );
  });

  it("a retracted dose is as if never given: the dexamethasone clock is open again", () => {
    const given = event("dexamethasone_given", 30 * MINUTE, { doseMg: 16, route: "oral" });
    const s = summaryOf([given, correction(given, 2 * HOUR, { retract: true, reason: "wrong patient" })]);
    expect(s.dexamethasoneGivenAt).toBeNull();
    expect(openIds(s)).toContain("dexamethasone");
  });

  it("a contraindication decision: flagged, and no dexamethasone clock", () => {
    const s = summaryOf([event("decision", 20 * MINUTE, { decision: "dexamethasone_contraindicated" })]);
    expect(s.dexamethasoneContraindicated).toBe(true);
    expect(s.dexamethasoneGivenAt).toBeNull();
    expect(openIds(s)).toEqual(["triage", "mri", "treatment_plan"]);
    // Any other decision is not a contraindication.
    expect(summaryOf([event("decision", 20 * MINUTE, { decision: "mri_urgency" })]).dexamethasoneContraindicated).toBe(false);
  });

  it("a retracted contraindication is no longer one", () => {
    const decision = event("decision", 20 * MINUTE, { decision: "dexamethasone_contraindicated" });
    const s = summaryOf([decision, correction(decision, HOUR, { retract: true, reason: "recorded on the wrong referral" })]);
    expect(s.dexamethasoneContraindicated).toBe(false);
    expect(openIds(s)).toContain("dexamethasone");
  });

  describe("immobilisation", () => {
    const advised = () => event("immobilisation_advised", 10 * MINUTE);
    it("advised: flat since the advice", () => {
      expect(summaryOf([advised()])).toMatchObject({ immobilisedSince: at(10 * MINUTE), immobilisationLiftedAt: null });
    });
    it("advised twice: flat since the first advice", () => {
      expect(summaryOf([advised(), event("immobilisation_advised", 2 * HOUR)]).immobilisedSince).toEqual(at(10 * MINUTE));
    });
    it("lifted: no longer flat, and when it was lifted", () => {
      expect(summaryOf([advised(), event("immobilisation_lifted", 3 * HOUR)])).toMatchObject({ immobilisedSince: null, immobilisationLiftedAt: at(3 * HOUR) });
    });
    it("advised again after lifting: flat since the new advice, the old lifting forgotten", () => {
      expect(summaryOf([advised(), event("immobilisation_lifted", 3 * HOUR), event("immobilisation_advised", 5 * HOUR)])).toMatchObject({
        immobilisedSince: at(5 * HOUR),
        immobilisationLiftedAt: null,
      });
    });
    it("a lifting with no advice before it means nothing", () => {
      expect(summaryOf([event("immobilisation_lifted", 3 * HOUR)])).toMatchObject({ immobilisedSince: null, immobilisationLiftedAt: null });
    });
    it("a retracted lifting: flat again since the advice", () => {
      const lifted = event("immobilisation_lifted", 3 * HOUR);
      expect(summaryOf([advised(), lifted, correction(lifted, 4 * HOUR, { retract: true, reason: "not yet" })])).toMatchObject({
        immobilisedSince: at(10 * MINUTE),
        immobilisationLiftedAt: null,
      });
    });
    it("advice moved by a correction to before receipt keeps its corrected time", () => {
      const a = advised();
      expect(summaryOf([a, correction(a, HOUR, { occurredAt: at(-30 * MINUTE).toISOString(), reason: "advised by the GP" })]).immobilisedSince).toEqual(
        at(-30 * MINUTE),
      );
    });
  });

  describe("escalation", () => {
    it("escalated and not acknowledged: awaiting since the escalation", () => {
      expect(summaryOf([event("escalated", 20 * MINUTE, { toUserId: "r" })]).awaitingAcknowledgementSince).toEqual(at(20 * MINUTE));
    });
    it("acknowledged: no longer awaiting", () => {
      expect(summaryOf([event("escalated", 20 * MINUTE, { toUserId: "r" }), event("acknowledged", 30 * MINUTE)]).awaitingAcknowledgementSince).toBeNull();
    });
    it("escalated again after an acknowledgement: awaiting since the new escalation", () => {
      const events = [event("escalated", 20 * MINUTE, { toUserId: "r" }), event("acknowledged", 30 * MINUTE), event("escalated", 2 * HOUR, { toUserId: "s" })];
      expect(summaryOf(events).awaitingAcknowledgementSince).toEqual(at(2 * HOUR));
    });
    it("a retracted acknowledgement: awaiting again", () => {
      const ack = event("acknowledged", 30 * MINUTE);
      const events = [event("escalated", 20 * MINUTE, { toUserId: "r" }), ack, correction(ack, HOUR, { retract: true, reason: "acknowledged by mistake" })];
      expect(summaryOf(events).awaitingAcknowledgementSince).toEqual(at(20 * MINUTE));
    });
    it("keeps the acknowledgement deadline (15 min for suspected MSCC by default), the level and the holder", () => {
      expect(summaryOf([event("escalated", 20 * MINUTE, { toUserId: "r" })])).toMatchObject({ acknowledgementDueAt: at(35 * MINUTE), escalationLevel: 1, escalatedToId: "r" });
    });
    it("gone to the second line: level 2, with the second line now, the first deadline kept", () => {
      const events = [event("escalated", 20 * MINUTE, { toUserId: "r" }), event("escalated", 36 * MINUTE, { level: 2, toUserId: "c" })];
      expect(summaryOf(events)).toMatchObject({ awaitingAcknowledgementSince: at(20 * MINUTE), acknowledgementDueAt: at(35 * MINUTE), escalationLevel: 2, escalatedToId: "c" });
    });
    it("gone to the second line with nobody on it: level 2, held by nobody", () => {
      const events = [event("escalated", 20 * MINUTE, { toUserId: "r" }), event("escalated", 36 * MINUTE, { level: 2, toUserId: null })];
      expect(summaryOf(events)).toMatchObject({ escalationLevel: 2, escalatedToId: null });
    });
    it("acknowledged after going to the second line: nothing waits", () => {
      const events = [event("escalated", 20 * MINUTE, { toUserId: "r" }), event("escalated", 36 * MINUTE, { level: 2, toUserId: "c" }), event("acknowledged", 40 * MINUTE)];
      expect(summaryOf(events)).toMatchObject({ awaitingAcknowledgementSince: null, acknowledgementDueAt: null, escalationLevel: 0, escalatedToId: null });
    });
    it("the events' clinical order decides, not the order they were recorded in", () => {
      expect(summaryOf([event("acknowledged", 30 * MINUTE), event("escalated", 20 * MINUTE, { toUserId: "r" })]).awaitingAcknowledgementSince).toBeNull();
    });
  });

  it("triage stops its clock; a retracted triage opens it again", () => {
    const triaged = event("triaged", 20 * MINUTE, { category: "suspected_mscc" });
    const after = summaryOf([triaged]);
    expect(openIds(after)).toEqual(["dexamethasone", "mri", "treatment_plan"]);
    const retracted = summaryOf([triaged, correction(triaged, HOUR, { retract: true, reason: "not triaged yet" })]);
    expect(openIds(retracted)).toEqual(["triage", "dexamethasone", "mri", "treatment_plan"]);
  });

  it("a later-due clock with a long target can turn at risk first: clocksAtRiskAt is the earliest warning of any open clock", () => {
    // Admitted at receipt (physiotherapy and OT start); radiotherapy decided 20 h later.
    const s = summaryOf([
      event("admitted", 0),
      event("triaged", 10 * MINUTE, { category: "suspected_mscc" }),
      event("dexamethasone_given", 20 * MINUTE, { doseMg: 16, route: "oral" }),
      event("imaging_performed", 2 * HOUR, { modality: "mri_whole_spine" }),
      event("physiotherapy_assessed", 3 * HOUR),
      event("decision", 20 * HOUR, { decision: "radiotherapy_planned" }),
    ]);
    expect(s.openClocks).toEqual([
      { id: "radiotherapy", dueAt: ms(44 * HOUR), atRiskAt: ms(38 * HOUR) },
      { id: "occupational_therapy_assessment", dueAt: ms(48 * HOUR), atRiskAt: ms(36 * HOUR) },
    ]);
    expect(s.nextClockDueAt).toEqual(at(44 * HOUR));
    expect(s.clocksAtRiskAt).toEqual(at(36 * HOUR));
    // At 37 h the first-due clock is still running, but the row is at risk.
    expect(openClockState(s.openClocks[0] as OpenClock, ms(37 * HOUR))).toBe("running");
    expect(worklistClockState({ nextClockDueAt: s.nextClockDueAt?.getTime() ?? null, clocksAtRiskAt: s.clocksAtRiskAt?.getTime() ?? null }, ms(37 * HOUR))).toBe("at_risk");
  });

  it("does not depend on when it is computed: a long-breached clock is still open", () => {
    const s = summaryOf([]);
    expect(worklistClockState({ nextClockDueAt: s.nextClockDueAt?.getTime() ?? null, clocksAtRiskAt: s.clocksAtRiskAt?.getTime() ?? null }, ms(30 * DAY))).toBe("breached");
    expect(openIds(s)).toHaveLength(4);
  });
});

describe("worklistClockState", () => {
  const row = { nextClockDueAt: ms(HOUR), clocksAtRiskAt: ms(45 * MINUTE) };
  it.each<[string, number, WorklistClockState]>([
    ["long before the warning", ms(0), "running"],
    ["1 ms before the warning", ms(45 * MINUTE) - 1, "running"],
    ["exactly at the warning", ms(45 * MINUTE), "at_risk"],
    ["1 ms before due", ms(HOUR) - 1, "at_risk"],
    ["exactly at due", ms(HOUR), "breached"],
    ["long after due", ms(10 * DAY), "breached"],
  ])("%s: %s", (_label, now, expected) => {
    expect(worklistClockState(row, now)).toBe(expected);
  });

  it("no open clock: none, whatever the time", () => {
    expect(worklistClockState({ nextClockDueAt: null, clocksAtRiskAt: null }, ms(0))).toBe("none");
    expect(worklistClockState({ nextClockDueAt: null, clocksAtRiskAt: null }, ms(100 * DAY))).toBe("none");
  });

  it("openClockState has the same boundaries for one clock", () => {
    const clock: OpenClock = { id: "mri", dueAt: ms(DAY), atRiskAt: ms(18 * HOUR) };
    expect(openClockState(clock, ms(18 * HOUR) - 1)).toBe("running");
    expect(openClockState(clock, ms(18 * HOUR))).toBe("at_risk");
    expect(openClockState(clock, ms(DAY) - 1)).toBe("at_risk");
    expect(openClockState(clock, ms(DAY))).toBe("breached");
  });
});

describe("describeOpenClock", () => {
  const mri: OpenClock = { id: "mri", dueAt: ms(DAY), atRiskAt: ms(18 * HOUR) };
  it.each<[string, OpenClock, number, string]>([
    ["running", mri, ms(DAY) - (3 * HOUR + 12 * MINUTE), "MRI due in 3 h 12 m"],
    ["at risk, part minutes dropped", mri, ms(DAY) - (3 * HOUR + 12 * MINUTE + 59_999), "MRI due in 3 h 12 m"],
    ["under a minute left", mri, ms(DAY) - 30_000, "MRI due in 0 m"],
    ["breached at the due instant itself", mri, ms(DAY), "MRI breached by 0 m"],
    ["breached", mri, ms(DAY) + 2 * HOUR + 15 * MINUTE, "MRI breached by 2 h 15 m"],
    ["breached for days", mri, ms(DAY) + 2 * DAY + 4 * HOUR + 5 * MINUTE, "MRI breached by 2 d 4 h"],
    ["a week-long clock", { id: "treatment_plan", dueAt: ms(7 * DAY), atRiskAt: ms(5 * DAY) }, ms(0), "Treatment plan due in 7 d"],
    ["a long label", { id: "occupational_therapy_assessment", dueAt: ms(HOUR), atRiskAt: ms(45 * MINUTE) }, ms(15 * MINUTE), "Occupational therapy assessment due in 45 m"],
  ])("%s", (_label, clock, now, text) => {
    expect(describeOpenClock(clock, now)).toBe(text);
  });
});

describe("nextStateChange", () => {
  const rows = [
    { openClocks: [{ id: "mri" as const, dueAt: ms(DAY), atRiskAt: ms(18 * HOUR) }] },
    { openClocks: [] },
    {
      openClocks: [
        { id: "triage" as const, dueAt: ms(HOUR), atRiskAt: ms(45 * MINUTE) },
        { id: "treatment_plan" as const, dueAt: ms(DAY), atRiskAt: ms(18 * HOUR) },
      ],
    },
  ];
  it.each<[string, number, number | null]>([
    ["before everything: the first warning", ms(0), ms(45 * MINUTE)],
    ["exactly at a warning: the next instant after it", ms(45 * MINUTE), ms(HOUR)],
    ["between: the next due", ms(50 * MINUTE), ms(HOUR)],
    ["after the first breach: the next warning", ms(HOUR), ms(18 * HOUR)],
    ["after every warning: the next due", ms(20 * HOUR), ms(DAY)],
    ["after everything: nothing more will change", ms(DAY), null],
  ])("%s", (_label, now, expected) => {
    expect(nextStateChange(rows, now)).toBe(expected);
  });
  it("no rows or no open clocks: null", () => {
    expect(nextStateChange([], ms(0))).toBeNull();
    expect(nextStateChange([{ openClocks: [] }], ms(0))).toBeNull();
  });
  it("is always a moment when some row's state really changes", () => {
    fc.assert(
      fc.property(fc.array(clockArbitrary(), { maxLength: 6 }), fc.integer({ min: 0, max: 3 * DAY }), (clocks, offset) => {
        const now = ms(offset);
        const next = nextStateChange([{ openClocks: clocks }], now);
        const states = (t: number) => clocks.map((c) => openClockState(c, t)).join();
        if (next === null) {
          expect(clocks.every((c) => c.dueAt <= now)).toBe(true);
          return;
        }
        expect(next).toBeGreaterThan(now);
        expect(states(next - 1)).toBe(states(now));
        expect(states(next)).not.toBe(states(now));
      }),
    );
  });
});

function clockArbitrary(): fc.Arbitrary<OpenClock> {
  return fc
    .record({ start: fc.integer({ min: 0, max: 2 * DAY }), target: fc.integer({ min: 1, max: 2 * DAY }), fraction: fc.double({ min: 0, max: 1, noNaN: true }) })
    .map(({ start, target, fraction }) => ({ id: "mri" as const, dueAt: ms(start + target), atRiskAt: ms(start + Math.round(target * fraction)) }));
}

describe("urgency order", () => {
  // Rows as the database keeps them: the earliest due and the earliest warning of their open clocks (the warning
  // never after the due instant), or none.
  const rowArbitrary = fc.oneof(
    { weight: 4, arbitrary: fc.array(clockArbitrary(), { minLength: 1, maxLength: 3 }) },
    { weight: 1, arbitrary: fc.constant<OpenClock[]>([]) },
  ).map((clocks) => ({
    nextClockDueAt: clocks.length ? Math.min(...clocks.map((c) => c.dueAt)) : null,
    clocksAtRiskAt: clocks.length ? Math.min(...clocks.map((c) => c.atRiskAt)) : null,
  }));

  it("soonest due first is: breached by longest overrun, then at risk and running by least time left, then no clock", () => {
    fc.assert(
      fc.property(fc.array(rowArbitrary, { maxLength: 12 }), fc.integer({ min: -DAY, max: 5 * DAY }), (rows, offset) => {
        const now = ms(offset);
        const byDue = [...rows].sort((a, b) => (a.nextClockDueAt ?? Infinity) - (b.nextClockDueAt ?? Infinity));

        // The order as the clinic states it, from each row's state at now.
        const rank = (s: WorklistClockState) => (s === "breached" ? 0 : s === "none" ? 2 : 1);
        const keyOf = (row: (typeof rows)[number]) => {
          const state = worklistClockState(row, now);
          const due = row.nextClockDueAt;
          if (due === null) return { state, rank: rank(state), within: 0 };
          return { state, rank: rank(state), within: state === "breached" ? -(now - due) : due - now };
        };
        const byClinic = [...rows].sort((a, b) => keyOf(a).rank - keyOf(b).rank || keyOf(a).within - keyOf(b).within);

        expect(byDue.map((r) => r.nextClockDueAt)).toEqual(byClinic.map((r) => r.nextClockDueAt));
        // And every breached row is above every other.
        const states = byDue.map((r) => worklistClockState(r, now));
        const lastBreached = states.lastIndexOf("breached");
        const firstOther = states.findIndex((s) => s !== "breached");
        if (lastBreached >= 0 && firstOther >= 0) expect(lastBreached).toBeLessThan(firstOther);
      }),
      { numRuns: 500 },
    );
  });
});

describe("ward-screen identifiers", () => {
  it.each([
    ["Margaret", "Jones", "M J"],
    ["  margaret ", " jones", "M J"],
    ["Émile", "Zola", "É Z"],
    ["", "Jones", "J"],
    ["Cher", "", "C"],
  ])("initialsOf(%j, %j) = %j", (given, family, initials) => {
    expect(initialsOf(given, family)).toBe(initials);
  });
  it.each([
    ["9434765919", "5919"],
    ["943 476 5919", "5919"],
    ["943-476-5919", "5919"],
  ])("lastFourOf(%j) = %j", (nhs, last4) => {
    expect(lastFourOf(nhs)).toBe(last4);
  });
});
