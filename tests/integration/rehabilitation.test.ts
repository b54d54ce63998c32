import { and, eq } from "drizzle-orm";
import { beforeAll, describe, expect, it } from "vitest";
import {
  addEquipmentAction,
  dischargeAction,
  recordAssessmentAction,
  recordEventAction,
  saveRehabPlanAction,
  triageAction,
  updateEquipmentAction,
} from "@/app/(clinical)/referrals/[id]/actions";
import { createReferralAction } from "@/app/(clinical)/referrals/new/actions";
import { getDatabase, getDb } from "@/db/client";
import { getReferralDetail } from "@/db/queries/referrals";
import { getRehabPlan, listEquipmentItems } from "@/db/queries/rehabilitation";
import { auditLog } from "@/db/schema";
import type { Role } from "@/lib/auth/roles";
import type { CurrentUser } from "@/lib/auth/session";
import { nhsCheckDigit } from "@/lib/domain/nhs-number";
import { CHECKLIST_ITEMS } from "@/lib/domain/rehabilitation";
import { londonDate } from "@/lib/domain/time-format";
import { toLondonLocalInput } from "@/lib/domain/time-format";
import { ACTION_SPEC, runAction, type ServerAction } from "@/lib/server/action";
import { makeUser } from "./fixtures";

const HOUR = 3_600_000;
const send = <T,>(action: ServerAction<T>, user: CurrentUser, raw: Record<string, unknown>) => runAction(action[ACTION_SPEC], user, raw);
const localHoursAgo = (hours: number) => toLondonLocalInput(new Date(Date.now() - hours * HOUR));

async function signedIn(role: Role, name?: string): Promise<CurrentUser> {
  const made = await makeUser(role, { name });
  return { id: made.id, email: made.email, name: made.name, role };
}

function syntheticNhsNumber(): string {
  for (;;) {
    const firstNine = `999${String(Math.floor(Math.random() * 1_000_000)).padStart(6, "0")}`;
    const check = nhsCheckDigit(firstNine);
    if (check !== null) return `${firstNine}${check}`;
  }
}

const ok = <T,>(result: { ok: true; data: T } | { ok: false; error: unknown }): T => {
  if (!result.ok) throw new Error(`refused: ${JSON.stringify(result.error)}`);
  return result.data;
};

const detailOf = async (id: string) => {
  const detail = await getReferralDetail({ id, now: new Date() });
  if (!detail) throw new Error("referral not found");
  return detail;
};

let coordinator: CurrentUser;
let discharge: CurrentUser;
let registrar: CurrentUser;

/** A referral on the rehabilitation step, admitted 30 h ago (so the physiotherapy clock has breached): as the demo has them. */
async function referralInRehabilitation(): Promise<string> {
  const created = ok(
    await send(createReferralAction, coordinator, {
      nhsNumber: syntheticNhsNumber(),
      givenName: "Ada",
      familyName: "Rehab",
      dateOfBirth: "1948-05-01",
      receivedAt: localHoursAgo(40),
      referrerName: "Dr Shah",
      referrerRole: "gp",
      symptoms: "severe_lower_back_pain",
      neurology: "limb_weakness",
      ambulatoryStatus: "walks_with_aid",
    }),
  );
  const id = created.id;
  let version = ok(await send(triageAction, coordinator, { referralId: id, expectedVersion: "1", occurredAt: localHoursAgo(39), "data.category": "suspected_mscc" })).version;
  const record = async (type: string, hoursAgo: number, data: Record<string, string>) => {
    version = ok(await send(recordEventAction, coordinator, { referralId: id, expectedVersion: String(version), type, occurredAt: localHoursAgo(hoursAgo), ...data })).version;
  };
  await record("admitted", 30, {});
  await record("decision", 29, { "data.decision": "best_supportive_care" });
  await record("status_changed", 28, { "data.to": "rehabilitation" });
  return id;
}

