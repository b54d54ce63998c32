import "server-only";
import { and, count, desc, eq, gte, lt, or, sql, type SQL } from "drizzle-orm";
import type { AuditTrailQuery } from "@/lib/validation/audit-trail";
import { getDb, type Db, type Tx } from "../client";
import { auditLog, patients, referrals, users } from "../schema";

export interface AuditTrailFilter {
  query: AuditTrailQuery;
  /** The London days of query.from and query.to as instants (lib/validation/audit-trail.ts). */
  since: Date | null;
  before: Date | null;
}

/**
 * A patient's rows: about one of their referrals (the entity, or the referral named in the context of a row about
 * something on it, such as an equipment item), or naming the patient in the context.
 */
function aboutPatient(patientId: string): SQL {
  const referralIds = sql`(select ${referrals.id}::text from ${referrals} where ${referrals.patientId} = ${patientId})`;
  return or(
    and(eq(auditLog.entityType, "referral"), sql`${auditLog.entityId} in ${referralIds}`),
    sql`${auditLog.context}->>'referralId' in ${referralIds}`,
    sql`${auditLog.context}->>'patientId' = ${patientId}`,
  ) as SQL;
}

function conditions({ query, since, before }: AuditTrailFilter): SQL | undefined {
  return and(
    query.user ? eq(auditLog.actorId, query.user) : undefined,
    query.patient ? aboutPatient(query.patient) : undefined,
    query.action ? eq(auditLog.action, query.action) : undefined,
    since ? gte(auditLog.at, since) : undefined,
    before ? lt(auditLog.at, before) : undefined,
  );
}

/** One page of the audit trail, newest first, with who did it and the number of rows the filters match. */
export async function listAuditTrail(filter: AuditTrailFilter, db: Db = getDb()) {
  const where = conditions(filter);
  const { page, pageSize } = filter.query;
  const [rows, [total]] = await Promise.all([
    db
      .select({
        id: auditLog.id,
        at: auditLog.at,
        actorId: auditLog.actorId,
        actorName: users.name,
        action: auditLog.action,
        entityType: auditLog.entityType,
        entityId: auditLog.entityId,
        before: auditLog.before,
        after: auditLog.after,
        context: auditLog.context,
      })
      .from(auditLog)
      .leftJoin(users, eq(users.id, auditLog.actorId))
      .where(where)
      .orderBy(desc(auditLog.at), desc(auditLog.id))
      .limit(pageSize)
      .offset((page - 1) * pageSize),
    db.select({ n: count() }).from(auditLog).where(where),
  ]);
  return { rows, total: total?.n ?? 0 };
}

export type AuditTrailRow = Awaited<ReturnType<typeof listAuditTrail>>["rows"][number];

/** Every action the trail holds, for the filter's list. */
export async function listAuditActions(db: Db = getDb()): Promise<string[]> {
  const rows = await db.selectDistinct({ action: auditLog.action }).from(auditLog).orderBy(auditLog.action);
  return rows.map((r) => r.action);
}

/** The patient with this NHS number (ten digits, checked), by id only. */
export async function findPatientIdByNhsNumber({ nhsNumber }: { nhsNumber: string }, db: Db | Tx = getDb()): Promise<string | null> {
  const [row] = await db.select({ id: patients.id }).from(patients).where(eq(patients.nhsNumber, nhsNumber)).limit(1);
  return row?.id ?? null;
}

/** The NHS number of the patient a trail link names, to show in its filter. */
export async function findPatientNhsNumber({ id }: { id: string }, db: Db = getDb()): Promise<string | null> {
  const [row] = await db.select({ nhsNumber: patients.nhsNumber }).from(patients).where(eq(patients.id, id)).limit(1);
  return row?.nhsNumber ?? null;
}
