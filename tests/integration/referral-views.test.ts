import crypto from "node:crypto";
import { and, desc, eq, gt } from "drizzle-orm";
import { beforeAll, describe, expect, it } from "vitest";
import { findTrailPatientAction } from "@/app/(clinical)/admin/audit-trail/actions";
import { GET as getReferral } from "@/app/api/v1/referrals/[id]/route";
import { GET as listReferrals } from "@/app/api/v1/referrals/route";
import { getDb } from "@/db/client";
import { createApiToken, revokeApiToken } from "@/db/mutations/api-tokens";
import { createReferral } from "@/db/mutations/referrals";
import { listAuditTrail } from "@/db/queries/audit-trail";
import { auditLog } from "@/db/schema";
import { generateApiToken } from "@/lib/auth/api-tokens";
import type { Role } from "@/lib/auth/roles";
import type { CurrentUser } from "@/lib/auth/session";
import { formatNhsNumber } from "@/lib/domain/nhs-number";
import { londonDate } from "@/lib/domain/time-format";
import { ACTION_SPEC, runAction } from "@/lib/server/action";
import { auditReferralView } from "@/lib/server/referral-view";
import { auditTrailInstants, auditTrailQuery } from "@/lib/validation/audit-trail";
import { createReferralInput } from "@/lib/validation/referrals";
import { syntheticNhsNumber } from "../../e2e/support/nhs";
import { makeUser } from "./fixtures";

/**
 * Reading one patient's referral is audited (who looked at whom, when, where), once per read, with ids only; and
 * the administrator's audit trail finds those rows by user, patient, action and London date.
 */

type Caller = CurrentUser & { token: string; tokenId: string };

async function caller(role: Role): Promise<Caller> {
  const made = await makeUser(role);
  const generated = generateApiToken();
  const { id } = await getDb().transaction((tx) => createApiToken(tx, { userId: made.id, name: "views", tokenHash: generated.tokenHash, prefix: generated.prefix }));
  return { id: made.id, email: made.email, name: made.name, role, token: generated.token, tokenId: id };
}

async function newReferral(coordinator: CurrentUser, nhsNumber: string) {
  const referral = createReferralInput.parse({
    nhsNumber,
    givenName: "Viewed",
    familyName: "Patient",
    dateOfBirth: "1950-01-01",
    referrerName: "Dr Test",
    referrerRole: "gp",
    neurology: ["limb_weakness"],
  });
  return getDb().transaction((tx) => createReferral(tx, { actor: { id: coordinator.id, apiTokenId: null }, referral, now: new Date(Date.now() - 60_000) }));
}

async function get(handler: typeof getReferral, token: string, id?: string) {
  const request = new Request(`http://localhost/api/v1/referrals${id ? `/${id}` : ""}`, { headers: { authorization: `Bearer ${token}` } });
  const response = await handler(request, { params: Promise.resolve(id ? { id } : {}) });
  return { status: response.status, body: await response.json() };
}

async function lastAuditId(): Promise<number> {
  const [row] = await getDb().select({ id: auditLog.id }).from(auditLog).orderBy(desc(auditLog.id)).limit(1);
  return row?.id ?? 0;
}

const rowsSince = (id: number) => getDb().select().from(auditLog).where(gt(auditLog.id, id)).orderBy(auditLog.id);

const trail = (raw: Record<string, string>) => {
  const query = auditTrailQuery.parse(raw);
  return listAuditTrail({ query, ...auditTrailInstants(query) });
};

