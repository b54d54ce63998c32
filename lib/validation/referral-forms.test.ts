import { describe, expect, it } from "vitest";
import { fieldErrorsOf } from "./form";
import { gatherEventForm, recordEventForm, triageForm } from "./referral-forms";

const referralId = "0b6f3c1e-6f1d-4c1a-9a55-2f0b9d8e7c11";
const registrarId = "6a1e0c55-2b7e-4b8f-8d7a-3c2f1e0d9b44";

describe("the referral page's forms as their actions read them", () => {
  it("gathers fields named data.* into the event's data", () => {
    expect(gatherEventForm({ type: "note", "data.text": "Hello", "data.advice": ["a", "b"] })).toEqual({ type: "note", data: { text: "Hello", advice: ["a", "b"] } });
    expect(gatherEventForm({ data: { text: "JSON" }, "data.more": "x" })).toEqual({ data: { text: "JSON", more: "x" } });
    expect(gatherEventForm("nonsense")).toEqual({ data: {} });
  });

  it("reads an imaging event from the form with a London time and blank optional fields", () => {
    const parsed = recordEventForm.parse({
      referralId,
      expectedVersion: "4",
      type: "imaging_performed",
      occurredAt: "2026-07-01T09:30",
      "data.modality": "mri_whole_spine",
      "data.accession": "",
      "data.note": "",
    });
    expect(parsed).toEqual({
      referralId,
      event: { type: "imaging_performed", occurredAt: new Date("2026-07-01T08:30:00Z"), expectedVersion: 4, correctsEventId: null, data: { modality: "mri_whole_spine" } },
    });
  });

  it("names each problem by the form's field", () => {
    const result = recordEventForm.safeParse({ referralId: "x", expectedVersion: "1", type: "imaging_reported", occurredAt: "", "data.modality": "mri" });
    expect(result.success).toBe(false);
    if (result.success) return;
    expect(Object.keys(fieldErrorsOf(result.error)).sort()).toEqual(["occurredAt", "referralId"]);
  });

  it("records a breach reason or a correction at the moment it is given", () => {
    const before = Date.now();
    const parsed = recordEventForm.parse({ referralId, expectedVersion: "2", type: "breach_reason", "data.clock": "mri", "data.reason": "mri_capacity", "data.text": "" });
    expect(parsed.event.occurredAt.getTime()).toBeGreaterThanOrEqual(before - 1000);
    expect(parsed.event.data).toEqual({ clock: "mri", reason: "mri_capacity" });
  });

  it("reads triage with an escalation as two events, the second on the next version", () => {
    const parsed = triageForm.parse({ referralId, expectedVersion: "1", occurredAt: "2026-12-01T10:00", "data.category": "suspected_mscc", "data.advice": "dexamethasone", "data.toUserId": registrarId });
    expect(parsed.triaged).toMatchObject({ type: "triaged", expectedVersion: 1, data: { category: "suspected_mscc", advice: ["dexamethasone"] } });
    expect(parsed.escalated).toMatchObject({ type: "escalated", expectedVersion: 2, occurredAt: new Date("2026-12-01T10:00:00Z"), data: { toUserId: registrarId } });
    expect(triageForm.parse({ referralId, expectedVersion: "1", occurredAt: "2026-12-01T10:00", "data.category": "not_mscc", "data.toUserId": "" }).escalated).toBeNull();
  });

  it("refuses a triage without a category, and a registrar that is not an id, beside their fields", () => {
    const result = triageForm.safeParse({ referralId, expectedVersion: "1", occurredAt: "2026-12-01T10:00", "data.toUserId": "someone" });
    expect(result.success).toBe(false);
    if (result.success) return;
    expect(Object.keys(fieldErrorsOf(result.error)).sort()).toEqual(["data.category", "data.toUserId"]);
  });
});
