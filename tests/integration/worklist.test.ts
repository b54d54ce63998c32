import { count, desc, eq, notInArray, sql } from "drizzle-orm";
import { beforeAll, describe, expect, it } from "vitest";
import { GET as exportWorklist } from "@/app/api/v1/worklist/export/route";
import { GET as getWorklist } from "@/app/api/v1/worklist/route";
import { GET as streamWorklist } from "@/app/api/v1/worklist/stream/route";
import { getDatabase, getDb } from "@/db/client";
import { subscribeToReferralChanges, type ReferralChange } from "@/db/live";
import { createApiToken } from "@/db/mutations/api-tokens";
import { appendReferralEvent, createReferral } from "@/db/mutations/referrals";
import { refreshPendingWorklistSummaries } from "@/db/mutations/worklist";
import { listWorklistRegistrars, loadWorklist, queryWholeWorklist, queryWorklist, type WorklistDbRow } from "@/db/queries/worklist";
import { auditLog, referrals } from "@/db/schema";
import { worklistResponse } from "@/lib/api/schemas";
import { generateApiToken } from "@/lib/auth/api-tokens";
import type { Role } from "@/lib/auth/roles";
import { nhsCheckDigit } from "@/lib/domain/nhs-number";
import { CHECKLIST_ITEMS } from "@/lib/domain/rehabilitation";
import { CLOSED_REFERRAL_STATUSES } from "@/lib/domain/vocabulary";
import { WORKLIST_CLOCK_STATES, worklistClockState, type WorklistClockState } from "@/lib/domain/worklist";
import { appendEventInput, createReferralInput } from "@/lib/validation/referrals";
import { searchParamsRecord, worklistQuery, type WorklistView } from "@/lib/validation/worklist";
import { WORKLIST_CSV_HEADER } from "@/lib/worklist/csv";
import { makeUser } from "./fixtures";

/**
 * The worklist's back end on a real database (PGlite, or PostgreSQL with DATABASE_URL): the summary kept with every
 * change, the server-side query (order, views, filters, paging, counts), the JSON API, the CSV export and the change
 * stream. Each group starts from an empty worklist (every active referral withdrawn) and builds the rows it needs,
 * at times before a fixed `now`.
 */

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
const NOW = new Date("2026-11-20T12:00:00Z");
const ago = (ms: number) => new Date(NOW.getTime() - ms);
const plus = (from: Date, ms: number) => new Date(from.getTime() + ms);

// Valid NHS numbers (Modulus 11), a different one for each patient in this file.
let nhsSeed = 600_000_000 + Math.floor(Math.random() * 100_000_000);
function newNhsNumber(): string {
  for (;;) {
    const nine = String(nhsSeed++);
    const check = nhsCheckDigit(nine);
    if (check !== null) return `${nine}${check}`;
  }
}

let coordinator: Awaited<ReturnType<typeof caller>>;
let registrarA: Awaited<ReturnType<typeof caller>>;
let registrarB: Awaited<ReturnType<typeof caller>>;

async function caller(role: Role, name: string) {
  const user = await makeUser(role, { name });
  const generated = generateApiToken();
  await getDb().transaction((tx) => createApiToken(tx, { userId: user.id, name: "worklist tests", tokenHash: generated.tokenHash, prefix: generated.prefix }));
  return { ...user, token: generated.token };
}

interface Referral {
  id: string;
  nhsNumber: string;
  receivedAt: Date;
}

/** A referral taken through the real mutation, as the intake form would send it. */
async function refer(o: {
  receivedAt: Date;
  painOnly?: boolean;
  givenName?: string;
  familyName?: string;
  hospitalNumber?: string;
  dexamethasoneGivenAt?: Date;
  immobilisationAdvisedAt?: Date;
  now?: Date;
}): Promise<Referral> {
  const nhsNumber = newNhsNumber();
  const referral = createReferralInput.parse({
    nhsNumber,
    givenName: o.givenName ?? "Margaret",
    familyName: o.familyName ?? "Testpatient",
    dateOfBirth: "1950-03-07",
    hospitalNumber: o.hospitalNumber,
    referrerName: "Dr Patel",
    referrerRole: "gp",
    symptoms: ["severe_lower_back_pain"],
    neurology: o.painOnly ? [] : ["limb_weakness"],
    receivedAt: o.receivedAt.toISOString(),
    dexamethasoneGivenAt: o.dexamethasoneGivenAt?.toISOString(),
    dexamethasoneDoseMg: o.dexamethasoneGivenAt ? 16 : undefined,
    immobilisationAdvisedAt: o.immobilisationAdvisedAt?.toISOString(),
  });
  const { id } = await getDb().transaction((tx) => createReferral(tx, { actor: { id: coordinator.id }, referral, now: o.now ?? NOW }));
  return { id, nhsNumber, receivedAt: o.receivedAt };
}

/** An event appended through the real mutation, on the referral's current version. */
async function record(
  referral: { id: string },
  type: string,
  occurredAt: Date,
  data: Record<string, unknown> = {},
  options: { correctsEventId?: string; now?: Date; actorId?: string } = {},
): Promise<string> {
  const [row] = await getDb().select({ version: referrals.version }).from(referrals).where(eq(referrals.id, referral.id));
  const event = appendEventInput.parse({ type, occurredAt: occurredAt.toISOString(), expectedVersion: row?.version, correctsEventId: options.correctsEventId, data });
  const { eventId } = await getDb().transaction((tx) =>
    appendReferralEvent(tx, { actor: { id: options.actorId ?? coordinator.id }, referralId: referral.id, event, now: options.now ?? NOW }),
  );
  return eventId;
}

/** Triaged as not MSCC: every clock stopped or not applicable. */
const noClock = (r: Referral) => record(r, "triaged", plus(r.receivedAt, 10 * MINUTE), { category: "not_mscc" });
const escalate = (r: Referral, to: { id: string }, at: Date) => record(r, "escalated", at, { toUserId: to.id });

