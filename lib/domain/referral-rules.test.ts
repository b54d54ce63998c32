import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { REFERRAL_STATUSES } from "./vocabulary";
import { checkNewEvent, CLOCK_SKEW_MS, missingReferralData, statusAfterEvent, type NewEvent, type RecordedEvent } from "./referral-rules";
import { REFERRAL_TRANSITIONS } from "./referral-status";

const RECEIVED = new Date("2026-11-24T10:00:00Z");
const NOW = new Date("2026-11-25T10:00:00Z");
const at = (hoursAfterReceipt: number) => new Date(RECEIVED.getTime() + hoursAfterReceipt * 3_600_000);
const ev = (type: NewEvent["type"], hours: number, data: Record<string, unknown> = {}): NewEvent => ({ type, occurredAt: at(hours), data });
const recorded = (id: string, type: RecordedEvent["type"], hours: number, data: Record<string, unknown> = {}): RecordedEvent => ({ id, type, occurredAt: at(hours), data });

describe("checkNewEvent: times", () => {
  it.each([
    { name: "now", event: { type: "note", occurredAt: NOW, data: {} }, ok: true },
    { name: "within the 5 minutes of clock skew", event: { type: "note", occurredAt: new Date(NOW.getTime() + CLOCK_SKEW_MS), data: {} }, ok: true },
    { name: "beyond the skew", event: { type: "note", occurredAt: new Date(NOW.getTime() + CLOCK_SKEW_MS + 1), data: {} }, ok: false },
    { name: "exactly at receipt", event: ev("note", 0), ok: true },
    { name: "a millisecond before receipt", event: { type: "note", occurredAt: new Date(RECEIVED.getTime() - 1), data: {} }, ok: false },
    { name: "not a date", event: { type: "note", occurredAt: new Date(Number.NaN), data: {} }, ok: false },
  ] as const)("$name", ({ event, ok }) => {
    const result = checkNewEvent({ receivedAt: RECEIVED, events: [], event: event as NewEvent, now: NOW });
    expect(result.ok).toBe(ok);
    if (!result.ok) expect(result.field).toBe("occurredAt");
  });

  it("says when the referral was received, in London time", () => {
    const result = checkNewEvent({ receivedAt: RECEIVED, events: [], event: ev("note", -1), now: NOW });
    expect(result).toMatchObject({ ok: false, message: expect.stringContaining("24/11/2026 10:00") });
  });
});

