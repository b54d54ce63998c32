import { eq, notInArray } from "drizzle-orm";
import { beforeAll, describe, expect, it } from "vitest";
import { GET as getDischargeBoard } from "@/app/api/v1/discharge-board/route";
import { getDatabase, getDb } from "@/db/client";
import { createApiToken } from "@/db/mutations/api-tokens";
import { appendReferralEvent, createReferral } from "@/db/mutations/referrals";
import { loadDischargeBoard } from "@/db/queries/discharge-board";
import { equipmentItems, referrals, rehabPlans } from "@/db/schema";
import { dischargeBoardResponse, type DischargeBoardItemJson } from "@/lib/api/schemas";
import { generateApiToken } from "@/lib/auth/api-tokens";
import type { Role } from "@/lib/auth/roles";
import type { EquipmentItem } from "@/db/schema/rehabilitation";
import { CHECKLIST_ITEMS, type Checklist } from "@/lib/domain/rehabilitation";
import { formatNhsNumber, nhsCheckDigit } from "@/lib/domain/nhs-number";
import { CLOSED_REFERRAL_STATUSES } from "@/lib/domain/vocabulary";
import { dischargeBoardQuery } from "@/lib/validation/discharge-board";
import { appendEventInput, createReferralInput } from "@/lib/validation/referrals";
import { searchParamsRecord } from "@/lib/validation/worklist";
import { makeUser } from "./fixtures";

/**
 * The discharge board's back end on a real database: who is on it (the rehabilitation step only), what blocks each
 * discharge and for how many days, what is overdue and due this week, the filters, the order, paging, ward mode and
 * who may read it through the JSON API. Plans and equipment are written straight into their tables here: their
 * forms and mutations are another part of issue 6, and the board only reads them.
 */

const HOUR = 3_600_000;
const DAY = 24 * HOUR;
// Friday 20/11/2026 12:00 in London (GMT): "today" is 2026-11-20, this week runs to Thursday 26/11.
const NOW = new Date("2026-11-20T12:00:00Z");
const ago = (ms: number) => new Date(NOW.getTime() - ms);

let nhsSeed = 700_000_000 + Math.floor(Math.random() * 100_000_000);
function newNhsNumber(): string {
  for (;;) {
    const nine = String(nhsSeed++);
    const check = nhsCheckDigit(nine);
    if (check !== null) return `${nine}${check}`;
  }
}

type Caller = Awaited<ReturnType<typeof caller>>;
async function caller(role: Role, name: string) {
  const user = await makeUser(role, { name });
  const generated = generateApiToken();
  await getDb().transaction((tx) => createApiToken(tx, { userId: user.id, name: "board tests", tokenHash: generated.tokenHash, prefix: generated.prefix }));
  return { ...user, token: generated.token };
}

let coordinator: Caller;
let discharge: Caller;
let admin: Caller;
let registrar: Caller;

interface Patient {
  id: string;
  nhsNumber: string;
  familyName: string;
}

/** Recorded through the real mutation; by default as if 12 hours ago, so the plans' and equipment's changes can be newer. */
async function record(referralId: string, type: string, occurredAt: Date, data: Record<string, unknown> = {}, now = ago(12 * HOUR)): Promise<void> {
  const [row] = await getDb().select({ version: referrals.version }).from(referrals).where(eq(referrals.id, referralId));
  const event = appendEventInput.parse({ type, occurredAt: occurredAt.toISOString(), expectedVersion: row?.version, data });
  await getDb().transaction((tx) => appendReferralEvent(tx, { actor: { id: coordinator.id }, referralId, event, now }));
}

