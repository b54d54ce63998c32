import "server-only";
import { getDb } from "@/db/client";
import { recordReferralView } from "@/db/mutations/audit";

/**
 * Writes the audit row for one read of a referral, in its own transaction, before the referral is shown: a
 * read that cannot be recorded is not shown (the page's error boundary, or the API's error answer).
 */
export async function auditReferralView(input: Parameters<typeof recordReferralView>[1]): Promise<void> {
  await getDb().transaction((tx) => recordReferralView(tx, input));
}