const allChecklist = (state: string) => Object.fromEntries(CHECKLIST_ITEMS.map((item) => [`checklist.${item}.state`, state]));
const versionOf = async (id: string) => (await detailOf(id)).referral.version;
const auditOf = (entityType: string, entityId: string) =>
  getDb()
    .select({ action: auditLog.action, actorId: auditLog.actorId, before: auditLog.before, after: auditLog.after })
    .from(auditLog)
    .where(and(eq(auditLog.entityType, entityType), eq(auditLog.entityId, entityId)));

describe(`rehabilitation and discharge on ${getDatabase().engine}`, () => {
  beforeAll(async () => {
    coordinator = await signedIn("coordinator", "Coordinator Cara");
    discharge = await signedIn("discharge", "Discharge Dev");
    registrar = await signedIn("registrar", "Registrar Rob");
  });

  it("saves the plan (created on first save, then by version) and refuses a stale save naming who changed it, both audited", async () => {
    const id = await referralInRehabilitation();
    const first = await send(saveRehabPlanAction, discharge, {
      referralId: id,
      expectedVersion: "",
      keyWorkerName: "Kim Keyworker",
      keyWorkerContact: "Bleep 4455",
      goals: "Transfers with one carer",
      medicallyFit: "no",
      ...allChecklist("open"),
      "checklist.pressure_care.state": "done",
      "checklist.pressure_care.note": "Mattress on the ward",
      destination: "home",
      expectedDischargeOn: londonDate(new Date(Date.now() + 5 * 24 * HOUR)),
    });
    expect(first).toMatchObject({ ok: true, data: { version: 1 } });
    const plan = await getRehabPlan({ referralId: id });
    expect(plan).toMatchObject({ keyWorkerName: "Kim Keyworker", destination: "home", medicallyFitAt: null, createdBy: discharge.id });
    expect(plan?.checklist).toMatchObject({ pressure_care: { state: "done", note: "Mattress on the ward" }, bladder_bowel_plan: { state: "open" } });

    const save = (user: CurrentUser, expectedVersion: string, goals: string) =>
      send(saveRehabPlanAction, user, { referralId: id, expectedVersion, keyWorkerName: "Kim Keyworker", goals, medicallyFit: "yes", medicallyFitAt: localHoursAgo(1), ...allChecklist("done") });
    expect(await save(coordinator, "1", "Walk with a frame")).toMatchObject({ ok: true, data: { version: 2 } });
    const stale = await save(discharge, "1", "Based on what I saw");
    expect(stale).toMatchObject({ ok: false, error: { code: "conflict", message: expect.stringMatching(/^Coordinator Cara changed the rehabilitation plan at \d{2}\/\d{2}\/\d{4} \d{2}:\d{2}/) } });
    // Starting a plan that someone else has started meanwhile is the same conflict.
    expect(await save(discharge, "", "Mine")).toMatchObject({ ok: false, error: { code: "conflict" } });
    expect(await getRehabPlan({ referralId: id })).toMatchObject({ version: 2, goals: "Walk with a frame", updatedBy: coordinator.id });

    const audit = await auditOf("referral", id);
    expect(audit.filter((a) => a.action.startsWith("rehab_plan.")).map((a) => [a.action, a.actorId])).toEqual([
      ["rehab_plan.create", discharge.id],
      ["rehab_plan.update", coordinator.id],
    ]);
    const update = audit.find((a) => a.action === "rehab_plan.update");
    expect(update?.before).toMatchObject({ version: 1, goals: "Transfers with one carer" });
    expect(update?.after).toMatchObject({ version: 2, goals: "Walk with a frame" });
  });

  it("refuses a bad plan with messages by field, saving nothing", async () => {
    const id = await referralInRehabilitation();
    const fieldsOf = async (raw: Record<string, string>) => {
      const result = await send(saveRehabPlanAction, discharge, { referralId: id, ...raw });
      return result.ok ? [] : Object.keys(result.error.fields ?? {}).sort();
    };
    expect(await fieldsOf({ "checklist.pressure_care.state": "maybe", destination: "moon", expectedDischargeOn: "31/12/2026" })).toEqual(["checklist.pressure_care.state", "destination", "expectedDischargeOn"]);
    expect(await fieldsOf({ medicallyFit: "yes", expectedDischargeOn: londonDate(new Date(Date.now() + 400 * 24 * HOUR)) })).toEqual(["expectedDischargeOn", "medicallyFitAt"]);
    expect(await fieldsOf({ medicallyFit: "yes", medicallyFitAt: localHoursAgo(-2) })).toEqual(["medicallyFitAt"]);
    const past = await send(saveRehabPlanAction, discharge, { referralId: id, expectedDischargeOn: londonDate(new Date(Date.now() - 3 * 24 * HOUR)) });
    expect(past).toMatchObject({ ok: false, error: { code: "validation", fields: { expectedDischargeOn: [expect.stringContaining("in the past")] } } });
    expect(await getRehabPlan({ referralId: id })).toBeNull();
  });

  it("tracks equipment along its path: refused out of order naming the allowed steps, cancel needs a reason, blocking days counted", async () => {
    const id = await referralInRehabilitation();
    const added = ok(await send(addEquipmentAction, discharge, { referralId: id, kind: "hoist_slings", supplier: "Community equipment store", owner: "OT Olu", expectedOn: "", blocksDischarge: "on" }));
    let [hoist] = await listEquipmentItems({ referralId: id });
    expect(hoist).toMatchObject({ id: added.id, status: "needed", blocksDischarge: true, version: 1 });
    expect(hoist?.blockingSince).toBeInstanceOf(Date);
    const since = hoist?.blockingSince;

    const update = (version: number, fields: Record<string, string>) =>
      send(updateEquipmentAction, discharge, { equipmentItemId: added.id, expectedVersion: String(version), blocksDischarge: "on", ...fields });

    expect(ok(await update(1, { status: "ordered", expectedOn: "2030-01-02" })).version).toBe(2);
    const back = await update(2, { status: "requested" });
    expect(back).toMatchObject({
      ok: false,
      error: { code: "unprocessable", message: "Hoist and slings cannot go from Ordered to Requested. From Ordered it can next be: Delivered, Installed, Cancelled." },
    });
    expect(await update(2, { status: "cancelled" })).toMatchObject({ ok: false, error: { code: "validation", fields: { cancelledReason: ["Give the reason it is cancelled"] } } });
    expect(await update(1, { status: "delivered" })).toMatchObject({ ok: false, error: { code: "conflict", message: expect.stringContaining("Discharge Dev changed Hoist and slings at") } });
    [hoist] = await listEquipmentItems({ referralId: id });
    expect(hoist).toMatchObject({ status: "ordered", version: 2, expectedOn: "2030-01-02", blockingSince: since });

    // Delivered: no longer blocks, and takes today's date when none is given.
    ok(await update(2, { status: "delivered" }));
    [hoist] = await listEquipmentItems({ referralId: id });
    expect(hoist).toMatchObject({ status: "delivered", deliveredOn: londonDate(new Date()), blockingSince: null });
    expect(await update(3, { status: "cancelled", cancelledReason: "Not wanted" })).toMatchObject({ ok: false, error: { code: "unprocessable" } });

    // Marked blocking later: the count starts then; unmarked, it stops.
    const rails = ok(await send(addEquipmentAction, discharge, { referralId: id, kind: "rails", status: "requested" }));
    const railsUpdate = (version: number, fields: Record<string, string>) => send(updateEquipmentAction, discharge, { equipmentItemId: rails.id, expectedVersion: String(version), status: "requested", ...fields });
    expect((await listEquipmentItems({ referralId: id }))[1]?.blockingSince).toBeNull();
    ok(await railsUpdate(1, { blocksDischarge: "on" }));
    expect((await listEquipmentItems({ referralId: id }))[1]?.blockingSince).toBeInstanceOf(Date);
    ok(await railsUpdate(2, {}));
    expect((await listEquipmentItems({ referralId: id }))[1]?.blockingSince).toBeNull();
    ok(await railsUpdate(3, { status: "cancelled", cancelledReason: "Family fitted them" }));
    expect((await listEquipmentItems({ referralId: id }))[1]).toMatchObject({ status: "cancelled", cancelledReason: "Family fitted them" });

    // "Other" needs a description.
    expect(await send(addEquipmentAction, discharge, { referralId: id, kind: "other" })).toMatchObject({ ok: false, error: { fields: { description: ["Describe the equipment or adaptation"] } } });

    const audit = await auditOf("equipment_item", added.id);
    expect(audit.map((a) => a.action)).toEqual(["equipment.add", "equipment.ordered", "equipment.delivered"]);
    expect(audit[2]?.before).toMatchObject({ status: "ordered" });
    expect(audit[2]?.after).toMatchObject({ status: "delivered", blockingSince: null });
  });

  it("discharges only when nothing blocks: the event carries destination and ambulatory status, and closes the assessment clocks", async () => {
    const id = await referralInRehabilitation();
    ok(await send(saveRehabPlanAction, discharge, { referralId: id, keyWorkerName: "Kim", ...allChecklist("done"), "checklist.package_of_care.state": "open", destination: "home" }));
    const hoist = ok(await send(addEquipmentAction, discharge, { referralId: id, kind: "hoist_slings", status: "ordered", expectedOn: "2030-01-02", blocksDischarge: "on" }));
    ok(await send(recordAssessmentAction, discharge, { referralId: id, expectedVersion: String(await versionOf(id)), type: "physiotherapy_assessed", occurredAt: localHoursAgo(2) }));

    const dischargeForm = async (extra: Record<string, string>) => ({
      referralId: id,
      expectedVersion: String(await versionOf(id)),
      occurredAt: localHoursAgo(0),
      "data.destination": "home",
      "data.ambulatoryStatus": "walks_with_aid",
      "data.frankelGrade": "D",
      ...extra,
    });
    const blocked = await send(dischargeAction, discharge, await dischargeForm({}));
    expect(blocked).toMatchObject({
      ok: false,
      error: {
        code: "unprocessable",
        fields: {
          "data.openItemReasons.package_of_care": ["Package of care: not done; give a reason or complete it"],
          [`equipment.${hoist.id}`]: ["Hoist and slings blocks discharge: ordered, expected 02/01/2030"],
        },
      },
    });
    const withReason = await send(dischargeAction, discharge, await dischargeForm({ "data.openItemReasons.package_of_care": "Family will care; reviewed in 2 weeks" }));
    expect(withReason).toMatchObject({ ok: false, error: { code: "unprocessable", fields: { [`equipment.${hoist.id}`]: expect.any(Array) } } });
    if (!withReason.ok) expect(withReason.error.fields?.["data.openItemReasons.package_of_care"]).toBeUndefined();
    expect((await detailOf(id)).referral.status).toBe("rehabilitation");

    ok(await send(updateEquipmentAction, discharge, { equipmentItemId: hoist.id, expectedVersion: "1", status: "delivered", blocksDischarge: "on", expectedOn: "2030-01-02" }));
    const done = await send(
      dischargeAction,
      discharge,
      await dischargeForm({ "data.openItemReasons.package_of_care": "Family will care; reviewed in 2 weeks", "data.openItemReasons.pressure_care": "ignored: it is done" }),
    );
    expect(done).toMatchObject({ ok: true, data: { status: "discharged" } });

    const detail = await detailOf(id);
    const event = detail.events.find((e) => e.type === "discharged");
    expect(event?.data).toEqual({ destination: "home", ambulatoryStatus: "walks_with_aid", frankelGrade: "D", openItemReasons: { package_of_care: "Family will care; reviewed in 2 weeks" } });
    expect(detail.referral.status).toBe("discharged");
    // Physiotherapy was assessed late (28 h after admission); occupational therapy closes at the discharge, also late.
    expect(detail.clocks.find((c) => c.id === "physiotherapy_assessment")).toMatchObject({ status: "breached", stopAt: expect.any(Date) });
    const ot = detail.clocks.find((c) => c.id === "occupational_therapy_assessment");
    expect(ot).toMatchObject({ status: "met", stopAt: event?.occurredAt });

    const audit = await auditOf("referral", id);
    expect(audit.map((a) => a.action)).toEqual(expect.arrayContaining(["referral.event.discharged", "referral.event.physiotherapy_assessed", "rehab_plan.create"]));
    // Once discharged, the plan and the equipment are closed to changes.
    expect(await send(addEquipmentAction, discharge, { referralId: id, kind: "rails" })).toMatchObject({ ok: false, error: { code: "unprocessable" } });
  });

  it("refuses a discharge without a plan until every checklist item has a reason, and a bare status change to discharged", async () => {
    const id = await referralInRehabilitation();
    const bare = await send(recordEventAction, coordinator, { referralId: id, expectedVersion: String(await versionOf(id)), type: "status_changed", occurredAt: localHoursAgo(0), "data.to": "discharged" });
    expect(bare).toMatchObject({ ok: false, error: { code: "unprocessable", message: "Discharge with the discharge form: it records the destination and ambulatory status" } });
    const form = { referralId: id, expectedVersion: String(await versionOf(id)), occurredAt: localHoursAgo(0), "data.destination": "hospice", "data.ambulatoryStatus": "unable_to_walk" };
    const refused = await send(dischargeAction, coordinator, form);
    expect(refused.ok === false && Object.keys(refused.error.fields ?? {}).length).toBe(CHECKLIST_ITEMS.length);
    const reasons = Object.fromEntries(CHECKLIST_ITEMS.map((item) => [`data.openItemReasons.${item}`, "Hospice will arrange"]));
    expect(await send(dischargeAction, coordinator, { ...form, ...reasons })).toMatchObject({ ok: true, data: { status: "discharged" } });
  });

  it("the discharge team may do all of this and is refused (403) a decision, a dose, imaging and triage; a registrar is refused the plan, equipment and discharge", async () => {
    const id = await referralInRehabilitation();
    const version = String(await versionOf(id));
    const clinical = [
      { type: "decision", "data.decision": "radiotherapy_planned" },
      { type: "dexamethasone_given", "data.doseMg": "16", "data.route": "oral" },
      { type: "imaging_requested", "data.modality": "mri_whole_spine" },
    ];
    for (const event of clinical) {
      expect(await send(recordEventAction, discharge, { referralId: id, expectedVersion: version, occurredAt: localHoursAgo(0), ...event })).toMatchObject({ ok: false, error: { code: "forbidden" } });
    }
    expect(await send(triageAction, discharge, { referralId: id, expectedVersion: version, occurredAt: localHoursAgo(0), "data.category": "suspected_mscc" })).toMatchObject({ ok: false, error: { code: "forbidden" } });
    // Nor a clinical event through the assessment form.
    expect(await send(recordAssessmentAction, discharge, { referralId: id, expectedVersion: version, occurredAt: localHoursAgo(0), type: "note", "data.text": "x" })).toMatchObject({ ok: false, error: { code: "validation" } });

    expect(await send(saveRehabPlanAction, registrar, { referralId: id, keyWorkerName: "R" })).toMatchObject({ ok: false, error: { code: "forbidden" } });
    expect(await send(addEquipmentAction, registrar, { referralId: id, kind: "rails" })).toMatchObject({ ok: false, error: { code: "forbidden" } });
    const item = ok(await send(addEquipmentAction, discharge, { referralId: id, kind: "rails" }));
    expect(await send(updateEquipmentAction, registrar, { equipmentItemId: item.id, expectedVersion: "1", status: "requested" })).toMatchObject({ ok: false, error: { code: "forbidden" } });
    expect(await send(dischargeAction, registrar, { referralId: id, expectedVersion: version, occurredAt: localHoursAgo(0), "data.destination": "home", "data.ambulatoryStatus": "walks_unaided" })).toMatchObject({
      ok: false,
      error: { code: "forbidden" },
    });
    expect(await send(recordAssessmentAction, registrar, { referralId: id, expectedVersion: version, occurredAt: localHoursAgo(0), type: "physiotherapy_assessed" })).toMatchObject({ ok: false, error: { code: "forbidden" } });
    expect(await send(recordEventAction, registrar, { referralId: id, expectedVersion: version, occurredAt: localHoursAgo(0), type: "discharged", "data.destination": "home", "data.ambulatoryStatus": "walks_unaided" })).toMatchObject({
      ok: false,
      error: { code: "forbidden" },
    });
    expect((await detailOf(id)).referral).toMatchObject({ status: "rehabilitation", version: Number(version) });
  });
});
