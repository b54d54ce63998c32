import { describe, expect, it } from "vitest";
import { recordEventAction, triageAction } from "@/app/(clinical)/referrals/[id]/actions";
import { createReferralAction } from "@/app/(clinical)/referrals/new/actions";
import { getDatabase } from "@/db/client";
import { getReferralDetail } from "@/db/queries/referrals";
import type { Role } from "@/lib/auth/roles";
import type { CurrentUser } from "@/lib/auth/session";
import { nhsCheckDigit } from "@/lib/domain/nhs-number";
import { parseLondonLocalDateTime, toLondonLocalInput } from "@/lib/domain/time-format";
import { ACTION_SPEC, runAction, type ServerAction } from "@/lib/server/action";
import { makeUser } from "./fixtures";

const HOUR = 3_600_000;

/** The actions' whole pipeline (who, may they, validation, one transaction), fed what the browser's forms send. */
const send = <T,>(action: ServerAction<T>, user: CurrentUser, raw: Record<string, unknown>) => runAction(action[ACTION_SPEC], user, raw);

async function signedIn(role: Role, name?: string): Promise<CurrentUser> {
  const made = await makeUser(role, { name });
  return { id: made.id, email: made.email, name: made.name, role };
}

/** A synthetic NHS number (starting 999) that passes Modulus 11, different on each call. */
function syntheticNhsNumber(): string {
  for (;;) {
    const firstNine = `999${String(Math.floor(Math.random() * 1_000_000)).padStart(6, "0")}`;
    const check = nhsCheckDigit(firstNine);
    if (check !== null) return `${firstNine}${check}`;
  }
}

/** A London wall-clock time, as a datetime-local field sends it, so many hours before now. */
const localHoursAgo = (hours: number) => toLondonLocalInput(new Date(Date.now() - hours * HOUR));

/** The intake form's fields as FormData gives them: strings, a checkbox group as one string or several. */
function intakeForm(overrides: Record<string, unknown> = {}): Record<string, unknown> {
  const nhs = syntheticNhsNumber();
  return {
    nhsNumber: `${nhs.slice(0, 3)} ${nhs.slice(3, 6)} ${nhs.slice(6)}`,
    givenName: "Margaret",
    familyName: "Okafor",
    dateOfBirth: "1950-03-07",
    hospitalNumber: "",
    phone: "",
    location: "home",
    receivedAt: localHoursAgo(2),
    referrerName: "Dr Priya Shah",
    referrerRole: "gp",
    referrerOrganisation: "Riverside Surgery",
    referrerContact: "",
    symptoms: ["severe_lower_back_pain", "pain_stops_sleep"],
    neurology: "limb_weakness",
    neurologyOnsetAt: localHoursAgo(6),
    ambulatoryStatus: "walks_with_aid",
    primaryCancer: "Prostate",
    knownMetastases: "bone",
    currentTreatment: "",
    haematologicalSuspected: "",
    previousSpinalRadiotherapy: "false",
    previousSpinalRadiotherapyLevel: "",
    imagingAvailable: "",
    dexamethasoneGivenAt: localHoursAgo(3),
    dexamethasoneDoseMg: "16",
    immobilisationAdvisedAt: "",
    ...overrides,
  };
}

async function createReferral(user: CurrentUser, overrides: Record<string, unknown> = {}) {
  const result = await send(createReferralAction, user, intakeForm(overrides));
  if (!result.ok) throw new Error(`create refused: ${JSON.stringify(result.error)}`);
  return result.data.id;
}

const detailOf = async (id: string) => {
  const detail = await getReferralDetail({ id, now: new Date() });
  if (!detail) throw new Error("referral not found");
  return detail;
};

