import crypto from "node:crypto";
import http from "node:http";
import type { AddressInfo } from "node:net";
import { eq } from "drizzle-orm";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { setWebhookUrlAction } from "@/app/(clinical)/admin/webhooks/actions";
import { triageAction } from "@/app/(clinical)/referrals/[id]/actions";
import { getDatabase, getDb } from "@/db/client";
import { appendReferralEvent, createReferral } from "@/db/mutations/referrals";
import { dispatchWebhooks, setWebhookUrl, signWebhook, WEBHOOK_MAX_ATTEMPTS, webhookBackoffMs, type DispatchOptions } from "@/db/mutations/webhooks";
import { getWebhookUrl, listWebhookDeliveries } from "@/db/queries/webhooks";
import { auditLog, referralEvents, webhookAttempts, webhookDeliveries } from "@/db/schema";
import type { Role } from "@/lib/auth/roles";
import type { CurrentUser } from "@/lib/auth/session";
import { toLondonLocalInput } from "@/lib/domain/time-format";
import { ACTION_SPEC, runAction, type ServerAction } from "@/lib/server/action";
import { createReferralInput } from "@/lib/validation/referrals";
import { syntheticNhsNumber } from "../../e2e/support/nhs";
import { makeUser } from "./fixtures";

const SECRET = crypto.randomBytes(32).toString("hex");
const BASE_URL = "https://mscc.trust.example";

/** The paging system's side: a real HTTP server on this machine that records each call and answers as told. */
interface Received {
  headers: http.IncomingHttpHeaders;
  body: string;
}
const received: Received[] = [];
let answers: number[] = [];
let delayMs = 0;
let server: http.Server;
let receiverUrl: string;

