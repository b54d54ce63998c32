import { eq, sql } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { getDatabase, getDb } from "@/db/client";
import { recordAudit } from "@/db/mutations/audit";
import { auditLog, patients, referralEvents, referrals } from "@/db/schema";
import { makeUser } from "./fixtures";

const engine = getDatabase().engine;

// drizzle wraps the database's error; the trigger's message is on `cause`.
async function expectRejected(statement: Promise<unknown>, table: string) {
  const error = await statement.then(
    () => null,
    (e: unknown) => e as { cause?: { message?: string } },
  );
  expect(error?.cause?.message).toMatch(new RegExp(`^${table} is append-only: (UPDATE|DELETE|TRUNCATE) is not allowed$`));
}

describe(`append-only history on ${engine}`, () => {
  it("the audit log refuses UPDATE, DELETE and TRUNCATE", async () => {
    await getDb().transaction((tx) => recordAudit(tx, { actorId: null, action: "test.write", entityType: "test", after: { n: 1 } }));
    const [row] = await getDb().select().from(auditLog).where(eq(auditLog.action, "test.write"));
    expect(row?.after).toEqual({ n: 1 });

    await expectRejected(getDb().update(auditLog).set({ action: "test.rewritten" }).where(eq(auditLog.action, "test.write")), "audit_log");
    await expectRejected(getDb().delete(auditLog).where(eq(auditLog.action, "test.write")), "audit_log");
    await expectRejected(getDb().execute(sql`truncate audit_log`), "audit_log");

    const after = await getDb().select().from(auditLog).where(eq(auditLog.action, "test.write"));
    expect(after).toHaveLength(1);
    expect(after[0]?.after).toEqual({ n: 1 });
  });

  it("referral events refuse UPDATE and DELETE; a correction is a new event", async () => {
    const coordinator = await makeUser("coordinator");
    const [patient] = await getDb()
      .insert(patients)
      .values({ nhsNumber: "9434765919", givenName: "Test", familyName: "Patient", dateOfBirth: "1950-01-01" })
      .returning();
    const [referral] = await getDb()
      .insert(referrals)
      .values({
        patientId: patient!.id,
        category: "suspected_mscc",
        receivedAt: new Date(),
        referrerName: "Dr Test",
        referrerRole: "gp",
        createdBy: coordinator.id,
        updatedBy: coordinator.id,
      })
      .returning();
    const [event] = await getDb()
      .insert(referralEvents)
      .values({ referralId: referral!.id, type: "note", occurredAt: new Date(), recordedBy: coordinator.id, data: { text: "first" } })
      .returning();

    await expectRejected(getDb().update(referralEvents).set({ data: { text: "edited" } }).where(eq(referralEvents.id, event!.id)), "referral_events");
    await expectRejected(getDb().delete(referralEvents).where(eq(referralEvents.id, event!.id)), "referral_events");

    await getDb()
      .insert(referralEvents)
      .values({ referralId: referral!.id, type: "correction", occurredAt: new Date(), recordedBy: coordinator.id, data: { text: "second" }, correctsEventId: event!.id });
    const events = await getDb().select().from(referralEvents).where(eq(referralEvents.referralId, referral!.id));
    expect(events.map((e) => e.data)).toEqual(expect.arrayContaining([{ text: "first" }, { text: "second" }]));
    expect(events).toHaveLength(2);
  });

  it("migrations can run again on a migrated database without change", async () => {
    const { migrateDatabase } = await import("@/db/migrate");
    await expect(migrateDatabase(getDatabase(), process.env.DATABASE_URL)).resolves.toBeUndefined();
  });
});
