import { describe, expect, it } from "vitest";
import { describeEvent, eventNote } from "./event-labels";

const names = { userName: (id: string) => (id === "r1" ? "Dr James Okoro" : null) };

describe("events as the timeline reads them", () => {
  it.each([
    [{ type: "imaging_performed", data: { modality: "mri_whole_spine" } }, "MRI whole spine performed"],
    [{ type: "dexamethasone_given", data: { doseMg: 16, route: "oral" } }, "Dexamethasone 16 mg oral"],
    [{ type: "dexamethasone_given", data: { doseMg: 8, route: "oral", beforeReferral: true } }, "Dexamethasone 8 mg oral (given before the referral)"],
    [{ type: "triaged", data: { category: "suspected_mscc", advice: ["immobilisation", "dexamethasone"] } }, "Triaged: Suspected MSCC; advice: Lie flat / spinal precautions (immobilisation), Dexamethasone"],
    [{ type: "triaged", data: { category: "not_mscc", advice: [] } }, "Triaged: Not MSCC (advice only); advice: none recorded"],
    [{ type: "escalated", data: { toUserId: "r1" } }, "Escalated to Dr James Okoro"],
    [{ type: "escalated", data: { toUserId: "gone" } }, "Escalated to the on-call registrar"],
    [{ type: "imaging_reported", data: { modality: "mri_whole_spine", result: "mscc_confirmed", levels: "T10–T11" } }, "MRI whole spine reported: MSCC confirmed at T10–T11"],
    [{ type: "breach_reason", data: { clock: "mri", reason: "mri_capacity" } }, "Breach reason for the MRI clock: MRI capacity"],
    [{ type: "breach_reason", data: { clock: "mri", reason: "other", text: "Scanner down" } }, "Breach reason for the MRI clock: Other: Scanner down"],
    [{ type: "correction", data: { retract: true, reason: "Wrong patient" } }, "Correction: the event was withdrawn"],
    [{ type: "decision", data: { decision: "radiotherapy_planned" } }, "Decision: Radiotherapy planned (decision to treat)"],
    [{ type: "status_changed", data: { to: "rehabilitation" } }, "Status changed to Rehabilitation and discharge planning"],
    [{ type: "score_recorded", data: { scale: "sins", total: 9, band: "potentially_unstable", surgicalOpinionAdvised: true } }, "SINS 9: potentially unstable; surgical opinion advised"],
    [{ type: "score_recorded", data: { scale: "sins", total: 4, band: "stable", surgicalOpinionAdvised: false } }, "SINS 4: stable"],
    [{ type: "score_recorded", data: { scale: "tokuhashi", total: 10, band: "6_months_or_more" } }, "Revised Tokuhashi 10: predicted survival 6 months or more"],
    [{ type: "score_recorded", data: { scale: "frankel", value: "C" } }, "Frankel grade C"],
    [{ type: "score_recorded", data: { scale: "ecog", value: 0 } }, "ECOG/WHO performance status 0"],
    [{ type: "score_recorded", data: { scale: "karnofsky", value: 70 } }, "Karnofsky performance status 70"],
    [{ type: "score_recorded", data: { scale: "ambulatory", value: "walks_with_aid" } }, "Ambulatory status: walks with aid"],
    [{ type: "score_recorded", data: { scale: "unknown" } }, "Score recorded"],
    [{ type: "decision", data: { decision: "radiotherapy_planned", decidedAt: "2026-11-25T14:05:00Z" } }, "Decision: Radiotherapy planned (decision to treat) at 25/11/2026 14:05"],
    [{ type: "imaging_performed", data: { modality: "ct", accession: "RX123", imageExchange: "IEP-77" } }, "CT performed (accession RX123; image exchange IEP-77)"],
    [
      { type: "dexamethasone_given", data: { doseMg: 16, route: "iv", overrideReason: "Haematology unreachable; cord compression progressing" } },
      "Dexamethasone 16 mg IV; given before the haematology discussion: Haematology unreachable; cord compression progressing",
    ],
  ] as const)("%o reads %s", (event, text) => {
    expect(describeEvent({ type: event.type, data: { ...event.data } }, names)).toBe(text);
  });

  it("shows the free text an event carries", () => {
    expect(eventNote({ type: "note", data: { text: "Family informed" } })).toBe("Family informed");
    expect(eventNote({ type: "correction", data: { retract: true, reason: "Wrong patient" } })).toBe("Reason: Wrong patient");
    expect(eventNote({ type: "imaging_requested", data: { modality: "ct" } })).toBeNull();
  });
});
