/**
 * How a discharge board row reads, in words: the table, the phone cards and the printed board all use these, so
 * the printout says exactly what the screen said. `now` is the browser's ticking clock.
 */
import type { BoardEquipmentJson, DischargeBoardItemJson } from "@/lib/api/schemas";
import { daysBlocking, EQUIPMENT_KIND_LABELS } from "@/lib/domain/equipment";
import { CHECKLIST_ITEM_LABELS, DESTINATION_NAMES } from "@/lib/domain/rehabilitation";
import { formatCalendarDate, formatDateTime } from "@/lib/domain/time-format";
import { describeOpenClock } from "@/lib/domain/worklist";

export type BoardState = "blocked_fit" | "ready" | "not_fit";

/** Fit and blocked is the patient waiting in a bed for something; fit and clear is ready to go. */
export function boardState(item: Pick<DischargeBoardItemJson, "medicallyFitAt" | "blocked">): BoardState {
  if (item.medicallyFitAt === null) return "not_fit";
  return item.blocked ? "blocked_fit" : "ready";
}

export const BOARD_STATE_LABELS: Record<BoardState, string> = {
  blocked_fit: "Medically fit, discharge blocked",
  ready: "Medically fit, nothing blocking",
  not_fit: "Not yet medically fit",
};

export function fitText(item: Pick<DischargeBoardItemJson, "medicallyFitAt">): string {
  return item.medicallyFitAt === null ? "Not yet" : `Since ${formatDateTime(new Date(item.medicallyFitAt))}`;
}

/** "Hoist and slings", "Hoist and slings, bariatric", or an "other" item by its description. */
export function equipmentName(e: Pick<BoardEquipmentJson, "kind" | "description">): string {
  if (e.kind === "other") return e.description ?? "Other equipment";
  return e.description ? `${EQUIPMENT_KIND_LABELS[e.kind]}, ${e.description}` : EQUIPMENT_KIND_LABELS[e.kind];
}

function daysText(days: number): string {
  return days === 0 ? "under a day" : `${days} ${days === 1 ? "day" : "days"}`;
}

/** "Hoist and slings (3 days)": the days counted from when it was marked blocking, at the browser's now. */
export function blockingEquipmentText(e: BoardEquipmentJson, now: number): string {
  const days = daysBlocking({ blockingSince: e.blockingSince === null ? null : new Date(e.blockingSince) }, new Date(now));
  return days === null ? equipmentName(e) : `${equipmentName(e)} (${daysText(days)})`;
}

/** Each blocker, equipment first (longest blocking first), then the open checklist items in the checklist's order. */
export function blockers(item: Pick<DischargeBoardItemJson, "blockingEquipment" | "openChecklistItems" | "hasPlan">, now: number): string[] {
  const equipment = item.blockingEquipment.map((e) => blockingEquipmentText(e, now));
  // With no plan started the whole checklist is open: one line says so instead of eight.
  const checklist = item.hasPlan ? item.openChecklistItems.map((c) => CHECKLIST_ITEM_LABELS[c]) : ["No rehabilitation plan yet (the whole checklist is open)"];
  return [...equipment, ...checklist];
}

/** "Blocked by: Hoist and slings (3 days), Pressure area care", or that nothing blocks. */
export function blockedByText(item: Pick<DischargeBoardItemJson, "blockingEquipment" | "openChecklistItems" | "hasPlan" | "blocked">, now: number): string {
  return item.blocked ? `Blocked by: ${blockers(item, now).join(", ")}` : "Nothing blocking discharge";
}

/** What falls due this week: equipment expected, and the expected discharge itself. */
export function dueThisWeek(item: Pick<DischargeBoardItemJson, "equipmentDueThisWeek" | "expectedDischargeOn" | "expectedDischargeDue">): string[] {
  const due = item.equipmentDueThisWeek.map((e) => `${equipmentName(e)} expected ${formatCalendarDate(e.expectedOn as string)}`);
  if (item.expectedDischargeOn !== null && item.expectedDischargeDue === "this_week") due.push(`Discharge expected ${formatCalendarDate(item.expectedDischargeOn)}`);
  return due;
}

/** Equipment expected before today and still to come, and an expected discharge date that has passed. */
export function overdue(item: Pick<DischargeBoardItemJson, "overdueEquipment" | "expectedDischargeOn" | "expectedDischargeDue">): string[] {
  const late = item.overdueEquipment.map((e) => `${equipmentName(e)} was expected ${formatCalendarDate(e.expectedOn as string)}`);
  if (item.expectedDischargeOn !== null && item.expectedDischargeDue === "past") late.push(`Discharge was expected ${formatCalendarDate(item.expectedDischargeOn)}`);
  return late;
}

export function destinationText(item: Pick<DischargeBoardItemJson, "destination" | "expectedDischargeOn">): string {
  const where = item.destination === null ? "Destination not decided" : DESTINATION_NAMES[item.destination];
  return item.expectedDischargeOn === null ? `${where}; no expected date` : `${where}; expected ${formatCalendarDate(item.expectedDischargeOn)}`;
}

export function keyWorkerText(item: Pick<DischargeBoardItemJson, "keyWorker" | "hasPlan">): string {
  if (!item.hasPlan) return "No plan yet";
  if (item.keyWorker === null) return "No key worker named";
  return [item.keyWorker.name ?? "Not named", item.keyWorker.contact].filter(Boolean).join(", ");
}

/** "Physiotherapy assessment breached by 6 h 0 m", or none waiting. */
export function therapyText(item: Pick<DischargeBoardItemJson, "therapyClocks">, now: number): string[] {
  return item.therapyClocks.length === 0 ? ["No assessment waiting"] : item.therapyClocks.map((c) => describeOpenClock(c, now));
}