describe("checkNewEvent: nothing stops before it started", () => {
  const performed = recorded("p", "imaging_performed", 5, { modality: "mri_whole_spine" });
  it.each([
    { name: "MRI reported after it was performed", events: [performed], event: ev("imaging_reported", 6, { modality: "mri_whole_spine" }), ok: true },
    { name: "MRI reported at the same instant", events: [performed], event: ev("imaging_reported", 5, { modality: "mri_whole_spine" }), ok: true },
    { name: "MRI reported before it was performed", events: [performed], event: ev("imaging_reported", 4, { modality: "mri_whole_spine" }), ok: false },
    { name: "MRI reported but never performed", events: [], event: ev("imaging_reported", 6, { modality: "mri_whole_spine" }), ok: false },
    { name: "CT reported when only the MRI was performed", events: [performed], event: ev("imaging_reported", 6, { modality: "ct" }), ok: false },
    { name: "acknowledged before the escalation", events: [recorded("e", "escalated", 2)], event: ev("acknowledged", 1), ok: false },
    { name: "acknowledged with no escalation", events: [], event: ev("acknowledged", 1), ok: false },
    { name: "acknowledged after the escalation", events: [recorded("e", "escalated", 2)], event: ev("acknowledged", 2.1), ok: true },
    {
      name: "radiotherapy before the decision to treat",
      events: [recorded("d", "decision", 10, { decision: "radiotherapy_planned" })],
      event: ev("treatment_started", 9, { treatment: "radiotherapy" }),
      ok: false,
    },
    {
      name: "surgery is not held to the radiotherapy decision",
      events: [recorded("d", "decision", 10, { decision: "radiotherapy_planned" })],
      event: ev("treatment_started", 9, { treatment: "surgery" }),
      ok: true,
    },
    {
      name: "radiotherapy after the decision-to-treat time, though before the decision was recorded",
      events: [recorded("d", "decision", 10, { decision: "radiotherapy_planned", decidedAt: at(8).toISOString() })],
      event: ev("treatment_started", 9, { treatment: "radiotherapy" }),
      ok: true,
    },
    {
      name: "radiotherapy before the decision-to-treat time",
      events: [recorded("d", "decision", 10, { decision: "radiotherapy_planned", decidedAt: at(8).toISOString() })],
      event: ev("treatment_started", 7, { treatment: "radiotherapy" }),
      ok: false,
    },
    { name: "immobilisation lifted before advised", events: [recorded("i", "immobilisation_advised", 3)], event: ev("immobilisation_lifted", 2), ok: false },
    { name: "a second received", events: [], event: ev("received", 1), ok: false },
  ])("$name", ({ events, event, ok }) => {
    expect(checkNewEvent({ receivedAt: RECEIVED, events, event, now: NOW }).ok).toBe(ok);
  });

  it.each([
    { name: "a decision to treat at the time recorded", decidedAt: at(3), ok: true },
    { name: "no decision-to-treat time", decidedAt: undefined, ok: true },
    { name: "a decision to treat in the future", decidedAt: new Date(NOW.getTime() + CLOCK_SKEW_MS + 60_000), ok: false },
    { name: "a decision to treat before the referral", decidedAt: at(-1), ok: false },
  ])("$name", ({ decidedAt, ok }) => {
    const event = ev("decision", 4, { decision: "radiotherapy_planned", ...(decidedAt ? { decidedAt: decidedAt.toISOString() } : {}) });
    const result = checkNewEvent({ receivedAt: RECEIVED, events: [], event, now: NOW });
    expect(result.ok).toBe(ok);
    if (!result.ok) expect(result.field).toBe("data.decidedAt");
  });

  it("a correction must name an event on this referral that is not itself a correction", () => {
    const events = [recorded("a", "note", 1), recorded("c", "correction", 2)];
    const correct = (id: string) => checkNewEvent({ receivedAt: RECEIVED, events, event: { ...ev("correction", 3), correctsEventId: id }, now: NOW });
    expect(correct("a").ok).toBe(true);
    expect(correct("c")).toMatchObject({ ok: false, field: "correctsEventId" });
    expect(correct("elsewhere")).toMatchObject({ ok: false, field: "correctsEventId" });
  });
});

