import "server-only";
import { and, asc, eq, inArray, isNotNull, isNull, or, sql, type SQL } from "drizzle-orm";
import { alias } from "drizzle-orm/pg-core";
import type { DischargeBoardJson } from "@/lib/api/schemas";
import { dischargeBoardToJson } from "@/lib/api/discharge-board";
import { EQUIPMENT_STATUSES, isOutstanding } from "@/lib/domain/equipment";
import { CHECKLIST_ITEMS } from "@/lib/domain/rehabilitation";
import { boardDefaultDir, type DischargeBoardQuery } from "@/lib/validation/discharge-board";
import { getDb, type Db } from "../client";
import { equipmentItems, patients, referrals, rehabPlans, users } from "../schema";
import { searchCondition } from "./worklist";

/**
 * The discharge board (issue 6, item 3): every patient on the rehabilitation step with their plan, what blocks their
 * discharge and what falls due. Three statements a page, whatever its size: the page, the counts, and the page's
 * equipment. The blocked rule is lib/domain/discharge-board.ts dischargeBlockers, restated here in SQL so the
 * database can filter and order by it (tests/integration/discharge-board.test.ts holds the two together).
 */

const referralUpdater = alias(users, "referral_updater");
const planUpdater = alias(users, "plan_updater");
const equipmentUpdater = alias(users, "equipment_updater");

const OUTSTANDING_STATUSES = EQUIPMENT_STATUSES.filter((status) => isOutstanding({ status }));
const blockingNow = and(eq(equipmentItems.blocksDischarge, true), inArray(equipmentItems.status, OUTSTANDING_STATUSES)) as SQL;

/**
 * Per referral: when its longest-blocking item started blocking, how many items block now, and the last change to
 * any item. Lateral, on the referral's own items (their index), so no other referral's equipment is read.
 */
function equipmentLateral(db: Db) {
  return db
    .select({
      blockingSince: sql<Date | null>`min(${equipmentItems.blockingSince}) filter (where ${blockingNow})`.mapWith(equipmentItems.blockingSince).as("blocking_since"),
      blockingCount: sql<number>`count(*) filter (where ${blockingNow})`.mapWith(Number).as("blocking_count"),
      updatedAt: sql<Date | null>`max(${equipmentItems.updatedAt})`.mapWith(equipmentItems.updatedAt).as("equipment_updated_at"),
    })
    .from(equipmentItems)
    .where(eq(equipmentItems.referralId, referrals.id))
    .as("equipment_summary");
}
type EquipmentLateral = ReturnType<typeof equipmentLateral>;

/** Checklist items still open (no plan: every item), as lib/domain/rehabilitation.ts openChecklistItems counts them. */
const openChecklistCount = sql<number>`(${sql.join(
  // The item names are this code's own constants, written as literals so `->` takes them as keys.
  CHECKLIST_ITEMS.map((item) => sql`(coalesce(${rehabPlans.checklist} -> ${sql.raw(`'${item}'`)} ->> 'state', 'open') = 'open')::int`),
  sql` + `,
)})`;

const isFit = isNotNull(rehabPlans.medicallyFitAt);
const blockedCondition = (e: EquipmentLateral): SQL => sql`(${e.blockingCount} > 0 or ${openChecklistCount} > 0)`;
const lastChange = (e: EquipmentLateral): SQL => sql`greatest(${referrals.updatedAt}, ${rehabPlans.updatedAt}, ${e.updatedAt})`;

function whereOf(query: DischargeBoardQuery, e: EquipmentLateral): { onStep: SQL; filtered: SQL | undefined } {
  const destinations = query.destination?.filter((d) => d !== "none") ?? [];
  const conditions: (SQL | undefined)[] = [
    query.blocked === undefined ? undefined : query.blocked === "yes" ? blockedCondition(e) : sql`not ${blockedCondition(e)}`,
    query.fit === undefined ? undefined : query.fit === "yes" ? isFit : isNull(rehabPlans.medicallyFitAt),
    query.destination?.length
      ? or(destinations.length > 0 ? inArray(rehabPlans.destination, destinations) : undefined, query.destination.includes("none") ? isNull(rehabPlans.destination) : undefined)
      : undefined,
    searchCondition(query.q),
  ];
  const present = conditions.filter((c): c is SQL => c !== undefined);
  return { onStep: eq(referrals.status, "rehabilitation"), filtered: present.length > 0 ? and(...present) : undefined };
}

/**
 * Default order: medically fit and still blocked first (they are the ones waiting in a bed), longest blocked first;
 * then by expected discharge date, soonest first; then the longest blocked, then the longest on the pathway.
 */
function priorityOrder(e: EquipmentLateral): SQL[] {
  const fitAndBlocked = sql`(${isFit} and ${blockedCondition(e)})`;
  return [
    sql`${fitAndBlocked} desc`,
    sql`case when ${fitAndBlocked} then ${e.blockingSince} end asc nulls last`,
    sql`${rehabPlans.expectedDischargeOn} asc nulls last`,
    sql`${e.blockingSince} asc nulls last`,
    asc(referrals.receivedAt),
    asc(referrals.id),
  ];
}