describe(`referral server actions on ${getDatabase().engine}`, () => {
  it("creates a referral from the intake form's raw strings, with what was already done as events", async () => {
    const coordinator = await signedIn("coordinator");
    const form = intakeForm();
    const result = await send(createReferralAction, coordinator, form);
    expect(result).toMatchObject({ ok: true, message: "Referral created." });
    if (!result.ok) return;

    const detail = await detailOf(result.data.id);
    expect(detail.patient).toMatchObject({ nhsNumber: String(form.nhsNumber).replace(/ /g, ""), familyName: "Okafor", location: "home" });
    expect(detail.referral).toMatchObject({
      status: "new",
      category: "suspected_mscc",
      version: 1,
      symptoms: ["severe_lower_back_pain", "pain_stops_sleep"],
      neurology: ["limb_weakness"],
      knownMetastases: ["bone"],
      previousSpinalRadiotherapy: false,
      haematologicalSuspected: null,
    });
    // The datetime-local strings are London wall-clock times.
    expect(detail.referral.receivedAt).toEqual(parseLondonLocalDateTime(String(form.receivedAt)));
    expect(detail.events.map((e) => e.type)).toEqual(["dexamethasone_given", "received"]);
    expect(detail.events[0]?.data).toMatchObject({ doseMg: 16, beforeReferral: true });
    expect(detail.missing).toEqual(expect.arrayContaining(["Hospital number", "Patient's phone", "Lymphoma or myeloma suspected?"]));
  });

  it("refuses a bad NHS number and a second open referral for the same patient, saving nothing", async () => {
    const coordinator = await signedIn("coordinator");
    const bad = await send(createReferralAction, coordinator, intakeForm({ nhsNumber: "943 476 5918" }));
    expect(bad).toMatchObject({ ok: false, error: { code: "validation", fields: { nhsNumber: ["This is not a valid NHS number: check the digits"] } } });

    const nhsNumber = syntheticNhsNumber();
    const first = await createReferral(coordinator, { nhsNumber });
    const second = await send(createReferralAction, coordinator, intakeForm({ nhsNumber }));
    expect(second).toMatchObject({ ok: false, error: { code: "conflict", fields: { nhsNumber: [`Open referral ${first}`] } } });
  });

  it("triages and escalates in one go: two events, version +2, status triaged, the registrar assigned", async () => {
    const coordinator = await signedIn("coordinator");
    const registrar = await signedIn("registrar", "Dr Ada Registrar");
    const id = await createReferral(coordinator);

    const result = await send(triageAction, coordinator, {
      referralId: id,
      expectedVersion: "1",
      occurredAt: localHoursAgo(0),
      "data.category": "suspected_mscc",
      "data.advice": ["dexamethasone", "attend_hospital"],
      "data.note": "",
      "data.toUserId": registrar.id,
    });
    expect(result).toMatchObject({ ok: true, data: { version: 3, status: "triaged" } });

    const detail = await detailOf(id);
    expect(detail.referral).toMatchObject({ version: 3, status: "triaged", category: "suspected_mscc", assignedRegistrarId: registrar.id });
    expect(detail.registrarName).toBe("Dr Ada Registrar");
    const triaged = detail.events.find((e) => e.type === "triaged");
    const escalated = detail.events.find((e) => e.type === "escalated");
    expect(triaged?.data).toEqual({ category: "suspected_mscc", advice: ["dexamethasone", "attend_hospital"] });
    expect(escalated?.data).toEqual({ toUserId: registrar.id });
    expect(detail.clocks.find((c) => c.id === "triage")?.stopAt).toEqual(triaged?.occurredAt);
  });

  it("an escalation to someone who is not a registrar undoes the triage too", async () => {
    const coordinator = await signedIn("coordinator");
    const id = await createReferral(coordinator);
    const result = await send(triageAction, coordinator, {
      referralId: id,
      expectedVersion: "1",
      occurredAt: localHoursAgo(0),
      "data.category": "suspected_mscc",
      "data.toUserId": coordinator.id,
    });
    expect(result).toMatchObject({ ok: false, error: { code: "validation", fields: { "data.toUserId": ["Choose an active registrar"] } } });
    const detail = await detailOf(id);
    expect(detail.referral).toMatchObject({ version: 1, status: "new" });
    expect(detail.events.map((e) => e.type)).not.toContain("triaged");
  });

  it("a registrar cannot triage, by the triage form or by recording a triage event", async () => {
    const coordinator = await signedIn("coordinator");
    const registrar = await signedIn("registrar");
    const id = await createReferral(coordinator);
    const triage = { referralId: id, expectedVersion: "1", occurredAt: localHoursAgo(0), "data.category": "not_mscc" };

    expect(await send(triageAction, registrar, triage)).toMatchObject({ ok: false, error: { code: "forbidden" } });
    expect(await send(recordEventAction, registrar, { ...triage, type: "triaged" })).toMatchObject({ ok: false, error: { code: "forbidden" } });
    // Even the coordinator triages only with the triage form.
    expect(await send(recordEventAction, coordinator, { ...triage, type: "triaged" })).toMatchObject({ ok: false, error: { code: "validation", fields: { type: expect.any(Array) } } });
    expect((await detailOf(id)).referral).toMatchObject({ version: 1, status: "new", category: "suspected_mscc" });
  });

  it("the discharge team cannot record clinical events", async () => {
    const coordinator = await signedIn("coordinator");
    const discharge = await signedIn("discharge");
    const id = await createReferral(coordinator);
    const result = await send(recordEventAction, discharge, {
      referralId: id,
      expectedVersion: "1",
      type: "note",
      occurredAt: localHoursAgo(0),
      "data.text": "Spoke to the family",
    });
    expect(result).toMatchObject({ ok: false, error: { code: "forbidden" } });
    expect((await detailOf(id)).events.map((e) => e.type)).not.toContain("note");
  });

  it("a stale version is refused naming who changed the referral, and leaves the data unchanged", async () => {
    const coordinator = await signedIn("coordinator", "Coordinator Cara");
    const registrar = await signedIn("registrar");
    const id = await createReferral(coordinator);
    const note = { referralId: id, type: "note", occurredAt: localHoursAgo(0), "data.text": "First" };
    expect(await send(recordEventAction, coordinator, { ...note, expectedVersion: "1" })).toMatchObject({ ok: true, data: { version: 2 } });
    const before = await detailOf(id);

    const stale = await send(recordEventAction, registrar, { ...note, expectedVersion: "1", "data.text": "Based on what I saw" });
    expect(stale).toMatchObject({ ok: false, error: { code: "conflict", message: expect.stringContaining("Coordinator Cara changed this referral at") } });
    const after = await detailOf(id);
    expect(after.referral.version).toBe(2);
    expect(after.events.map((e) => e.id)).toEqual(before.events.map((e) => e.id));
  });

  it("an MRI 30 h after receipt breaches the MRI clock by 6 h and asks for a reason; the reason answers it", async () => {
    const coordinator = await signedIn("coordinator");
    const receivedLocal = localHoursAgo(32);
    const id = await createReferral(coordinator, { receivedAt: receivedLocal, dexamethasoneGivenAt: "", dexamethasoneDoseMg: "" });
    const receivedAt = parseLondonLocalDateTime(receivedLocal) as Date;

    const mri = await send(recordEventAction, coordinator, {
      referralId: id,
      expectedVersion: "1",
      type: "imaging_performed",
      occurredAt: toLondonLocalInput(new Date(receivedAt.getTime() + 30 * HOUR)),
      "data.modality": "mri_whole_spine",
      "data.accession": "",
      "data.note": "",
    });
    expect(mri).toMatchObject({ ok: true, data: { version: 2 } });
    const breached = (await detailOf(id)).clocks.find((c) => c.id === "mri");
    expect(breached).toMatchObject({ status: "breached", overrunMs: 6 * HOUR, reasonRequired: true, dueAt: new Date(receivedAt.getTime() + 24 * HOUR) });

    // "Other" needs words; the reason form sends no time (it is recorded now).
    const withoutWords = await send(recordEventAction, coordinator, { referralId: id, expectedVersion: "2", type: "breach_reason", "data.clock": "mri", "data.reason": "other", "data.text": "" });
    expect(withoutWords).toMatchObject({ ok: false, error: { code: "validation", fields: { "data.text": ["Say what the reason was"] } } });
    const reason = await send(recordEventAction, coordinator, { referralId: id, expectedVersion: "2", type: "breach_reason", "data.clock": "mri", "data.reason": "mri_capacity", "data.text": "" });
    expect(reason).toMatchObject({ ok: true, data: { version: 3 } });
    expect((await detailOf(id)).clocks.find((c) => c.id === "mri")).toMatchObject({ status: "breached", reasonRequired: false, breachReason: { reason: "mri_capacity" } });
  });

  it("a correction withdraws an event without deleting it, and the clocks no longer count it", async () => {
    const coordinator = await signedIn("coordinator");
    const id = await createReferral(coordinator, { dexamethasoneGivenAt: "", dexamethasoneDoseMg: "" });
    await send(recordEventAction, coordinator, {
      referralId: id,
      expectedVersion: "1",
      type: "dexamethasone_given",
      occurredAt: localHoursAgo(1),
      "data.doseMg": "16",
      "data.route": "oral",
    });
    const given = (await detailOf(id)).events.find((e) => e.type === "dexamethasone_given");
    expect((await detailOf(id)).clocks.find((c) => c.id === "dexamethasone")?.stopAt).toEqual(given?.occurredAt);

    const noReason = await send(recordEventAction, coordinator, { referralId: id, expectedVersion: "2", type: "correction", correctsEventId: given?.id, "data.retract": "true", "data.reason": "" });
    expect(noReason).toMatchObject({ ok: false, error: { code: "validation", fields: { "data.reason": ["Enter the reason for the correction"] } } });
    const withdrawn = await send(recordEventAction, coordinator, {
      referralId: id,
      expectedVersion: "2",
      type: "correction",
      correctsEventId: given?.id,
      "data.occurredAt": "",
      "data.retract": "true",
      "data.reason": "Recorded on the wrong patient",
    });
    expect(withdrawn).toMatchObject({ ok: true, data: { version: 3 } });
    const detail = await detailOf(id);
    expect(detail.events.map((e) => e.id)).toContain(given?.id);
    expect(detail.events.find((e) => e.type === "correction")).toMatchObject({ correctsEventId: given?.id, data: { retract: true, reason: "Recorded on the wrong patient" } });
    expect(detail.clocks.find((c) => c.id === "dexamethasone")?.stopAt).toBeNull();
  });

  it("refuses a time in the future with a message beside the time field", async () => {
    const coordinator = await signedIn("coordinator");
    const id = await createReferral(coordinator);
    const result = await send(recordEventAction, coordinator, {
      referralId: id,
      expectedVersion: "1",
      type: "imaging_requested",
      occurredAt: toLondonLocalInput(new Date(Date.now() + 2 * HOUR)),
      "data.modality": "mri_whole_spine",
    });
    expect(result).toMatchObject({ ok: false, error: { code: "unprocessable", fields: { occurredAt: [expect.stringContaining("in the future")] } } });
    expect((await detailOf(id)).referral.version).toBe(1);
  });
});
