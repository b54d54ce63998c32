import "server-only";
import { and, asc, eq, lte, notInArray } from "drizzle-orm";
import { CLOSED_REFERRAL_STATUSES } from "@/lib/domain/vocabulary";
import type { Db } from "../client";
import { referrals } from "../schema";
import { escalateToSecondLine } from "./referrals";

/**
 * Sends every escalation still with the first line past its acknowledgement deadline to the second line, each in
 * its own transaction (one failure does not hold up the others). Safe to run on several instances at once: each
 * referral is locked and re-checked inside escalateToSecondLine. Returns the referrals sent on.
 */
export async function sweepEscalations(db: Db, now: Date): Promise<string[]> {
  const due = await db
    .select({ id: referrals.id })
    .from(referrals)
    .where(and(eq(referrals.escalationLevel, 1), lte(referrals.acknowledgementDueAt, now), notInArray(referrals.status, [...CLOSED_REFERRAL_STATUSES])))
    .orderBy(asc(referrals.acknowledgementDueAt))
    .limit(100);
  const sent: string[] = [];
  for (const { id } of due) {
    const done = await db.transaction((tx) => escalateToSecondLine(tx, { referralId: id, now }));
    if (done) sent.push(id);
  }
  return sent;
}
