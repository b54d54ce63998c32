import { and, count, eq } from "drizzle-orm";
import { beforeAll, describe, expect, it } from "vitest";
import { GET as getReferral } from "@/app/api/v1/referrals/[id]/route";
import { POST as postEvent } from "@/app/api/v1/referrals/[id]/events/route";
import { GET as listReferrals, POST as postReferral } from "@/app/api/v1/referrals/route";
import { GET as getPathwaySettings } from "@/app/api/v1/settings/pathway/route";
import { getDatabase, getDb } from "@/db/client";
import { revokeApiToken } from "@/db/mutations/api-tokens";
import { updateUser } from "@/db/mutations/users";
import { auditLog, referralEvents, referrals } from "@/db/schema";
import { DEFAULT_PATHWAY_SETTINGS } from "@/lib/domain/clocks";
import { formatNhsNumber } from "@/lib/domain/nhs-number";
import { call, caller, newNhsNumber, referralBody, tokenFor, type Answer } from "./api-client";
import { makeUser } from "./fixtures";

/**
 * The JSON API v1 as a client uses it: the exported route handlers called with real requests carrying personal
 * API tokens, on a real database (PGlite, or PostgreSQL with DATABASE_URL). Every refusal is checked to leave
 * the referral exactly as it was.
 */

const HOUR = 3_600_000;
const ISO = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z$/;

// Whole seconds, as a person or a client would send them.
const secondsAgo = (ms: number) => new Date(Math.floor((Date.now() - ms) / 1000) * 1000);

/** What must not change when a write is refused: the referral's version, its events and its audit trail. */
async function snapshot(referralId: string) {
  const [row] = await getDb().select({ version: referrals.version, status: referrals.status, category: referrals.category }).from(referrals).where(eq(referrals.id, referralId));
  const [events] = await getDb().select({ n: count() }).from(referralEvents).where(eq(referralEvents.referralId, referralId));
  const [audit] = await getDb().select({ n: count() }).from(auditLog).where(and(eq(auditLog.entityType, "referral"), eq(auditLog.entityId, referralId)));
  return { ...row, events: events?.n, audit: audit?.n };
}

async function referralCount() {
  const [row] = await getDb().select({ n: count() }).from(referrals);
  return row?.n ?? 0;
}

const clock = (clocks: { id: string }[], id: string) => clocks.find((c) => c.id === id) as Record<string, unknown> & { id: string };