/** A pain-only referral taken 20 days ago and brought to a step through the real mutations. */
async function patient(familyName: string, step: "rehabilitation" | "treatment_planned" | "discharged", o: { hospitalNumber?: string; admittedAt?: Date } = {}): Promise<Patient> {
  const nhsNumber = newNhsNumber();
  const receivedAt = ago(20 * DAY);
  const referral = createReferralInput.parse({
    nhsNumber,
    givenName: "Rose",
    familyName,
    dateOfBirth: "1948-06-01",
    hospitalNumber: o.hospitalNumber,
    referrerName: "Dr Patel",
    referrerRole: "gp",
    symptoms: ["severe_lower_back_pain"],
    neurology: [],
    receivedAt: receivedAt.toISOString(),
  });
  const { id } = await getDb().transaction((tx) => createReferral(tx, { actor: { id: coordinator.id }, referral, now: NOW }));
  await record(id, "triaged", ago(19 * DAY), { category: "suspected_spinal_metastases" });
  if (o.admittedAt) await record(id, "admitted", o.admittedAt);
  await record(id, "decision", ago(18 * DAY), { decision: "best_supportive_care" });
  if (step !== "treatment_planned") await record(id, "status_changed", ago(17 * DAY), { to: "rehabilitation" });
  const p = { id, nhsNumber, familyName };
  if (step === "discharged") {
    await plan(p, { medicallyFitAt: ago(3 * DAY) });
    await record(id, "discharged", ago(DAY), { destination: "home", ambulatoryStatus: "walks_with_aid" });
  }
  return p;
}

const allDone: Checklist = Object.fromEntries(CHECKLIST_ITEMS.map((item) => [item, { state: "done" }]));

async function plan(p: Patient, o: Partial<typeof rehabPlans.$inferInsert>): Promise<void> {
  await getDb()
    .insert(rehabPlans)
    .values({ referralId: p.id, keyWorkerName: "Kim Keyworker", keyWorkerContact: "Bleep 4411", checklist: allDone, createdBy: discharge.id, updatedBy: discharge.id, createdAt: ago(10 * DAY), updatedAt: ago(10 * DAY), ...o });
}

async function equipment(p: Patient, o: Partial<typeof equipmentItems.$inferInsert> & Pick<EquipmentItem, "kind">): Promise<string> {
  const [row] = await getDb()
    .insert(equipmentItems)
    .values({ referralId: p.id, createdBy: discharge.id, updatedBy: discharge.id, createdAt: ago(12 * DAY), updatedAt: ago(12 * DAY), ...o })
    .returning({ id: equipmentItems.id });
  return row?.id as string;
}

const parse = (qs = "") => dischargeBoardQuery.parse(searchParamsRecord(new URLSearchParams(qs)));
const board = (qs = "", now = NOW) => loadDischargeBoard(parse(qs), now);
const names = async (qs = "") => (await board(qs)).items.map((i) => (i.patient.kind === "full" ? i.patient.familyName : i.patient.initials));
const itemOf = async (p: Patient): Promise<DischargeBoardItemJson> => {
  const found = (await board("pageSize=200")).items.find((i) => i.id === p.id);
  if (!found) throw new Error(`${p.familyName} is not on the board`);
  return found;
};

async function call(path: string, token: string): Promise<Response> {
  return getDischargeBoard(new Request(`http://localhost/api/v1/discharge-board${path}`, { headers: { authorization: `Bearer ${token}` } }), { params: Promise.resolve({}) });
}

