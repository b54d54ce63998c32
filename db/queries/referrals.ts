import "server-only";
import { and, asc, count, desc, eq, inArray, notInArray, sql } from "drizzle-orm";
import { alias } from "drizzle-orm/pg-core";
import { computeClocks } from "@/lib/domain/clocks";
import { missingReferralData } from "@/lib/domain/referral-rules";
import { CLOSED_REFERRAL_STATUSES, type ReferralStatus } from "@/lib/domain/vocabulary";
import type { ListReferralsQuery } from "@/lib/validation/referrals";
import { getDb, type Db } from "../client";
import { patients, referralEvents, referrals, users } from "../schema";
import { SYSTEM_NAME } from "@/lib/domain/escalation";
import { listPathwaySettingsHistory } from "./settings";
import { isUuid } from "./users";

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

/** The open referral of the patient with this NHS number, if any: the intake form's duplicate guard. */
export async function findOpenReferralByNhsNumber({ nhsNumber }: { nhsNumber: string }) {
  const [row] = await getDb()
    .select({ id: referrals.id, receivedAt: referrals.receivedAt, status: referrals.status, givenName: patients.givenName, familyName: patients.familyName, dateOfBirth: patients.dateOfBirth })
    .from(referrals)
    .innerJoin(patients, eq(patients.id, referrals.patientId))
    .where(and(eq(patients.nhsNumber, nhsNumber), notInArray(referrals.status, [...CLOSED_REFERRAL_STATUSES])))
    .limit(1);
  return row ?? null;
}

/** Referrals by the API's filters, newest first, a page at a time, with the total. */
export async function searchReferrals(query: ListReferralsQuery) {
  const conditions = [
    query.status ? inArray(referrals.status, query.status) : undefined,
    query.category ? eq(referrals.category, query.category) : undefined,
    query.nhsNumber ? eq(patients.nhsNumber, query.nhsNumber) : undefined,
    query.active === true ? notInArray(referrals.status, [...CLOSED_REFERRAL_STATUSES]) : undefined,
    query.active === false ? inArray(referrals.status, [...CLOSED_REFERRAL_STATUSES]) : undefined,
  ].filter((c) => c !== undefined);
  const where = conditions.length > 0 ? and(...conditions) : undefined;
  const [items, [totalRow]] = await Promise.all([
    getDb()
      .select(rowColumns)
      .from(referrals)
      .innerJoin(patients, eq(patients.id, referrals.patientId))
      .leftJoin(users, eq(users.id, referrals.assignedRegistrarId))
      .where(where)
      .orderBy(desc(referrals.receivedAt), asc(referrals.id))
      .limit(query.pageSize)
      .offset((query.page - 1) * query.pageSize),
    getDb().select({ n: count() }).from(referrals).innerJoin(patients, eq(patients.id, referrals.patientId)).where(where),
  ]);
  return { items, total: totalRow?.n ?? 0, page: query.page, pageSize: query.pageSize };
}

/** Registrars who can be escalated to. */
export async function listActiveRegistrars() {
  return getDb()
    .select({ id: users.id, name: users.name })
    .from(users)
    .where(and(eq(users.role, "registrar"), eq(users.active, true)))
    .orderBy(asc(users.name));
}

/**
 * A referral with its patient, every event (with who recorded it), its clocks as the engine computes them now
 * from the settings history, and what the minimum data set still lacks. Null when there is no such referral.
 * `db` reads it inside a caller's transaction (an export audited with its read).
 */
export async function getReferralDetail({ id, now, db = getDb() }: { id: string; now: Date; db?: Db }) {
  if (!isUuid(id)) return null;
  const recorder = alias(users, "recorder");
  const registrar = alias(users, "registrar");
  const [row] = await db
    .select({ referral: referrals, patient: patients, registrarName: registrar.name })
    .from(referrals)
    .innerJoin(patients, eq(patients.id, referrals.patientId))
    .leftJoin(registrar, eq(registrar.id, referrals.assignedRegistrarId))
    .where(eq(referrals.id, id))
    .limit(1);
  if (!row) return null;
  const [events, settingsHistory, [updatedByRow]] = await Promise.all([
    db
      .select({
        id: referralEvents.id,
        type: referralEvents.type,
        occurredAt: referralEvents.occurredAt,
        recordedAt: referralEvents.recordedAt,
        data: referralEvents.data,
        correctsEventId: referralEvents.correctsEventId,
        // No recorder: the system did it (an escalation sent on to the second line).
        recordedByName: sql<string>`coalesce(${recorder.name}, ${SYSTEM_NAME})`,
      })
      .from(referralEvents)
      .leftJoin(recorder, eq(recorder.id, referralEvents.recordedBy))
      .where(eq(referralEvents.referralId, id))
      .orderBy(asc(referralEvents.occurredAt), asc(referralEvents.recordedAt)),
    listPathwaySettingsHistory(db),
    row.referral.updatedBy ? db.select({ name: users.name }).from(users).where(eq(users.id, row.referral.updatedBy)) : [{ name: SYSTEM_NAME }],
  ]);
  const clocks = computeClocks({ category: row.referral.category, receivedAt: row.referral.receivedAt, events, settingsHistory }, now);
  // Everyone the events name (escalated to, first line), for the timeline and the escalation panel.
  const namedIds = [...new Set(events.flatMap((e) => [e.data.toUserId, e.data.firstLineUserId]).filter((v): v is string => typeof v === "string" && isUuid(v)))];
  const named = namedIds.length > 0 ? await db.select({ id: users.id, name: users.name }).from(users).where(inArray(users.id, namedIds)) : [];
  return {
    referral: row.referral,
    patient: row.patient,
    registrarName: row.registrarName,
    updatedByName: updatedByRow?.name ?? null,
    events,
    settingsHistory,
    userNames: new Map(named.map((u) => [u.id, u.name])),
    clocks,
    missing: missingReferralData({ ...row.referral, hospitalNumber: row.patient.hospitalNumber, phone: row.patient.phone }),
  };
}
export type ReferralDetail = NonNullable<Awaited<ReturnType<typeof getReferralDetail>>>;