describe("statusAfterEvent", () => {
  it.each([
    { name: "triage of a new referral", from: "new", event: ev("triaged", 1), to: "triaged" },
    { name: "imaging requested after triage", from: "triaged", event: ev("imaging_requested", 1), to: "awaiting_imaging" },
    { name: "imaging reported", from: "awaiting_imaging", event: ev("imaging_reported", 1), to: "imaging_reported" },
    { name: "a plan", from: "imaging_reported", event: ev("decision", 1, { decision: "radiotherapy_planned" }), to: "treatment_planned" },
    { name: "a decision that is not a plan", from: "imaging_reported", event: ev("decision", 1, { decision: "spinal_surgical_opinion_requested" }), to: "imaging_reported" },
    { name: "treatment started", from: "treatment_planned", event: ev("treatment_started", 1, { treatment: "radiotherapy" }), to: "in_treatment" },
    { name: "the plan changes during treatment", from: "in_treatment", event: ev("decision", 1, { decision: "surgery_planned" }), to: "treatment_planned" },
    { name: "a CT requested after the plan does not go back", from: "treatment_planned", event: ev("imaging_requested", 1), to: "treatment_planned" },
    { name: "re-triage keeps the status", from: "awaiting_imaging", event: ev("triaged", 1), to: "awaiting_imaging" },
    { name: "a note changes nothing", from: "in_treatment", event: ev("note", 1), to: "in_treatment" },
    { name: "a score changes nothing", from: "awaiting_imaging", event: ev("score_recorded", 1, { scale: "sins", total: 9 }), to: "awaiting_imaging" },
    { name: "a dose changes nothing", from: "triaged", event: ev("dexamethasone_given", 1, { doseMg: 16 }), to: "triaged" },
    { name: "an MRI performed changes nothing until it is reported", from: "awaiting_imaging", event: ev("imaging_performed", 1), to: "awaiting_imaging" },
    { name: "MSCC excluded after imaging", from: "imaging_reported", event: ev("decision", 1, { decision: "mscc_excluded" }), to: "mscc_excluded" },
    { name: "discharged from rehabilitation", from: "rehabilitation", event: ev("discharged", 1), to: "discharged" },
    { name: "withdrawn explicitly", from: "awaiting_imaging", event: ev("status_changed", 1, { to: "withdrawn" }), to: "withdrawn" },
  ] as const)("$name: $from -> $to", ({ from, event, to }) => {
    expect(statusAfterEvent(from, event)).toEqual({ ok: true, status: to });
  });

  it.each([
    { name: "MSCC excluded once in treatment", from: "in_treatment", event: ev("decision", 1, { decision: "mscc_excluded" }) },
    { name: "discharged before rehabilitation", from: "imaging_reported", event: ev("discharged", 1) },
    { name: "an explicit jump", from: "new", event: ev("status_changed", 1, { to: "in_treatment" }) },
    { name: "anything on a withdrawn referral", from: "withdrawn", event: ev("status_changed", 1, { to: "triaged" }) },
  ] as const)("refuses $name, naming the allowed steps", ({ from, event }) => {
    const result = statusAfterEvent(from, event);
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.message).toMatch(/can next be|cannot change status/);
  });

  it("refuses a bare change of status to discharged: discharge goes through the discharge form", () => {
    expect(statusAfterEvent("rehabilitation", ev("status_changed", 1, { to: "discharged" }))).toEqual({
      ok: false,
      message: "Discharge with the discharge form: it records the destination and ambulatory status",
    });
    // An illegal step is still refused with the steps allowed.
    const early = statusAfterEvent("triaged", ev("status_changed", 1, { to: "discharged" }));
    expect(early.ok === false && early.message).toMatch(/cannot go from Triaged to Discharged/);
  });

  it("never moves to a status the state machine does not allow (property)", () => {
    const types = ["triaged", "imaging_requested", "imaging_reported", "decision", "treatment_started", "discharged", "status_changed", "note"] as const;
    fc.assert(
      fc.property(
        fc.constantFrom(...REFERRAL_STATUSES),
        fc.constantFrom(...types),
        fc.constantFrom("radiotherapy_planned", "mscc_excluded", "best_supportive_care", "transfer"),
        fc.constantFrom(...REFERRAL_STATUSES),
        (from, type, decision, to) => {
          const result = statusAfterEvent(from, { type, occurredAt: NOW, data: { decision, to } });
          if (result.ok && result.status !== from) expect(REFERRAL_TRANSITIONS[from]).toContain(result.status);
        },
      ),
    );
  });
});

describe("missingReferralData", () => {
  const complete = {
    hospitalNumber: "RXH1234567",
    phone: "07700 900123",
    referrerContact: "Bleep 1234",
    neurology: ["limb_weakness"],
    neurologyOnsetAt: RECEIVED,
    ambulatoryStatus: "walks_with_aid" as const,
    primaryCancer: "Prostate",
    haematologicalSuspected: "none",
    previousSpinalRadiotherapy: false,
  };
  it("nothing missing when the minimum data set is there", () => {
    expect(missingReferralData(complete)).toEqual([]);
  });
  it.each([
    ["hospitalNumber", null, "Hospital number"],
    ["neurologyOnsetAt", null, "Onset of neurological symptoms"],
    ["ambulatoryStatus", null, "Ambulatory status"],
    ["haematologicalSuspected", null, "Lymphoma or myeloma suspected?"],
    ["previousSpinalRadiotherapy", null, "Previous spinal radiotherapy?"],
  ] as const)("%s missing is named", (field, value, label) => {
    expect(missingReferralData({ ...complete, [field]: value })).toEqual([label]);
  });
  it("the onset is not asked for when there is no neurology; 'no' to radiotherapy is an answer", () => {
    expect(missingReferralData({ ...complete, neurology: [], neurologyOnsetAt: null, previousSpinalRadiotherapy: false })).toEqual([]);
  });
});
