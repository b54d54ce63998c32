import crypto from "node:crypto";
import { eq } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { issueReceiptAction, recordEventAction, triageAction } from "@/app/(clinical)/referrals/[id]/actions";
import { getDatabase, getDb } from "@/db/client";
import { createReferral } from "@/db/mutations/referrals";
import { findReceiptReference, findReceiptStatus } from "@/db/queries/receipts";
import { auditLog, referralReceipts } from "@/db/schema";
import type { Role } from "@/lib/auth/roles";
import type { CurrentUser } from "@/lib/auth/session";
import { toLondonLocalInput } from "@/lib/domain/time-format";
import { createReferralInput } from "@/lib/validation/referrals";
import { ACTION_SPEC, runAction, type ServerAction } from "@/lib/server/action";
import { syntheticNhsNumber } from "../../e2e/support/nhs";
import { makeUser } from "./fixtures";

const send = <T,>(action: ServerAction<T>, user: CurrentUser, raw: Record<string, unknown>) => runAction(action[ACTION_SPEC], user, raw);

async function signedIn(role: Role): Promise<CurrentUser> {
  const made = await makeUser(role);
  return { id: made.id, email: made.email, name: made.name, role };
}

async function newReferral(coordinator: CurrentUser): Promise<string> {
  const referral = createReferralInput.parse({
    nhsNumber: syntheticNhsNumber(),
    givenName: "Receipt",
    familyName: "Patient",
    dateOfBirth: "1950-01-01",
    referrerName: "Dr Test",
    referrerRole: "gp",
    neurology: ["limb_weakness"],
  });
  const { id } = await getDb().transaction((tx) => createReferral(tx, { actor: { id: coordinator.id }, referral, now: new Date(Date.now() - 60_000) }));
  return id;
}

const triageForm = (referralId: string, expectedVersion: number, extra: Record<string, unknown> = {}) => ({
  referralId,
  expectedVersion: String(expectedVersion),
  occurredAt: toLondonLocalInput(new Date()),
  "data.category": "suspected_mscc",
  "data.note": "",
  "data.toUserId": "",
  ...extra,
});

const receiptAudit = async (referralId: string) =>
  (await getDb().select().from(auditLog).where(eq(auditLog.entityId, referralId))).filter((a) => a.entityType === "referral_receipt");

async function triaged(coordinator: CurrentUser) {
  const id = await newReferral(coordinator);
  const result = await send(triageAction, coordinator, triageForm(id, 1));
  if (!result.ok) throw new Error(`triage refused: ${JSON.stringify(result.error)}`);
  if (!result.data.receipt) throw new Error("no receipt issued at triage");
  return { id, version: result.data.version, receipt: result.data.receipt };
}