function orderOf(query: DischargeBoardQuery, e: EquipmentLateral): SQL[] {
  const tail = priorityOrder(e);
  const dir = query.dir ?? boardDefaultDir(query.sort);
  const by = (expression: SQL) => (dir === "asc" ? sql`${expression} asc nulls last` : sql`${expression} desc nulls last`);
  switch (query.sort) {
    case "priority":
      return tail;
    case "patient":
      return [by(sql`lower(${patients.familyName})`), by(sql`lower(${patients.givenName})`), ...tail];
    case "fit":
      return [by(sql`${rehabPlans.medicallyFitAt}`), ...tail];
    case "discharge":
      return [by(sql`${rehabPlans.expectedDischargeOn}`), ...tail];
    case "updated":
      return [by(lastChange(e)), ...tail];
  }
}

export interface DischargeBoardCounts {
  /** Rows matching the filters. */
  total: number;
  /** Across every patient on the rehabilitation step, whatever the filters. */
  patients: number;
  medicallyFit: number;
  blocked: number;
  medicallyFitAndBlocked: number;
}

/** A page of the board, its counts and the page's equipment: three statements. */
export async function queryDischargeBoard(query: DischargeBoardQuery, db: Db = getDb()) {
  const e = equipmentLateral(db);
  const { onStep, filtered } = whereOf(query, e);
  const filter = filtered ?? sql`true`;
  const [rows, [counts]] = await Promise.all([
    db
      .select({
        id: referrals.id,
        version: referrals.version,
        category: referrals.category,
        receivedAt: referrals.receivedAt,
        openClocks: referrals.openClocks,
        referralUpdatedAt: referrals.updatedAt,
        referralUpdatedByName: referralUpdater.name,
        givenName: patients.givenName,
        familyName: patients.familyName,
        nhsNumber: patients.nhsNumber,
        dateOfBirth: patients.dateOfBirth,
        hospitalNumber: patients.hospitalNumber,
        planStarted: sql<boolean>`${rehabPlans.referralId} is not null`.mapWith(Boolean),
        keyWorkerName: rehabPlans.keyWorkerName,
        keyWorkerContact: rehabPlans.keyWorkerContact,
        medicallyFitAt: rehabPlans.medicallyFitAt,
        checklist: rehabPlans.checklist,
        destination: rehabPlans.destination,
        expectedDischargeOn: rehabPlans.expectedDischargeOn,
        planUpdatedAt: rehabPlans.updatedAt,
        planUpdatedByName: planUpdater.name,
      })
      .from(referrals)
      .innerJoin(patients, eq(patients.id, referrals.patientId))
      .leftJoin(rehabPlans, eq(rehabPlans.referralId, referrals.id))
      .leftJoinLateral(e, sql`true`)
      .leftJoin(referralUpdater, eq(referralUpdater.id, referrals.updatedBy))
      .leftJoin(planUpdater, eq(planUpdater.id, rehabPlans.updatedBy))
      .where(and(onStep, filtered))
      .orderBy(...orderOf(query, e))
      .limit(query.pageSize)
      .offset((query.page - 1) * query.pageSize),
    db
      .select({
        total: sql<number>`count(*) filter (where ${filter})`.mapWith(Number),
        patients: sql<number>`count(*)`.mapWith(Number),
        medicallyFit: sql<number>`count(*) filter (where ${isFit})`.mapWith(Number),
        blocked: sql<number>`count(*) filter (where ${blockedCondition(e)})`.mapWith(Number),
        medicallyFitAndBlocked: sql<number>`count(*) filter (where ${isFit} and ${blockedCondition(e)})`.mapWith(Number),
      })
      .from(referrals)
      .innerJoin(patients, eq(patients.id, referrals.patientId))
      .leftJoin(rehabPlans, eq(rehabPlans.referralId, referrals.id))
      .leftJoinLateral(e, sql`true`)
      .where(onStep),
  ]);
  const equipment =
    rows.length === 0
      ? []
      : await db
          .select({
            id: equipmentItems.id,
            referralId: equipmentItems.referralId,
            kind: equipmentItems.kind,
            description: equipmentItems.description,
            status: equipmentItems.status,
            expectedOn: equipmentItems.expectedOn,
            blocksDischarge: equipmentItems.blocksDischarge,
            blockingSince: equipmentItems.blockingSince,
            updatedAt: equipmentItems.updatedAt,
            updatedByName: equipmentUpdater.name,
          })
          .from(equipmentItems)
          .leftJoin(equipmentUpdater, eq(equipmentUpdater.id, equipmentItems.updatedBy))
          .where(inArray(equipmentItems.referralId, rows.map((r) => r.id)))
          .orderBy(sql`${equipmentItems.blockingSince} asc nulls last`, asc(equipmentItems.createdAt), asc(equipmentItems.id));
  const c: DischargeBoardCounts = counts ?? { total: 0, patients: 0, medicallyFit: 0, blocked: 0, medicallyFitAndBlocked: 0 };
  return { rows, equipment, counts: c };
}

export type DischargeBoardDbRow = Awaited<ReturnType<typeof queryDischargeBoard>>["rows"][number];
export type DischargeBoardDbEquipment = Awaited<ReturnType<typeof queryDischargeBoard>>["equipment"][number];

/** The board as the page and the JSON API serve it. */
export async function loadDischargeBoard(query: DischargeBoardQuery, now: Date, db: Db = getDb()): Promise<DischargeBoardJson> {
  const { rows, equipment, counts } = await queryDischargeBoard(query, db);
  return dischargeBoardToJson({ rows, equipment, counts, page: query.page, pageSize: query.pageSize, ward: query.ward ?? false, now });
}