describe(`JSON API v1 on ${getDatabase().engine}`, () => {
  let coordinator: Awaited<ReturnType<typeof caller>>;
  let registrar: Awaited<ReturnType<typeof caller>>;
  let discharge: Awaited<ReturnType<typeof caller>>;

  beforeAll(async () => {
    coordinator = await caller("coordinator", "Coordinator Carol");
    registrar = await caller("registrar", "Dr Rahul Registrar");
    discharge = await caller("discharge");
  });

  async function create(over: Record<string, unknown> = {}, token = coordinator.token) {
    const answer = await call(postReferral, { token, body: referralBody(over) });
    expect(answer.status, JSON.stringify(answer.body)).toBe(201);
    return answer.body as { referral: { id: string; version: number; receivedAt: string }; clocks: { id: string }[] };
  }

  async function append(id: string, event: Record<string, unknown>, token = coordinator.token) {
    return call(postEvent, { token, id, body: event });
  }

  describe("taking and reading a referral", () => {
    it("creates a referral (201, Location, audited as made with the token) and reads it back with its clocks", async () => {
      const nhsNumber = newNhsNumber();
      const receivedAt = secondsAgo(2 * HOUR);
      const answer = await call(postReferral, { token: coordinator.token, body: referralBody({ nhsNumber: formatNhsNumber(nhsNumber), receivedAt: receivedAt.toISOString() }) });
      expect(answer.status).toBe(201);
      const id = answer.body.referral.id as string;
      expect(answer.headers.get("location")).toBe(`/api/v1/referrals/${id}`);
      expect(answer.body.referral).toMatchObject({ status: "new", category: "suspected_mscc", version: 1, receivedAt: receivedAt.toISOString(), neurology: ["limb_weakness"] });
      expect(answer.body.patient).toMatchObject({ nhsNumber, givenName: "Margaret", dateOfBirth: "1950-03-07" });
      expect(answer.body.events).toMatchObject([{ type: "received", occurredAt: receivedAt.toISOString(), recordedByName: "Coordinator Carol" }]);
      expect(answer.body.missing).toEqual(expect.arrayContaining(["Hospital number", "Onset of neurological symptoms", "Ambulatory status"]));

      const read = await call(getReferral, { token: registrar.token, id });
      expect(read.status).toBe(200);
      expect(read.body.referral.id).toBe(id);
      expect(read.body.clocks.map((c: { id: string }) => c.id)).toEqual([
        "triage",
        "dexamethasone",
        "mri",
        "treatment_plan",
        "radiotherapy",
        "physiotherapy_assessment",
        "occupational_therapy_assessment",
      ]);
      const mri = clock(read.body.clocks, "mri");
      expect(mri).toMatchObject({ status: "running", startAt: receivedAt.toISOString(), dueAt: new Date(receivedAt.getTime() + 24 * HOUR).toISOString(), targetMinutes: 24 * 60 });
      expect(typeof mri.timeLeftMs).toBe("number");
      // Triage for neurology is due within the hour: two hours on, it is breached and asks for a reason.
      expect(clock(read.body.clocks, "triage")).toMatchObject({ status: "breached", reasonRequired: true });
      expect(read.body.referral.createdAt).toMatch(ISO);

      const [audit] = await getDb().select().from(auditLog).where(and(eq(auditLog.action, "referral.create"), eq(auditLog.entityId, id)));
      expect(audit).toMatchObject({ actorId: coordinator.id, context: { via: "api_token", apiTokenId: coordinator.tokenId } });
    });

    it("refuses a bad NHS number (400, fields.nhsNumber) and saves nothing", async () => {
      const before = await referralCount();
      const answer = await call(postReferral, { token: coordinator.token, body: referralBody({ nhsNumber: "943 476 5910" }) });
      expect(answer.status).toBe(400);
      expect(answer.body.error).toMatchObject({ code: "validation", fields: { nhsNumber: ["This is not a valid NHS number: check the digits"] } });
      const short = await call(postReferral, { token: coordinator.token, body: referralBody({ nhsNumber: "12345" }) });
      expect(short.body.error.fields.nhsNumber).toEqual(["An NHS number has 10 digits"]);
      expect(await referralCount()).toBe(before);
    });

    it("refuses a referral with no symptom or neurological sign (400, fields.symptoms)", async () => {
      const before = await referralCount();
      const answer = await call(postReferral, { token: coordinator.token, body: referralBody({ symptoms: [], neurology: [] }) });
      expect(answer.status).toBe(400);
      expect(answer.body.error.fields.symptoms).toEqual(["Record at least one symptom or neurological sign"]);
      expect(await referralCount()).toBe(before);
    });

    it("refuses a body that is not JSON (400)", async () => {
      const answer = await call(postReferral, { token: coordinator.token, rawBody: "nhsNumber=9434765919" });
      expect(answer.status).toBe(400);
      expect(answer.body).toEqual({ error: { code: "validation", message: "The body is not valid JSON." } });
    });

    it("refuses a second open referral for the same patient (409) naming the open one", async () => {
      const nhsNumber = newNhsNumber();
      const first = await create({ nhsNumber });
      const before = await referralCount();
      const answer = await call(postReferral, { token: registrar.token, body: referralBody({ nhsNumber: formatNhsNumber(nhsNumber) }) });
      expect(answer.status).toBe(409);
      expect(answer.body.error).toMatchObject({ code: "conflict", message: expect.stringContaining("already has an open referral"), fields: { nhsNumber: [`Open referral ${first.referral.id}`] } });
      expect(await referralCount()).toBe(before);
    });
  });

  describe("listing", () => {
    it("filters by NHS number (typed with spaces), status and open or closed, and pages with the total", async () => {
      const nhsNumber = newNhsNumber();
      const mine = await create({ nhsNumber });
      const withdrawn = await create();
      const w = await append(withdrawn.referral.id, { type: "status_changed", occurredAt: new Date().toISOString(), expectedVersion: 1, data: { to: "withdrawn", note: "Referred in error" } });
      expect(w.status, JSON.stringify(w.body)).toBe(201);
      expect(w.body.status).toBe("withdrawn");

      const byNhs = await call(listReferrals, { token: discharge.token, path: `/referrals?nhsNumber=${encodeURIComponent(formatNhsNumber(nhsNumber))}` });
      expect(byNhs.status).toBe(200);
      expect(byNhs.body).toMatchObject({ total: 1, page: 1, pageSize: 50 });
      expect(byNhs.body.items).toEqual([
        expect.objectContaining({ id: mine.referral.id, nhsNumber, status: "new", category: "suspected_mscc", patientFamilyName: "Jones", receivedAt: expect.stringMatching(ISO) }),
      ]);

      const byStatus = await call(listReferrals, { token: coordinator.token, path: "/referrals?status=withdrawn" });
      expect(byStatus.body.items.map((i: { id: string }) => i.id)).toContain(withdrawn.referral.id);
      expect(byStatus.body.items.every((i: { status: string }) => i.status === "withdrawn")).toBe(true);
      const several = await call(listReferrals, { token: coordinator.token, path: "/referrals?status=new,withdrawn" });
      expect(several.body.items.map((i: { id: string }) => i.id)).toEqual(expect.arrayContaining([mine.referral.id, withdrawn.referral.id]));

      const open = await call(listReferrals, { token: coordinator.token, path: "/referrals?active=true&pageSize=200" });
      const closed = await call(listReferrals, { token: coordinator.token, path: "/referrals?active=false&pageSize=200" });
      expect(open.body.items.map((i: { id: string }) => i.id)).toContain(mine.referral.id);
      expect(open.body.items.map((i: { id: string }) => i.id)).not.toContain(withdrawn.referral.id);
      expect(closed.body.items.map((i: { id: string }) => i.id)).toContain(withdrawn.referral.id);
      const all = await call(listReferrals, { token: coordinator.token, path: "/referrals" });
      expect(all.body.total).toBe(open.body.total + closed.body.total);
      expect(all.body.total).toBe(await referralCount());

      // Paging: every referral exactly once, newest received first, pages of two.
      const seen: string[] = [];
      const pages = Math.ceil(all.body.total / 2);
      for (let page = 1; page <= pages + 1; page++) {
        const answer = await call(listReferrals, { token: coordinator.token, path: `/referrals?pageSize=2&page=${page}` });
        expect(answer.body).toMatchObject({ total: all.body.total, page, pageSize: 2 });
        expect(answer.body.items.length).toBe(page <= pages ? Math.min(2, all.body.total - (page - 1) * 2) : 0);
        seen.push(...answer.body.items.map((i: { id: string }) => i.id));
      }
      expect(seen).toEqual(all.body.items.map((i: { id: string }) => i.id));
    });

    it("refuses filters that are not valid (400, by parameter)", async () => {
      const answer = await call(listReferrals, { token: coordinator.token, path: "/referrals?status=lost&nhsNumber=12&pageSize=0" });
      expect(answer.status).toBe(400);
      expect(Object.keys(answer.body.error.fields).sort()).toEqual(["nhsNumber", "pageSize", "status.0"]);
    });
  });

  describe("the issue's 'Done when', through the API", () => {
    it("leg weakness received 2 h ago, triaged as suspected MSCC: MRI due at receipt + 24 h, at risk after 18 h", async () => {
      const receivedAt = secondsAgo(2 * HOUR);
      const created = await create({ receivedAt: receivedAt.toISOString(), symptoms: ["limb_numbness_or_weakness"], neurology: ["limb_weakness"] });
      const triage = await append(created.referral.id, {
        type: "triaged",
        occurredAt: new Date().toISOString(),
        expectedVersion: 1,
        data: { category: "suspected_mscc", advice: ["immobilisation", "dexamethasone", "attend_hospital"] },
      });
      expect(triage.status, JSON.stringify(triage.body)).toBe(201);
      expect(triage.body).toMatchObject({ eventId: expect.any(String), version: 2, status: "triaged" });
      const mri = clock(triage.body.clocks, "mri");
      expect(mri).toMatchObject({
        status: "running",
        dueAt: new Date(receivedAt.getTime() + 24 * HOUR).toISOString(),
        atRiskAt: new Date(receivedAt.getTime() + 18 * HOUR).toISOString(),
        reasonRequired: false,
      });
      // Due 22 hours from now (less the moments this test has taken).
      expect(mri.timeLeftMs as number).toBeLessThanOrEqual(22 * HOUR);
      expect(mri.timeLeftMs as number).toBeGreaterThan(22 * HOUR - 60_000);
    });

    it("MRI performed 30 h after receipt: breached by exactly 6 h, asking for a reason until one is given", async () => {
      const receivedAt = secondsAgo(32 * HOUR);
      const created = await create({ receivedAt: receivedAt.toISOString() });
      const id = created.referral.id;
      expect((await append(id, { type: "triaged", occurredAt: new Date(receivedAt.getTime() + HOUR).toISOString(), expectedVersion: 1, data: { category: "suspected_mscc", advice: [] } })).status).toBe(201);
      const performedAt = new Date(receivedAt.getTime() + 30 * HOUR);
      const performed = await append(id, { type: "imaging_performed", occurredAt: performedAt.toISOString(), expectedVersion: 2, data: { modality: "mri_whole_spine" } });
      expect(performed.status, JSON.stringify(performed.body)).toBe(201);
      expect(clock(performed.body.clocks, "mri")).toMatchObject({ status: "breached", stopAt: performedAt.toISOString(), overrunMs: 6 * HOUR, reasonRequired: true, breachReason: null });

      const reason = await append(id, { type: "breach_reason", occurredAt: new Date().toISOString(), expectedVersion: 3, data: { clock: "mri", reason: "mri_capacity" } });
      expect(reason.status, JSON.stringify(reason.body)).toBe(201);
      expect(clock(reason.body.clocks, "mri")).toMatchObject({ status: "breached", overrunMs: 6 * HOUR, reasonRequired: false, breachReason: { reason: "mri_capacity", eventId: reason.body.eventId } });

      const read = await call(getReferral, { token: discharge.token, id });
      expect(clock(read.body.clocks, "mri")).toMatchObject({ status: "breached", reasonRequired: false });
      expect(read.body.events.map((e: { type: string }) => e.type)).toEqual(["received", "triaged", "imaging_performed", "breach_reason"]);
    });

    it("a correction is a new event naming the one it corrects: the MRI time moves and the clock is met", async () => {
      const receivedAt = secondsAgo(32 * HOUR);
      const { referral } = await create({ receivedAt: receivedAt.toISOString() });
      await append(referral.id, { type: "triaged", occurredAt: new Date(receivedAt.getTime() + HOUR).toISOString(), expectedVersion: 1, data: { category: "suspected_mscc", advice: [] } });
      const performed = await append(referral.id, { type: "imaging_performed", occurredAt: new Date(receivedAt.getTime() + 30 * HOUR).toISOString(), expectedVersion: 2, data: { modality: "mri" } });

      const missingTarget = await append(referral.id, { type: "correction", occurredAt: new Date().toISOString(), expectedVersion: 3, data: { occurredAt: new Date(receivedAt.getTime() + 20 * HOUR).toISOString(), reason: "Wrong day typed" } });
      expect(missingTarget.status).toBe(400);
      expect(missingTarget.body.error.fields).toEqual({ correctsEventId: ["Say which event is corrected"] });

      const corrected = await append(referral.id, {
        type: "correction",
        occurredAt: new Date().toISOString(),
        expectedVersion: 3,
        correctsEventId: performed.body.eventId,
        data: { occurredAt: new Date(receivedAt.getTime() + 20 * HOUR).toISOString(), reason: "Wrong day typed" },
      });
      expect(corrected.status, JSON.stringify(corrected.body)).toBe(201);
      expect(clock(corrected.body.clocks, "mri")).toMatchObject({ status: "met", stopAt: new Date(receivedAt.getTime() + 20 * HOUR).toISOString() });
      const read = await call(getReferral, { token: coordinator.token, id: referral.id });
      // The original stays on the timeline as it was recorded.
      expect(read.body.events.filter((e: { type: string }) => e.type === "imaging_performed")).toMatchObject([{ id: performed.body.eventId, occurredAt: new Date(receivedAt.getTime() + 30 * HOUR).toISOString() }]);
    });
  });

  describe("refusals leave the referral as it was", () => {
    let id: string;
    let receivedAt: Date;
    let version: number;

    beforeAll(async () => {
      receivedAt = secondsAgo(32 * HOUR);
      const created = await create({ receivedAt: receivedAt.toISOString() });
      id = created.referral.id;
      await append(id, { type: "triaged", occurredAt: new Date(receivedAt.getTime() + HOUR).toISOString(), expectedVersion: 1, data: { category: "suspected_mscc", advice: [] } });
      const performed = await append(id, { type: "imaging_performed", occurredAt: new Date(receivedAt.getTime() + 30 * HOUR).toISOString(), expectedVersion: 2, data: { modality: "mri_whole_spine" } });
      version = performed.body.version as number;
    });

    async function expectRefused(answer: Promise<Answer>, status: number, code: string) {
      const before = await snapshot(id);
      const result = await answer;
      expect(result.status, JSON.stringify(result.body)).toBe(status);
      expect(result.body.error.code).toBe(code);
      expect(await snapshot(id)).toEqual(before);
      expect(before.version).toBe(version);
      return result.body.error as { message: string; fields?: Record<string, string[]> };
    }

    it("a clinical time in the future (422)", async () => {
      const error = await expectRefused(append(id, { type: "note", occurredAt: new Date(Date.now() + HOUR).toISOString(), expectedVersion: version, data: { text: "Later" } }), 422, "unprocessable");
      expect(error.message).toMatch(/The time is in the future/);
      expect(error.fields).toHaveProperty("occurredAt");
    });

    it("a clinical time before the referral was received (422)", async () => {
      const error = await expectRefused(append(id, { type: "note", occurredAt: new Date(receivedAt.getTime() - HOUR).toISOString(), expectedVersion: version, data: { text: "Earlier" } }), 422, "unprocessable");
      expect(error.message).toMatch(/before the referral was received/);
    });

    it("an MRI reported before it was performed (422)", async () => {
      const error = await expectRefused(
        append(id, { type: "imaging_reported", occurredAt: new Date(receivedAt.getTime() + 29 * HOUR).toISOString(), expectedVersion: version, data: { modality: "mri_whole_spine", result: "mscc_confirmed", levels: "T10" } }),
        422,
        "unprocessable",
      );
      expect(error.message).toMatch(/report cannot come before the scan was performed/);
    });

    it("a stale version (409), naming who changed the referral", async () => {
      const error = await expectRefused(append(id, { type: "note", occurredAt: new Date().toISOString(), expectedVersion: version - 1, data: { text: "Stale" } }), 409, "conflict");
      expect(error.message).toMatch(/^Coordinator Carol changed this referral at \d{2}\/\d{2}\/\d{4} \d{2}:\d{2}/);
    });

    it("an illegal status change (422), naming the allowed next steps", async () => {
      const error = await expectRefused(append(id, { type: "status_changed", occurredAt: new Date().toISOString(), expectedVersion: version, data: { to: "discharged" } }), 422, "unprocessable");
      expect(error.message).toMatch(/cannot go from Triaged to Discharged/);
      expect(error.message).toMatch(/can next be: /);
    });

    it("data that does not fit the event type (400, by path inside data)", async () => {
      const error = await expectRefused(append(id, { type: "dexamethasone_given", occurredAt: new Date().toISOString(), expectedVersion: version, data: { doseMg: 0 } }), 400, "validation");
      expect(Object.keys(error.fields ?? {}).sort()).toEqual(["data.doseMg", "data.route"]);
    });

    it("triage with a registrar's token (403): triaging is the coordinator's", async () => {
      const error = await expectRefused(
        append(id, { type: "triaged", occurredAt: new Date().toISOString(), expectedVersion: version, data: { category: "not_mscc", advice: [] } }, registrar.token),
        403,
        "forbidden",
      );
      expect(error.message).toMatch(/MSCC coordinator/);
      // The registrar may record other events.
      const note = await append(id, { type: "note", occurredAt: new Date().toISOString(), expectedVersion: version, data: { text: "Seen on the ward" } }, registrar.token);
      expect(note.status).toBe(201);
      version = note.body.version as number;
    });

    it("a clinical event, or a referral, from the discharge team's token (403); a rehabilitation step is theirs", async () => {
      await expectRefused(append(id, { type: "note", occurredAt: new Date().toISOString(), expectedVersion: version, data: { text: "Discharge" } }, discharge.token), 403, "forbidden");
      for (const data of [{ decision: "best_supportive_care" }, { decision: "mscc_excluded" }]) {
        const refused = await expectRefused(append(id, { type: "decision", occurredAt: new Date().toISOString(), expectedVersion: version, data }, discharge.token), 403, "forbidden");
        expect(refused.message).toMatch(/coordinator or .*registrar/i);
      }
      const assessed = await append(id, { type: "physiotherapy_assessed", occurredAt: new Date().toISOString(), expectedVersion: version, data: {} }, discharge.token);
      expect(assessed.status).toBe(201);
      version = assessed.body.version as number;
      const before = await referralCount();
      const answer = await call(postReferral, { token: discharge.token, body: referralBody() });
      expect(answer.status).toBe(403);
      expect(await referralCount()).toBe(before);
    });

    it("a revoked token (401), for reading and writing", async () => {
      const { token, tokenId } = await tokenFor(coordinator.id);
      expect((await call(getReferral, { token, id })).status).toBe(200);
      await getDb().transaction((tx) => revokeApiToken(tx, { userId: coordinator.id, tokenId }));
      const error = await expectRefused(append(id, { type: "note", occurredAt: new Date().toISOString(), expectedVersion: version, data: { text: "Revoked" } }, token), 401, "unauthenticated");
      expect(error.message).toMatch(/revoked/);
      expect((await call(getReferral, { token, id })).status).toBe(401);
      expect((await call(listReferrals, { token, path: "/referrals" })).status).toBe(401);
    });

    it("a deactivated user's token (401), and an unknown or malformed one", async () => {
      const leaver = await caller("coordinator");
      expect((await call(getReferral, { token: leaver.token, id })).status).toBe(200);
      const admin = await makeUser("admin");
      await getDb().transaction((tx) => updateUser(tx, { actorId: admin.id, id: leaver.id, expectedVersion: 1, changes: { active: false } }));
      await expectRefused(append(id, { type: "note", occurredAt: new Date().toISOString(), expectedVersion: version, data: { text: "Gone" } }, leaver.token), 401, "unauthenticated");
      expect((await call(getReferral, { token: leaver.token, id })).status).toBe(401);
      expect((await call(getReferral, { token: `${leaver.token.slice(0, -1)}x`, id })).status).toBe(401);
      expect((await call(getReferral, { token: "not-a-token", id })).status).toBe(401);
    });

    it("an unknown or malformed referral id (404)", async () => {
      for (const unknown of ["6f1c2a9e-3b4d-4e5f-8a7b-9c0d1e2f3a4b", "not-a-uuid", "1; drop table referrals"]) {
        const read = await call(getReferral, { token: coordinator.token, id: unknown });
        expect(read.status).toBe(404);
        expect(read.body).toEqual({ error: { code: "not_found", message: "No such referral." } });
        const write = await append(unknown, { type: "note", occurredAt: new Date().toISOString(), expectedVersion: 1, data: { text: "Nowhere" } });
        expect(write.status).toBe(404);
      }
      expect(await snapshot(id)).toMatchObject({ version });
    });
  });

  it("reads the pathway settings: the defaults, with their sources, until an admin changes them", async () => {
    const answer = await call(getPathwaySettings, { token: discharge.token, path: "/settings/pathway" });
    expect(answer.status).toBe(200);
    expect(answer.body).toMatchObject({ current: DEFAULT_PATHWAY_SETTINGS, history: [], defaults: DEFAULT_PATHWAY_SETTINGS });
    expect(answer.body.sources.mriSuspectedMsccMinutes).toMatchObject({ localPractice: false, source: expect.stringContaining("QS56 statement 3") });
  });
});
