import { SYSTEM_NAME } from "@/lib/domain/escalation";
import { dischargeBlockers, dueWhen, equipmentDue } from "@/lib/domain/discharge-board";
import { londonDate } from "@/lib/domain/time-format";
import { daysBlocking, type EquipmentKind, type EquipmentStatus } from "@/lib/domain/equipment";
import { Checklist, Destination } from "@/lib/domain/rehabilitation";
import type { ReferralCategory } from "@/lib/domain/vocabulary";
import type { OpenClock } from "@/lib/domain/worklist";
import type { ClockId } from "@/lib/domain/clocks";
import type { BoardEquipmentJson, DischargeBoardItemJson, DischargeBoardJson } from "./schemas";
import { worklistPatientToJson } from "./worklist";

/** A board row as the database returns it (db/queries/discharge-board.ts). */
export interface DischargeBoardRowInput {
  id: string;
  version: number;
  category: ReferralCategory;
  openClocks: OpenClock[];
  referralUpdatedAt: Date;
  referralUpdatedByName: string | null;
  givenName: string;
  familyName: string;
  nhsNumber: string;
  dateOfBirth: string;
  hospitalNumber: string | null;
  planStarted: boolean;
  keyWorkerName: string | null;
  keyWorkerContact: string | null;
  medicallyFitAt: Date | null;
  checklist: Checklist | null;
  destination: Destination | null;
  expectedDischargeOn: string | null;
  planUpdatedAt: Date | null;
  planUpdatedByName: string | null;
}

export interface DischargeBoardEquipmentInput {
  id: string;
  referralId: string;
  kind: EquipmentKind;
  description: string | null;
  status: EquipmentStatus;
  expectedOn: string | null;
  blocksDischarge: boolean;
  blockingSince: Date | null;
  updatedAt: Date;
  updatedByName: string | null;
}

const THERAPY_CLOCKS: readonly ClockId[] = ["physiotherapy_assessment", "occupational_therapy_assessment"];

/** The most recent of the referral's, the plan's and the equipment's last changes, with who made it. */
function lastChangeOf(row: DischargeBoardRowInput, equipment: readonly DischargeBoardEquipmentInput[]): { at: Date; by: string | null } {
  const changes = [
    { at: row.referralUpdatedAt, by: row.referralUpdatedByName },
    ...(row.planUpdatedAt ? [{ at: row.planUpdatedAt, by: row.planUpdatedByName }] : []),
    ...equipment.map((e) => ({ at: e.updatedAt, by: e.updatedByName })),
  ];
  return changes.reduce((latest, c) => (c.at > latest.at ? c : latest));
}

export function dischargeBoardItemToJson(
  row: DischargeBoardRowInput,
  equipment: readonly DischargeBoardEquipmentInput[],
  options: { now: Date; today: string; ward: boolean },
): DischargeBoardItemJson {
  const blockers = dischargeBlockers({ checklist: row.checklist, equipment });
  const blocking = new Set(blockers.equipment);
  const due = equipmentDue(equipment, options.today);
  const toJson = (e: DischargeBoardEquipmentInput): BoardEquipmentJson => ({
    id: e.id,
    kind: e.kind,
    description: e.description,
    status: e.status,
    expectedOn: e.expectedOn,
    blockingSince: e.blockingSince?.toISOString() ?? null,
    daysBlocking: blocking.has(e) ? daysBlocking(e, options.now) : null,
  });
  const change = lastChangeOf(row, equipment);
  return {
    id: row.id,
    version: row.version,
    category: row.category,
    patient: worklistPatientToJson(row, options),
    hasPlan: row.planStarted,
    keyWorker: row.keyWorkerName || row.keyWorkerContact ? { name: row.keyWorkerName, contact: row.keyWorkerContact } : null,
    medicallyFitAt: row.medicallyFitAt?.toISOString() ?? null,
    destination: row.destination,
    expectedDischargeOn: row.expectedDischargeOn,
    expectedDischargeDue: row.expectedDischargeOn === null ? null : dueWhen(row.expectedDischargeOn, options.today),
    blocked: blockers.equipment.length > 0 || blockers.checklist.length > 0,
    openChecklistItems: blockers.checklist,
    blockingEquipment: blockers.equipment.map(toJson),
    overdueEquipment: due.overdue.map(toJson),
    equipmentDueThisWeek: due.dueThisWeek.map(toJson),
    therapyClocks: row.openClocks.filter((c) => THERAPY_CLOCKS.includes(c.id)).map((c) => ({ id: c.id, dueAt: c.dueAt, atRiskAt: c.atRiskAt })),
    updatedAt: change.at.toISOString(),
    // Nobody named: the system made the last change.
    updatedByName: change.by ?? SYSTEM_NAME,
  };
}

export function dischargeBoardToJson(input: {
  rows: readonly DischargeBoardRowInput[];
  equipment: readonly DischargeBoardEquipmentInput[];
  counts: DischargeBoardJson["counts"] & { total: number };
  page: number;
  pageSize: number;
  ward: boolean;
  now: Date;
}): DischargeBoardJson {
  const today = londonDate(input.now);
  const equipmentOf = new Map<string, DischargeBoardEquipmentInput[]>();
  for (const e of input.equipment) equipmentOf.set(e.referralId, [...(equipmentOf.get(e.referralId) ?? []), e]);
  const { total, patients, medicallyFit, blocked, medicallyFitAndBlocked } = input.counts;
  return {
    items: input.rows.map((row) => dischargeBoardItemToJson(row, equipmentOf.get(row.id) ?? [], { now: input.now, today, ward: input.ward })),
    total,
    page: input.page,
    pageSize: input.pageSize,
    ward: input.ward,
    counts: { patients, medicallyFit, blocked, medicallyFitAndBlocked },
    today,
    generatedAt: input.now.getTime(),
  };
}
