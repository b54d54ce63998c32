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

/**
 * Decisions, doses, imaging and scores (issue 5, items 3-6) recorded as the referral page's focused forms send
 * them, through the whole action pipeline: the clocks and the status move as pathway.md says, out-of-order and
 * unsafe records are refused beside their field, and the wrong roles are refused.
 */
const HOUR = 3_600_000;

const send = <T,>(action: ServerAction<T>, user: CurrentUser, raw: Record<string, unknown>) => runAction(action[ACTION_SPEC], user, raw);

async function signedIn(role: Role): Promise<CurrentUser> {
  const made = await makeUser(role);
  return { id: made.id, email: made.email, name: made.name, role };
}

function syntheticNhsNumber(): string {
  for (;;) {
    const firstNine = `999${String(Math.floor(Math.random() * 1_000_000)).padStart(6, "0")}`;
    const check = nhsCheckDigit(firstNine);
    if (check !== null) return `${firstNine}${check}`;
  }
}

/** A London wall-clock time, as a datetime-local field sends it, this many hours before now; and its instant. */
const hoursAgo = (hours: number) => toLondonLocalInput(new Date(Date.now() - hours * HOUR));
const instantOf = (local: string) => parseLondonLocalDateTime(local) as Date;

/** A suspected MSCC referral received `receivedHoursAgo` hours ago, triaged by the coordinator. */
async function triagedReferral(coordinator: CurrentUser, options: { receivedHoursAgo?: number; haematologicalSuspected?: string } = {}) {
  const receivedAt = hoursAgo(options.receivedHoursAgo ?? 10);
  const created = await send(createReferralAction, coordinator, {
    nhsNumber: syntheticNhsNumber(),
    givenName: "Margaret",
    familyName: "Okafor",
    dateOfBirth: "1950-03-07",
    receivedAt,
    referrerName: "Dr Priya Shah",
    referrerRole: "gp",
    symptoms: "severe_lower_back_pain",
    neurology: "limb_weakness",
    haematologicalSuspected: options.haematologicalSuspected ?? "none",
  });
  if (!created.ok) throw new Error(`create refused: ${JSON.stringify(created.error)}`);
  const id = created.data.id;
  const triaged = await send(triageAction, coordinator, { referralId: id, expectedVersion: "1", occurredAt: hoursAgo((options.receivedHoursAgo ?? 10) - 0.5), "data.category": "suspected_mscc" });
  if (!triaged.ok) throw new Error(`triage refused: ${JSON.stringify(triaged.error)}`);
  return { id, receivedAt: instantOf(receivedAt) };
}

const detailOf = async (id: string) => {
  const detail = await getReferralDetail({ id, now: new Date() });
  if (!detail) throw new Error("referral not found");
  return detail;
};

/** One event as a focused form sends it, on the referral's current version. */
async function record(user: CurrentUser, id: string, type: string, occurredAt: string, data: Record<string, string> = {}) {
  const { referral } = await detailOf(id);
  const fields = Object.fromEntries(Object.entries(data).map(([k, v]) => [`data.${k}`, v]));
  return send(recordEventAction, user, { referralId: id, expectedVersion: String(referral.version), type, occurredAt, ...fields });
}

const SINS_NINE = { scale: "sins", location: "junctional", pain: "mechanical", lesion: "lytic", alignment: "normal", collapse: "none", posterolateral: "unilateral" };

