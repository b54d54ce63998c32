import { and, asc, eq } from "drizzle-orm";
import { beforeAll, describe, expect, it } from "vitest";
import { GET as getEscalations } from "@/app/api/v1/escalations/route";
import { getDb } from "@/db/client";
import { sweepEscalations } from "@/db/mutations/escalations";
import { appendReferralEvent, createReferral } from "@/db/mutations/referrals";
import { createApiToken } from "@/db/mutations/api-tokens";
import { setWebhookUrl } from "@/db/mutations/webhooks";
import { listEscalationsWaitingFor } from "@/db/queries/escalations";
import { loadWorklist } from "@/db/queries/worklist";
import { auditLog, referralEvents, referrals, rotaShifts, users, webhookDeliveries } from "@/db/schema";
import { generateApiToken } from "@/lib/auth/api-tokens";
import type { RotaLine } from "@/lib/domain/escalation";
import { nhsCheckDigit } from "@/lib/domain/nhs-number";
import { AppError } from "@/lib/errors";
import { appendEventInput, createReferralInput } from "@/lib/validation/referrals";
import { worklistQuery } from "@/lib/validation/worklist";
import { makeUser } from "./fixtures";

/**
 * Escalation by acknowledgement on a real database: the escalation goes to whoever is first on call, only the
 * right clinician may acknowledge, and one not acknowledged by its deadline goes to the second line (once, however
 * many instances sweep), marked on the worklist and announced through the webhook outbox.
 */

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
const NOW = new Date("2026-11-20T12:00:00Z");
const ago = (ms: number) => new Date(NOW.getTime() - ms);
const plus = (from: Date, ms: number) => new Date(from.getTime() + ms);

let nhsSeed = 700_000_000 + Math.floor(Math.random() * 100_000_000);
function newNhsNumber(): string {
  for (;;) {
    const nine = String(nhsSeed++);
    const check = nhsCheckDigit(nine);
    if (check !== null) return `${nine}${check}`;
  }
}

let coordinator: Awaited<ReturnType<typeof makeUser>>;
let firstLine: Awaited<ReturnType<typeof makeUser>>;
let otherRegistrar: Awaited<ReturnType<typeof makeUser>>;
let secondLine: Awaited<ReturnType<typeof makeUser>>;
let discharge: Awaited<ReturnType<typeof makeUser>>;

async function shift(line: RotaLine, userId: string, from: Date, to: Date) {
  await getDb().insert(rotaShifts).values({ line, userId, startsAt: from, endsAt: to, createdBy: coordinator.id });
}

async function refer(o: { receivedAt: Date; painOnly?: boolean }) {
  const referral = createReferralInput.parse({
    nhsNumber: newNhsNumber(),
    givenName: "Edith",
    familyName: "Escalationtest",
    dateOfBirth: "1948-05-01",
    referrerName: "Dr Okafor",
    referrerRole: "gp",
    symptoms: ["severe_lower_back_pain"],
    neurology: o.painOnly ? [] : ["limb_weakness"],
    receivedAt: o.receivedAt.toISOString(),
  });
  return getDb().transaction((tx) => createReferral(tx, { actor: { id: coordinator.id }, referral, now: NOW }));
}

async function record(referralId: string, type: string, occurredAt: Date, data: Record<string, unknown>, actorId: string, now = NOW) {
  const [row] = await getDb().select({ version: referrals.version }).from(referrals).where(eq(referrals.id, referralId));
  const event = appendEventInput.parse({ type, occurredAt: occurredAt.toISOString(), expectedVersion: row?.version, data });
  return getDb().transaction((tx) => appendReferralEvent(tx, { actor: { id: actorId }, referralId, event, now }));
}

