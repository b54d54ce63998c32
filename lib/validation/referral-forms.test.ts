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

  it("reads a SINS score from the form's fields and keeps the server's total and band, not the one sent", () => {
    const parsed = recordEventForm.parse({
      referralId,
      expectedVersion: "3",
      type: "score_recorded",
      occurredAt: "2026-12-01T10:00",
      "data.scale": "sins",
      "data.location": "junctional",
      "data.pain": "mechanical",
      "data.lesion": "lytic",
      "data.alignment": "normal",
      "data.collapse": "none",
      "data.posterolateral": "unilateral",
      "data.total": "18",
      "data.band": "unstable",
      "data.note": "",
    });
    expect(parsed.event.data).toEqual({
      scale: "sins",
      location: "junctional",
      pain: "mechanical",
      lesion: "lytic",
      alignment: "normal",
      collapse: "none",
      posterolateral: "unilateral",
      total: 9,
      band: "potentially_unstable",
      surgicalOpinionAdvised: true,
    });
  });

  it.each([
    [{ "data.scale": "tokuhashi", "data.generalCondition": "kps_80_100", "data.extraspinalBoneMetastases": "none", "data.vertebralMetastases": "one", "data.majorOrganMetastases": "removable", "data.primarySite": "rectum", "data.palsy": "none_frankel_e" }, { scale: "tokuhashi", total: 13, band: "a_year_or_more" }],
    [{ "data.scale": "frankel", "data.value": "C" }, { scale: "frankel", value: "C" }],
    [{ "data.scale": "asia", "data.value": "E" }, { scale: "asia", value: "E" }],
    [{ "data.scale": "ecog", "data.value": "2" }, { scale: "ecog", value: 2 }],
    [{ "data.scale": "karnofsky", "data.value": "70" }, { scale: "karnofsky", value: 70 }],
    [{ "data.scale": "ambulatory", "data.value": "walks_with_aid" }, { scale: "ambulatory", value: "walks_with_aid" }],
  ])("reads %j as %j", (form, data) => {
    const parsed = recordEventForm.parse({ referralId, expectedVersion: "3", type: "score_recorded", occurredAt: "2026-12-01T10:00", ...form });
    expect(parsed.event.data).toMatchObject(data);
  });

  it.each([
    [{ "data.scale": "" }, ["data.scale"]],
    [{ "data.scale": "frankel", "data.value": "F" }, ["data.value"]],
    [{ "data.scale": "ecog", "data.value": "5" }, ["data.value"]],
    [{ "data.scale": "karnofsky", "data.value": "75" }, ["data.value"]],
    [{ "data.scale": "sins", "data.location": "junctional", "data.pain": "severe" }, ["data.alignment", "data.collapse", "data.lesion", "data.pain", "data.posterolateral"]],
    [{ "data.scale": "asia", "data.value": "A", "data.grade": "A" }, ["data"]],
  ])("refuses a score %j beside %j", (form, keys) => {
    const result = recordEventForm.safeParse({ referralId, expectedVersion: "3", type: "score_recorded", occurredAt: "2026-12-01T10:00", ...form });
    expect(result.success).toBe(false);
    if (result.success) return;
    expect(Object.keys(fieldErrorsOf(result.error)).sort()).toEqual(keys);
  });

  it("keeps the image exchange reference of a scan and the override reason of a dose", () => {
    const scan = recordEventForm.parse({ referralId, expectedVersion: "2", type: "imaging_reported", occurredAt: "2026-12-01T10:00", "data.modality": "ct", "data.result": "other", "data.imageExchange": "IEP-9" });
    expect(scan.event.data).toEqual({ modality: "ct", result: "other", imageExchange: "IEP-9" });
    const dose = recordEventForm.parse({ referralId, expectedVersion: "2", type: "dexamethasone_given", occurredAt: "2026-12-01T10:00", "data.doseMg": "16", "data.route": "oral", "data.overrideReason": "Agreed with Dr Lee" });
    expect(dose.event.data).toEqual({ drug: "dexamethasone", doseMg: 16, route: "oral", overrideReason: "Agreed with Dr Lee" });
  });

  it("refuses a triage without a category, and a registrar that is not an id, beside their fields", () => {
    const result = triageForm.safeParse({ referralId, expectedVersion: "1", occurredAt: "2026-12-01T10:00", "data.toUserId": "someone" });
    expect(result.success).toBe(false);
    if (result.success) return;
    expect(Object.keys(fieldErrorsOf(result.error)).sort()).toEqual(["data.category", "data.toUserId"]);
  });
});