/** Every active referral withdrawn: the worklist is empty. */
async function emptyWorklist(): Promise<void> {
  const active = await getDb()
    .select({ id: referrals.id, receivedAt: referrals.receivedAt })
    .from(referrals)
    .where(notInArray(referrals.status, [...CLOSED_REFERRAL_STATUSES]));
  for (const r of active) await record(r, "status_changed", r.receivedAt, { to: "withdrawn" }, { now: new Date() });
}

const query = (qs = "") => worklistQuery.parse(searchParamsRecord(new URLSearchParams(qs)));
async function whole(qs = "", options: { view?: WorklistView; userId?: string; now?: Date } = {}): Promise<WorklistDbRow[]> {
  const user = [coordinator, registrarA, registrarB].find((u) => u.id === (options.userId ?? coordinator.id)) ?? coordinator;
  return queryWholeWorklist(query(qs), { userId: user.id, role: user.role, view: options.view ?? "all" }, options.now ?? NOW);
}
async function ids(qs = "", options: { view?: WorklistView; userId?: string; now?: Date } = {}): Promise<string[]> {
  return (await whole(qs, options)).map((r) => r.id);
}
const idsOf = (...rs: Referral[]) => rs.map((r) => r.id);
const sorted = (xs: string[]) => [...xs].sort();
const stateOf = (row: WorklistDbRow, now: Date): WorklistClockState =>
  worklistClockState({ nextClockDueAt: row.nextClockDueAt?.getTime() ?? null, clocksAtRiskAt: row.clocksAtRiskAt?.getTime() ?? null }, now.getTime());

async function call(handler: (request: Request, context: unknown) => Promise<Response>, path: string, headers: Record<string, string> = {}, signal?: AbortSignal) {
  return handler(new Request(`http://localhost/api/v1/worklist${path}`, { headers, signal }), { params: Promise.resolve({}) });
}
const bearer = (token: string) => ({ authorization: `Bearer ${token}` });

/**
 * The seven rows of the urgency order at NOW: two breached (by 5 h and 1 h), one at risk (10 m left), two running
 * (30 m and 23 h left), two with no clock (received 3 h and 10 h ago). Created out of order.
 */
async function urgencySet() {
  const b2 = await refer({ receivedAt: ago(2 * HOUR) });
  const r2 = await refer({ receivedAt: ago(30 * MINUTE) });
  const n1 = await refer({ receivedAt: ago(3 * HOUR) });
  await noClock(n1);
  const b1 = await refer({ receivedAt: ago(6 * HOUR) });
  const r3 = await refer({ receivedAt: ago(HOUR), painOnly: true });
  const n2 = await refer({ receivedAt: ago(10 * HOUR) });
  await noClock(n2);
  const r1 = await refer({ receivedAt: ago(50 * MINUTE) });
  return { b1, b2, r1, r2, r3, n1, n2 };
}

