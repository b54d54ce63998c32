import "server-only";
import type { Tx } from "../client";
import { auditLog } from "../schema";

export interface AuditRecord {
  actorId: string | null;
  /** What was done, as area.verb: "user.create", "auth.sign_in_failed". */
  action: string;
  entityType: string;
  entityId?: string | null;
  before?: unknown;
  after?: unknown;
  context?: Record<string, unknown>;
}

/** Appends one audit row. Always called with the transaction of the change it describes. */
export async function recordAudit(tx: Tx, record: AuditRecord): Promise<void> {
  await tx.insert(auditLog).values({
    actorId: record.actorId,
    action: record.action,
    entityType: record.entityType,
    entityId: record.entityId ?? null,
    before: record.before ?? null,
    after: record.after ?? null,
    context: record.context ?? null,
  });
}

/** Where a patient's referral was read: its page, a printable, or the JSON API. */
export type ReferralViewVia = "/referrals/[id]" | "/referrals/[id]/patient-sheet" | "/referrals/[id]/discharge-summary" | "GET /api/v1/referrals/[id]";

/**
 * One read of one patient's referral: who looked at whom, when and where. Ids only, never the patient's name
 * or NHS number, so the trail itself holds no more about the patient than the referral's id.
 */
export async function recordReferralView(
  tx: Tx,
  input: { actorId: string; referralId: string; patientId: string; via: ReferralViewVia; apiTokenId?: string | null },
): Promise<void> {
  await recordAudit(tx, {
    actorId: input.actorId,
    action: "referral.view",
    entityType: "referral",
    entityId: input.referralId,
    context: { patientId: input.patientId, via: input.via, ...(input.apiTokenId ? { apiTokenId: input.apiTokenId } : {}) },
  });
}
