import { eq } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { getDatabase, getDb } from "@/db/client";
import { appendReferralEvent, createReferral } from "@/db/mutations/referrals";
import { referralEvents, referrals } from "@/db/schema";
import { toAppError } from "@/lib/errors";
import { createReferralInput } from "@/lib/validation/referrals";
import { makeUser } from "./fixtures";

const referral = (nhsNumber: string) =>
  createReferralInput.parse({
    nhsNumber,
    givenName: "Race",
    familyName: "Condition",
    dateOfBirth: "1950-01-01",
    referrerName: "Dr Test",
    referrerRole: "gp",
    neurology: ["limb_weakness"],
  });

describe(`concurrent writes on ${getDatabase().engine}`, () => {
  it("two referrals for the same new patient at the same moment: exactly one is taken, the other is told to add to it", async () => {
    const a = await makeUser("coordinator");
    const b = await makeUser("registrar");
    const results = await Promise.allSettled(
      [a, b].map((u) => getDb().transaction((tx) => createReferral(tx, { actor: { id: u.id }, referral: referral("9434765919"), now: new Date() }))),
    );
    const taken = results.filter((r) => r.status === "fulfilled");
    const refused = results.filter((r): r is PromiseRejectedResult => r.status === "rejected");
    expect(taken).toHaveLength(1);
    expect(refused).toHaveLength(1);
    expect(toAppError(refused[0]?.reason, "test").code).toBe("conflict");
    expect(await getDb().select().from(referrals)).toHaveLength(1);
  });

  it("two events based on the same version: one is appended, the other refused naming who changed it", async () => {
    const a = await makeUser("coordinator", { name: "Coordinator One" });
    const b = await makeUser("registrar", { name: "Registrar Two" });
    const { id } = await getDb().transaction((tx) => createReferral(tx, { actor: { id: a.id }, referral: referral("4010232137"), now: new Date() }));
    const note = (text: string) => ({ type: "note" as const, occurredAt: new Date(), expectedVersion: 1, correctsEventId: null, data: { text } });
    const results = await Promise.allSettled([
      getDb().transaction((tx) => appendReferralEvent(tx, { actor: { id: a.id }, referralId: id, event: note("first"), now: new Date() })),
      getDb().transaction((tx) => appendReferralEvent(tx, { actor: { id: b.id }, referralId: id, event: note("second"), now: new Date() })),
    ]);
    expect(results.filter((r) => r.status === "fulfilled")).toHaveLength(1);
    const refused = results.find((r): r is PromiseRejectedResult => r.status === "rejected");
    expect(refused?.reason).toMatchObject({ code: "conflict", message: expect.stringMatching(/^(Coordinator One|Registrar Two) changed this referral at \d{2}\/\d{2}\/\d{4} \d{2}:\d{2}/) });
    const notes = await getDb().select().from(referralEvents).where(eq(referralEvents.referralId, id));
    expect(notes.filter((e) => e.type === "note")).toHaveLength(1);
    const [row] = await getDb().select().from(referrals).where(eq(referrals.id, id));
    expect(row?.version).toBe(2);
  });
});