describe(`the referrer's receipt on ${getDatabase().engine}`, () => {
  it("is issued once, at the first triage: a reference and a token that opens the status, and only at that triage", async () => {
    const coordinator = await signedIn("coordinator");
    const { id, version, receipt } = await triaged(coordinator);
    expect(receipt.reference).toMatch(/^MSCC-\d{6}$/);
    expect(receipt.token).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect(await findReceiptReference({ referralId: id })).toBe(receipt.reference);
    expect(await findReceiptStatus({ token: receipt.token })).toEqual({ reference: receipt.reference, status: "triaged", updatedAt: expect.any(Date) });

    // Triage again (a change of category): no new receipt, the link given stays good.
    const again = await send(triageAction, coordinator, triageForm(id, version, { "data.category": "suspected_spinal_metastases" }));
    expect(again).toMatchObject({ ok: true, data: { receipt: null } });
    expect(await getDb().select().from(referralReceipts).where(eq(referralReceipts.referralId, id))).toHaveLength(1);
    expect(await findReceiptStatus({ token: receipt.token })).toMatchObject({ reference: receipt.reference });
  });

  it("gives each referral its own reference", async () => {
    const coordinator = await signedIn("coordinator");
    const [a, b] = [await triaged(coordinator), await triaged(coordinator)];
    expect(a.receipt.reference).not.toBe(b.receipt.reference);
    expect(a.receipt.token).not.toBe(b.receipt.token);
  });

  it("is not issued when the triage is refused: the triage and the receipt are one transaction", async () => {
    const coordinator = await signedIn("coordinator");
    const notARegistrar = await signedIn("discharge");
    const id = await newReferral(coordinator);
    const refused = await send(triageAction, coordinator, triageForm(id, 1, { "data.toUserId": notARegistrar.id }));
    expect(refused).toMatchObject({ ok: false, error: { code: "validation" } });
    expect(await findReceiptReference({ referralId: id })).toBeNull();
    expect(await receiptAudit(id)).toEqual([]);
  });

  it("keeps only the token's SHA-256: neither the token nor its hash is in the audit trail", async () => {
    const coordinator = await signedIn("coordinator");
    const { id, receipt } = await triaged(coordinator);
    const [row] = await getDb().select().from(referralReceipts).where(eq(referralReceipts.referralId, id));
    expect(row?.tokenHash).toBe(crypto.createHash("sha256").update(receipt.token).digest("hex"));
    expect(JSON.stringify(row)).not.toContain(receipt.token);
    const audit = JSON.stringify(await getDb().select().from(auditLog));
    expect(audit).not.toContain(receipt.token);
    expect(audit).not.toContain(row?.tokenHash);
    expect(await receiptAudit(id)).toEqual([expect.objectContaining({ action: "receipt.issue", actorId: coordinator.id, after: { reference: receipt.reference } })]);
  });

  it("a new link keeps the reference and stops the old link at once, with its audit row", async () => {
    const coordinator = await signedIn("coordinator");
    const { id, receipt } = await triaged(coordinator);
    const reissued = await send(issueReceiptAction, coordinator, { referralId: id });
    if (!reissued.ok) throw new Error(JSON.stringify(reissued.error));
    expect(reissued.data.receipt.reference).toBe(receipt.reference);
    expect(reissued.data.receipt.token).not.toBe(receipt.token);
    expect(await findReceiptStatus({ token: receipt.token })).toBeNull();
    expect(await findReceiptStatus({ token: reissued.data.receipt.token })).toMatchObject({ reference: receipt.reference, status: "triaged" });
    expect((await receiptAudit(id)).map((a) => [a.action, a.after])).toEqual([
      ["receipt.issue", { reference: receipt.reference }],
      ["receipt.reissue", { reference: receipt.reference }],
    ]);
  });

  it("expires when the referral closes, and no new link can be issued for it", async () => {
    const coordinator = await signedIn("coordinator");
    const { id, version, receipt } = await triaged(coordinator);
    const withdrawn = await send(recordEventAction, coordinator, {
      referralId: id,
      expectedVersion: String(version),
      type: "status_changed",
      occurredAt: toLondonLocalInput(new Date()),
      "data.to": "withdrawn",
      "data.note": "",
    });
    expect(withdrawn).toMatchObject({ ok: true, data: { status: "withdrawn" } });
    expect(await findReceiptStatus({ token: receipt.token })).toBeNull();
    expect(await send(issueReceiptAction, coordinator, { referralId: id })).toMatchObject({ ok: false, error: { code: "unprocessable", message: expect.stringContaining("closed") } });
    expect((await receiptAudit(id)).map((a) => a.action)).toEqual(["receipt.issue"]);
  });

  it("refuses a link before triage, for an unknown referral, and from a role that does not triage", async () => {
    const coordinator = await signedIn("coordinator");
    const registrar = await signedIn("registrar");
    const untriaged = await newReferral(coordinator);
    expect(await send(issueReceiptAction, coordinator, { referralId: untriaged })).toMatchObject({ ok: false, error: { code: "unprocessable", message: expect.stringContaining("Triage the referral first") } });
    expect(await send(issueReceiptAction, coordinator, { referralId: crypto.randomUUID() })).toMatchObject({ ok: false, error: { code: "not_found" } });
    expect(await send(issueReceiptAction, coordinator, { referralId: "not-an-id" })).toMatchObject({ ok: false, error: { code: "validation", fields: { referralId: ["No such referral"] } } });
    const { id, receipt } = await triaged(coordinator);
    expect(await send(issueReceiptAction, registrar, { referralId: id })).toMatchObject({ ok: false, error: { code: "forbidden" } });
    expect(await findReceiptStatus({ token: receipt.token })).not.toBeNull();
  });

  it("finds nothing for a token that is malformed or was never issued", async () => {
    expect(await findReceiptStatus({ token: "[token]" })).toBeNull();
    expect(await findReceiptStatus({ token: crypto.randomBytes(32).toString("base64url") })).toBeNull();
  });
});