async function refusal(run: Promise<unknown>): Promise<AppError> {
  const error = await run.then(
    () => null,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(AppError);
  return error as AppError;
}

const escalationsOf = (referralId: string) =>
  getDb()
    .select({ data: referralEvents.data, recordedBy: referralEvents.recordedBy, occurredAt: referralEvents.occurredAt })
    .from(referralEvents)
    .where(and(eq(referralEvents.referralId, referralId), eq(referralEvents.type, "escalated")))
    .orderBy(asc(referralEvents.recordedAt));

const summaryOf = async (id: string) => {
  const [row] = await getDb()
    .select({ level: referrals.escalationLevel, to: referrals.escalatedToId, due: referrals.acknowledgementDueAt, version: referrals.version, updatedBy: referrals.updatedBy })
    .from(referrals)
    .where(eq(referrals.id, id));
  return row;
};

beforeAll(async () => {
  coordinator = await makeUser("coordinator", { name: "Cara Coordinator" });
  firstLine = await makeUser("registrar", { name: "Dr Fiona Firstline" });
  otherRegistrar = await makeUser("registrar", { name: "Dr Oscar Other" });
  secondLine = await makeUser("registrar", { name: "Dr Sam Secondline" });
  discharge = await makeUser("discharge", { name: "Dan Discharge" });
  // The rota covers the day before NOW and the day after, except for the hour from NOW + 6 h (a gap on both lines).
  await shift("first", firstLine.id, ago(24 * HOUR), plus(NOW, 6 * HOUR));
  await shift("first", firstLine.id, plus(NOW, 7 * HOUR), plus(NOW, 24 * HOUR));
  await shift("second", secondLine.id, ago(24 * HOUR), plus(NOW, 6 * HOUR));
});

describe("escalating to whoever is on call", () => {
  it("with no registrar chosen, it goes to the first on call at that moment, and the deadline is 15 minutes for suspected MSCC", async () => {
    const r = await refer({ receivedAt: ago(30 * MINUTE) });
    await record(r.id, "triaged", ago(25 * MINUTE), { category: "suspected_mscc" }, coordinator.id);
    await record(r.id, "escalated", ago(20 * MINUTE), {}, coordinator.id);
    const [escalation] = await escalationsOf(r.id);
    expect(escalation?.data).toMatchObject({ toUserId: firstLine.id, fromRota: true });
    expect(await summaryOf(r.id)).toMatchObject({ level: 1, to: firstLine.id, due: ago(5 * MINUTE) });
  });

  it("pain only: 4 hours to acknowledge", async () => {
    const r = await refer({ receivedAt: ago(30 * MINUTE), painOnly: true });
    await record(r.id, "triaged", ago(25 * MINUTE), { category: "suspected_spinal_metastases" }, coordinator.id);
    await record(r.id, "escalated", ago(20 * MINUTE), {}, coordinator.id);
    expect((await summaryOf(r.id))?.due).toEqual(plus(ago(20 * MINUTE), 4 * HOUR));
  });

  it("with nobody first on call, it is refused, naming the time, and nothing is written", async () => {
    const r = await refer({ receivedAt: ago(30 * MINUTE) });
    await record(r.id, "triaged", ago(25 * MINUTE), { category: "suspected_mscc" }, coordinator.id);
    const before = await summaryOf(r.id);
    const gapStart = plus(NOW, 6 * HOUR + 30 * MINUTE);
    const error = await refusal(record(r.id, "escalated", gapStart, {}, coordinator.id, plus(gapStart, MINUTE)));
    expect(error.code).toBe("validation");
    expect(error.message).toContain("Nobody is first on call");
    expect(error.fields?.["data.toUserId"]?.[0]).toContain("choose the registrar");
    expect(await escalationsOf(r.id)).toHaveLength(0);
    expect(await summaryOf(r.id)).toEqual(before);
  });
});

describe("acknowledging", () => {
  it("only the clinician it is with may acknowledge: another registrar and a coordinator are refused by name", async () => {
    const r = await refer({ receivedAt: ago(30 * MINUTE) });
    await record(r.id, "triaged", ago(25 * MINUTE), { category: "suspected_mscc" }, coordinator.id);
    await record(r.id, "escalated", ago(10 * MINUTE), { toUserId: firstLine.id }, coordinator.id);
    for (const who of [otherRegistrar, coordinator]) {
      const error = await refusal(record(r.id, "acknowledged", ago(MINUTE), {}, who.id));
      expect(error.code).toBe("forbidden");
      expect(error.message).toContain("Dr Fiona Firstline");
    }
    await record(r.id, "acknowledged", ago(MINUTE), {}, firstLine.id);
    expect(await summaryOf(r.id)).toMatchObject({ level: 0, to: null, due: null });
  });

  it("nothing waiting: an acknowledgement is refused as out of order", async () => {
    const r = await refer({ receivedAt: ago(30 * MINUTE) });
    const error = await refusal(record(r.id, "acknowledged", ago(MINUTE), {}, firstLine.id));
    expect(error.code).toBe("unprocessable");
  });
});

describe("not acknowledged in time: the second line", () => {
  it("before the deadline nothing moves; after it, one level-2 escalation to the second line, recorded by the system with its audit row", async () => {
    const r = await refer({ receivedAt: ago(HOUR) });
    await record(r.id, "triaged", ago(50 * MINUTE), { category: "suspected_mscc" }, coordinator.id);
    await record(r.id, "escalated", ago(10 * MINUTE), { toUserId: firstLine.id }, coordinator.id);
    const deadline = plus(ago(10 * MINUTE), 15 * MINUTE);

    expect(await sweepEscalations(getDb(), plus(deadline, -1))).not.toContain(r.id);
    expect(await escalationsOf(r.id)).toHaveLength(1);

    const { version } = (await summaryOf(r.id)) ?? { version: 0 };
    expect(await sweepEscalations(getDb(), deadline)).toContain(r.id);
    const events = await escalationsOf(r.id);
    expect(events).toHaveLength(2);
    expect(events[1]).toMatchObject({ recordedBy: null, occurredAt: deadline, data: { level: 2, toUserId: secondLine.id, firstLineUserId: firstLine.id, automatic: true } });
    expect(await summaryOf(r.id)).toMatchObject({ level: 2, to: secondLine.id, version: version + 1, updatedBy: null });
    const audit = await getDb().select().from(auditLog).where(and(eq(auditLog.entityId, r.id), eq(auditLog.action, "referral.event.escalated")));
    expect(audit.some((a) => a.actorId === null && (a.context as { automatic?: boolean } | null)?.automatic === true)).toBe(true);

    // A second sweep finds nothing more to do.
    expect(await sweepEscalations(getDb(), plus(deadline, HOUR))).not.toContain(r.id);
    expect(await escalationsOf(r.id)).toHaveLength(2);

    // Both the second line and the first-line registrar may now acknowledge; another registrar still may not.
    expect((await refusal(record(r.id, "acknowledged", plus(deadline, MINUTE), {}, otherRegistrar.id, plus(deadline, 2 * MINUTE)))).code).toBe("forbidden");
    await record(r.id, "acknowledged", plus(deadline, MINUTE), {}, secondLine.id, plus(deadline, 2 * MINUTE));
    expect(await summaryOf(r.id)).toMatchObject({ level: 0 });
  });

  it("acknowledged just before the sweep: nothing is sent on", async () => {
    const r = await refer({ receivedAt: ago(HOUR) });
    await record(r.id, "triaged", ago(50 * MINUTE), { category: "suspected_mscc" }, coordinator.id);
    await record(r.id, "escalated", ago(40 * MINUTE), { toUserId: firstLine.id }, coordinator.id);
    await record(r.id, "acknowledged", ago(MINUTE), {}, firstLine.id);
    expect(await sweepEscalations(getDb(), NOW)).not.toContain(r.id);
    expect(await escalationsOf(r.id)).toHaveLength(1);
  });

  it("several instances sweeping at once send it on exactly once", async () => {
    const r = await refer({ receivedAt: ago(HOUR) });
    await record(r.id, "triaged", ago(50 * MINUTE), { category: "suspected_mscc" }, coordinator.id);
    await record(r.id, "escalated", ago(40 * MINUTE), { toUserId: firstLine.id }, coordinator.id);
    const swept = await Promise.all([sweepEscalations(getDb(), NOW), sweepEscalations(getDb(), NOW), sweepEscalations(getDb(), NOW)]);
    expect(swept.filter((ids) => ids.includes(r.id))).toHaveLength(1);
    expect(await escalationsOf(r.id)).toHaveLength(2);
  });

  it("nobody on the second line: still marked as gone on, held by nobody, and any registrar or coordinator may take it", async () => {
    const r = await refer({ receivedAt: ago(HOUR) });
    await record(r.id, "triaged", ago(50 * MINUTE), { category: "suspected_mscc" }, coordinator.id);
    await record(r.id, "escalated", ago(40 * MINUTE), { toUserId: firstLine.id }, coordinator.id);
    const inGap = plus(NOW, 6 * HOUR + 10 * MINUTE);
    expect(await sweepEscalations(getDb(), inGap)).toContain(r.id);
    expect(await summaryOf(r.id)).toMatchObject({ level: 2, to: null });
    for (const who of [otherRegistrar, coordinator]) {
      const waiting = await listEscalationsWaitingFor({ userId: who.id, role: who.role });
      expect(waiting.map((w) => w.id)).toContain(r.id);
    }
    expect((await listEscalationsWaitingFor({ userId: discharge.id, role: "discharge" })).map((w) => w.id)).not.toContain(r.id);
    await record(r.id, "acknowledged", plus(inGap, MINUTE), {}, coordinator.id, plus(inGap, 2 * MINUTE));
    expect(await summaryOf(r.id)).toMatchObject({ level: 0 });
  });
});

describe("what every screen shows", () => {
  it("the second line sees it first in the registrar view, counted as waiting for them; the alert's API lists it without the patient's name", async () => {
    const r = await refer({ receivedAt: ago(HOUR) });
    await record(r.id, "triaged", ago(50 * MINUTE), { category: "suspected_mscc" }, coordinator.id);
    await record(r.id, "escalated", ago(40 * MINUTE), { toUserId: firstLine.id }, coordinator.id);
    await sweepEscalations(getDb(), NOW);

    const [second] = await getDb().select({ id: users.id, role: users.role }).from(users).where(eq(users.id, secondLine.id));
    const list = await loadWorklist(worklistQuery.parse({ view: "registrar", pageSize: "200" }), { id: secondLine.id, role: second?.role ?? "registrar" }, NOW);
    const waiting = new Set((await listEscalationsWaitingFor({ userId: secondLine.id, role: "registrar" })).map((w) => w.id));
    expect(waiting.has(r.id)).toBe(true);
    // Everything waiting for the second line comes first, this referral among it.
    const firstOthers = list.items.findIndex((i) => !waiting.has(i.id));
    expect(list.items.slice(0, firstOthers === -1 ? undefined : firstOthers).map((i) => i.id).sort()).toEqual([...waiting].sort());
    expect(list.items.find((i) => i.id === r.id)).toMatchObject({ escalationLevel: 2, updatedByName: "The system (automatic escalation)" });
    expect(list.counts.awaitingMyAcknowledgement).toBe(waiting.size);

    // The first-line registrar still sees it too; a registrar who never had it does not.
    expect((await listEscalationsWaitingFor({ userId: firstLine.id, role: "registrar" })).map((w) => w.id)).toContain(r.id);
    expect((await listEscalationsWaitingFor({ userId: otherRegistrar.id, role: "registrar" })).map((w) => w.id)).not.toContain(r.id);
  });

  it("the escalations API answers the clinician it waits for, and refuses the discharge role (403) and an unknown token (401)", async () => {
    const tokenFor = async (userId: string) => {
      const generated = generateApiToken();
      await getDb().transaction((tx) => createApiToken(tx, { userId, name: "escalation tests", tokenHash: generated.tokenHash, prefix: generated.prefix }));
      return generated.token;
    };
    const call = (token: string) => getEscalations(new Request("http://localhost/api/v1/escalations", { headers: { authorization: `Bearer ${token}` } }), {});
    const answer = await call(await tokenFor(secondLine.id));
    expect(answer.status).toBe(200);
    const body = (await answer.json()) as { escalations: { referralId: string; patientInitials: string; nhsNumberLastFour: string }[] };
    expect(body.escalations.length).toBeGreaterThan(0);
    expect(body.escalations[0]).toMatchObject({ patientInitials: "E E" });
    expect(JSON.stringify(body)).not.toMatch(/Edith|Escalationtest/);
    expect((await call(await tokenFor(discharge.id))).status).toBe(403);
    expect((await call("mscc_not_a_real_token")).status).toBe(401);
  });
});

describe("the webhook outbox", () => {
  it("with no address set nothing is queued; with one, the first and the second-line escalation are each queued with ids and codes only", async () => {
    const quiet = await refer({ receivedAt: ago(HOUR) });
    await record(quiet.id, "triaged", ago(50 * MINUTE), { category: "suspected_mscc" }, coordinator.id);
    await record(quiet.id, "escalated", ago(5 * MINUTE), { toUserId: firstLine.id }, coordinator.id);
    expect(await getDb().select().from(webhookDeliveries).where(eq(webhookDeliveries.referralId, quiet.id))).toHaveLength(0);

    await getDb().transaction((tx) => setWebhookUrl(tx, { actorId: coordinator.id, url: "http://127.0.0.1:9/paging" }));
    const r = await refer({ receivedAt: ago(HOUR) });
    await record(r.id, "triaged", ago(50 * MINUTE), { category: "suspected_mscc" }, coordinator.id);
    await record(r.id, "escalated", ago(40 * MINUTE), { toUserId: firstLine.id }, coordinator.id);
    await sweepEscalations(getDb(), NOW);
    const queued = await getDb().select().from(webhookDeliveries).where(eq(webhookDeliveries.referralId, r.id)).orderBy(asc(webhookDeliveries.createdAt));
    expect(queued.map((q) => q.payload.type).sort()).toEqual(["escalation.created", "escalation.second_line"]);
    const second = queued.find((q) => q.payload.level === 2);
    expect(second?.payload).toMatchObject({ referralId: r.id, category: "suspected_mscc", to: { id: secondLine.id, name: "Dr Sam Secondline" } });
    expect(JSON.stringify(queued.map((q) => q.payload))).not.toMatch(/Edith|Escalationtest|1948/);
    await getDb().transaction((tx) => setWebhookUrl(tx, { actorId: coordinator.id, url: null }));
  });
});