describe("reading a referral is audited", () => {
  let coordinator: Caller;
  let registrar: Caller;
  let admin: Caller;
  let nhsNumber: string;
  let referral: { id: string; patientId: string };

  beforeAll(async () => {
    [coordinator, registrar, admin] = await Promise.all([caller("coordinator"), caller("registrar"), caller("admin")]);
    nhsNumber = syntheticNhsNumber();
    referral = await newReferral(coordinator, nhsNumber);
  });

  it("GET /api/v1/referrals/[id] writes exactly one row naming the reader, the patient and the token, and no name or NHS number", async () => {
    const before = await lastAuditId();
    const answer = await get(getReferral, registrar.token, referral.id);
    expect(answer.status).toBe(200);
    const rows = await rowsSince(before);
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({
      actorId: registrar.id,
      action: "referral.view",
      entityType: "referral",
      entityId: referral.id,
      before: null,
      after: null,
      context: { patientId: referral.patientId, via: "GET /api/v1/referrals/[id]", apiTokenId: registrar.tokenId },
    });
    const text = JSON.stringify(rows[0]);
    expect(text).not.toContain(nhsNumber);
    expect(text).not.toContain("Viewed");
  });

  it("each read is its own row: two reads, two rows", async () => {
    const before = await lastAuditId();
    await get(getReferral, coordinator.token, referral.id);
    await get(getReferral, coordinator.token, referral.id);
    const rows = await rowsSince(before);
    expect(rows.map((r) => [r.action, r.actorId])).toEqual([
      ["referral.view", coordinator.id],
      ["referral.view", coordinator.id],
    ]);
  });

  it("a referral that is not found is not a view; a revoked token reads nothing; the listing is not audited", async () => {
    const revoked = await caller("registrar");
    await getDb().transaction((tx) => revokeApiToken(tx, { userId: revoked.id, tokenId: revoked.tokenId }));
    const before = await lastAuditId();
    expect((await get(getReferral, registrar.token, crypto.randomUUID())).status).toBe(404);
    expect((await get(getReferral, registrar.token, "not-a-uuid")).status).toBe(404);
    expect((await get(listReferrals, registrar.token)).status).toBe(200);
    const refused = await get(getReferral, revoked.token, referral.id);
    expect(refused.status).toBe(401);
    expect(refused.body.error.message).toMatch(/revoked/);
    expect(await rowsSince(before)).toEqual([]);
  });

  it.each(["/referrals/[id]", "/referrals/[id]/patient-sheet", "/referrals/[id]/discharge-summary"] as const)("a read on %s is one row of its own", async (via) => {
    const before = await lastAuditId();
    await auditReferralView({ actorId: registrar.id, referralId: referral.id, patientId: referral.patientId, via });
    const rows = await rowsSince(before);
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({ actorId: registrar.id, action: "referral.view", entityId: referral.id, context: { patientId: referral.patientId, via } });
    expect(rows[0]?.context).not.toHaveProperty("apiTokenId");
  });

  describe("the administrator's audit trail", () => {
    it("filters by user: only that user's rows, newest first", async () => {
      const { rows, total } = await trail({ user: registrar.id });
      expect(total).toBeGreaterThanOrEqual(4);
      expect(rows.every((r) => r.actorId === registrar.id && r.actorName === registrar.name)).toBe(true);
      const times = rows.map((r) => r.at.getTime());
      expect(times).toEqual([...times].sort((a, b) => b - a));
    });

    it("filters by patient: their referral's rows (the creation and the views), nobody else's", async () => {
      const other = await newReferral(coordinator, syntheticNhsNumber());
      await get(getReferral, registrar.token, other.id);
      const { rows } = await trail({ patient: referral.patientId, pageSize: "200" });
      expect(rows.length).toBeGreaterThan(0);
      expect(rows.every((r) => r.entityId === referral.id)).toBe(true);
      expect(new Set(rows.map((r) => r.action))).toEqual(new Set(["referral.create", "referral.view"]));
      const views = await trail({ patient: referral.patientId, user: registrar.id, action: "referral.view" });
      expect(views.total).toBe(4);
    });

    it("filters by London day, both ends included, and pages on the server", async () => {
      const today = londonDate(new Date());
      const [y, m, d] = today.split("-");
      const todays = await trail({ patient: referral.patientId, from: `${d}/${m}/${y}`, to: today });
      expect(todays.total).toBeGreaterThan(0);
      const yesterday = new Date(Date.now() - 86_400_000);
      const none = await trail({ patient: referral.patientId, to: londonDate(yesterday) });
      expect(none.total).toBe(0);
      const all = await trail({ patient: referral.patientId, pageSize: "200" });
      const first = await trail({ patient: referral.patientId, pageSize: "25" });
      expect(first.total).toBe(all.total);
      expect(first.rows.map((r) => r.id)).toEqual(all.rows.slice(0, 25).map((r) => r.id));
    });

    it("refuses a link with filters that are not valid", () => {
      expect(auditTrailQuery.safeParse({ from: "31/02/2026" }).success).toBe(false);
      expect(auditTrailQuery.safeParse({ from: "02/12/2026", to: "01/12/2026" }).success).toBe(false);
      expect(auditTrailQuery.safeParse({ user: "someone" }).success).toBe(false);
      expect(auditTrailQuery.safeParse({ action: "DROP TABLE" }).success).toBe(false);
    });

    it("finds the patient by NHS number (an id back, nothing written); an unknown or invalid one is refused", async () => {
      const spec = findTrailPatientAction[ACTION_SPEC];
      const before = await lastAuditId();
      expect(await runAction(spec, admin, { nhsNumber: formatNhsNumber(nhsNumber) })).toEqual({ ok: true, data: { patientId: referral.patientId } });
      expect(await runAction(spec, admin, { nhsNumber: syntheticNhsNumber() })).toMatchObject({ ok: false, error: { code: "not_found", fields: { nhsNumber: [expect.any(String)] } } });
      expect(await runAction(spec, admin, { nhsNumber: "123" })).toMatchObject({ ok: false, error: { code: "validation" } });
      expect(await runAction(spec, registrar, { nhsNumber })).toMatchObject({ ok: false, error: { code: "forbidden" } });
      expect(await rowsSince(before)).toEqual([]);
      expect(await getDb().select().from(auditLog).where(and(eq(auditLog.action, "audit_trail.find_patient")))).toEqual([]);
    });
  });
});
