import "server-only";
import { and, asc, count, desc, eq, gte, inArray, notInArray } from "drizzle-orm";
import { CLOSED_REFERRAL_STATUSES, type ReferralStatus } from "@/lib/domain/vocabulary";
import { getDb } from "../client";
import { patients, referrals, users } from "../schema";

const rowColumns = {
  id: referrals.id,
  status: referrals.status,
  category: referrals.category,
  receivedAt: referrals.receivedAt,
  referrerRole: referrals.referrerRole,
  ambulatoryStatus: referrals.ambulatoryStatus,
  updatedAt: referrals.updatedAt,
  patientGivenName: patients.givenName,
  patientFamilyName: patients.familyName,
  nhsNumber: patients.nhsNumber,
  dateOfBirth: patients.dateOfBirth,
  registrarName: users.name,
};

export type ReferralListRow = Awaited<ReturnType<typeof listReferrals>>[number];

/** Referrals with their patient, newest first; active ones only unless statuses are given. */
export async function listReferrals({ statuses }: { statuses?: readonly ReferralStatus[] } = {}) {
  const where = statuses ? inArray(referrals.status, [...statuses]) : notInArray(referrals.status, [...CLOSED_REFERRAL_STATUSES]);
  return getDb()
    .select(rowColumns)
    .from(referrals)
    .innerJoin(patients, eq(patients.id, referrals.patientId))
    .leftJoin(users, eq(users.id, referrals.assignedRegistrarId))
    .where(where)
    .orderBy(desc(referrals.receivedAt), asc(referrals.id));
}

/** Referral counts by status and category since an instant, for the first audit view. */
export async function countReferralsSince({ since }: { since: Date }) {
  return getDb()
    .select({ status: referrals.status, category: referrals.category, n: count() })
    .from(referrals)
    .where(and(gte(referrals.receivedAt, since)))
    .groupBy(referrals.status, referrals.category);
}
