import "server-only";
import { eq } from "drizzle-orm";
import { hashSecretToken } from "@/lib/auth/api-tokens";
import { formatReceiptReference, isStatusToken } from "@/lib/domain/receipt";
import { isReferralActive } from "@/lib/domain/vocabulary";
import { getDb, type Db, type Tx } from "../client";
import { referralReceipts, referrals } from "../schema";
import { isUuid } from "./users";

/** A referral's receipt reference ("MSCC-000123"), or null when none has been issued. */
export async function findReceiptReference({ referralId, db = getDb() }: { referralId: string; db?: Db | Tx }): Promise<string | null> {
  if (!isUuid(referralId)) return null;
  const [row] = await db.select({ number: referralReceipts.number }).from(referralReceipts).where(eq(referralReceipts.referralId, referralId)).limit(1);
  return row ? formatReceiptReference(row.number) : null;
}

/**
 * What the referrer's status page may show for a token, and nothing more: the reference, the status and when the
 * referral last changed. Null for a token that is not the current one and for a closed referral's (the link
 * expires when the referral closes). Looked up by the token's hash only.
 */
export async function findReceiptStatus({ token }: { token: string }) {
  if (!isStatusToken(token)) return null;
  const [row] = await getDb()
    .select({ number: referralReceipts.number, status: referrals.status, updatedAt: referrals.updatedAt })
    .from(referralReceipts)
    .innerJoin(referrals, eq(referrals.id, referralReceipts.referralId))
    .where(eq(referralReceipts.tokenHash, hashSecretToken(token)))
    .limit(1);
  if (!row || !isReferralActive(row.status)) return null;
  return { reference: formatReceiptReference(row.number), status: row.status, updatedAt: row.updatedAt };
}
