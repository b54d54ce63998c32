import { asc, count, eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { getDb, type DatabaseHandle, type Db } from "@/db/client";
import { auditLog, patients, referralEvents, referrals, users } from "@/db/schema";
import { DEMO_USERS, seedDemoData } from "@/db/seed";
import { verifyPassword } from "@/lib/auth/passwords";
import { isValidNhsNumber } from "@/lib/domain/nhs-number";
import type { ReferralEventType } from "@/lib/domain/referral-events";
import { REFERRAL_STATUSES, type ReferralStatus } from "@/lib/domain/vocabulary";
import { openMigratedEmbedded } from "./embedded-template";

// A Friday afternoon; fixed so the demo data is the same on every run.
const NOW = new Date("2026-03-13T14:30:00Z");

const EXPECTED_COUNTS: Record<ReferralStatus, number> = {
  new: 4,
  triaged: 3,
  awaiting_imaging: 5,
  imaging_reported: 3,
  treatment_planned: 4,
  in_treatment: 5,
  rehabilitation: 5,
  discharged: 4,
  closed: 3,
  mscc_excluded: 2,
  withdrawn: 2,
};

// The pathway's steps in the order they must happen, when a referral has them.
const PATHWAY_ORDER: readonly ReferralEventType[] = [
  "received",
  "triaged",
  "escalated",
  "acknowledged",
  "imaging_requested",
  "imaging_performed",
  "imaging_reported",
  "decision",
  "treatment_started",
  "discharged",
];

async function tableCounts(db: Db) {
  const [u] = await db.select({ n: count() }).from(users);
  const [p] = await db.select({ n: count() }).from(patients);
  const [r] = await db.select({ n: count() }).from(referrals);
  const [e] = await db.select({ n: count() }).from(referralEvents);
  const [a] = await db.select({ n: count() }).from(auditLog);
  return { users: u?.n, patients: p?.n, referrals: r?.n, events: e?.n, audit: a?.n };
}

describe("seedDemoData", () => {
  let db: Db;
  let result: { users: number; referrals: number };

  beforeAll(async () => {
    db = getDb();
    result = await seedDemoData(db, { withPasswords: true, now: NOW });
  });

  it("loads 5 users and 40 referrals, one patient each", async () => {
    expect(result).toEqual({ users: 5, referrals: 40 });
    const counts = await tableCounts(db);
    expect(counts.users).toBe(5);
    expect(counts.patients).toBe(40);
    expect(counts.referrals).toBe(40);
  });

  it("covers every status with the planned distribution", async () => {
    const rows = await db.select({ status: referrals.status }).from(referrals);
    const byStatus = new Map<ReferralStatus, number>();
    for (const r of rows) byStatus.set(r.status, (byStatus.get(r.status) ?? 0) + 1);
    for (const status of REFERRAL_STATUSES) expect(byStatus.get(status), status).toBe(EXPECTED_COUNTS[status]);
  });

  it("gives synthetic, valid and unique NHS numbers", async () => {
    const rows = await db.select({ nhsNumber: patients.nhsNumber }).from(patients);
    for (const { nhsNumber } of rows) {
      expect(nhsNumber.startsWith("999"), nhsNumber).toBe(true);
      expect(isValidNhsNumber(nhsNumber), nhsNumber).toBe(true);
    }
    expect(new Set(rows.map((r) => r.nhsNumber)).size).toBe(rows.length);
  });

  it("keeps every event in the past and in pathway order, with one received event at receivedAt", async () => {
    const refs = await db.select().from(referrals);
    const events = await db.select().from(referralEvents).orderBy(asc(referralEvents.occurredAt));
    for (const ref of refs) {
      const timeline = events.filter((e) => e.referralId === ref.id);
      const received = timeline.filter((e) => e.type === "received");
      expect(received).toHaveLength(1);
      expect(received[0]?.occurredAt.getTime()).toBe(ref.receivedAt.getTime());
      expect(ref.version).toBe(timeline.length);
      expect(ref.receivedAt.getTime()).toBeLessThanOrEqual(NOW.getTime());
      expect(ref.receivedAt.getTime()).toBeGreaterThanOrEqual(NOW.getTime() - 30 * 24 * 3_600_000);

      let previous = -Infinity;
      for (const e of timeline) {
        expect(e.occurredAt.getTime()).toBeGreaterThanOrEqual(previous);
        previous = e.occurredAt.getTime();
        expect(e.occurredAt.getTime()).toBeLessThanOrEqual(NOW.getTime());
        expect(e.recordedAt.getTime()).toBeLessThanOrEqual(NOW.getTime());
        expect(e.recordedAt.getTime()).toBeGreaterThanOrEqual(e.occurredAt.getTime());
      }
      const steps = timeline.map((e) => e.type).filter((t) => PATHWAY_ORDER.includes(t));
      const ranks = steps.map((t) => PATHWAY_ORDER.indexOf(t));
      expect(ranks, `${ref.status}: ${steps.join(", ")}`).toEqual([...ranks].sort((a, b) => a - b));
      expect(timeline[0]?.type).toBe("received");
    }
  });

  it("makes the clinical story fit the category and status", async () => {
    const refs = await db.select().from(referrals);
    const events = await db.select().from(referralEvents);
    for (const ref of refs) {
      const types = events.filter((e) => e.referralId === ref.id).map((e) => e.type);
      if (ref.status === "closed") expect(ref.category).toBe("not_mscc");
      if (ref.category === "suspected_mscc") {
        expect(ref.neurology.length).toBeGreaterThan(0);
        expect(ref.neurologyOnsetAt?.getTime()).toBeLessThan(ref.receivedAt.getTime());
      } else {
        expect(ref.neurology).toEqual([]);
      }
      expect(ref.assignedRegistrarId === null).toBe(ref.status === "new");
      if (ref.status === "new") expect(types).toEqual(["received"]);
      if (ref.status === "discharged") expect(types).toContain("discharged");
      if (ref.status === "mscc_excluded") expect(types).toContain("decision");
    }

    // Every suspected MSCC whose MRI came after 24 h has an MRI breach reason.
    for (const ref of refs.filter((r) => r.category === "suspected_mscc")) {
      const timeline = events.filter((e) => e.referralId === ref.id);
      const performed = timeline.find((e) => e.type === "imaging_performed");
      const late = performed !== undefined && performed.occurredAt.getTime() - ref.receivedAt.getTime() > 24 * 3_600_000;
      expect(timeline.some((e) => e.type === "breach_reason" && e.data.clock === "mri")).toBe(late);
    }
  });

  it("records one audit row for the seeding", async () => {
    const rows = await db.select().from(auditLog).where(eq(auditLog.action, "seed.demo_data"));
    expect(rows).toHaveLength(1);
    expect(rows[0]?.actorId).toBeNull();
    expect(rows[0]?.after).toEqual({ users: 5, referrals: 40 });
  });

  it("gives demo users working passwords when asked", async () => {
    const demo = DEMO_USERS.find((u) => u.role === "registrar");
    if (!demo) throw new Error("no demo registrar");
    const [row] = await db.select({ passwordHash: users.passwordHash }).from(users).where(eq(users.email, demo.email));
    expect(row?.passwordHash).toBeTruthy();
    expect(await verifyPassword(row?.passwordHash ?? null, demo.password)).toBe(true);
    expect(await verifyPassword(row?.passwordHash ?? null, "not-the-password")).toBe(false);
  });

  it("refuses to seed a database that already has users, and changes nothing", async () => {
    const before = await tableCounts(db);
    await expect(seedDemoData(db, { withPasswords: false, now: NOW })).rejects.toThrow(
      "The database already has users: demo data is only loaded into an empty database",
    );
    expect(await tableCounts(db)).toEqual(before);
  });

  describe("in a second, empty database", () => {
    let other: DatabaseHandle;

    beforeAll(async () => {
      other = await openMigratedEmbedded("memory://seed-test");
      await seedDemoData(other.db, { withPasswords: false, now: NOW });
    });

    afterAll(async () => {
      await other.close();
    });

    it("leaves demo users without passwords when withPasswords is false", async () => {
      const rows = await other.db.select({ passwordHash: users.passwordHash }).from(users);
      expect(rows).toHaveLength(5);
      for (const row of rows) expect(row.passwordHash).toBeNull();
    });

    it("gives the same data for the same now", async () => {
      const story = async (d: Db) =>
        (
          await d
            .select({ nhsNumber: patients.nhsNumber, receivedAt: referrals.receivedAt, status: referrals.status, version: referrals.version })
            .from(referrals)
            .innerJoin(patients, eq(patients.id, referrals.patientId))
            .orderBy(asc(patients.nhsNumber))
        ).map((r) => `${r.nhsNumber} ${r.receivedAt.toISOString()} ${r.status} ${r.version}`);
      expect(await story(other.db)).toEqual(await story(db));
    });
  });
});
