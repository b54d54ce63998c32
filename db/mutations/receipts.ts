import "server-only";
import crypto from "node:crypto";
import { eq } from "drizzle-orm";
import { hashSecretToken } from "@/lib/auth/api-tokens";
import { checkReceiptIssue, formatReceiptReference } from "@/lib/domain/receipt";
import { AppError } from "@/lib/errors";
import type { Tx } from "../client";
import { isUuid } from "../queries/users";
import { referralReceipts, referrals } from "../schema";
import { recordAudit } from "./audit";

export interface IssuedReceipt {
  reference: string;
  /** The status link's secret: returned here once, never stored (only its SHA-256 is). */
  token: string;
}

/**
 * Gives the referrer a reference and a status link: the first time, a new receipt (the number the reference is made
 * from); after that, a new token on the same receipt, so the old link stops working at once. The referral is
 * locked first, so this waits for a triage or a closure in progress and sees its outcome.
 */
export async function issueReceipt(tx: Tx, input: { referralId: string; actorId: string }): Promise<IssuedReceipt> {
  if (!isUuid(input.referralId)) throw new AppError("not_found", "No such referral.");
  const [referral] = await tx.select({ status: referrals.status }).from(referrals).where(eq(referrals.id, input.referralId)).for("update");
  if (!referral) throw new AppError("not_found", "No such referral.");
  const check = checkReceiptIssue(referral.status);
  if (!check.ok) throw new AppError("unprocessable", check.message);

  // 256 random bits, as for API tokens: a plain SHA-256 of it is enough to store.
  const token = crypto.randomBytes(32).toString("base64url");
  const tokenHash = hashSecretToken(token);
  const [replaced] = await tx
    .update(referralReceipts)
    .set({ tokenHash })
    .where(eq(referralReceipts.referralId, input.referralId))
    .returning({ number: referralReceipts.number });
  const receipt =
    replaced ??
    (await tx.insert(referralReceipts).values({ referralId: input.referralId, tokenHash, createdBy: input.actorId }).returning({ number: referralReceipts.number }))[0];
  if (!receipt) throw new Error("receipt insert returned no row");
  const reference = formatReceiptReference(receipt.number);
  // Never the token or its hash in the audit trail.
  await recordAudit(tx, {
    actorId: input.actorId,
    action: replaced ? "receipt.reissue" : "receipt.issue",
    entityType: "referral_receipt",
    entityId: input.referralId,
    after: { reference },
  });
  return { reference, token };
}