describe(`the discharge board on ${getDatabase().engine}`, () => {
  let fitBlocked3: Patient;
  let fitBlocked5: Patient;
  let fitClear: Patient;
  let unfitBlocked: Patient;
  let noPlan: Patient;
  let hoist: string;

  beforeAll(async () => {
    coordinator = await caller("coordinator", "Coordinator Carol");
    discharge = await caller("discharge", "Dana Discharge");
    admin = await caller("admin", "Adam Admin");
    registrar = await caller("registrar", "Dr Rhys Registrar");

    // Start from an empty rehabilitation step (other files' data never shares this database, but be explicit).
    const active = await getDb().select({ id: referrals.id }).from(referrals).where(notInArray(referrals.status, [...CLOSED_REFERRAL_STATUSES]));
    expect(active).toEqual([]);

    // Medically fit; blocked 3 days by a hoist (due this week) and by pressure area care; rails overdue but not blocking.
    fitBlocked3 = await patient("Ashworth", "rehabilitation", { hospitalNumber: "RX1001", admittedAt: ago(30 * HOUR) });
    await plan(fitBlocked3, {
      medicallyFitAt: ago(2 * DAY),
      destination: "home",
      expectedDischargeOn: "2026-12-01",
      checklist: { ...allDone, pressure_care: { state: "open", note: "tissue viability to see" }, chc_fast_track: { state: "not_needed" } },
    });
    hoist = await equipment(fitBlocked3, { kind: "hoist_slings", status: "ordered", blocksDischarge: true, blockingSince: ago(3 * DAY + HOUR), expectedOn: "2026-11-22", supplier: "Community equipment service" });
    await equipment(fitBlocked3, { kind: "rails", status: "requested", expectedOn: "2026-11-18" });
    await equipment(fitBlocked3, { kind: "pressure_mattress", status: "delivered", blocksDischarge: true, blockingSince: ago(9 * DAY), expectedOn: "2026-11-12", deliveredOn: "2026-11-13" });
    await equipment(fitBlocked3, { kind: "commode", status: "cancelled", cancelledReason: "family bought one", blocksDischarge: true, blockingSince: ago(8 * DAY) });

    // Medically fit and blocked longer: 5 days, by ramps.
    fitBlocked5 = await patient("Brennan", "rehabilitation");
    await plan(fitBlocked5, { medicallyFitAt: ago(6 * DAY), destination: "nursing_home", expectedDischargeOn: "2026-11-30" });
    await equipment(fitBlocked5, { kind: "ramps", status: "needed", blocksDischarge: true, blockingSince: ago(5 * DAY) });

    // Medically fit and nothing blocks: expected home tomorrow.
    fitClear = await patient("Castellano", "rehabilitation");
    await plan(fitClear, { medicallyFitAt: ago(DAY), destination: "home", expectedDischargeOn: "2026-11-21" });
    await equipment(fitClear, { kind: "shower_chair", status: "installed", blocksDischarge: true, blockingSince: ago(4 * DAY), expectedOn: "2026-11-19", updatedAt: ago(HOUR), updatedBy: coordinator.id });

    // Not yet medically fit, blocked 10 days by a profiling bed.
    unfitBlocked = await patient("Duarte", "rehabilitation");
    await plan(unfitBlocked, { destination: "hospice", expectedDischargeOn: "2026-11-25" });
    await equipment(unfitBlocked, { kind: "profiling_bed", status: "requested", blocksDischarge: true, blockingSince: ago(10 * DAY), expectedOn: "2026-11-27" });

    // On the step with no plan yet: the whole checklist is open.
    noPlan = await patient("Evans", "rehabilitation");

    // Not on the rehabilitation step: never on the board, whatever their plan.
    const planned = await patient("Fairweather", "treatment_planned");
    await plan(planned, { medicallyFitAt: ago(DAY) });
    await equipment(planned, { kind: "hoist_slings", blocksDischarge: true, blockingSince: ago(20 * DAY) });
    await patient("Garside", "discharged");
  });

  it("shows every patient on the rehabilitation step and no one else, medically fit and blocked first (longest blocked first), then by expected discharge", async () => {
    expect(await names()).toEqual(["Brennan", "Ashworth", "Castellano", "Duarte", "Evans"]);
    const page = await board();
    expect(page).toMatchObject({ total: 5, page: 1, pageSize: 50, ward: false, today: "2026-11-20", generatedAt: NOW.getTime() });
    expect(page.counts).toEqual({ patients: 5, medicallyFit: 3, blocked: 4, medicallyFitAndBlocked: 2 });
    expect(dischargeBoardResponse.parse(page)).toEqual(page);
  });

  it("names what blocks each discharge, with the days each item has blocked, what is overdue and what is due this week", async () => {
    const a = await itemOf(fitBlocked3);
    expect(a).toMatchObject({
      hasPlan: true,
      keyWorker: { name: "Kim Keyworker", contact: "Bleep 4411" },
      medicallyFitAt: ago(2 * DAY).toISOString(),
      destination: "home",
      expectedDischargeOn: "2026-12-01",
      expectedDischargeDue: "later",
      blocked: true,
      openChecklistItems: ["pressure_care"],
    });
    expect(a.blockingEquipment).toEqual([
      { id: hoist, kind: "hoist_slings", description: null, status: "ordered", expectedOn: "2026-11-22", blockingSince: ago(3 * DAY + HOUR).toISOString(), daysBlocking: 3 },
    ]);
    expect(a.overdueEquipment.map((e) => [e.kind, e.daysBlocking])).toEqual([["rails", null]]);
    expect(a.equipmentDueThisWeek.map((e) => e.kind)).toEqual(["hoist_slings"]);

    // A day later the same item has blocked 4 days.
    const tomorrow = (await board("", new Date(NOW.getTime() + DAY))).items.find((i) => i.id === fitBlocked3.id);
    expect(tomorrow?.blockingEquipment[0]?.daysBlocking).toBe(4);

    const c = await itemOf(fitClear);
    expect(c).toMatchObject({ blocked: false, openChecklistItems: [], blockingEquipment: [], overdueEquipment: [], equipmentDueThisWeek: [], expectedDischargeDue: "this_week" });

    const d = await itemOf(unfitBlocked);
    expect(d).toMatchObject({ medicallyFitAt: null, blocked: true, expectedDischargeDue: "this_week", equipmentDueThisWeek: [] });
    expect(d.blockingEquipment.map((e) => [e.kind, e.daysBlocking])).toEqual([["profiling_bed", 10]]);

    const e = await itemOf(noPlan);
    expect(e).toMatchObject({ hasPlan: false, keyWorker: null, medicallyFitAt: null, destination: null, expectedDischargeOn: null, expectedDischargeDue: null, blocked: true });
    expect(e.openChecklistItems).toEqual([...CHECKLIST_ITEMS]);
  });

  it("the database's blocked filter agrees with the domain rule for every row", async () => {
    const all = (await board("pageSize=200")).items;
    const blocked = new Set((await board("blocked=yes&pageSize=200")).items.map((i) => i.id));
    const clear = new Set((await board("blocked=no&pageSize=200")).items.map((i) => i.id));
    for (const item of all) {
      expect(blocked.has(item.id), item.id).toBe(item.blocked);
      expect(clear.has(item.id), item.id).toBe(!item.blocked);
    }
  });

  it("filters: blocked or not, medically fit or not, destination, and search by NHS number, name or hospital number", async () => {
    expect(await names("blocked=yes")).toEqual(["Brennan", "Ashworth", "Duarte", "Evans"]);
    expect(await names("blocked=no")).toEqual(["Castellano"]);
    expect(await names("fit=yes")).toEqual(["Brennan", "Ashworth", "Castellano"]);
    expect(await names("fit=no")).toEqual(["Duarte", "Evans"]);
    expect(await names("fit=yes&blocked=no")).toEqual(["Castellano"]);
    expect(await names("destination=home")).toEqual(["Ashworth", "Castellano"]);
    expect(await names("destination=hospice,none")).toEqual(["Duarte", "Evans"]);
    expect(await names(`q=${encodeURIComponent(formatNhsNumber(fitBlocked5.nhsNumber))}`)).toEqual(["Brennan"]);
    expect(await names(`q=${fitBlocked5.nhsNumber}`)).toEqual(["Brennan"]);
    expect(await names("q=castel")).toEqual(["Castellano"]);
    expect(await names("q=rose duarte")).toEqual(["Duarte"]);
    expect(await names("q=RX1001")).toEqual(["Ashworth"]);
    // Not on the step, so not found even by name.
    expect(await names("q=Fairweather")).toEqual([]);
    const filtered = await board("blocked=no");
    expect(filtered.total).toBe(1);
    expect(filtered.counts.patients).toBe(5);
  });

  it("sorts by patient, medically fit since, expected discharge and last change, each way, and pages", async () => {
    expect(await names("sort=patient")).toEqual(["Ashworth", "Brennan", "Castellano", "Duarte", "Evans"]);
    expect(await names("sort=patient&dir=desc")).toEqual(["Evans", "Duarte", "Castellano", "Brennan", "Ashworth"]);
    expect(await names("sort=discharge")).toEqual(["Castellano", "Duarte", "Brennan", "Ashworth", "Evans"]);
    expect(await names("sort=fit")).toEqual(["Brennan", "Ashworth", "Castellano", "Duarte", "Evans"]);
    expect(await names("sort=fit&dir=desc")).toEqual(["Castellano", "Ashworth", "Brennan", "Duarte", "Evans"]);
    // Castellano's shower chair changed an hour ago: the newest change of all, and it names who made it.
    const [first] = (await board("sort=updated")).items;
    expect(first).toMatchObject({ id: fitClear.id, updatedAt: ago(HOUR).toISOString(), updatedByName: "Coordinator Carol" });

    const p1 = await board("pageSize=25");
    expect(p1.items).toHaveLength(5);
    const p2 = await board("pageSize=25&page=2");
    expect(p2).toMatchObject({ total: 5, page: 2, items: [] });
  });

  it("shows the physiotherapy and occupational therapy clocks that are running, and drops one once assessed", async () => {
    const before = await itemOf(fitBlocked3);
    expect(before.therapyClocks.map((c) => c.id).sort()).toEqual(["occupational_therapy_assessment", "physiotherapy_assessment"]);
    const physio = before.therapyClocks.find((c) => c.id === "physiotherapy_assessment");
    expect(physio?.dueAt).toBe(ago(6 * HOUR).getTime());
    await record(fitBlocked3.id, "physiotherapy_assessed", ago(2 * HOUR), {}, NOW);
    expect((await itemOf(fitBlocked3)).therapyClocks.map((c) => c.id)).toEqual(["occupational_therapy_assessment"]);
    expect((await itemOf(fitBlocked5)).therapyClocks).toEqual([]);
  });

  it("ward=1: initials and the last 4 digits only, no name, date of birth or hospital number", async () => {
    const ward = await board("ward=1");
    expect(ward.ward).toBe(true);
    for (const item of ward.items) expect(Object.keys(item.patient).sort()).toEqual(["initials", "kind", "nhsLast4"]);
    const text = JSON.stringify(ward);
    for (const p of [fitBlocked3, fitBlocked5, fitClear, unfitBlocked, noPlan]) {
      expect(text).not.toContain(p.familyName);
      expect(text).not.toContain(p.nhsNumber);
    }
    expect(text).not.toMatch(/Rose|1948-06-01|RX1001/);
    expect(ward.items[0]?.patient).toEqual({ kind: "ward", initials: "R B", nhsLast4: fitBlocked5.nhsNumber.slice(-4) });
  });

  it("GET /api/v1/discharge-board: the discharge team, coordinators and administrators read it; a registrar is refused (403)", async () => {
    for (const who of [discharge, coordinator, admin]) {
      const answer = await call("?fit=yes", who.token);
      expect(answer.status, who.role).toBe(200);
      const body = dischargeBoardResponse.parse(await answer.json());
      expect(body.items.map((i) => i.id)).toEqual([fitBlocked5.id, fitBlocked3.id, fitClear.id]);
    }
    const refused = await call("", registrar.token);
    expect(refused.status).toBe(403);
    expect((await refused.json()).error.code).toBe("forbidden");
    expect((await call("", "not-a-token")).status).toBe(401);
  });

  it("GET /api/v1/discharge-board refuses bad parameters with each field's reason (400)", async () => {
    const bad = await call("?blocked=maybe&fit=1&destination=moon&sort=age&pageSize=30", discharge.token);
    expect(bad.status).toBe(400);
    const { error } = await bad.json();
    expect(error.code).toBe("validation");
    expect(error.fields).toMatchObject({
      blocked: ["Blocked: yes or no, or leave it out"],
      fit: ["Medically fit: yes or no, or leave it out"],
      "destination.0": ["Choose destinations from the list"],
      sort: ["Sort by a column of the board"],
      pageSize: ["Rows per page: 25, 50, 100, 200"],
    });
  });
});