describe(`decisions, dexamethasone, imaging and scores on ${getDatabase().engine}`, () => {
  it("imaging moves the MRI clock and the status; a report before the scan is refused beside the step", async () => {
    const coordinator = await signedIn("coordinator");
    const registrar = await signedIn("registrar");
    const { id } = await triagedReferral(coordinator);

    expect(await record(registrar, id, "imaging_requested", hoursAgo(8), { modality: "mri_whole_spine" })).toMatchObject({ ok: true, data: { status: "awaiting_imaging" } });
    const early = await record(registrar, id, "imaging_reported", hoursAgo(7), { modality: "mri_whole_spine", result: "mscc_confirmed" });
    expect(early).toMatchObject({ ok: false, error: { code: "unprocessable", fields: { type: ["Record the scan as performed before its report."] } } });

    const performedAt = hoursAgo(6);
    expect(await record(registrar, id, "imaging_performed", performedAt, { modality: "mri_whole_spine", accession: "RX0042", imageExchange: "IEP-2026-77" })).toMatchObject({ ok: true });
    const beforeScan = await record(registrar, id, "imaging_reported", hoursAgo(6.5), { modality: "mri_whole_spine", result: "mscc_confirmed" });
    expect(beforeScan).toMatchObject({ ok: false, error: { code: "unprocessable", fields: { occurredAt: [expect.stringContaining("cannot come before the scan was performed")] } } });
    const reported = await record(registrar, id, "imaging_reported", hoursAgo(5), { modality: "mri_whole_spine", result: "mscc_confirmed", levels: "T10-T11", imageExchange: "IEP-2026-77" });
    expect(reported).toMatchObject({ ok: true, data: { status: "imaging_reported" } });

    const detail = await detailOf(id);
    expect(detail.clocks.find((c) => c.id === "mri")).toMatchObject({ status: "met", stopAt: instantOf(performedAt) });
    expect(detail.events.find((e) => e.type === "imaging_performed")?.data).toEqual({ modality: "mri_whole_spine", accession: "RX0042", imageExchange: "IEP-2026-77" });
    expect(detail.events.find((e) => e.type === "imaging_reported")?.data).toEqual({ modality: "mri_whole_spine", result: "mscc_confirmed", levels: "T10-T11", imageExchange: "IEP-2026-77" });
    // The two refusals wrote nothing: three imaging events, no more.
    expect(detail.events.filter((e) => e.type.startsWith("imaging_"))).toHaveLength(3);
  });

  it("radiotherapy planned starts the radiotherapy clock at the decision-to-treat time; the first fraction stops it", async () => {
    const coordinator = await signedIn("coordinator");
    const registrar = await signedIn("registrar");
    const { id } = await triagedReferral(coordinator);

    const future = await record(registrar, id, "decision", hoursAgo(4), { decision: "radiotherapy_planned", decidedAt: hoursAgo(-2) });
    expect(future).toMatchObject({ ok: false, error: { code: "unprocessable", fields: { "data.decidedAt": [expect.stringContaining("in the future")] } } });

    const decidedAt = hoursAgo(5);
    const decisionAt = hoursAgo(4);
    const decision = await record(registrar, id, "decision", decisionAt, { decision: "radiotherapy_planned", decidedAt, note: "8 Gy single fraction" });
    expect(decision).toMatchObject({ ok: true, data: { status: "treatment_planned" } });
    let detail = await detailOf(id);
    expect(detail.clocks.find((c) => c.id === "radiotherapy")).toMatchObject({ status: "running", startAt: instantOf(decidedAt), dueAt: new Date(instantOf(decidedAt).getTime() + 24 * HOUR) });
    expect(detail.clocks.find((c) => c.id === "treatment_plan")).toMatchObject({ status: "met", stopAt: instantOf(decisionAt) });
    expect(detail.events.find((e) => e.type === "decision")?.data).toEqual({ decision: "radiotherapy_planned", decidedAt: instantOf(decidedAt).toISOString(), note: "8 Gy single fraction" });

    const tooEarly = await record(registrar, id, "treatment_started", hoursAgo(6), { treatment: "radiotherapy" });
    expect(tooEarly).toMatchObject({ ok: false, error: { code: "unprocessable", fields: { occurredAt: [expect.stringContaining("before the decision to treat")] } } });
    const firstFraction = hoursAgo(1);
    expect(await record(registrar, id, "treatment_started", firstFraction, { treatment: "radiotherapy" })).toMatchObject({ ok: true, data: { status: "in_treatment" } });
    detail = await detailOf(id);
    expect(detail.clocks.find((c) => c.id === "radiotherapy")).toMatchObject({ status: "met", stopAt: instantOf(firstFraction) });
  });

  it("MSCC excluded closes the referral; once in treatment it is refused beside the decision", async () => {
    const coordinator = await signedIn("coordinator");
    const registrar = await signedIn("registrar");
    const { id } = await triagedReferral(coordinator);
    expect(await record(registrar, id, "decision", hoursAgo(2), { decision: "mscc_excluded" })).toMatchObject({ ok: true, data: { status: "mscc_excluded" } });

    const other = (await triagedReferral(coordinator)).id;
    await record(registrar, other, "decision", hoursAgo(3), { decision: "surgery_planned" });
    await record(registrar, other, "treatment_started", hoursAgo(2), { treatment: "surgery" });
    const refused = await record(registrar, other, "decision", hoursAgo(1), { decision: "mscc_excluded" });
    expect(refused).toMatchObject({ ok: false, error: { code: "unprocessable", fields: { type: [expect.stringMatching(/can next be|cannot change status/)] } } });
    expect((await detailOf(other)).referral.status).toBe("in_treatment");
  });

  it("lymphoma suspected: a first dose needs the override reason (422, nothing written); later doses do not", async () => {
    const coordinator = await signedIn("coordinator");
    const registrar = await signedIn("registrar");
    const { id } = await triagedReferral(coordinator, { haematologicalSuspected: "lymphoma" });
    const before = await detailOf(id);

    const refused = await record(registrar, id, "dexamethasone_given", hoursAgo(3), { doseMg: "16", route: "oral", overrideReason: "" });
    expect(refused).toMatchObject({
      ok: false,
      error: { code: "unprocessable", message: expect.stringContaining("Lymphoma is suspected: discuss with a consultant/haematology"), fields: { "data.overrideReason": [expect.any(String)] } },
    });
    const after = await detailOf(id);
    expect(after.referral.version).toBe(before.referral.version);
    expect(after.events.filter((e) => e.type === "dexamethasone_given")).toHaveLength(0);

    const reason = "Haematology on call not reachable; power in legs falling";
    const firstDoseAt = hoursAgo(3);
    expect(await record(registrar, id, "dexamethasone_given", firstDoseAt, { doseMg: "16", route: "iv", overrideReason: reason })).toMatchObject({ ok: true });
    expect(await record(registrar, id, "dexamethasone_given", hoursAgo(1), { doseMg: "16", route: "oral" })).toMatchObject({ ok: true });
    const detail = await detailOf(id);
    const doses = detail.events.filter((e) => e.type === "dexamethasone_given");
    expect(doses.map((e) => e.data)).toEqual([
      { drug: "dexamethasone", doseMg: 16, route: "iv", overrideReason: reason },
      { drug: "dexamethasone", doseMg: 16, route: "oral" },
    ]);
    expect(doses.every((e) => e.recordedByName === registrar.name)).toBe(true);
    // The first dose stops the dexamethasone clock (late here: the referral came 10 h ago).
    expect(detail.clocks.find((c) => c.id === "dexamethasone")).toMatchObject({ status: "breached", stopAt: instantOf(firstDoseAt) });
  });

  it("a withdrawn first dose does not count: the next first dose needs the reason again", async () => {
    const coordinator = await signedIn("coordinator");
    const { id } = await triagedReferral(coordinator, { haematologicalSuspected: "myeloma" });
    await record(coordinator, id, "dexamethasone_given", hoursAgo(3), { doseMg: "16", route: "oral", overrideReason: "Consultant agreed by phone" });
    const dose = (await detailOf(id)).events.find((e) => e.type === "dexamethasone_given");
    const { referral } = await detailOf(id);
    const withdrawn = await send(recordEventAction, coordinator, {
      referralId: id,
      expectedVersion: String(referral.version),
      type: "correction",
      correctsEventId: dose?.id,
      "data.retract": "true",
      "data.reason": "Recorded on the wrong patient",
    });
    expect(withdrawn).toMatchObject({ ok: true });
    const again = await record(coordinator, id, "dexamethasone_given", hoursAgo(1), { doseMg: "16", route: "oral" });
    expect(again).toMatchObject({ ok: false, error: { code: "unprocessable", fields: { "data.overrideReason": [expect.stringContaining("Myeloma is suspected")] } } });
  });

  it("the server computes a score's total and band, whatever total is posted", async () => {
    const coordinator = await signedIn("coordinator");
    const registrar = await signedIn("registrar");
    const { id } = await triagedReferral(coordinator);
    const sins = await record(registrar, id, "score_recorded", hoursAgo(2), { ...SINS_NINE, total: "2", band: "stable", surgicalOpinionAdvised: "false" });
    expect(sins).toMatchObject({ ok: true });
    expect(await record(registrar, id, "score_recorded", hoursAgo(1), { scale: "ecog", value: "3" })).toMatchObject({ ok: true });
    const incomplete = await record(registrar, id, "score_recorded", hoursAgo(1), { scale: "tokuhashi", generalCondition: "kps_50_70" });
    expect(incomplete).toMatchObject({ ok: false, error: { code: "validation", fields: { "data.palsy": ["Choose the palsy"] } } });

    const detail = await detailOf(id);
    const scores = detail.events.filter((e) => e.type === "score_recorded").map((e) => e.data);
    expect(scores).toEqual([
      { ...SINS_NINE, total: 9, band: "potentially_unstable", surgicalOpinionAdvised: true },
      { scale: "ecog", value: 3 },
    ]);
    // A score is a record, not a step on the pathway: the status stays.
    expect(detail.referral.status).toBe("triaged");
  });

  it.each(["discharge", "admin"] as const)("the %s role is refused (403) a decision, a dose, an imaging step and a score, and nothing is written", async (role) => {
    const coordinator = await signedIn("coordinator");
    const outsider = await signedIn(role);
    const { id } = await triagedReferral(coordinator);
    const before = await detailOf(id);
    const attempts: [string, Record<string, string>][] = [
      ["decision", { decision: "radiotherapy_planned" }],
      ["dexamethasone_given", { doseMg: "16", route: "oral" }],
      ["imaging_requested", { modality: "mri_whole_spine" }],
      ["imaging_performed", { modality: "mri_whole_spine" }],
      ["score_recorded", SINS_NINE],
    ];
    for (const [type, data] of attempts) {
      expect(await record(outsider, id, type, hoursAgo(1), data), type).toMatchObject({ ok: false, error: { code: "forbidden" } });
    }
    const after = await detailOf(id);
    expect(after.referral.version).toBe(before.referral.version);
    expect(after.events.map((e) => e.id)).toEqual(before.events.map((e) => e.id));
  });
});
