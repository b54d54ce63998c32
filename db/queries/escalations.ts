import "server-only";
import { and, asc, eq, gt, isNull, notInArray, or, type SQL } from "drizzle-orm";
import type { Role } from "@/lib/auth/roles";
import { CLOSED_REFERRAL_STATUSES } from "@/lib/domain/vocabulary";
import { getDb, type Db } from "../client";
import { patients, referrals } from "../schema";

/**
 * The escalations waiting for this user's acknowledgement: those with them now, those they had as first line that
 * have gone on to the second line (they may still take them), and, when nobody was on the second line, every one
 * of those for any registrar or coordinator. The same rule as checkAcknowledger in lib/domain/escalation.ts.
 */
export function escalationWaitingFor(userId: string, role: Role): SQL {
  const mine: (SQL | undefined)[] = [
    eq(referrals.escalatedToId, userId),
    and(eq(referrals.escalationLevel, 2), eq(referrals.assignedRegistrarId, userId)),
    role === "registrar" || role === "coordinator" ? and(eq(referrals.escalationLevel, 2), isNull(referrals.escalatedToId)) : undefined,
  ];
  return and(gt(referrals.escalationLevel, 0), or(...mine)) as SQL;
}

export async function listEscalationsWaitingFor({ userId, role, db = getDb() }: { userId: string; role: Role; db?: Db }) {
  return db
    .select({
      id: referrals.id,
      version: referrals.version,
      category: referrals.category,
      level: referrals.escalationLevel,
      escalatedToId: referrals.escalatedToId,
      escalatedAt: referrals.awaitingAcknowledgementSince,
      acknowledgementDueAt: referrals.acknowledgementDueAt,
      givenName: patients.givenName,
      familyName: patients.familyName,
      nhsNumber: patients.nhsNumber,
    })
    .from(referrals)
    .innerJoin(patients, eq(patients.id, referrals.patientId))
    .where(and(escalationWaitingFor(userId, role), notInArray(referrals.status, [...CLOSED_REFERRAL_STATUSES])))
    .orderBy(asc(referrals.acknowledgementDueAt));
}

export type WaitingEscalationRow = Awaited<ReturnType<typeof listEscalationsWaitingFor>>[number];