describe(`the worklist on ${getDatabase().engine}`, () => {
  beforeAll(async () => {
    coordinator = await caller("coordinator", "Coordinator Carol");
    registrarA = await caller("registrar", "Dr Asha Registrar");
    registrarB = await caller("registrar", "Dr Ben Registrar");
  });

  describe("the summary kept with every change", () => {
    beforeAll(emptyWorklist);

    async function summary(id: string) {
      const [row] = await getDb().select().from(referrals).where(eq(referrals.id, id));
      if (!row) throw new Error("no referral");
      return row;
    }

    it("is written on create, and on every event and correction after", async () => {
      const R = ago(5 * HOUR);
      const r = await refer({ receivedAt: R, dexamethasoneGivenAt: plus(R, -30 * MINUTE), immobilisationAdvisedAt: plus(R, -10 * MINUTE), hospitalNumber: "RX77" });

      let s = await summary(r.id);
      expect(s.summaryComputedAt).not.toBeNull();
      expect(s.openClocks.map((c) => c.id)).toEqual(["triage", "mri", "treatment_plan"]);
      expect(s.nextClockDueAt).toEqual(plus(R, HOUR));
      expect(s.clocksAtRiskAt).toEqual(plus(R, 45 * MINUTE));
      expect(s.dexamethasoneGivenAt).toEqual(plus(R, -30 * MINUTE));
      expect(s.dexamethasoneContraindicated).toBe(false);
      expect(s.immobilisedSince).toEqual(plus(R, -10 * MINUTE));
      expect(s.immobilisationLiftedAt).toBeNull();
      expect(s.awaitingAcknowledgementSince).toBeNull();
      // Missing: phone, referrer's contact, onset of neurology, ambulatory status, primary cancer, haematological, previous radiotherapy.
      expect(s.missingData).toBe(7);

      const triaged = await record(r, "triaged", plus(R, 20 * MINUTE), { category: "suspected_mscc" });
      s = await summary(r.id);
      expect(s.openClocks.map((c) => c.id)).toEqual(["mri", "treatment_plan"]);
      expect(s.nextClockDueAt).toEqual(plus(R, 24 * HOUR));
      expect(s.clocksAtRiskAt).toEqual(plus(R, 18 * HOUR));

      await escalate(r, registrarA, plus(R, 30 * MINUTE));
      s = await summary(r.id);
      expect(s.awaitingAcknowledgementSince).toEqual(plus(R, 30 * MINUTE));
      expect(s.assignedRegistrarId).toBe(registrarA.id);

      const lifted = await record(r, "immobilisation_lifted", plus(R, 2 * HOUR));
      s = await summary(r.id);
      expect(s.immobilisedSince).toBeNull();
      expect(s.immobilisationLiftedAt).toEqual(plus(R, 2 * HOUR));

      // A correction of the lifting's time, then a retraction of the triage.
      await record(r, "correction", NOW, { occurredAt: plus(R, 3 * HOUR).toISOString(), reason: "lifted later than recorded" }, { correctsEventId: lifted });
      s = await summary(r.id);
      expect(s.immobilisationLiftedAt).toEqual(plus(R, 3 * HOUR));

      await record(r, "correction", NOW, { retract: true, reason: "triaged on the wrong referral" }, { correctsEventId: triaged });
      s = await summary(r.id);
      expect(s.openClocks.map((c) => c.id)).toEqual(["triage", "mri", "treatment_plan"]);
      expect(s.nextClockDueAt).toEqual(plus(R, HOUR));

      await record(r, "acknowledged", plus(R, 4 * HOUR), {}, { actorId: registrarA.id });
      s = await summary(r.id);
      expect(s.awaitingAcknowledgementSince).toBeNull();

      await record(r, "decision", plus(R, 4 * HOUR), { decision: "dexamethasone_contraindicated" });
      expect((await summary(r.id)).dexamethasoneContraindicated).toBe(true);

      // The worklist reads the same columns.
      const [row] = await whole(`q=${r.nhsNumber}`);
      expect(row).toMatchObject({ id: r.id, nextClockDueAt: plus(R, HOUR), dexamethasoneGivenAt: plus(R, -30 * MINUTE), registrarName: "Dr Asha Registrar", missingData: 7 });
    });

    it("is recomputed for rows that lost it (refreshPendingWorklistSummaries)", async () => {
      const R = ago(3 * HOUR);
      const r = await refer({ receivedAt: R });
      await getDb()
        .update(referrals)
        .set({ summaryComputedAt: null, openClocks: [], nextClockDueAt: null, clocksAtRiskAt: null })
        .where(eq(referrals.id, r.id));
      expect(await refreshPendingWorklistSummaries(getDb(), 1)).toBeGreaterThanOrEqual(1);
      const [s] = await getDb().select().from(referrals).where(eq(referrals.id, r.id));
      expect(s?.summaryComputedAt).not.toBeNull();
      expect(s?.nextClockDueAt).toEqual(plus(R, HOUR));
      expect(s?.openClocks.map((c) => c.id)).toEqual(["triage", "dexamethasone", "mri", "treatment_plan"]);
      expect(await refreshPendingWorklistSummaries(getDb())).toBe(0);
    });
  });

  describe("order and views", () => {
    let set: Awaited<ReturnType<typeof urgencySet>>;
    let t1: Referral;
    beforeAll(async () => {
      await emptyWorklist();
      set = await urgencySet();
      // Triaged, with its dexamethasone clock breached by 7 h.
      t1 = await refer({ receivedAt: ago(8 * HOUR) });
      await record(t1, "triaged", ago(7 * HOUR + 50 * MINUTE), { category: "suspected_mscc" });
    });

    it("default: breached by longest overrun, then at risk and running by time left, then no clock newest first", async () => {
      const { b1, b2, r1, r2, r3, n1, n2 } = set;
      const rows = await whole();
      expect(rows.map((r) => r.id)).toEqual(idsOf(t1, b1, b2, r1, r2, r3, n1, n2));
      expect(rows.map((r) => stateOf(r, NOW))).toEqual(["breached", "breached", "breached", "at_risk", "running", "running", "none", "none"]);
      // The same order stated from each row's own clock, independently of the SQL.
      const key = (r: WorklistDbRow): [number, number] => {
        const state = stateOf(r, NOW);
        if (state === "none") return [2, -r.receivedAt.getTime()];
        const due = r.nextClockDueAt?.getTime() ?? 0;
        return state === "breached" ? [0, -(NOW.getTime() - due)] : [1, due - NOW.getTime()];
      };
      const expected = [...rows].sort((a, b) => key(a)[0] - key(b)[0] || key(a)[1] - key(b)[1]);
      expect(rows.map((r) => r.id)).toEqual(expected.map((r) => r.id));
    });

    it("the order does not depend on the page size", async () => {
      const first = await queryWorklist(query("pageSize=25"), { userId: coordinator.id, role: coordinator.role, view: "all" }, NOW);
      expect(first.rows.map((r) => r.id)).toEqual(await ids());
    });

    it("coordinator view: untriaged first, each part in urgency order", async () => {
      const { b1, b2, r1, r2, r3, n1, n2 } = set;
      expect(await ids("", { view: "coordinator" })).toEqual(idsOf(b1, b2, r1, r2, r3, t1, n1, n2));
    });

    it("discharge view: only referrals on the rehabilitation step", async () => {
      expect(await ids("", { view: "discharge" })).toEqual([]);
      const rehab = await refer({ receivedAt: ago(10 * HOUR), painOnly: true });
      await record(rehab, "triaged", ago(9 * HOUR), { category: "suspected_spinal_metastases" });
      await record(rehab, "decision", ago(8 * HOUR), { decision: "best_supportive_care" });
      const planned = await refer({ receivedAt: ago(10 * HOUR), painOnly: true });
      await record(planned, "triaged", ago(9 * HOUR), { category: "suspected_spinal_metastases" });
      await record(planned, "decision", ago(8 * HOUR), { decision: "best_supportive_care" });
      await record(rehab, "status_changed", ago(7 * HOUR), { to: "rehabilitation" });

      expect(await ids("", { view: "discharge" })).toEqual([rehab.id]);
      const page = await queryWorklist(query(), { userId: coordinator.id, role: coordinator.role, view: "discharge" }, NOW);
      expect(page.counts.total).toBe(1);
      expect(await ids("status=rehabilitation", { view: "all" })).toEqual([rehab.id]);
      expect(await ids("", { view: "all" })).toContain(planned.id);
    });
  });

  describe("registrar view, the registrar filter and the counts", () => {
    let rows: Record<"mineUnackBreached" | "mineUnack" | "mineAck" | "otherUnack" | "unassigned" | "otherAck", Referral>;
    beforeAll(async () => {
      await emptyWorklist();
      const unassigned = await refer({ receivedAt: ago(5 * HOUR) }); // breached by 4 h
      const otherUnack = await refer({ receivedAt: ago(2 * HOUR) }); // breached by 1 h
      await escalate(otherUnack, registrarB, ago(HOUR));
      const otherAck = await refer({ receivedAt: ago(50 * MINUTE) }); // at risk, 10 m left
      await escalate(otherAck, registrarB, ago(40 * MINUTE));
      await record(otherAck, "acknowledged", ago(35 * MINUTE), {}, { actorId: registrarB.id });
      const mineAck = await refer({ receivedAt: ago(25 * MINUTE) }); // running
      await escalate(mineAck, registrarA, ago(20 * MINUTE));
      await record(mineAck, "acknowledged", ago(15 * MINUTE), {}, { actorId: registrarA.id });
      const mineUnack = await refer({ receivedAt: ago(20 * MINUTE) }); // running, the least urgent of all
      await escalate(mineUnack, registrarA, ago(10 * MINUTE));
      const mineUnackBreached = await refer({ receivedAt: ago(3 * HOUR) }); // breached by 2 h
      await escalate(mineUnackBreached, registrarA, ago(2 * HOUR));
      rows = { mineUnackBreached, mineUnack, mineAck, otherUnack, unassigned, otherAck };
    });

    it("escalated to me and not acknowledged first, then my patients, then everyone else by urgency (unassigned included)", async () => {
      const { mineUnackBreached, mineUnack, mineAck, otherUnack, unassigned, otherAck } = rows;
      expect(await ids("", { view: "registrar", userId: registrarA.id })).toEqual(idsOf(mineUnackBreached, mineUnack, mineAck, unassigned, otherUnack, otherAck));
      // For the other registrar, their own rows first.
      expect(await ids("", { view: "registrar", userId: registrarB.id })).toEqual(idsOf(otherUnack, otherAck, unassigned, mineUnackBreached, mineAck, mineUnack));
      // For someone with no patients it is the urgency order.
      expect(await ids("", { view: "registrar", userId: coordinator.id })).toEqual(await ids("", { view: "all" }));
    });

    it("registrar=me, =unassigned, =<id>", async () => {
      const { mineUnackBreached, mineUnack, mineAck, otherUnack, unassigned, otherAck } = rows;
      expect(sorted(await ids("registrar=me", { userId: registrarA.id }))).toEqual(sorted(idsOf(mineUnackBreached, mineUnack, mineAck)));
      expect(sorted(await ids("registrar=me", { userId: registrarB.id }))).toEqual(sorted(idsOf(otherUnack, otherAck)));
      expect(await ids("registrar=unassigned")).toEqual([unassigned.id]);
      expect(sorted(await ids(`registrar=${registrarB.id}`))).toEqual(sorted(idsOf(otherUnack, otherAck)));
      expect(await ids(`registrar=${coordinator.id}`)).toEqual([]);
    });

    it("lists every registrar to filter by", async () => {
      const listed = (await listWorklistRegistrars()).map((r) => r.id);
      expect(listed).toEqual(expect.arrayContaining([registrarA.id, registrarB.id]));
      expect(listed).not.toContain(coordinator.id);
    });

    it("counts: breached across every active referral, breachedShown among the filtered rows", async () => {
      const caller = { userId: registrarA.id, role: registrarA.role, view: "registrar" as const };
      const all = await queryWorklist(query(), caller, NOW);
      expect(all.counts).toEqual({ total: 6, breachedShown: 3, breached: 3, atRisk: 1, untriaged: 6, awaitingMyAcknowledgement: 2 });

      const mine = await queryWorklist(query("registrar=me"), caller, NOW);
      expect(mine.counts).toEqual({ total: 3, breachedShown: 1, breached: 3, atRisk: 1, untriaged: 6, awaitingMyAcknowledgement: 2 });

      const breachedOnly = await queryWorklist(query("clock=breached&pageSize=25"), caller, NOW);
      expect(breachedOnly.counts).toMatchObject({ total: 3, breachedShown: 3, breached: 3 });

      const nothing = await queryWorklist(query("q=nobody-at-all"), caller, NOW);
      expect(nothing.rows).toEqual([]);
      expect(nothing.counts).toMatchObject({ total: 0, breachedShown: 0, breached: 3 });

      // Later, everything has breached; for the other registrar nothing awaits.
      const later = await queryWorklist(query(), { userId: registrarB.id, role: registrarB.role, view: "all" }, plus(NOW, 2 * HOUR));
      expect(later.counts).toEqual({ total: 6, breachedShown: 6, breached: 6, atRisk: 0, untriaged: 6, awaitingMyAcknowledgement: 1 });
    });
  });

  describe("filters", () => {
    let set: Awaited<ReturnType<typeof urgencySet>>;
    let late: Referral;
    beforeAll(async () => {
      await emptyWorklist();
      set = await urgencySet();
      // At risk now through a long-target clock while its first-due clock is still running.
      const R = ago(37 * HOUR);
      late = await refer({ receivedAt: R });
      await record(late, "admitted", R);
      await record(late, "triaged", plus(R, 10 * MINUTE), { category: "suspected_mscc" });
      await record(late, "dexamethasone_given", plus(R, 20 * MINUTE), { doseMg: 16, route: "oral" });
      await record(late, "imaging_performed", plus(R, 2 * HOUR), { modality: "mri_whole_spine" });
      await record(late, "physiotherapy_assessed", plus(R, 3 * HOUR));
      await record(late, "decision", plus(R, 20 * HOUR), { decision: "radiotherapy_planned" });
    });

    it("by category, one or several", async () => {
      const { b1, b2, r1, r2, r3, n1, n2 } = set;
      expect(await ids("category=suspected_spinal_metastases")).toEqual([r3.id]);
      expect(await ids("category=not_mscc")).toEqual(idsOf(n1, n2));
      expect(await ids("category=suspected_mscc,not_mscc")).toEqual(idsOf(b1, b2, r1, r2, late, n1, n2));
      expect(await ids("category=suspected_mscc&category=suspected_spinal_metastases")).toEqual(idsOf(b1, b2, r1, r2, late, r3));
    });

    it("by status, one or several", async () => {
      const { b1, b2, r1, r2, r3, n1, n2 } = set;
      expect(await ids("status=new")).toEqual(idsOf(b1, b2, r1, r2, r3));
      expect(await ids("status=triaged")).toEqual(idsOf(n1, n2));
      expect(await ids("status=triaged,treatment_planned")).toEqual(idsOf(late, n1, n2));
      expect(await ids("status=rehabilitation")).toEqual([]);
    });

    it("by clock state at a given instant: the SQL agrees with worklistClockState for every row, at every boundary", async () => {
      const rows = await whole();
      expect(rows).toHaveLength(8);
      expect(stateOf(rows.find((r) => r.id === late.id) as WorklistDbRow, NOW)).toBe("at_risk");
      // Now, and 1 ms either side of every row's warning and due instants.
      const instants = new Set<number>([NOW.getTime()]);
      for (const r of rows) {
        for (const t of [r.clocksAtRiskAt, r.nextClockDueAt]) if (t) for (const d of [-1, 0, 1]) instants.add(t.getTime() + d);
      }
      const seen = new Set<WorklistClockState>();
      for (const t of instants) {
        const now = new Date(t);
        for (const state of WORKLIST_CLOCK_STATES) {
          const expected = rows.filter((r) => stateOf(r, now) === state).map((r) => r.id);
          expected.forEach(() => seen.add(state));
          expect(sorted(await ids(`clock=${state}`, { now })), `clock=${state} at ${now.toISOString()}`).toEqual(sorted(expected));
        }
        const urgent = rows.filter((r) => ["breached", "at_risk"].includes(stateOf(r, now))).map((r) => r.id);
        expect(sorted(await ids("clock=breached,at_risk", { now }))).toEqual(sorted(urgent));
      }
      expect([...seen].sort()).toEqual([...WORKLIST_CLOCK_STATES].sort());
    });

    it("combined filters all apply", async () => {
      const { b1, b2 } = set;
      expect(await ids("category=suspected_mscc&status=new&clock=breached")).toEqual(idsOf(b1, b2));
      expect(await ids("category=not_mscc&clock=breached")).toEqual([]);
    });
  });

  describe("received from / to, as London calendar dates", () => {
    let x: Referral[];
    beforeAll(async () => {
      await emptyWorklist();
      // British Summer Time ends at 01:00 UTC on Sunday 25 October 2026: that London day lasts 25 hours.
      const instants = [
        "2026-10-23T22:59:59Z", // Fri 23 Oct 23:59:59 BST
        "2026-10-23T23:00:00Z", // Sat 24 Oct 00:00 BST
        "2026-10-24T22:59:59Z", // Sat 24 Oct 23:59:59 BST
        "2026-10-24T23:00:00Z", // Sun 25 Oct 00:00 BST
        "2026-10-25T23:59:59Z", // Sun 25 Oct 23:59:59 GMT
        "2026-10-26T00:00:00Z", // Mon 26 Oct 00:00 GMT
      ];
      x = [];
      for (const iso of instants) x.push(await refer({ receivedAt: new Date(iso) }));
    });

    it.each<[string, number[]]>([
      ["from=2026-10-25&to=2026-10-25", [3, 4]],
      ["from=2026-10-24&to=2026-10-24", [1, 2]],
      ["from=2026-10-24&to=2026-10-25", [1, 2, 3, 4]],
      ["to=2026-10-23", [0]],
      ["from=2026-10-26", [5]],
      ["from=2026-10-26&to=2026-10-26", [5]],
      ["from=2026-10-22&to=2026-10-22", []],
      ["from=2026-10-23", [1, 2, 3, 4, 5, 0]],
    ])("%s", async (qs, expected) => {
      expect(sorted(await ids(qs))).toEqual(sorted(expected.map((i) => (x[i] as Referral).id)));
    });
  });

  describe("search", () => {
    let jones: Referral;
    let smith: Referral;
    let smyth: Referral;
    let percent: Referral;
    let plain: Referral;
    beforeAll(async () => {
      await emptyWorklist();
      jones = await refer({ receivedAt: ago(HOUR), givenName: "Margaret", familyName: "Jones", hospitalNumber: "RX1234" });
      smith = await refer({ receivedAt: ago(HOUR), givenName: "John", familyName: "Smith", hospitalNumber: "AB_12" });
      smyth = await refer({ receivedAt: ago(HOUR), givenName: "Jane", familyName: "Smyth", hospitalNumber: "ABX12" });
      percent = await refer({ receivedAt: ago(HOUR), givenName: "Anne", familyName: "Per%cent" });
      plain = await refer({ receivedAt: ago(HOUR), givenName: "Bob", familyName: "Percent" });
    });

    it("by NHS number, with or without spaces or hyphens, whole or in part", async () => {
      const n = jones.nhsNumber;
      expect(await ids(`q=${n}`)).toEqual([jones.id]);
      expect(await ids(`q=${encodeURIComponent(`${n.slice(0, 3)} ${n.slice(3, 6)} ${n.slice(6)}`)}`)).toEqual([jones.id]);
      expect(await ids(`q=${n.slice(0, 3)}-${n.slice(3, 6)}-${n.slice(6)}`)).toEqual([jones.id]);
      expect(await ids(`q=${n.slice(2, 9)}`)).toContain(jones.id);
    });

    it.each<[string, string[]]>([
      ["marg", ["jones"]],
      ["MARGARET", ["jones"]],
      ["Margaret Jones", ["jones"]],
      ["jones margaret", ["jones"]],
      ["Jones, Margaret", ["jones"]],
      ["garet jo", ["jones"]],
      ["smith", ["smith"]],
      ["sm", ["smith", "smyth"]],
      ["John Smyth", []],
      ["rx1234", ["jones"]],
      ["ab_1", ["smith"]],
      ["_", ["smith"]],
      ["per%c", ["percent"]],
      ["%", ["percent"]],
      ["percent", ["plain"]],
      ["\\", []],
      ["nobody", []],
    ])("q=%j", async (q, expected) => {
      const byName: Record<string, Referral> = { jones, smith, smyth, percent, plain };
      expect(sorted(await ids(`q=${encodeURIComponent(q)}`))).toEqual(sorted(expected.map((k) => (byName[k] as Referral).id)));
    });
  });

  describe("paging, the JSON API and the CSV export", () => {
    let painOnly: Referral[];
    beforeAll(async () => {
      await emptyWorklist();
      painOnly = [];
      // 27 suspected MSCC and 3 pain only, received a minute apart.
      for (let i = 0; i < 30; i++) {
        const r = await refer({ receivedAt: ago((i * 37) % 30 * MINUTE + 5 * MINUTE), painOnly: i % 10 === 3, familyName: `Pager${i}` });
        if (i % 10 === 3) painOnly.push(r);
      }
    });

    it("pages through the whole list in order, each page with the total", async () => {
      const all = await ids();
      expect(all).toHaveLength(30);
      const caller = { userId: coordinator.id, role: coordinator.role, view: "all" as const };
      const p1 = await queryWorklist(query("pageSize=25"), caller, NOW);
      const p2 = await queryWorklist(query("pageSize=25&page=2"), caller, NOW);
      const p3 = await queryWorklist(query("pageSize=25&page=3"), caller, NOW);
      expect(p1.rows).toHaveLength(25);
      expect(p2.rows).toHaveLength(5);
      expect(p3.rows).toHaveLength(0);
      for (const p of [p1, p2, p3]) expect(p.counts.total).toBe(30);
      expect([...p1.rows, ...p2.rows].map((r) => r.id)).toEqual(all);
      const filtered = await queryWorklist(query("pageSize=25&page=2&category=suspected_mscc"), caller, NOW);
      expect(filtered.rows).toHaveLength(2);
      expect(filtered.counts.total).toBe(27);
    });

    it("every other sort pages without losing or repeating a row", async () => {
      const caller = { userId: coordinator.id, role: coordinator.role, view: "all" as const };
      for (const sort of ["patient", "category", "status", "received", "registrar", "updated"]) {
        for (const dir of ["asc", "desc"]) {
          const p1 = await queryWorklist(query(`sort=${sort}&dir=${dir}&pageSize=25`), caller, NOW);
          const p2 = await queryWorklist(query(`sort=${sort}&dir=${dir}&pageSize=25&page=2`), caller, NOW);
          const seen = [...p1.rows, ...p2.rows].map((r) => r.id);
          expect(new Set(seen).size, `${sort} ${dir}`).toBe(30);
        }
      }
      const byPatient = (await whole("sort=patient")).map((r) => r.familyName);
      expect(byPatient).toEqual([...byPatient].sort((a, b) => a.toLowerCase().localeCompare(b.toLowerCase(), "en")));
    });

    it("GET /api/v1/worklist: the caller's view, in the documented shape", async () => {
      const answer = await call(getWorklist, "?pageSize=25&page=2", bearer(registrarA.token));
      expect(answer.status).toBe(200);
      const body = worklistResponse.parse(await answer.json());
      expect(body).toMatchObject({ total: 30, page: 2, pageSize: 25, view: "registrar", ward: false });
      expect(body.items).toHaveLength(5);
      expect(body.items[0]?.patient).toMatchObject({ kind: "full", dateOfBirth: "1950-03-07" });
      const asked = worklistResponse.parse(await (await call(getWorklist, "?view=discharge", bearer(registrarA.token))).json());
      expect(asked).toMatchObject({ view: "discharge", total: 0, items: [] });
    });

    it("ward=1: initials and the last 4 digits only, no name, date of birth or hospital number", async () => {
      const ward = await loadWorklist(query("ward=1&pageSize=100"), { id: coordinator.id, role: "coordinator" }, NOW);
      expect(ward.ward).toBe(true);
      expect(ward.items).toHaveLength(30);
      for (const item of ward.items) expect(Object.keys(item.patient).sort()).toEqual(["initials", "kind", "nhsLast4"]);
      const full = await whole();
      const text = JSON.stringify(ward);
      for (const row of full) {
        expect(text).not.toContain(row.familyName);
        expect(text).not.toContain(row.nhsNumber);
      }
      expect(text).not.toContain("1950-03-07");
      expect(text).not.toContain("Margaret");

      const answer = await call(getWorklist, "?ward=1", bearer(coordinator.token));
      const body = await answer.text();
      expect(answer.status).toBe(200);
      expect(body).not.toMatch(/Pager\d|1950-03-07|Margaret|"givenName"|"familyName"|"dateOfBirth"|"hospitalNumber"/);
      expect(JSON.parse(body).items[0].patient).toEqual({ kind: "ward", initials: "M P", nhsLast4: expect.stringMatching(/^\d{4}$/) });
    });

    it("GET /api/v1/worklist refuses bad parameters (400, each field's reason) and a caller without a valid token (401)", async () => {
      const bad = await call(getWorklist, "?pageSize=30&sort=age&from=2026-02-30&status=closed&registrar=bob", bearer(coordinator.token));
      expect(bad.status).toBe(400);
      const { error } = await bad.json();
      expect(error.code).toBe("validation");
      expect(error.fields).toMatchObject({
        pageSize: ["Rows per page: 25, 50, 100, 200"],
        sort: ["Sort by a column of the worklist"],
        from: ["Not a real date"],
        "status.0": ["Choose active statuses from the list"],
        registrar: ["A registrar's id, me or unassigned"],
      });
      const backwards = await call(getWorklist, "?from=2026-10-26&to=2026-10-25", bearer(coordinator.token));
      expect(backwards.status).toBe(400);
      expect((await backwards.json()).error.fields).toEqual({ to: ["The start date must be on or before the end date"] });

      // (With no token at all the session cookie is asked for, which needs a Next.js request: not testable here.)
      for (const headers of [bearer("not-a-token"), bearer(`${coordinator.token.slice(0, -2)}xx`)]) {
        const refused = await call(getWorklist, "", headers);
        expect(refused.status).toBe(401);
        expect((await refused.json()).error.code).toBe("unauthenticated");
      }
    });

    it("the CSV export: every filtered row (not one page), in order, with the header, and one audit row", async () => {
      const auditCount = async () => (await getDb().select({ n: count() }).from(auditLog).where(eq(auditLog.action, "worklist.export_csv")))[0]?.n ?? 0;
      const before = await auditCount();
      const answer = await call(exportWorklist, "/export?category=suspected_mscc&pageSize=25&page=2", bearer(coordinator.token));
      expect(answer.status).toBe(200);
      expect(answer.headers.get("content-type")).toBe("text/csv; charset=utf-8");
      expect(answer.headers.get("content-disposition")).toMatch(/^attachment; filename="mscc-worklist-\d{8}-\d{4}\.csv"$/);
      // Response.text() would drop the byte order mark: read the bytes.
      const bytes = new Uint8Array(await answer.arrayBuffer());
      expect([...bytes.slice(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
      const csv = new TextDecoder("utf-8", { ignoreBOM: true }).decode(bytes);
      expect(csv.startsWith("\uFEFF")).toBe(true);
      const lines = csv.slice(1).split("\r\n");
      expect(lines.pop()).toBe("");
      expect(lines[0]).toBe(WORKLIST_CSV_HEADER.join(","));
      const exported = lines.slice(1).map((line) => line.split(",")[0]);
      expect(exported).toHaveLength(27);
      const expected = await ids("category=suspected_mscc", { view: "coordinator", now: new Date() });
      expect(exported).toEqual(expected);
      for (const r of painOnly) expect(csv).not.toContain(r.id);

      expect(await auditCount()).toBe(before + 1);
      const [audit] = await getDb().select().from(auditLog).where(eq(auditLog.action, "worklist.export_csv")).orderBy(desc(auditLog.id)).limit(1);
      expect(audit).toMatchObject({ actorId: coordinator.id, entityType: "worklist", context: { via: "api_token" } });
      expect(audit?.after).toMatchObject({ rows: 27, view: "coordinator", referralIds: expected });
      expect((audit?.after as { filters: string }).filters).toContain("category=suspected_mscc");

      // A refused export writes nothing.
      expect((await call(exportWorklist, "/export?pageSize=7", bearer(coordinator.token))).status).toBe(400);
      expect(await auditCount()).toBe(before + 1);
    });

    it("the CSV export in ward mode has no names", async () => {
      const csv = await (await call(exportWorklist, "/export?ward=1", bearer(coordinator.token))).text();
      expect(csv.split("\r\n")).toHaveLength(32);
      expect(csv).not.toMatch(/Pager\d|PAGER\d|Margaret|07\/03\/1950/);
    });
  });

  describe("closed referrals", () => {
    it("are never listed or counted, whatever the view or filter", async () => {
      await emptyWorklist();
      const open = await refer({ receivedAt: ago(2 * HOUR) });
      const withdrawn = await refer({ receivedAt: ago(20 * HOUR) });
      await record(withdrawn, "status_changed", ago(19 * HOUR), { to: "withdrawn" });
      const closed = await refer({ receivedAt: ago(20 * HOUR) });
      await record(closed, "triaged", ago(19 * HOUR), { category: "suspected_mscc" });
      await record(closed, "status_changed", ago(18 * HOUR), { to: "closed" });
      const excluded = await refer({ receivedAt: ago(20 * HOUR) });
      await record(excluded, "triaged", ago(19 * HOUR), { category: "suspected_mscc" });
      await record(excluded, "decision", ago(18 * HOUR), { decision: "mscc_excluded" });
      const discharged = await refer({ receivedAt: ago(20 * HOUR), painOnly: true });
      await record(discharged, "triaged", ago(19 * HOUR), { category: "suspected_spinal_metastases" });
      await record(discharged, "decision", ago(18 * HOUR), { decision: "best_supportive_care" });
      await record(discharged, "status_changed", ago(17 * HOUR), { to: "rehabilitation" });
      // No rehabilitation plan: every checklist item is open and needs its reason (issue 6's discharge rule).
      const openItemReasons = Object.fromEntries(CHECKLIST_ITEMS.map((item) => [item, "Not needed: pain only, independent at home"]));
      await record(discharged, "discharged", ago(16 * HOUR), { destination: "home", ambulatoryStatus: "walks_unaided", openItemReasons });

      const statuses = await getDb().select({ status: referrals.status }).from(referrals).where(sql`${referrals.id} in (${sql.join([withdrawn, closed, excluded, discharged].map((r) => sql`${r.id}`), sql`, `)})`);
      expect(statuses.map((s) => s.status).sort()).toEqual(["closed", "discharged", "mscc_excluded", "withdrawn"]);

      for (const view of ["all", "coordinator", "registrar", "discharge"] as const) {
        const page = await queryWorklist(query("pageSize=200"), { userId: coordinator.id, role: coordinator.role, view }, NOW);
        expect(page.rows.map((r) => r.id)).toEqual(view === "discharge" ? [] : [open.id]);
        expect(page.counts).toMatchObject({ total: view === "discharge" ? 0 : 1, breached: 1, untriaged: 1 });
      }
      for (const r of [withdrawn, closed, excluded, discharged]) expect(await ids(`q=${r.nhsNumber}`)).toEqual([]);
      expect(await ids("clock=breached")).toEqual([open.id]);
      expect(await ids("from=2000-01-01")).toEqual([open.id]);
      const exported = await (await call(exportWorklist, "/export", bearer(coordinator.token))).text();
      for (const r of [withdrawn, closed, excluded, discharged]) expect(exported).not.toContain(r.id);
    });
  });

  describe("change notifications", () => {
    /** Reads server-sent events until one matches, or fails after a while. */
    async function readUntil(reader: ReadableStreamDefaultReader<Uint8Array>, state: { text: string }, done: (text: string) => boolean): Promise<void> {
      const decoder = new TextDecoder();
      const deadline = Date.now() + 10_000;
      while (!done(state.text)) {
        if (Date.now() > deadline) throw new Error(`no such event in: ${state.text}`);
        const chunk = await Promise.race([reader.read(), new Promise<null>((resolve) => setTimeout(() => resolve(null), 10_000))]);
        if (chunk === null) throw new Error(`timed out waiting; received: ${state.text}`);
        if (chunk.done) throw new Error(`the stream ended; received: ${state.text}`);
        state.text += decoder.decode(chunk.value, { stream: true });
      }
    }

    it("the stream refuses a request that does not accept server-sent events (406)", async () => {
      for (const headers of [bearer(coordinator.token), { ...bearer(coordinator.token), accept: "application/json" }]) {
        const answer = await call(streamWorklist, "/stream", headers);
        expect(answer.status).toBe(406);
        expect((await answer.json()).error.code).toBe("not_acceptable");
      }
      expect((await call(streamWorklist, "/stream", { ...bearer("not-a-token"), accept: "text/event-stream" })).status).toBe(401);
    });

    it("the stream says ready, then names each referral changed after, and closes when the client goes", async () => {
      const abort = new AbortController();
      const answer = await call(streamWorklist, "/stream", { ...bearer(coordinator.token), accept: "text/event-stream" }, abort.signal);
      expect(answer.status).toBe(200);
      expect(answer.headers.get("content-type")).toBe("text/event-stream; charset=utf-8");
      const reader = (answer.body as ReadableStream<Uint8Array>).getReader();
      const state = { text: "" };
      try {
        await readUntil(reader, state, (t) => t.includes("\n\n"));
        const [first] = state.text.split("\n\n");
        expect(first).toMatch(/(^|\n)event: ready(\n|$)/);

        const created = await refer({ receivedAt: ago(HOUR) });
        const event = new RegExp(`event: referrals\\ndata: (\\{[^\\n]*"${created.id}"[^\\n]*\\})\\n\\n`);
        await readUntil(reader, state, (t) => event.test(t));
        expect(JSON.parse(event.exec(state.text)?.[1] as string)).toEqual({ ids: [created.id] });
        // Ids only, never patient data.
        expect(state.text).not.toContain(created.nhsNumber);
        expect(state.text).not.toContain("Testpatient");
      } finally {
        abort.abort();
      }
      const end = await Promise.race([reader.read(), new Promise<"open">((resolve) => setTimeout(() => resolve("open"), 5_000))]);
      expect(end).toMatchObject({ done: true });
    });

    it("a rolled-back change is never announced; a committed one is, until unsubscribed", async () => {
      const heard: ReferralChange[] = [];
      const unsubscribe = await subscribeToReferralChanges((change) => heard.push(change));
      const heardIds = () => heard.flatMap((c) => ("ids" in c ? c.ids : []));
      const waitFor = async (id: string) => {
        const deadline = Date.now() + 10_000;
        while (!heardIds().includes(id)) {
          if (Date.now() > deadline) throw new Error(`never heard of ${id}: ${JSON.stringify(heard)}`);
          await new Promise((resolve) => setTimeout(resolve, 20));
        }
      };

      let rolledBack: string | undefined;
      const referral = createReferralInput.parse({
        nhsNumber: newNhsNumber(),
        givenName: "Rolled",
        familyName: "Back",
        dateOfBirth: "1950-03-07",
        referrerName: "Dr Patel",
        referrerRole: "gp",
        symptoms: ["severe_lower_back_pain"],
        neurology: [],
        receivedAt: ago(HOUR).toISOString(),
      });
      await expect(
        getDb().transaction(async (tx) => {
          rolledBack = (await createReferral(tx, { actor: { id: coordinator.id }, referral, now: NOW })).id;
          throw new Error("changed my mind");
        }),
      ).rejects.toThrow("changed my mind");
      expect(rolledBack).toBeDefined();
      expect(await getDb().select({ id: referrals.id }).from(referrals).where(eq(referrals.id, rolledBack as string))).toEqual([]);

      // A later committed change is heard; by then the rolled-back one would have been (notifications keep commit order).
      const committed = await refer({ receivedAt: ago(HOUR) });
      await waitFor(committed.id);
      expect(heardIds()).not.toContain(rolledBack);
      expect(heard.every((c) => "ids" in c)).toBe(true);

      // After unsubscribing, nothing more; another subscriber still hears.
      unsubscribe();
      const other: string[] = [];
      const unsubscribeOther = await subscribeToReferralChanges((c) => other.push(...("ids" in c ? c.ids : [])));
      const after = await refer({ receivedAt: ago(HOUR) });
      const deadline = Date.now() + 10_000;
      while (!other.includes(after.id) && Date.now() < deadline) await new Promise((resolve) => setTimeout(resolve, 20));
      unsubscribeOther();
      expect(other).toContain(after.id);
      expect(heardIds()).not.toContain(after.id);
    });

    it("an event appended to a referral is announced with its id", async () => {
      const r = await refer({ receivedAt: ago(HOUR) });
      const heard: string[] = [];
      const unsubscribe = await subscribeToReferralChanges((c) => heard.push(...("ids" in c ? c.ids : ["all"])));
      try {
        await record(r, "note", ago(30 * MINUTE), { text: "Seen" });
        const deadline = Date.now() + 10_000;
        while (!heard.includes(r.id) && Date.now() < deadline) await new Promise((resolve) => setTimeout(resolve, 20));
        expect(heard).toContain(r.id);
      } finally {
        unsubscribe();
      }
    });
  });
});