beforeAll(async () => {
  server = http.createServer((request, response) => {
    const chunks: Buffer[] = [];
    request.on("data", (c: Buffer) => chunks.push(c));
    request.on("end", () => {
      received.push({ headers: request.headers, body: Buffer.concat(chunks).toString("utf8") });
      setTimeout(() => {
        response.statusCode = answers.shift() ?? 200;
        response.end("ok");
      }, delayMs);
    });
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  receiverUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}/mscc-hook`;
});

afterAll(async () => {
  await new Promise<void>((resolve) => server.close(() => resolve()));
});

afterEach(async () => {
  // Each test starts with no call left to send and a receiver that answers 200 at once.
  await getDb().update(webhookDeliveries).set({ status: "failed" }).where(eq(webhookDeliveries.status, "pending"));
  received.length = 0;
  answers = [];
  delayMs = 0;
});

const send = <T,>(action: ServerAction<T>, user: CurrentUser, raw: Record<string, unknown>) => runAction(action[ACTION_SPEC], user, raw);

async function signedIn(role: Role): Promise<CurrentUser> {
  const made = await makeUser(role);
  return { id: made.id, email: made.email, name: made.name, role };
}

const FAMILY_NAME = "Webhookpatient";

async function newReferral(actorId: string): Promise<string> {
  const referral = createReferralInput.parse({
    nhsNumber: syntheticNhsNumber(),
    givenName: "Paging",
    familyName: FAMILY_NAME,
    dateOfBirth: "1950-01-01",
    referrerName: "Dr Test",
    referrerRole: "gp",
    neurology: ["limb_weakness"],
  });
  const { id } = await getDb().transaction((tx) => createReferral(tx, { actor: { id: actorId }, referral, now: new Date(Date.now() - 60_000) }));
  return id;
}

/** The coordinator triages and escalates to a registrar from the triage form, as on the referral page. */
async function escalate(): Promise<{ referralId: string; eventId: string }> {
  const coordinator = await signedIn("coordinator");
  const registrar = await signedIn("registrar");
  const referralId = await newReferral(coordinator.id);
  const result = await send(triageAction, coordinator, {
    referralId,
    expectedVersion: "1",
    occurredAt: toLondonLocalInput(new Date()),
    "data.category": "suspected_mscc",
    "data.note": "",
    "data.toUserId": registrar.id,
  });
  if (!result.ok) throw new Error(`triage refused: ${JSON.stringify(result.error)}`);
  return { referralId, eventId: result.data.eventId };
}

async function useUrl(url: string | null): Promise<void> {
  const admin = await signedIn("admin");
  await getDb().transaction((tx) => setWebhookUrl(tx, { actorId: admin.id, url }));
}

const deliveriesOf = (referralId: string) => getDb().select().from(webhookDeliveries).where(eq(webhookDeliveries.referralId, referralId));
const attemptsOf = (deliveryId: string) => getDb().select().from(webhookAttempts).where(eq(webhookAttempts.deliveryId, deliveryId)).orderBy(webhookAttempts.attemptedAt);

const dispatch = (now: Date, options: Partial<DispatchOptions> = {}) => dispatchWebhooks(getDb(), { now: () => now, secret: SECRET, baseUrl: BASE_URL, ...options });

/** A moment after every call queued so far is due (they are due when queued, at the real time). */
const soon = () => new Date(Date.now() + 1_000);

describe(`the escalation webhook on ${getDatabase().engine}`, () => {
  it("queues a call only when an address is set, and only if the escalation commits", async () => {
    await useUrl(null);
    const off = await escalate();
    expect(await deliveriesOf(off.referralId)).toEqual([]);

    await useUrl(receiverUrl);
    const on = await escalate();
    expect(await deliveriesOf(on.referralId)).toEqual([expect.objectContaining({ eventId: on.eventId, status: "pending", attempts: 0 })]);

    // The same escalation in a transaction that then fails: the event and its call go together.
    const coordinator = await signedIn("coordinator");
    const registrar = await signedIn("registrar");
    const referralId = await newReferral(coordinator.id);
    const now = new Date();
    const failed = getDb().transaction(async (tx) => {
      const triaged = await appendReferralEvent(tx, {
        actor: { id: coordinator.id },
        referralId,
        event: { type: "triaged", occurredAt: now, expectedVersion: 1, correctsEventId: null, data: { category: "suspected_mscc", advice: [] } },
        now,
      });
      await appendReferralEvent(tx, {
        actor: { id: coordinator.id },
        referralId,
        event: { type: "escalated", occurredAt: now, expectedVersion: triaged.version, correctsEventId: null, data: { toUserId: registrar.id } },
        now,
      });
      expect(await tx.select().from(webhookDeliveries).where(eq(webhookDeliveries.referralId, referralId))).toHaveLength(1);
      throw new Error("something after the escalation failed");
    });
    await expect(failed).rejects.toThrow("something after the escalation failed");
    expect(await deliveriesOf(referralId)).toEqual([]);
    expect(await getDb().select().from(referralEvents).where(eq(referralEvents.type, "escalated")).then((rows) => rows.filter((r) => r.referralId === referralId))).toEqual([]);
  });

  it("delivers a call the receiver can verify with the shared secret, with no patient details in it", async () => {
    await useUrl(receiverUrl);
    const { referralId, eventId } = await escalate();
    const now = soon();
    expect(await dispatch(now)).toBe(1);

    expect(received).toHaveLength(1);
    const [call] = received;
    if (!call) throw new Error("no call received");
    const timestamp = String(call.headers["x-mscc-timestamp"]);
    expect(timestamp).toBe(String(Math.floor(now.getTime() / 1000)));
    expect(call.headers["x-mscc-signature"]).toBe(signWebhook(SECRET, timestamp, call.body));
    expect(call.headers["x-mscc-signature"]).not.toBe(signWebhook("another-secret-of-at-least-32-characters", timestamp, call.body));
    expect(call.headers["content-type"]).toBe("application/json");
    const [delivery] = await deliveriesOf(referralId);
    expect(call.headers["x-mscc-delivery"]).toBe(delivery?.id);
    expect(JSON.parse(call.body)).toMatchObject({
      type: "escalation.created",
      referralId,
      eventId,
      level: 1,
      category: "suspected_mscc",
      deliveryId: delivery?.id,
      link: `${BASE_URL}/referrals/${referralId}`,
    });
    expect(call.body).not.toContain(FAMILY_NAME);

    expect(delivery).toMatchObject({ status: "delivered", attempts: 1, deliveredAt: now, lastError: null });
    expect(await attemptsOf(delivery?.id ?? "")).toEqual([expect.objectContaining({ statusCode: 200, error: null, url: receiverUrl, attemptedAt: now })]);
    // Delivered: never sent again.
    expect(await dispatch(new Date(now.getTime() + 3_600_000))).toBe(0);
    expect(received).toHaveLength(1);
  });

  it("retries after a 500 only once the backoff has passed, recording both attempts", async () => {
    await useUrl(receiverUrl);
    const { referralId } = await escalate();
    answers = [500, 200];
    const first = soon();
    expect(await dispatch(first)).toBe(1);
    const [pending] = await deliveriesOf(referralId);
    expect(pending).toMatchObject({ status: "pending", attempts: 1, lastError: "The receiver answered 500", nextAttemptAt: new Date(first.getTime() + webhookBackoffMs(1)) });

    expect(await dispatch(new Date(first.getTime() + webhookBackoffMs(1) - 1))).toBe(0);
    expect(received).toHaveLength(1);

    const second = new Date(first.getTime() + webhookBackoffMs(1));
    expect(await dispatch(second)).toBe(1);
    expect(received).toHaveLength(2);
    expect(received[1]?.headers["x-mscc-delivery"]).toBe(received[0]?.headers["x-mscc-delivery"]);
    const [delivered] = await deliveriesOf(referralId);
    expect(delivered).toMatchObject({ status: "delivered", attempts: 2, lastError: null, deliveredAt: second });
    expect((await attemptsOf(delivered?.id ?? "")).map((a) => [a.attemptedAt, a.statusCode, a.error])).toEqual([
      [first, 500, "The receiver answered 500"],
      [second, 200, null],
    ]);

    // The admin page's list: newest first, each with its attempts.
    const [newest] = await listWebhookDeliveries();
    expect(newest?.id).toBe(delivered?.id);
    expect(newest?.attemptLog.map((a) => a.statusCode)).toEqual([500, 200]);
  });

  it(`gives up after ${WEBHOOK_MAX_ATTEMPTS} failed attempts`, async () => {
    await useUrl(receiverUrl);
    const { referralId } = await escalate();
    answers = Array.from({ length: WEBHOOK_MAX_ATTEMPTS + 1 }, () => 503);
    let now = soon();
    for (let attempt = 1; attempt <= WEBHOOK_MAX_ATTEMPTS; attempt++) {
      expect(await dispatch(now), `attempt ${attempt}`).toBe(1);
      now = new Date(now.getTime() + webhookBackoffMs(attempt));
    }
    const [failed] = await deliveriesOf(referralId);
    expect(failed).toMatchObject({ status: "failed", attempts: WEBHOOK_MAX_ATTEMPTS, lastError: "The receiver answered 503", deliveredAt: null });
    expect(await attemptsOf(failed?.id ?? "")).toHaveLength(WEBHOOK_MAX_ATTEMPTS);
    expect(await dispatch(new Date(now.getTime() + 86_400_000))).toBe(0);
    expect(received).toHaveLength(WEBHOOK_MAX_ATTEMPTS);
  });

  it("records a failed attempt and sends nothing when the secret is missing", async () => {
    await useUrl(receiverUrl);
    const { referralId } = await escalate();
    const now = soon();
    expect(await dispatch(now, { secret: undefined })).toBe(1);
    expect(received).toEqual([]);
    const [delivery] = await deliveriesOf(referralId);
    expect(delivery).toMatchObject({ status: "pending", attempts: 1, lastError: "MSCC_WEBHOOK_SECRET is not set: calls cannot be signed" });
    expect(await attemptsOf(delivery?.id ?? "")).toEqual([expect.objectContaining({ statusCode: null, error: "MSCC_WEBHOOK_SECRET is not set: calls cannot be signed" })]);
  });

  it("never sends one call twice when two dispatchers run at once", async () => {
    await useUrl(receiverUrl);
    const escalations = [await escalate(), await escalate(), await escalate()];
    delayMs = 150; // the first dispatcher is still sending when the second looks
    const now = soon();
    const [a, b] = await Promise.all([dispatch(now), dispatch(now)]);
    expect(a + b).toBe(3);
    const ids = received.map((r) => String(r.headers["x-mscc-delivery"]));
    expect(ids).toHaveLength(3);
    expect(new Set(ids).size).toBe(3);
    for (const { referralId } of escalations) {
      const [delivery] = await deliveriesOf(referralId);
      expect(delivery).toMatchObject({ status: "delivered", attempts: 1 });
      expect(await attemptsOf(delivery?.id ?? "")).toHaveLength(1);
    }
  });
});

describe(`the admin's webhook address on ${getDatabase().engine}`, () => {
  it("is set and turned off by an administrator, each change audited; a bad address saves nothing", async () => {
    const admin = await signedIn("admin");
    expect(await send(setWebhookUrlAction, admin, { intent: "set", url: "https://paging.trust.example/mscc" })).toMatchObject({ ok: true, data: { url: "https://paging.trust.example/mscc" } });
    expect(await getWebhookUrl()).toBe("https://paging.trust.example/mscc");

    const bad = await send(setWebhookUrlAction, admin, { intent: "set", url: "http://paging.trust.example/mscc" });
    expect(bad).toMatchObject({ ok: false, error: { code: "validation", fields: { url: [expect.stringContaining("Use https://")] } } });
    expect(await getWebhookUrl()).toBe("https://paging.trust.example/mscc");

    expect(await send(setWebhookUrlAction, admin, { intent: "clear" })).toMatchObject({ ok: true, data: { url: null } });
    expect(await getWebhookUrl()).toBeNull();
    const audit = await getDb().select().from(auditLog).where(eq(auditLog.actorId, admin.id));
    expect(audit.map((a) => [a.action, a.before, a.after])).toEqual([
      ["webhook.set_url", expect.anything(), { url: "https://paging.trust.example/mscc" }],
      ["webhook.set_url", { url: "https://paging.trust.example/mscc" }, { url: null }],
    ]);
  });

  it("is refused to a coordinator", async () => {
    const coordinator = await signedIn("coordinator");
    const before = await getWebhookUrl();
    expect(await send(setWebhookUrlAction, coordinator, { intent: "set", url: "https://elsewhere.example/hook" })).toMatchObject({ ok: false, error: { code: "forbidden" } });
    expect(await getWebhookUrl()).toBe(before);
  });
});
